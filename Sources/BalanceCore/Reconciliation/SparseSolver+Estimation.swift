/// Step 4 of the sparse solver: the unmeasured streams from their pivot rows, in reverse elimination order
/// (``SparseSolver``).
extension SparseSolver {
    /// u = (h_r − Σ_k a_rk z_k) / a_ru over its pivot row r; observable iff every unmeasured z_k in it is. Its
    /// coefficients on x̂_m expand recursively, c(u) = −(Σ_meas a_rk e_k + Σ_w a_rw c(w)) / a_ru, and
    /// Var(u) = Σ c_k² V_k − dᵀ S⁻¹ d with d = G V c.
    /// - Complexity: O(Σ_u |c(u)| + the elimination-tree reach of each d); with the full covariance O(u m²).
    static func estimate(
        _ problem: LinearProblem, _ original: Projection, _ factorization: Factorization, _ adjustment: MeasuredAdjustment,
        fullCovariance: Bool
    ) throws(LinearAlgebraError) -> UnmeasuredEstimates {
        let projection = factorization.projection, inverse = factorization.inverse
        var estimates = UnmeasuredEstimates(streams: [])
        guard !projection.pivots.isEmpty else { return estimates }
        let n = problem.roles.count
        var value = [Double?](repeating: nil, count: n)
        var measuredPosition = [Int](repeating: -1, count: n)
        for (k, j) in adjustment.measured.enumerated() {
            value[j] = adjustment.values[k]
            measuredPosition[j] = k
        }
        let columns = columnsOf(projection, n: n)
        // c(u) over the measured streams and the *free* unmeasured ones (those no active row contained: their value
        // is arbitrary). u is observable iff its free coefficients cancel — structure alone misleads: a bridge whose
        // pivot row holds a cycle of unmeasured streams, u = w₁ + w₂ with w₁ = m − w₂, is determined.
        var isFree = [Bool](repeating: false, count: n)
        for j in 0..<n where problem.value(j) == nil { isFree[j] = true }
        for pivot in projection.pivots { isFree[pivot.column] = false }
        var coefficients = [[(column: Int, value: Double)]](repeating: [], count: n)
        var accumulator = [Double](repeating: 0, count: n), magnitude = accumulator, touched = [Bool](repeating: false, count: n)
        var rowAccumulator = [Double](repeating: 0, count: projection.g.count)
        var rowTouched = [Bool](repeating: false, count: projection.g.count)
        var workspace = SparseCholesky.Workspace()
        var found: [(stream: Int, value: Double, sigma: Double)] = []
        var provisional = value  // free streams count as 0; they cancel from every observable value
        for j in 0..<n where isFree[j] { provisional[j] = 0 }
        for pivot in projection.pivots.reversed() {
            let u = pivot.column
            guard let a = coefficient(pivot.entries, u) else { continue }
            var sum = pivot.h
            var used: [Int] = []
            func add(_ column: Int, _ c: Double) {
                if !touched[column] { touched[column] = true; used.append(column) }
                accumulator[column] += c
                magnitude[column] += abs(c)
            }
            for entry in pivot.entries where entry.column != u {
                sum -= entry.coefficient * (provisional[entry.column] ?? 0)
                if measuredPosition[entry.column] >= 0 || isFree[entry.column] {
                    add(entry.column, -entry.coefficient / a)
                } else {
                    for (k, c) in coefficients[entry.column] { add(k, -entry.coefficient * c / a) }
                }
            }
            used.sort()
            var c: [(column: Int, value: Double)] = []
            c.reserveCapacity(used.count)
            var observable = true
            for k in used {
                if abs(accumulator[k]) > cancellationTolerance * magnitude[k] {
                    c.append((k, accumulator[k]))
                    if isFree[k] { observable = false }
                }
                accumulator[k] = 0
                magnitude[k] = 0
                touched[k] = false
            }
            provisional[u] = sum / a
            coefficients[u] = c
            guard observable else { continue }
            value[u] = sum / a
            // Var(u) = Σ c_k² V_k − dᵀ S⁻¹ d, d = Σ_k c_k V_k g_k (redundant k).
            var variance = 0.0
            var rowsUsed: [Int] = []
            for (k, ck) in c {
                guard case let .measured(_, sigma) = problem.roles[k] else { continue }
                let v = sigma * sigma
                variance += ck * ck * v
                for (row, g) in columns[k] {
                    if !rowTouched[row] { rowTouched[row] = true; rowsUsed.append(row) }
                    rowAccumulator[row] += ck * v * g
                }
            }
            rowsUsed.sort()
            var d: [(key: Int, value: Double)] = []
            d.reserveCapacity(rowsUsed.count)
            for row in rowsUsed {
                d.append((row, rowAccumulator[row]))
                rowAccumulator[row] = 0
                rowTouched[row] = false
            }
            variance -= inverse.quadratic(d, workspace: &workspace)
            found.append((u, value[u]!, Swift.max(0, variance).squareRoot()))
        }
        // Model order, as the other solvers report them.
        found.sort { $0.stream < $1.stream }
        estimates.streams = found
        guard fullCovariance, let cm = adjustment.covariance else { return estimates }
        let nm = adjustment.measured.count
        var rows: [[Double]] = []
        for estimate in found {
            var row = [Double](repeating: 0, count: nm)
            for (k, ck) in coefficients[estimate.stream] where measuredPosition[k] >= 0 {
                let pk = measuredPosition[k]
                for l in 0..<nm { row[l] += ck * cm[pk, l] }
            }
            rows.append(row)
        }
        estimates.covarianceWithMeasured = rows
        estimates.covarianceAmong = found.indices.map { b1 in
            found.map { other in
                var sum = 0.0
                for (k, ck) in coefficients[other.stream] where measuredPosition[k] >= 0 { sum += ck * rows[b1][measuredPosition[k]] }
                return sum
            }
        }
        return estimates
    }
}
