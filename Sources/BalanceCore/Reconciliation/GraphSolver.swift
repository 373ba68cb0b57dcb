/// Reconciliation of pure flow networks by graph reduction (RECONCILIATION.md §4, §8), for large
/// networks where the dense projection would cost O(m³) time and O(m n) memory.
///
/// Everything outside the boundary and every unbalanced node form one *environment* vertex.
/// 1. The end vertices of every unmeasured stream are merged (union-find) into *super-nodes*; the sum
///    of the balances of a super-node not containing the environment is free of unmeasured streams.
///    These sums span the left null space of A_u, so they are an exact replacement for Q₂ᵀ A.
/// 2. A measured stream whose two ends fall into one super-node is nonredundant (a self-loop).
/// 3. G is the incidence matrix of the contracted graph; in each connected component of it that does
///    not reach the environment one row is dependent and dropped: p = rank(G) is the dof.
/// 4. S = G V Gᵀ is a grounded weighted graph Laplacian, assembled in O(n) and factored densely
///    (`dpotrf`); W_ii = V_i² (S⁻¹_aa + S⁻¹_bb − 2 S⁻¹_ab) from S⁻¹ (`dpotri`).
/// 5. An unmeasured stream is observable iff it is a bridge of the unmeasured subgraph (it lies on no
///    cycle). Its value is the measured net flow into the side of the bridge away from the
///    environment (subtree sums of a DFS), its variance cᵀ Cov(x̂) c for the crossing streams c.
///
/// With `fullCovariance` the whole covariance is assembled from the same pieces,
/// Cov(x̂_i, x̂_j) = V_i δ_ij − V_i V_j g_iᵀ S⁻¹ g_j (g_i has at most two non-zeros), and for a
/// bridge u = ±Σ c_k x̂_k by linear propagation; otherwise only the diagonal is computed
/// (``LinearSolution/covariance`` is `nil`), which keeps memory linear for large networks.
/// Requires an incidence constraint matrix and independent measurement errors.
enum GraphSolver {
    /// The largest σ_max/σ_min for which the graph solver's σ keep 1e-8 relative accuracy: its
    /// Var(x̂_i) = V_ii − W_ii cancels about ε · spread² · V_ii / Var(x̂_i) (measured: NJ with one
    /// σ 10³ times the others loses four digits). Wider spreads go to the dense solver.
    static let accurateSigmaSpread = 100.0

    static func canSolve(_ problem: LinearProblem) -> Bool {
        problem.covariance == nil && problem.constraints.isIncidence
    }

    /// Endpoints of every stream as vertex indices (0 = environment, node row k ↦ k + 1), or
    /// `nil` for a stream in no balance (loop, or both ends in the environment).
    private static func endpoints(_ problem: LinearProblem) -> [(from: Int, to: Int)?] {
        var ends = [(from: Int, to: Int)?](repeating: nil, count: problem.constraints.columnCount)
        var partial = [(from: Int, to: Int)](repeating: (0, 0), count: problem.constraints.columnCount)
        for (row, entries) in problem.constraints.rows.enumerated() {
            for entry in entries {
                if entry.coefficient > 0 { partial[entry.column].to = row + 1 } else { partial[entry.column].from = row + 1 }
            }
        }
        for j in 0..<partial.count where partial[j].from != 0 || partial[j].to != 0 { ends[j] = partial[j] }
        return ends
    }

    static func solve(_ problem: LinearProblem, fullCovariance: Bool = false) throws(LinearAlgebraError) -> LinearSolution {
        let n = problem.constraints.columnCount
        let vertexCount = problem.constraints.rowCount + 1
        let ends = endpoints(problem)

        // Step 1: super-nodes.
        var superNodes = UnionFind(count: vertexCount)
        for j in 0..<n {
            guard case .unmeasured = problem.roles[j], let e = ends[j] else { continue }
            superNodes.union(e.from, e.to)
        }
        let environmentRoot = superNodes.find(0)
        var superOf = [Int](repeating: -1, count: vertexCount)  // vertex → super-node index (−1 = environment)
        var superCount = 0
        var rootIndex = [Int: Int]()
        for v in 0..<vertexCount {
            let root = superNodes.find(v)
            if root == environmentRoot { continue }
            if let k = rootIndex[root] { superOf[v] = k } else {
                rootIndex[root] = superCount
                superOf[v] = superCount
                superCount += 1
            }
        }

        // Steps 2–3: contracted measured graph, redundancy, rows to keep.
        var redundant = [Bool](repeating: false, count: n)
        var h = [Double](repeating: 0, count: superCount)  // constants: −(fixed flows) per super-node
        var components = UnionFind(count: superCount + 1)  // index superCount = environment
        func superIndex(_ vertex: Int) -> Int { superOf[vertex] < 0 ? superCount : superOf[vertex] }
        for j in 0..<n {
            guard let e = ends[j] else { continue }
            let a = superIndex(e.from), b = superIndex(e.to)
            switch problem.roles[j] {
            case .measured:
                if a != b {
                    redundant[j] = true
                    components.union(a, b)
                }
            case let .fixed(value):
                if b < superCount { h[b] -= value }
                if a < superCount { h[a] += value }
            case .unmeasured:
                break
            }
        }
        let environmentComponent = components.find(superCount)
        var droppedRoot = Set<Int>()
        var row = [Int](repeating: -1, count: superCount)  // super-node → row of G (−1 = dropped)
        var p = 0
        for k in 0..<superCount {
            let root = components.find(k)
            if root != environmentComponent && !droppedRoot.contains(root) {
                droppedRoot.insert(root)  // the first super-node of a floating component is dependent
                continue
            }
            row[k] = p
            p += 1
        }

        // Step 4: S, residual, solve.
        var values = [Double?](repeating: nil, count: n)
        var sigmas = [Double?](repeating: nil, count: n)
        var classes = [StreamClassification](repeating: .unobservable, count: n)
        var wDiagonal = [Double?](repeating: nil, count: n)
        var s = Matrix(rows: p, columns: p)
        var residual = [Double](repeating: 0, count: p)
        for k in 0..<superCount where row[k] >= 0 { residual[row[k]] = -h[k] }
        func rows(of j: Int) -> (a: Int, b: Int) {
            let e = ends[j]!
            let a = superIndex(e.from), b = superIndex(e.to)
            return (a < superCount ? row[a] : -1, b < superCount ? row[b] : -1)
        }
        for j in 0..<n where redundant[j] {
            guard case let .measured(y, sigma) = problem.roles[j] else { continue }
            let v = sigma * sigma
            let (ra, rb) = rows(of: j)
            if rb >= 0 { s[rb, rb] += v; residual[rb] += y }
            if ra >= 0 { s[ra, ra] += v; residual[ra] -= y }
            if ra >= 0 && rb >= 0 { s[ra, rb] -= v; s[rb, ra] -= v }
        }
        let sDiagonal = s.diagonal
        var lambda = [Double](repeating: 0, count: p)
        var chiSquared = 0.0
        var sInverse = Matrix(rows: 0, columns: 0)
        var factor = Matrix(rows: 0, columns: 0)
        if p > 0 {
            do {
                try LAPACK.choleskyFactor(&s, context: "the grounded network Laplacian is not positive definite")
            } catch {
                // Name the balances and meters of the reduced row that failed (info = its 1-based order).
                var failed = error
                if error.info > 0 {
                    let k = error.info - 1
                    let vertices = (1..<vertexCount).filter { v in superOf[v] >= 0 && row[superOf[v]] == k }
                    failed.balances = vertices.map { problem.constraints.rowLabels[$0 - 1].id }
                    failed.streamIndices = (0..<n).filter { j in
                        guard redundant[j], case .measured = problem.roles[j] else { return false }
                        let (ra, rb) = rows(of: j)
                        return ra == k || rb == k
                    }
                }
                throw failed
            }
            factor = s
            var rhs = Matrix(rows: p, columns: 1, columnMajor: residual)
            try LAPACK.choleskySolve(factor: s, &rhs)
            lambda = rhs.elements
            for i in 0..<p { chiSquared += residual[i] * lambda[i] }
            sInverse = try LAPACK.inverseFromCholesky(factor: s)
        }
        func sInv(_ a: Int, _ b: Int) -> Double { a >= 0 && b >= 0 ? sInverse[a, b] : 0 }
        for j in 0..<n {
            switch problem.roles[j] {
            case let .fixed(value):
                values[j] = value
                sigmas[j] = 0
                classes[j] = .fixed
            case let .measured(y, sigma):
                let v = sigma * sigma
                if redundant[j] {
                    let (ra, rb) = rows(of: j)
                    let gLambda = (rb >= 0 ? lambda[rb] : 0) - (ra >= 0 ? lambda[ra] : 0)
                    let w = v * v * (sInv(ra, ra) + sInv(rb, rb) - 2 * sInv(ra, rb))
                    values[j] = y - v * gLambda
                    sigmas[j] = Swift.max(0, v - w).squareRoot()
                    wDiagonal[j] = w
                    classes[j] = .redundant
                } else {
                    values[j] = y
                    sigmas[j] = sigma
                    classes[j] = .nonredundant
                }
            case .unmeasured:
                break
            }
        }

        // Full covariance of the measured and fixed streams (optional).
        var covariance: Matrix?
        if fullCovariance {
            var c = Matrix(rows: n, columns: n, repeating: .nan)
            var measuredIndices: [Int] = []
            for j in 0..<n {
                switch problem.roles[j] {
                case .fixed:
                    for l in 0..<n { c[j, l] = 0; c[l, j] = 0 }
                case .measured: measuredIndices.append(j)
                case .unmeasured: break
                }
            }
            let endRows = measuredIndices.map { redundant[$0] ? rows(of: $0) : (a: -1, b: -1) }
            for (p1, i) in measuredIndices.enumerated() {
                let vi = problem.sigma(i)! * problem.sigma(i)!
                let (ai, bi) = endRows[p1]
                for (p2, j) in measuredIndices.enumerated() where p2 >= p1 {
                    var value = p1 == p2 ? vi : 0
                    if redundant[i] && redundant[j] {
                        let vj = problem.sigma(j)! * problem.sigma(j)!
                        let (aj, bj) = endRows[p2]
                        value -= vi * vj * (sInv(bi, bj) - sInv(bi, aj) - sInv(ai, bj) + sInv(ai, aj))
                    }
                    c[i, j] = value
                    c[j, i] = value
                }
            }
            covariance = c
        }

        // Step 5: observable unmeasured streams = bridges of the unmeasured subgraph.
        try estimateBridges(
            problem: problem, ends: ends, vertexCount: vertexCount, values: &values, sigmas: &sigmas,
            classes: &classes, covariance: &covariance, rowOf: { j in rows(of: j) }, redundant: redundant, sInv: sInv)

        // Consistency of the dropped rows: their super-nodes' balances must hold with x̂.
        var inconsistent = 0
        if droppedRoot.count > 0 {
            var imbalance = [Double](repeating: 0, count: superCount + 1)
            var scale = 1.0
            for j in 0..<n {
                guard let e = ends[j], let x = values[j], problem.value(j) != nil else { continue }
                imbalance[superIndex(e.to)] += x
                imbalance[superIndex(e.from)] -= x
                scale = Swift.max(scale, abs(x))
            }
            var componentImbalance = [Int: Double]()
            for k in 0..<superCount where components.find(k) != environmentComponent {
                componentImbalance[components.find(k), default: 0] += imbalance[k]
            }
            inconsistent = componentImbalance.values.filter { abs($0) > 1e-8 * scale }.count
        }
        return LinearSolution(
            values: values, sigmas: sigmas, classifications: classes, adjustmentVariances: wDiagonal,
            chiSquared: chiSquared, degreesOfFreedom: p, unmeasuredRank: vertexCount - superCount - 1,
            covariance: covariance, reducedResiduals: residual, reducedResidualVariances: sDiagonal,
            inconsistentConstraintCount: inconsistent,
            reduced: ReducedSystem(
                projection: .aggregation((0..<(vertexCount - 1)).map { v in
                    let k = superOf[v + 1]
                    return k >= 0 ? row[k] : -1
                }),
                factor: factor, residual: residual))
    }

    /// Finds the bridges of the unmeasured subgraph by an iterative DFS (Tarjan's low-link), and
    /// estimates each from the measured net inflow of its subtree side.
    private static func estimateBridges(
        problem: LinearProblem, ends: [(from: Int, to: Int)?], vertexCount: Int,
        values: inout [Double?], sigmas: inout [Double?], classes: inout [StreamClassification],
        covariance: inout Matrix?, rowOf: (Int) -> (a: Int, b: Int), redundant: [Bool], sInv: (Int, Int) -> Double
    ) throws(LinearAlgebraError) {
        let n = ends.count
        var adjacency = [[(vertex: Int, stream: Int)]](repeating: [], count: vertexCount)
        var hasUnmeasured = false
        for j in 0..<n {
            guard case .unmeasured = problem.roles[j], let e = ends[j] else { continue }
            adjacency[e.from].append((e.to, j))
            adjacency[e.to].append((e.from, j))
            hasUnmeasured = true
        }
        guard hasUnmeasured else { return }
        // Net known inflow of every vertex: Σ in − Σ out over streams with a value (reconciled or fixed).
        var netInflow = [Double](repeating: 0, count: vertexCount)
        var touching = [[Int]](repeating: [], count: vertexCount)  // known streams at each vertex
        for j in 0..<n {
            guard let e = ends[j], problem.value(j) != nil, let x = values[j] else { continue }
            netInflow[e.to] += x
            netInflow[e.from] -= x
            touching[e.to].append(j)
            touching[e.from].append(j)
        }
        var order = [Int](repeating: -1, count: vertexCount)  // DFS discovery index
        var low = [Int](repeating: 0, count: vertexCount)
        var subtreeSum = [Double](repeating: 0, count: vertexCount)
        var parentStream = [Int](repeating: -1, count: vertexCount)
        var parentVertex = [Int](repeating: -1, count: vertexCount)
        var postorder: [Int] = []
        var counter = 0
        // Root the DFS at the environment first so that it is never inside a subtree.
        let roots = [0] + Array(1..<vertexCount)
        for root in roots where order[root] < 0 && !adjacency[root].isEmpty {
            var stack: [(vertex: Int, next: Int)] = [(root, 0)]
            order[root] = counter
            low[root] = counter
            counter += 1
            while let top = stack.last {
                let v = top.vertex
                if top.next < adjacency[v].count {
                    stack[stack.count - 1].next += 1
                    let (w, stream) = adjacency[v][top.next]
                    if stream == parentStream[v] { continue }
                    if order[w] < 0 {
                        order[w] = counter
                        low[w] = counter
                        counter += 1
                        parentStream[w] = stream
                        parentVertex[w] = v
                        stack.append((w, 0))
                    } else {
                        low[v] = Swift.min(low[v], order[w])
                    }
                } else {
                    stack.removeLast()
                    postorder.append(v)
                    if let up = stack.last { low[up.vertex] = Swift.min(low[up.vertex], low[v]) }
                }
            }
        }
        // Subtree sums in post-order; a tree edge parent→v is a bridge iff low[v] > order[parent].
        for v in postorder {
            subtreeSum[v] += netInflow[v]
            if parentVertex[v] >= 0 { subtreeSum[parentVertex[v]] += subtreeSum[v] }
        }
        // Children lists to enumerate a subtree's vertices for the variance.
        var children = [[Int]](repeating: [], count: vertexCount)
        for v in 0..<vertexCount where parentVertex[v] >= 0 { children[parentVertex[v]].append(v) }
        var bridges: [(stream: Int, sign: Double, coefficients: [(key: Int, value: Double)])] = []
        for v in postorder {
            let stream = parentStream[v]
            guard stream >= 0, low[v] > order[parentVertex[v]] else { continue }
            // The side of the bridge away from the DFS root is the subtree of v (never the environment).
            let e = ends[stream]!
            let entersSubtree = e.to == v
            // Balance of the subtree: (± x_bridge) + subtreeSum = 0.
            values[stream] = entersSubtree ? -subtreeSum[v] : subtreeSum[v]
            classes[stream] = .observable
            // Variance of the net measured inflow F = Σ c_i x̂_i over streams crossing the subtree boundary.
            var inSubtree = Set<Int>()
            var pending = [v]
            while let u = pending.popLast() {
                inSubtree.insert(u)
                pending.append(contentsOf: children[u])
            }
            var crossing: [Int: Double] = [:]
            for u in inSubtree {
                for j in touching[u] {
                    let f = ends[j]!
                    let toInside = inSubtree.contains(f.to), fromInside = inSubtree.contains(f.from)
                    if toInside != fromInside { crossing[j] = toInside ? 1 : -1 }
                }
            }
            // Sums run in stream order (never a dictionary's per-process order): the same bits every run.
            let coefficients = crossing.sorted { $0.key < $1.key }
            // Var(F) = Σ c_i² V_i − dᵀ S⁻¹ d, d = Σ c_i V_i G_i (redundant streams only).
            var variance = 0.0
            var dByRow: [Int: Double] = [:]
            for (j, c) in coefficients {
                guard case let .measured(_, sigma) = problem.roles[j] else { continue }
                let v = sigma * sigma
                variance += c * c * v
                if redundant[j] {
                    let (ra, rb) = rowOf(j)
                    if rb >= 0 { dByRow[rb, default: 0] += c * v }
                    if ra >= 0 { dByRow[ra, default: 0] -= c * v }
                }
            }
            let d = dByRow.sorted { $0.key < $1.key }
            for (a, da) in d { for (b, db) in d { variance -= da * sInv(a, b) * db } }
            sigmas[stream] = Swift.max(0, variance).squareRoot()
            bridges.append((stream, entersSubtree ? -1 : 1, coefficients))
        }
        // Covariances of the bridges with everything determined: u = sign · Σ c_k x̂_k.
        guard var c = covariance else { return }
        var rowsOfBridges: [[Double]] = []
        for bridge in bridges {
            var row = [Double](repeating: 0, count: n)
            for (k, ck) in bridge.coefficients where problem.sigma(k) != 0 {
                for l in 0..<n where problem.value(l) != nil { row[l] += bridge.sign * ck * c[k, l] }
            }
            for l in 0..<n where problem.value(l) != nil {
                c[bridge.stream, l] = row[l]
                c[l, bridge.stream] = row[l]
            }
            rowsOfBridges.append(row)
        }
        for (b1, bridge) in bridges.enumerated() {
            for (b2, other) in bridges.enumerated() where b2 >= b1 {
                var value = 0.0
                for (k, ck) in other.coefficients { value += other.sign * ck * rowsOfBridges[b1][k] }
                c[bridge.stream, other.stream] = value
                c[other.stream, bridge.stream] = value
            }
        }
        covariance = c
    }
}
