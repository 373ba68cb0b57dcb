/// Disjoint sets over 0..<count with path compression and union by size (Tarjan 1975): near-constant
/// amortised time per operation. Used to merge the nodes joined by unmeasured streams
/// (RECONCILIATION.md §4) in the graph solver and the nodal test.
struct UnionFind: ~Copyable {
    /// For a root, −(size of its set); otherwise the parent. One scratch buffer (a solve makes several of these).
    private let parent: ScratchBuffer<Int>

    init(count: Int) {
        parent = ScratchBuffer(repeating: -1, count: count)
    }

    mutating func find(_ x: Int) -> Int {
        var root = x
        while parent[root] >= 0 { root = parent[root] }
        var y = x  // path compression: every vertex on the way now points at the root
        while parent[y] >= 0 {
            let next = parent[y]
            parent[y] = root
            y = next
        }
        return root
    }

    @discardableResult
    mutating func union(_ a: Int, _ b: Int) -> Bool {
        var ra = find(a), rb = find(b)
        guard ra != rb else { return false }
        if parent[ra] > parent[rb] { swap(&ra, &rb) }  // the larger set (more negative) keeps its root; ties: a's
        parent[ra] += parent[rb]
        parent[rb] = ra
        return true
    }
}
