/// The σ of the bridges (observable unmeasured streams) from subtree sums, for the graph solver without the full
/// covariance (issue 12: a chain of 20,000 unmeasured links took 188 s in the subtree walk).
///
/// A bridge's value is the net measured inflow F of the subtree S below it (``GraphSolver``, step 5), and
/// Var(F) = Σ_{j crossing S} V_j − dᵀ S⁻¹ d with d = Σ_{j crossing, redundant} c_j V_j g_j. Every vertex of S lies in
/// one super-node K (S is connected by unmeasured streams), so:
/// - a redundant stream touching S has its other end in another super-node: it always crosses, and c_j g_j =
///   e_K − e_other(j) whichever way it flows. Hence d = W(S) e_K − Σ_j V_j e_other(j), W(S) = Σ V_j over the
///   redundant streams touching S — a subtree sum plus a sparse map merged small-to-large up the DFS tree;
/// - the scalar part is Σ_{u ∈ S} Σ_{j touching u} V_j − 2 Σ_{j with both ends in S} V_j, and a stream has both ends
///   in S iff the lowest common ancestor of its ends lies in S (Tarjan's offline LCA over the DFS forest).
/// - Complexity: O(n log n) for the sums and maps; each bridge's dᵀ S⁻¹ d costs O(|d|²) on the selected inverse
///   (or one reach-restricted forward solve). |d| is the number of other super-nodes its subtree's redundant
///   streams reach — 1 or 2 on typical networks, so linear overall.
extension GraphSolver {
    static func bridgeEstimates(
        problem: LinearProblem, projection: Projection, inverse: LaplacianInverse, postorder: [Int], order: [Int],
        low: [Int], parentVertex: [Int], parentStream: [Int], children: [[Int]], subtreeSum: [Double]
    ) -> [(stream: Int, value: Double, sigma: Double)] {
        let vertexCount = projection.vertexCount, ends = projection.ends
        func rowOfVertex(_ u: Int) -> Int {
            let k = projection.superOf[u]
            return k >= 0 ? projection.row[k] : -1
        }
        // Per vertex: Σ V of the known streams touching it; Σ V of the redundant ones and their other ends' rows.
        var touchingVariance = [Double](repeating: 0, count: vertexCount)
        var redundantVariance = [Double](repeating: 0, count: vertexCount)
        var others = [[Int: Double]?](repeating: nil, count: vertexCount)
        // Streams whose two ends lie in one DFS tree, as LCA queries at both ends.
        var tree = [Int](repeating: -1, count: vertexCount)
        for v in postorder.reversed() { tree[v] = parentVertex[v] >= 0 ? tree[parentVertex[v]] : v }
        var queries = [[(other: Int, variance: Double)]](repeating: [], count: vertexCount)
        for j in ends.indices {
            guard let e = ends[j], case let .measured(_, sigma) = problem.roles[j] else { continue }
            let v = sigma * sigma
            touchingVariance[e.to] += v
            touchingVariance[e.from] += v
            if projection.redundant[j] {
                for (near, far) in [(e.to, e.from), (e.from, e.to)] {
                    redundantVariance[near] += v
                    let r = rowOfVertex(far)
                    if r >= 0 {
                        if others[near] == nil { others[near] = [:] }
                        others[near]![r, default: 0] -= v
                    }
                }
            } else if tree[e.to] >= 0 && tree[e.to] == tree[e.from] {
                queries[e.to].append((e.from, v))
                if e.from != e.to { queries[e.from].append((e.to, v)) }
            }
        }
        // Tarjan's offline LCA in post-order: a vertex's set joins its parent's when it finishes.
        var sets = UnionFind(count: vertexCount)
        var ancestor = Array(0..<vertexCount)
        var finished = [Bool](repeating: false, count: vertexCount)
        var internalVariance = [Double](repeating: 0, count: vertexCount)
        for v in postorder {
            finished[v] = true
            // Each stream once: at the end that finishes second.
            for (other, variance) in queries[v] where finished[other] {
                internalVariance[ancestor[sets.find(other)]] += variance
            }
            let parent = parentVertex[v]
            if parent >= 0 {
                sets.union(parent, v)
                ancestor[sets.find(parent)] = parent
            }
        }
        // Subtree sums in post-order; maps merged small-to-large (the larger one is kept and added into).
        var scalar = [Double](repeating: 0, count: vertexCount), weight = scalar
        var workspace = SparseCholesky.Workspace()
        var found: [(stream: Int, value: Double, sigma: Double)] = []
        for v in postorder {
            scalar[v] += touchingVariance[v] - 2 * internalVariance[v]
            weight[v] += redundantVariance[v]
            for c in children[v] {
                scalar[v] += scalar[c]
                weight[v] += weight[c]
                guard var child = others[c] else { continue }
                others[c] = nil
                if var mine = others[v] {
                    others[v] = nil
                    if mine.count < child.count { swap(&mine, &child) }
                    for (r, x) in child { mine[r, default: 0] += x }
                    others[v] = mine
                } else {
                    others[v] = child
                }
            }
            let stream = parentStream[v]
            guard stream >= 0, low[v] > order[parentVertex[v]] else { continue }
            let e = ends[stream]!
            let value = e.to == v ? -subtreeSum[v] : subtreeSum[v]
            // d = W e_K − Σ V e_other, by row (deterministic order: sorted).
            var d: [Int: Double] = others[v] ?? [:]
            let k = rowOfVertex(v)
            if k >= 0 && weight[v] != 0 { d[k, default: 0] += weight[v] }
            let entries = d.filter { $0.value != 0 }.sorted { $0.key < $1.key }
            let variance = scalar[v] - inverse.quadratic(entries, workspace: &workspace)
            found.append((stream, value, Swift.max(0, variance).squareRoot()))
        }
        return found
    }
}
