/// The reduced constraint system G x_m = h that the statistical tests work on (RECONCILIATION.md §2–3):
/// how a vector of the constraint space (one entry per row of A) maps into the reduced space, the
/// Cholesky factor of S = G V Gᵀ, and the residual r = G y − h.
public struct ReducedSystem: Sendable {
    /// The linear map P from constraint space (rows of A) to the p independent reduced constraints.
    public enum Projection: Sendable {
        /// Row i of A adds to reduced row `map[i]` (−1: to none). Flow networks (sums of node balances)
        /// and problems without unmeasured streams (a selection of rows).
        case aggregation([Int])
        /// A dense p × m matrix: the kept rows of Q₂ᵀ of the QR projection.
        case dense(Matrix)
    }

    /// P.
    public var projection: Projection
    /// Lower Cholesky factor L of S (p × p); empty when p = 0.
    public var factor: Matrix
    /// r = G y − h.
    public var residual: [Double]

    /// p, the number of independent reduced constraints.
    public var dimension: Int { factor.rows }

    /// P·a for a sparse vector a of the constraint space, given as (row, value) pairs.
    public func project(_ entries: [(row: Int, value: Double)]) -> [Double] {
        var out = [Double](repeating: 0, count: dimension)
        switch projection {
        case let .aggregation(map):
            for (row, value) in entries where map[row] >= 0 { out[map[row]] += value }
        case let .dense(p):
            for (row, value) in entries where value != 0 {
                for k in 0..<dimension { out[k] += p[k, row] * value }
            }
        }
        return out
    }
}

/// The numerical solution of a ``LinearProblem``: reconciled values, their uncertainties, the
/// classification, and the reduced constraint system the statistical tests work on.
///
/// Indices are stream indices in model order. Values of unobservable streams are `nil`.
public struct LinearSolution: Sendable {
    /// Reconciled (measured), estimated (observable) or given (fixed, nonredundant) values; `nil` when unobservable.
    public var values: [Double?]
    /// Standard uncertainty of each value; `nil` when unobservable.
    public var sigmas: [Double?]
    /// Classification of each stream.
    public var classifications: [StreamClassification]
    /// Variance of the adjustment, W_ii = (V Gᵀ S⁻¹ G V)_ii, for redundant measured streams; `nil` otherwise.
    public var adjustmentVariances: [Double?]
    /// Global test statistic γ = rᵀ S⁻¹ r, r = G y − h (RECONCILIATION.md §5).
    public var chiSquared: Double
    /// Degrees of freedom p = rank of the reduced constraint matrix G — never the node count.
    public var degreesOfFreedom: Int
    /// Rank of the unmeasured part A_u of the constraint matrix.
    public var unmeasuredRank: Int
    /// Covariance of all values (streams × streams); NaN rows/columns for unobservable streams,
    /// zero for fixed ones. `nil` when only the diagonal was computed (large networks).
    public var covariance: Matrix?
    /// The reduced constraints: residuals r_k and their variances S_kk, one per independent reduced constraint.
    public var reducedResiduals: [Double]
    /// Diagonal of S = G V Gᵀ, the variances of ``reducedResiduals``.
    public var reducedResidualVariances: [Double]
    /// Constraint rows whose reduced residual is not zero although no measurement can absorb it
    /// (conflicting fixed values or constants); empty when the constraints are consistent.
    public var inconsistentConstraintCount: Int
    /// The reduced system, for gross-error tests and meter advice.
    public var reduced: ReducedSystem
    /// The solver that produced this solution (``ReconciliationOptions/Solver/dense`` or ``ReconciliationOptions/Solver/graph``).
    public internal(set) var solver: ReconciliationOptions.Solver = .dense

    /// y_i − x̂_i as the solver computed it, for measured streams (0 when nonredundant), `nil` otherwise.
    /// Kept apart from ``values``: an adjustment far below the last digit of y (a σ 10⁻⁹ of the value)
    /// would be lost in y − x̂ recomputed from the rounded x̂.
    var adjustmentsFromSolver: [Double?] = []

    /// Measurement test statistic z_i = (y_i − x̂_i)/√W_ii for redundant measured stream `j`, else `nil`.
    public func z(_ j: Int, measured: Double?) -> Double? {
        guard let w = adjustmentVariances[j], w > 0, let y = measured, let x = values[j] else { return nil }
        let difference = j < adjustmentsFromSolver.count ? adjustmentsFromSolver[j] ?? (y - x) : y - x
        return difference / w.squareRoot()
    }
}
