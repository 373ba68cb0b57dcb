/// The sparse factorisation of the graph solver (issue 12): for networks whose reduced Laplacian S = G V Gᵀ is large,
/// S is assembled in compressed columns (O(streams)), factored by CHOLMOD with a fill-reducing ordering
/// (``SparseCholesky``), and the entries of S⁻¹ that the variances need — S⁻¹_aa, S⁻¹_bb, S⁻¹_ab for the two
/// super-nodes a, b of every redundant measured stream, all on the pattern of S — come from the Takahashi selected
/// inverse. Memory is O(nnz(L)) instead of the dense 2 p² (S and S⁻¹).
extension GraphSolver {
    /// Above this many reduced balances (and without a full covariance) the automatic choice factors S sparsely.
    /// Below it the dense factor is exact to the last digits of its condition estimate and fast enough (p = 1,500:
    /// about 0.1 s for dpotrf + dpotri).
    static let sparseOrder = 1500
    /// The automatic choice factors densely when the ordering predicts nnz(L) above this share of p² (and the dense
    /// arrays fit the memory budget). Measured on a random 10,000-stream network (p = 3,024, predicted fill 4.7 % of
    /// p²): sparse 1.2 s, dense 4.6 s (both with a fuzzer on the other core) — sparse wins until fill is near dense.
    static let denseFillShare = 0.25

    /// S in compressed lower-triangular columns, factored; `residual` gets the measured part G y.
    static func sparseLaplacian(
        _ problem: LinearProblem, _ projection: Projection, residual: inout [Double], maximumFill: Double = .infinity
    ) throws(LinearAlgebraError) -> (cholesky: SparseCholesky, rcondEstimate: Double) {
        let p = projection.p
        var diagonal = [Double](repeating: 0, count: p)
        // Off-diagonal entries (row > column) as (column, row, value), merged after sorting: deterministic order.
        var off: [(column: Int, row: Int, value: Double)] = []
        for j in 0..<problem.constraints.columnCount where projection.redundant[j] {
            guard case let .measured(y, sigma) = problem.roles[j] else { continue }
            let v = sigma * sigma
            let (ra, rb) = projection.rows(of: j)
            if rb >= 0 { diagonal[rb] += v; residual[rb] += y }
            if ra >= 0 { diagonal[ra] += v; residual[ra] -= y }
            if ra >= 0 && rb >= 0 && ra != rb { off.append((Swift.min(ra, rb), Swift.max(ra, rb), -v)) }
        }
        let (pointers, rows, entries) = SparseCholesky.lowerColumns(diagonal: diagonal, offDiagonal: off)
        let cholesky: SparseCholesky
        do {
            cholesky = try SparseCholesky(order: p, columnPointers: pointers, rowIndices: rows, entries: entries, maximumFill: maximumFill)
        } catch where error.routine == SparseCholesky.tooMuchFill {
            throw error
        } catch {
            throw named(error, problem, projection)
        }
        // A cheap reciprocal condition estimate, min D / max D of the LDLᵀ factor (CHOLMOD's own rcond): a lower
        // bound of κ's order, not κ₁ itself — the sparse path reports its σ error bound from it.
        return (cholesky, cholesky.pivotRatio)
    }

    /// A factorisation failure with the balances and meters of the reduced row that failed (info = its 1-based
    /// index in the unpermuted order).
    static func named(_ error: LinearAlgebraError, _ problem: LinearProblem, _ projection: Projection) -> LinearAlgebraError {
        var failed = error
        guard error.info > 0 else { return failed }
        let k = error.info - 1
        let vertices = (1..<projection.vertexCount).filter { v in
            projection.superOf[v] >= 0 && projection.row[projection.superOf[v]] == k
        }
        failed.balances = vertices.map { problem.constraints.rowLabels[$0 - 1].id }
        failed.streamIndices = (0..<problem.constraints.columnCount).filter { j in
            guard projection.redundant[j], case .measured = problem.roles[j] else { return false }
            let (ra, rb) = projection.rows(of: j)
            return ra == k || rb == k
        }
        return failed
    }
}

/// What the estimation step of the graph solver needs of S⁻¹: the dense inverse (small networks) or the sparse
/// factor with its selected inverse (large ones).
enum LaplacianInverse {
    case dense(Matrix)
    case sparse(SparseCholesky, SelectedInverse)

    /// S⁻¹_ab (0 when a or b is −1, the environment). Off the factor's pattern the sparse form solves for column b.
    /// - Complexity: dense O(1); sparse O(log) on the pattern, O(nnz(L)) off it.
    func entry(_ a: Int, _ b: Int) -> Double {
        guard a >= 0 && b >= 0 else { return 0 }
        switch self {
        case let .dense(inverse): return inverse[a, b]
        case let .sparse(cholesky, selected):
            if let z = selected[a, b] { return z }
            var unit = [Double](repeating: 0, count: cholesky.n)
            unit[b] = 1
            return cholesky.solve(unit)[a]
        }
    }

    /// dᵀ S⁻¹ d for a sparse d given as (row, value) pairs in row order.
    /// - Complexity: dense O(|d|²); sparse O(|d|² log) when every pair is on the pattern, else one solve.
    func quadratic(_ d: [(key: Int, value: Double)], workspace: inout SparseCholesky.Workspace) -> Double {
        switch self {
        case let .dense(inverse):
            var sum = 0.0
            for (a, da) in d { for (b, db) in d { sum += da * inverse[a, b] * db } }
            return sum
        case let .sparse(cholesky, selected):
            var sum = 0.0
            var onPattern = true
            outer: for (a, da) in d {
                for (b, db) in d {
                    guard let z = selected[a, b] else { onPattern = false; break outer }
                    sum += da * z * db
                }
            }
            if onPattern { return sum }
            // Off the pattern: the forward solve over the elimination-tree reach of d only.
            return cholesky.quadraticForm(d.map { (index: $0.key, value: $0.value) }, workspace: &workspace)
        }
    }
}

extension GraphSolver {
    /// The graph solver with its factorisation forced: `sparse` true (CHOLMOD), false (dense), `nil` (by size).
    /// - Complexity: as ``LinearSolverSteps/solve(_:fullCovariance:)``, with O(nnz(L)) memory when sparse.
    static func solve(_ problem: LinearProblem, fullCovariance: Bool, sparse: Bool?) throws(LinearAlgebraError) -> LinearSolution {
        let projection = try project(problem)
        let (adjustment, inverse) = try adjust(problem, projection, fullCovariance: fullCovariance, sparse: sparse)
        let estimates = try estimate(problem, projection, inverse, adjustment, fullCovariance: fullCovariance)
        return SolutionAssembly.assemble(problem, adjustment: adjustment, estimates: estimates, fullCovariance: fullCovariance)
    }
}
