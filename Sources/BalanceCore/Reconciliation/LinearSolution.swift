/// The reduced constraint system G x_m = h as the statistical tests, the gross-error engine and the
/// meter advice see it, whatever solver produced it (RECONCILIATION.md §2–3): how a vector of the
/// constraint space maps into it, products with S⁻¹ (S = G V Gᵀ), and the residual r = G y − h.
/// A dense Cholesky factor implements it today (``ReducedSystem``); a sparse factor is the next.
protocol ReducedSpace: Sendable {
    /// p, the number of independent reduced constraints.
    var dimension: Int { get }
    /// r = G y − h.
    var residual: [Double] { get }
    /// P·a for a sparse vector a of the constraint space, given as (row, value) pairs.
    func project(_ entries: [(row: Int, value: Double)]) -> [Double]
    /// B ← S⁻¹ B for a p × k matrix B.
    func solve(_ b: inout Matrix) throws(LinearAlgebraError)
    /// L⁻¹ v for the lower Cholesky factor L of S (so that vᵀ S⁻¹ v = ‖L⁻¹ v‖²).
    func whiten(_ v: [Double]) -> [Double]
}

/// The reduced system with a dense Cholesky factor of S, from the dense and the graph solvers.
struct ReducedSystem: ReducedSpace {
    /// The linear map P from constraint space (rows of A) to the p independent reduced constraints.
    enum Projection: Sendable {
        /// Row i of A adds to reduced row `map[i]` (−1: to none). Flow networks (sums of node balances)
        /// and problems without unmeasured streams (a selection of rows).
        case aggregation([Int])
        /// A dense p × m matrix: the kept rows of Q₂ᵀ of the QR projection.
        case dense(Matrix)
        /// Sparse combinations from the sparse solver's elimination: for each row i of A, the reduced rows it
        /// enters with their coefficients (P stored by columns).
        case combination([[(reduced: Int, coefficient: Double)]])
    }

    /// P.
    var projection: Projection
    /// The factor of S: dense lower Cholesky L (p × p; empty when p = 0), or the sparse LDLᵀ of CHOLMOD.
    enum Factor: @unchecked Sendable {
        case dense(Matrix)
        case sparse(SparseCholesky)
    }

    /// The factor of S.
    let factor: Factor
    /// r = G y − h.
    var residual: [Double]

    init(projection: Projection, factor: Matrix, residual: [Double]) {
        self.init(projection: projection, factor: .dense(factor), residual: residual)
    }

    init(projection: Projection, factor: Factor, residual: [Double]) {
        self.projection = projection
        self.factor = factor
        self.residual = residual
    }

    /// Whether S was factored sparsely (CHOLMOD).
    var isSparse: Bool {
        if case .sparse = factor { return true }
        return false
    }

    var dimension: Int {
        switch factor {
        case let .dense(l): return l.rows
        case let .sparse(cholesky): return cholesky.n
        }
    }

    func project(_ entries: [(row: Int, value: Double)]) -> [Double] {
        var out = [Double](repeating: 0, count: dimension)
        switch projection {
        case let .aggregation(map):
            for (row, value) in entries where map[row] >= 0 { out[map[row]] += value }
        case let .dense(p):
            for (row, value) in entries where value != 0 {
                for k in 0..<dimension { out[k] += p[k, row] * value }
            }
        case let .combination(columns):
            for (row, value) in entries where value != 0 {
                for (k, c) in columns[row] { out[k] += c * value }
            }
        }
        return out
    }

    func solve(_ b: inout Matrix) throws(LinearAlgebraError) {
        guard dimension > 0 else { return }
        switch factor {
        case let .dense(l):
            try LAPACK.choleskySolve(factor: l, &b)
        case let .sparse(cholesky):
            for c in 0..<b.columns {
                let x = cholesky.solve((0..<b.rows).map { b[$0, c] })
                for r in 0..<b.rows { b[r, c] = x[r] }
            }
        }
    }

    func whiten(_ v: [Double]) -> [Double] {
        guard case let .dense(factor) = factor else {
            if case let .sparse(cholesky) = factor { return dimension > 0 ? cholesky.whiten(v) : v }
            return v
        }
        var y = v
        for i in 0..<dimension {
            var sum = y[i]
            for k in 0..<i { sum -= factor[i, k] * y[k] }
            y[i] = sum / factor[i, i]
        }
        return y
    }
}

/// The numerical solution of a ``LinearProblem``: reconciled values, their uncertainties, the
/// classification, and the reduced constraint system the statistical tests work on.
///
/// Indices are stream indices in model order. Values of unobservable streams are `nil`.
package struct LinearSolution: Sendable {
    /// Reconciled (measured), estimated (observable) or given (fixed, nonredundant) values; `nil` when unobservable.
    package var values: [Double?]
    /// Standard uncertainty of each value; `nil` when unobservable.
    package var sigmas: [Double?]
    /// Classification of each stream.
    package var classifications: [StreamClassification]
    /// Variance of the adjustment, W_ii = (V Gᵀ S⁻¹ G V)_ii, for redundant measured streams; `nil` otherwise.
    package var adjustmentVariances: [Double?]
    /// Global test statistic γ = rᵀ S⁻¹ r, r = G y − h (RECONCILIATION.md §5).
    package var chiSquared: Double
    /// Degrees of freedom p = rank of the reduced constraint matrix G — never the node count.
    package var degreesOfFreedom: Int
    /// Covariance of all values (streams × streams); NaN rows/columns for unobservable streams,
    /// zero for fixed ones. `nil` when only the diagonal was computed (large networks).
    package var covariance: Matrix?
    /// Constraint rows whose reduced residual is not zero although no measurement can absorb it
    /// (conflicting fixed values or constants); empty when the constraints are consistent.
    package var inconsistentConstraintCount: Int
    /// The balances involved in the inconsistent rows, for messages.
    package internal(set) var inconsistentBalances: [String] = []
    /// The reduced system, for gross-error tests and meter advice.
    var reduced: ReducedSystem
    /// A bound on the relative error of the variances (0 when the solver's form loses no digits).
    package internal(set) var varianceErrorBound: Double = 0
    /// The solver that produced this solution (``ReconciliationOptions/Solver/dense`` or ``ReconciliationOptions/Solver/graph``).
    package internal(set) var solver: ReconciliationOptions.Solver = .dense

    /// y_i − x̂_i as the solver computed it, for measured streams (0 when nonredundant), `nil` otherwise.
    /// Kept apart from ``values``: an adjustment far below the last digit of y (a σ 10⁻⁹ of the value)
    /// would be lost in y − x̂ recomputed from the rounded x̂.
    var adjustmentsFromSolver: [Double?] = []

    /// Measurement test statistic z_i = (y_i − x̂_i)/√W_ii for redundant measured stream `j`, else `nil`.
    package func z(_ j: Int, measured: Double?) -> Double? {
        guard let w = adjustmentVariances[j], w > 0, let y = measured, let x = values[j] else { return nil }
        let difference = j < adjustmentsFromSolver.count ? adjustmentsFromSolver[j] ?? (y - x) : y - x
        return difference / w.squareRoot()
    }
}
