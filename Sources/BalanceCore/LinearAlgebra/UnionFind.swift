/// Disjoint sets over 0..<count with path halving and union by size (Tarjan 1975): near-constant
/// amortised time per operation. Used to merge the nodes joined by unmeasured streams
/// (RECONCILIATION.md §4) in the graph solver and the nodal test.
struct UnionFind: Sendable {
    private var parent: [Int]
    private var size: [Int]

    init(count: Int) {
        parent = Array(0..<count)
        size = Array(repeating: 1, count: count)
    }

    /// The representative of `x`'s set.
    /// - Complexity: amortised O(α(n)).
    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    /// Merges the sets of `a` and `b`; returns `false` when they were already one set.
    @discardableResult
    mutating func union(_ a: Int, _ b: Int) -> Bool {
        var ra = find(a), rb = find(b)
        guard ra != rb else { return false }
        if size[ra] < size[rb] { swap(&ra, &rb) }
        parent[rb] = ra
        size[ra] += size[rb]
        return true
    }
}
