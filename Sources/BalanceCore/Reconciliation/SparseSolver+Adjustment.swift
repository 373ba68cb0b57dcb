/// Step 3 of the sparse solver: S = G V Gᵀ factored by CHOLMOD, x̂, W and the reduced system (``SparseSolver``).
extension SparseSolver {
    /// What the estimation step reuses: the factor with its selected inverse, and the projection as factored (rows
    /// found dependent by their pivots moved out of G).
    struct Factorization {
        var inverse: LaplacianInverse
        var projection: Projection
    }

    /// Assembles S, factors it (dropping numerically dependent rows), and adjusts the measurements.
    /// - Complexity: O(Σ_j |g_j|² + nnz(L) + selected inverse); full covariance O(m² p).
    static func adjust(
        _ problem: LinearProblem, _ projection: Projection, fullCovariance: Bool
    ) throws(LinearAlgebraError) -> (MeasuredAdjustment, Factorization) {
        var projection = projection
        let measured = problem.partition.measured
        let (cholesky, residual, columns) = try factor(problem, &projection)
        let p = projection.g.count
        let lambda = p > 0 ? cholesky.solve(residual) : []
        var chiSquared = 0.0
        for k in 0..<p { chiSquared += residual[k] * lambda[k] }
        let selected = cholesky.selectedInverse()
        let inverse = LaplacianInverse.sparse(cholesky, selected)
        let nm = measured.count
        var values = [Double](repeating: 0, count: nm), adjustments = values, w = values, variances = values
        var redundantMeasured = [Bool](repeating: false, count: nm)
        var cancellation = 1.0
        for (k, j) in measured.enumerated() {
            guard case let .measured(y, sigma) = problem.roles[j] else { continue }
            let v = sigma * sigma
            guard projection.redundant[j] else {
                values[k] = y
                variances[k] = v
                continue
            }
            var gLambda = 0.0, quadratic = 0.0
            for (a, ga) in columns[j] {
                gLambda += ga * lambda[a]
                for (b, gb) in columns[j] { quadratic += ga * gb * (selected[a, b] ?? inverse.entry(a, b)) }
            }
            adjustments[k] = v * gLambda
            values[k] = y - adjustments[k]
            w[k] = v * v * quadratic
            variances[k] = Swift.max(0, v - w[k])
            redundantMeasured[k] = true
            cancellation = Swift.max(cancellation, variances[k] > 0 ? v / variances[k] : .infinity)
        }
        var covariance: Matrix?
        if fullCovariance { covariance = measuredCovariance(problem, measured: measured, columns: columns, cholesky: cholesky, p: p) }
        // Dependent rows must hold with x̂; vanished rows with a non-zero h never do.
        var valueOf = [Double](repeating: 0, count: problem.roles.count)
        for (k, j) in measured.enumerated() { valueOf[j] = values[k] }
        var failing = projection.inconsistent
        for row in projection.dependent {
            var sum = -row.h
            for entry in row.entries { sum += entry.coefficient * valueOf[entry.column] }
            if abs(sum) > GraphSolver.consistencyTolerance * projection.scale { failing.append(row.combination) }
        }
        var balances: [String] = []
        var named = Set<Int>()
        for combination in failing {
            for (row, _) in combination where named.insert(row).inserted { balances.append(problem.constraints.rowLabels[row].id) }
        }
        // The reduced system for the tests: P maps original row i to the reduced rows it takes part in.
        var map = [[(reduced: Int, coefficient: Double)]](repeating: [], count: problem.constraints.rowCount)
        for (k, combination) in projection.combinations.enumerated() {
            for (row, c) in combination { map[row].append((k, c)) }
        }
        var adjustment = MeasuredAdjustment(
            measured: measured, redundant: redundantMeasured, values: values, adjustments: adjustments,
            adjustmentVariances: w, variances: variances, covariance: covariance, chiSquared: chiSquared,
            degreesOfFreedom: p, inconsistentConstraintCount: failing.count,
            reduced: ReducedSystem(projection: .combination(map), factor: .sparse(cholesky), residual: residual))
        adjustment.inconsistentBalances = balances
        let rcond = cholesky.pivotRatio
        adjustment.varianceErrorBound = rcond > 0 ? Double.ulpOfOne / rcond * cancellation : .infinity
        return (adjustment, Factorization(inverse: inverse, projection: projection))
    }

    /// (reduced row, g) for every stream's column of G, rows ascending.
    static func columnsOf(_ projection: Projection, n: Int) -> [[(row: Int, value: Double)]] {
        var columns = [[(row: Int, value: Double)]](repeating: [], count: n)
        for (k, row) in projection.g.enumerated() { for entry in row { columns[entry.column].append((k, entry.coefficient)) } }
        return columns
    }

    /// S = G V Gᵀ in compressed lower columns, factored; rows whose pivot shows them dependent are moved to
    /// ``Projection/dependent`` and S is factored again. Returns the factor, r = G y − h and the columns of the final G.
    static func factor(
        _ problem: LinearProblem, _ projection: inout Projection
    ) throws(LinearAlgebraError) -> (SparseCholesky, [Double], [[(row: Int, value: Double)]]) {
        var attempt = 0
        while true {
            let p = projection.g.count
            let columns = columnsOf(projection, n: problem.roles.count)
            var diagonal = [Double](repeating: 0, count: p)
            var residual = projection.h.map { -$0 }
            var off: [(column: Int, row: Int, value: Double)] = []
            for j in columns.indices where !columns[j].isEmpty {
                guard case let .measured(y, sigma) = problem.roles[j] else { continue }
                let v = sigma * sigma
                let column = columns[j]
                for (a, ga) in column {
                    residual[a] += ga * y
                    diagonal[a] += v * ga * ga
                    for (b, gb) in column where b > a { off.append((a, b, v * ga * gb)) }
                }
            }
            let (pointers, rows, entries) = SparseCholesky.lowerColumns(diagonal: diagonal, offDiagonal: off)
            var weak: [Int] = []
            do {
                let cholesky = try SparseCholesky(
                    order: p, columnPointers: pointers, rowIndices: rows, entries: entries, semidefinite: true)
                weak = cholesky.weakPivots(diagonal: diagonal, tolerance: dependencyTolerance)
                if weak.isEmpty { return (cholesky, residual, columns) }
            } catch where error.routine == "cholmod_factorize" && error.info > 0 {
                    weak = [error.info - 1]
            } catch {
                throw named(error, problem, projection)
            }
            attempt += 1
            guard attempt <= dependencyRetries else {
                var failed = LinearAlgebraError(routine: "cholmod_factorize", info: weak[0] + 1,
                                                context: "the reduced balances stay dependent after \(dependencyRetries) rounds of dropping dependent rows")
                failed = named(failed, problem, projection)
                throw failed
            }
            // Drop every weak row at once: a pivot D_k ≈ 0 says row k lies in the span of the rows factored before it,
            // so the rows with strong pivots span the same space; the next factorisation checks it again.
            let drop = Set(weak)
            for k in weak { projection.dependent.append((projection.g[k], projection.h[k], projection.combinations[k])) }
            let keep = projection.g.indices.filter { !drop.contains($0) }
            projection.g = keep.map { projection.g[$0] }
            projection.h = keep.map { projection.h[$0] }
            projection.combinations = keep.map { projection.combinations[$0] }
            projection.redundant = [Bool](repeating: false, count: problem.roles.count)
            for row in projection.g { for entry in row { projection.redundant[entry.column] = true } }
        }
    }

    /// A factorisation failure with the balances and meters of the reduced row that failed (info = its index + 1).
    static func named(_ error: LinearAlgebraError, _ problem: LinearProblem, _ projection: Projection) -> LinearAlgebraError {
        var failed = error
        guard error.info > 0 && error.info <= projection.g.count else { return failed }
        let k = error.info - 1
        failed.balances = projection.combinations[k].map { problem.constraints.rowLabels[$0.row].id }
        failed.streamIndices = projection.g[k].map(\.column)
        return failed
    }

    /// Cov(x̂_m) = V − V Gᵀ S⁻¹ G V, one solve per redundant stream.
    /// - Complexity: O(m (solve + m · max |g_j|)) time, O(m²) memory.
    static func measuredCovariance(
        _ problem: LinearProblem, measured: [Int], columns: [[(row: Int, value: Double)]], cholesky: SparseCholesky, p: Int
    ) -> Matrix {
        let nm = measured.count
        var c = Matrix(rows: nm, columns: nm)
        var solved = [[Double]](repeating: [], count: nm)
        for (k, j) in measured.enumerated() where !columns[j].isEmpty {
            var g = [Double](repeating: 0, count: p)
            for (a, ga) in columns[j] { g[a] = ga }
            solved[k] = cholesky.solve(g)
        }
        for (k1, j1) in measured.enumerated() {
            let v1 = problem.sigma(j1)! * problem.sigma(j1)!
            c[k1, k1] = v1
            guard !solved[k1].isEmpty else { continue }
            for (k2, j2) in measured.enumerated() where !columns[j2].isEmpty {
                let v2 = problem.sigma(j2)! * problem.sigma(j2)!
                var gSg = 0.0
                for (a, ga) in columns[j2] { gSg += ga * solved[k1][a] }
                c[k1, k2] -= v1 * v2 * gSg
            }
        }
        // Symmetric to the last bit: the mean of the two computed halves.
        for k1 in 0..<nm { for k2 in (k1 + 1)..<nm { let m = (c[k1, k2] + c[k2, k1]) / 2; c[k1, k2] = m; c[k2, k1] = m } }
        return c
    }
}
