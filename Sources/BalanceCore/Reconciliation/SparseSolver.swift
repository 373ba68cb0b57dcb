/// Reconciliation of general sparse linear constraints — flow networks *with relations* — and independent errors,
/// for problems too large for the dense QR projection (RECONCILIATION.md §11.3; issue 12).
///
/// 1. **Projection by sparse elimination.** Fixed streams move to the right-hand side. Each unmeasured stream u is
///    eliminated, in minimum-degree order (fewest active rows first), by a pivot row r that contains it: threshold
///    partial pivoting (|a_ru| ≥ ``pivotThreshold`` · max_i |a_iu|, then the shortest row), and every other row i
///    containing u becomes row_i − (a_iu/a_ru) row_r. The pivot row is set aside as u's definition
///    a_ru u + Σ a_rk z_k = h_r (z_k measured, or unmeasured and eliminated later). Row operations are invertible,
///    so the remaining rows G x_m = h, free of unmeasured streams, are an exact replacement for Q₂ᵀ A (Crowe,
///    Garcia Campos & Hrymak 1983 reach the same space with a projection matrix; Kretsovalis & Mah 1987 with graph
///    contraction, which this reduces to on a flow network: adding two node rows is merging the nodes).
///    An unmeasured stream that no active row contains when its turn comes is unobservable.
/// 2. **Dependent rows.** In each connected component of G (rows sharing a stream) whose rows sum to zero — the
///    balances of a group of nodes closed to the environment — one row is dropped (structurally, as the graph
///    solver does); any further dependency shows as a pivot of the LDLᵀ factor below ``dependencyTolerance`` · S_kk
///    and that row is dropped too. Dropped rows are checked for consistency with x̂ (``GraphSolver/consistencyTolerance``).
/// 3. **Adjustment.** S = G V Gᵀ is assembled in compressed columns (O(Σ_j |g_j|²)) and factored by CHOLMOD
///    (``SparseCholesky``, AMD ordering). λ = S⁻¹ r with r = G y − h, x̂ = y − V Gᵀ λ, γ = rᵀ λ, and
///    W_ii = V_i² g_iᵀ S⁻¹ g_i from the Takahashi selected inverse: the pairs of rows of one column g_i are
///    adjacent in S, hence on the factor's pattern — the dense inverse is never formed.
/// 4. **Estimation.** The pivot rows in reverse order give each observable u = c₀ + cᵀ x̂_m (c sparse), and
///    Var(u) = Σ c_k² V_k − dᵀ S⁻¹ d with d = G V c (a forward solve over the elimination-tree reach of d).
///
/// With `fullCovariance` (small problems only) Cov(x̂_i, x̂_j) = V_i δ_ij − V_i V_j g_iᵀ S⁻¹ g_j by one solve per
/// redundant stream, and the unmeasured rows by linear propagation.
///
/// - Complexity: elimination O(Σ row lengths touched) — linear on networks whose unmeasured streams form small
///   clusters, O(k²) for a cluster of k merged rows; S and L in O(nnz(L)) memory; estimation O(Σ_u |c(u)| + reach).
///   Full covariance O(m² p).
/// - Caveat: Var(x̂_i) = V_i − W_ii loses about ε κ(S) V_i / Var(x̂_i) of relative accuracy, like the graph solver;
///   the bound is reported (``MeasuredAdjustment/varianceErrorBound``) from CHOLMOD's pivot ratio.
enum SparseSolver: LinearSolverSteps {
    /// Threshold partial pivoting: a pivot at least this share of the largest |a_iu| in its column (Duff, Erisman &
    /// Reid, *Direct Methods for Sparse Matrices*, §7.8; 0.1 is their usual choice between fill and growth).
    static let pivotThreshold = 0.1
    /// An entry that a row operation leaves below this × the magnitude of the terms that formed it is cancellation:
    /// it is removed (exact cancellation of ±1 flows is the common case; this catches the rounded ones).
    static let cancellationTolerance = 1e-12
    /// A pivot D_k ≤ this × S_kk marks row k as dependent on the rows factored before it.
    static let dependencyTolerance = 1e-10
    /// How many times a factorisation is repeated after dropping numerically dependent rows.
    static let dependencyRetries = 20

    /// Independent errors: V diagonal (correlated errors need the dense projection).
    static func canSolve(_ problem: LinearProblem) -> Bool { problem.covariance == nil }

    typealias Entry = ConstraintSystem.Entry
    /// A linear combination of original constraint rows (row index, coefficient), by row.
    typealias Combination = [(row: Int, coefficient: Double)]

    /// What the projection leaves: G, h, the combination of original rows behind each reduced row, the pivot rows.
    struct Projection {
        /// Reduced rows (measured streams only), kept ones first in ``kept``.
        var g: [[Entry]] = []
        var h: [Double] = []
        var combinations: [Combination] = []
        /// Rows set aside as dependent (with their h), checked for consistency after the adjustment.
        var dependent: [(entries: [Entry], h: Double, combination: Combination)] = []
        /// Rows that vanished with a non-zero right-hand side: inconsistent whatever x̂ (their combinations).
        var inconsistent: [Combination] = []
        /// Per stream: measured and in some kept reduced row.
        var redundant: [Bool] = []
        /// Elimination order: the unmeasured stream, its pivot row (the stream's own entry included) and h.
        var pivots: [(column: Int, entries: [Entry], h: Double)] = []
        /// Largest |y| or |fixed value| (at least 1): the scale of the consistency checks.
        var scale = 1.0
    }

    // MARK: Step 1 — sparse elimination of the unmeasured streams

    static func project(_ problem: LinearProblem) throws(LinearAlgebraError) -> Projection {
        let n = problem.constraints.columnCount
        let rowCount = problem.constraints.rowCount
        var isUnmeasured = [Bool](repeating: false, count: n)
        var scale = 1.0
        for j in 0..<n {
            switch problem.roles[j] {
            case .unmeasured: isUnmeasured[j] = true
            case let .measured(value, _), let .fixed(value): scale = Swift.max(scale, abs(value))
            }
        }
        // Rows without the fixed streams (moved to h); each row starts as itself.
        var rows = [[Entry]](repeating: [], count: rowCount)
        var h = problem.constraints.constants
        var combinations = [Combination](repeating: [], count: rowCount)
        var rowsOf = [[Int]](repeating: [], count: n)  // unmeasured column → rows that may contain it
        for i in 0..<rowCount {
            var row: [Entry] = []
            row.reserveCapacity(problem.constraints.rows[i].count)
            for entry in problem.constraints.rows[i] {
                if case let .fixed(value) = problem.roles[entry.column] {
                    h[i] -= entry.coefficient * value
                } else {
                    row.append(entry)
                    if isUnmeasured[entry.column] { rowsOf[entry.column].append(i) }
                }
            }
            rows[i] = row
            combinations[i] = [(i, 1)]
        }
        var active = [Bool](repeating: true, count: rowCount)
        var heap = MinHeap()
        for j in 0..<n where isUnmeasured[j] { heap.push(count: rowsOf[j].count, column: j) }
        var eliminated = [Bool](repeating: false, count: n)
        var projection = Projection()
        projection.scale = scale

        /// The active rows that contain column u, each once, ascending (and the list compacted to them).
        func activeRows(_ u: Int) -> [Int] {
            var list = rowsOf[u].filter { active[$0] && coefficient(rows[$0], u) != nil }
            list.sort()
            var unique: [Int] = []
            unique.reserveCapacity(list.count)
            for i in list where unique.last != i { unique.append(i) }
            rowsOf[u] = unique
            return unique
        }

        while let (count, u) = heap.pop() {
            guard !eliminated[u] else { continue }
            let candidates = activeRows(u)
            if candidates.count != count {  // a stale count: back in the queue with the true one
                heap.push(count: candidates.count, column: u)
                continue
            }
            eliminated[u] = true
            guard !candidates.isEmpty else { continue }  // in no active row: unobservable
            var largest = 0.0
            for i in candidates { largest = Swift.max(largest, abs(coefficient(rows[i], u)!)) }
            var pivot = -1
            for i in candidates where abs(coefficient(rows[i], u)!) >= pivotThreshold * largest {
                if pivot < 0 || rows[i].count < rows[pivot].count { pivot = i }
            }
            let pivotRow = rows[pivot]
            let pivotCoefficient = coefficient(pivotRow, u)!
            active[pivot] = false
            projection.pivots.append((u, pivotRow, h[pivot]))
            for i in candidates where i != pivot {
                let factor = coefficient(rows[i], u)! / pivotCoefficient
                rows[i] = combine(rows[i], pivotRow, factor: factor, removing: u)
                h[i] -= factor * h[pivot]
                combinations[i] = combine(combinations[i], combinations[pivot], factor: factor)
                for entry in pivotRow where isUnmeasured[entry.column] && entry.column != u {
                    rowsOf[entry.column].append(i)
                }
            }
            for entry in pivotRow where isUnmeasured[entry.column] && !eliminated[entry.column] {
                heap.push(count: rowsOf[entry.column].count, column: entry.column)
            }
            rows[pivot] = []
            combinations[pivot] = []
        }

        // Step 2: the reduced rows; empty ones are consistent or not; structurally dependent groups lose one row.
        var kept: [Int] = []
        for i in 0..<rowCount where active[i] {
            if rows[i].isEmpty {
                if abs(h[i]) > GraphSolver.consistencyTolerance * scale { projection.inconsistent.append(combinations[i]) }
            } else {
                kept.append(i)
            }
        }
        // Groups over the rows made of node balances only (a relation in a group would hide a closed subgroup of
        // nodes; dependencies that involve relations show in the factor's pivots instead).
        var isFlowRow = [Bool](repeating: true, count: kept.count)
        for (k, i) in kept.enumerated() {
            isFlowRow[k] = combinations[i].allSatisfy { if case .node = problem.constraints.rowLabels[$0.row] { true } else { false } }
        }
        var firstRowOf = [Int](repeating: -1, count: n)
        var groups = UnionFind(count: kept.count)
        for (k, i) in kept.enumerated() where isFlowRow[k] {
            for entry in rows[i] {
                if firstRowOf[entry.column] < 0 { firstRowOf[entry.column] = k } else { groups.union(firstRowOf[entry.column], k) }
            }
        }
        // A group is closed when every column sums to zero over its rows.
        var columnSum = [Double](repeating: 0, count: n), columnMagnitude = columnSum
        for (k, i) in kept.enumerated() where isFlowRow[k] {
            for entry in rows[i] {
                columnSum[entry.column] += entry.coefficient
                columnMagnitude[entry.column] = Swift.max(columnMagnitude[entry.column], abs(entry.coefficient))
            }
        }
        var open = isFlowRow.map { !$0 }  // relation rows never close a group
        for j in 0..<n where firstRowOf[j] >= 0 && abs(columnSum[j]) > cancellationTolerance * columnMagnitude[j] {
            open[groups.find(firstRowOf[j])] = true
        }
        var droppedGroup = [Bool](repeating: false, count: kept.count)
        var groupSum = [Double](repeating: 0, count: kept.count)
        for (k, i) in kept.enumerated() where isFlowRow[k] && !open[groups.find(k)] { groupSum[groups.find(k)] += h[i] }
        for (k, i) in kept.enumerated() {
            let root = groups.find(k)
            if isFlowRow[k] && !open[root] && !droppedGroup[root] {
                droppedGroup[root] = true  // the first row of a closed group depends on the others
                if abs(groupSum[root]) > GraphSolver.consistencyTolerance * scale {
                    projection.inconsistent.append(combinations[i])
                }
                continue
            }
            projection.g.append(rows[i])
            projection.h.append(h[i])
            projection.combinations.append(combinations[i])
        }
        projection.redundant = [Bool](repeating: false, count: n)
        for row in projection.g { for entry in row { projection.redundant[entry.column] = true } }
        return projection
    }

    /// The coefficient of column u in a row sorted by column, by binary search.
    static func coefficient(_ row: [Entry], _ u: Int) -> Double? {
        var low = 0, high = row.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if row[mid].column == u { return row[mid].coefficient }
            if row[mid].column < u { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }

    /// a − factor · b for rows sorted by column, without column `removing` and without cancelled entries.
    /// - Complexity: O(|a| + |b|).
    static func combine(_ a: [Entry], _ b: [Entry], factor: Double, removing: Int) -> [Entry] {
        var out: [Entry] = []
        out.reserveCapacity(a.count + b.count)
        var p = 0, q = 0
        while p < a.count || q < b.count {
            let ca = p < a.count ? a[p].column : Int.max, cb = q < b.count ? b[q].column : Int.max
            let column = Swift.min(ca, cb)
            var value = 0.0, magnitude = 0.0
            if ca == column { value += a[p].coefficient; magnitude += abs(a[p].coefficient); p += 1 }
            if cb == column { let t = factor * b[q].coefficient; value -= t; magnitude += abs(t); q += 1 }
            if column == removing || abs(value) <= cancellationTolerance * magnitude { continue }
            out.append(Entry(column: column, coefficient: value))
        }
        return out
    }

    /// a − factor · b for combinations of original rows sorted by row.
    static func combine(_ a: Combination, _ b: Combination, factor: Double) -> Combination {
        var out: Combination = []
        out.reserveCapacity(a.count + b.count)
        var p = 0, q = 0
        while p < a.count || q < b.count {
            let ra = p < a.count ? a[p].row : Int.max, rb = q < b.count ? b[q].row : Int.max
            let row = Swift.min(ra, rb)
            var value = 0.0, magnitude = 0.0
            if ra == row { value += a[p].coefficient; magnitude += abs(a[p].coefficient); p += 1 }
            if rb == row { let t = factor * b[q].coefficient; value -= t; magnitude += abs(t); q += 1 }
            if abs(value) <= cancellationTolerance * magnitude { continue }
            out.append((row, value))
        }
        return out
    }

    /// A binary min-heap of (count, column), ties by column: the elimination order is the same on every run.
    struct MinHeap {
        private var items: [(count: Int, column: Int)] = []
        private static func less(_ a: (count: Int, column: Int), _ b: (count: Int, column: Int)) -> Bool {
            a.count != b.count ? a.count < b.count : a.column < b.column
        }
        mutating func push(count: Int, column: Int) {
            items.append((count, column))
            var child = items.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.less(items[child], items[parent]) else { break }
                items.swapAt(child, parent)
                child = parent
            }
        }
        mutating func pop() -> (Int, Int)? {
            guard let top = items.first else { return nil }
            let last = items.removeLast()
            if !items.isEmpty {
                items[0] = last
                var parent = 0
                while true {
                    let left = 2 * parent + 1, right = left + 1
                    var smallest = parent
                    if left < items.count && Self.less(items[left], items[smallest]) { smallest = left }
                    if right < items.count && Self.less(items[right], items[smallest]) { smallest = right }
                    guard smallest != parent else { break }
                    items.swapAt(parent, smallest)
                    parent = smallest
                }
            }
            return (top.count, top.column)
        }
    }
}
