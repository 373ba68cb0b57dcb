/// The nodal test (Mah, Stanley & Downing 1976; RECONCILIATION.md §5): each balance evaluated with the
/// measured values, r/√(a V aᵀ), with the Šidák correction over the balances tested.
///
/// A node balance that contains an unmeasured stream cannot be evaluated alone; nodes joined by
/// unmeasured streams are merged (their unmeasured streams cancel in the sum of their balances),
/// and a merged group that touches the environment or an unbalanced node is not testable.
/// A relation is testable when all its streams have values.
enum NodalTests {
    static func run(
        model: BalanceModel, problem: LinearProblem, alpha: Double
    ) -> ([ReconciliationResult.NodalTest], Double?) {
        let constraints = problem.constraints
        var rowOfNode: [String: Int] = [:]
        for (i, label) in constraints.rowLabels.enumerated() {
            if case let .node(id) = label { rowOfNode[id] = i }
        }
        // Union-find over node rows, with one extra element for the environment.
        let environment = constraints.rowCount
        var parent = Array(0...constraints.rowCount)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        func union(_ x: Int, _ y: Int) { parent[find(x)] = find(y) }
        for (j, stream) in model.streams.enumerated() where problem.value(j) == nil && !stream.isLoop {
            let ends = [stream.from, stream.to].map { $0.flatMap { rowOfNode[$0] } ?? environment }
            union(ends[0], ends[1])
        }
        let envRoot = find(environment)
        var groups: [Int: [Int]] = [:]
        var order: [Int] = []
        for (i, label) in constraints.rowLabels.enumerated() {
            guard case .node = label else { continue }
            let root = find(i)
            guard root != envRoot else { continue }
            if groups[root] == nil { order.append(root) }
            groups[root, default: []].append(i)
        }
        var candidates: [(labels: [String], rows: [Int])] = order.map { root in
            let rows = groups[root]!
            return (rows.map { constraints.rowLabels[$0].id }, rows)
        }
        for (i, label) in constraints.rowLabels.enumerated() {
            guard case let .relation(id) = label else { continue }
            let usesUnmeasured = constraints.rows[i].contains { problem.value($0.column) == nil }
            if !usesUnmeasured { candidates.append(([id], [i])) }
        }
        var tests: [(labels: [String], residual: Double, sigma: Double)] = []
        for candidate in candidates {
            var combined: [Int: Double] = [:]
            var constant = 0.0
            for i in candidate.rows {
                constant += constraints.constants[i]
                for entry in constraints.rows[i] { combined[entry.column, default: 0] += entry.coefficient }
            }
            let terms = combined.filter { $0.value != 0 && problem.value($0.key) != nil }.sorted { $0.key < $1.key }
            var residual = -constant
            var variance = 0.0
            for (j, c) in terms { residual += c * problem.value(j)! }
            if let covariance = problem.covariance {
                for (j, cj) in terms { for (l, cl) in terms { variance += cj * covariance[j, l] * cl } }
            } else {
                for (j, c) in terms { let s = problem.sigma(j)!; variance += c * c * s * s }
            }
            guard variance > 0 else { continue }
            tests.append((candidate.labels, residual, variance.squareRoot()))
        }
        guard !tests.isEmpty else { return ([], nil) }
        let critical = StatisticalTests.sidakCritical(alpha: alpha, count: tests.count)
        let results = tests.map { test in
            let statistic = test.residual / test.sigma
            return ReconciliationResult.NodalTest(
                balance: test.labels, residual: test.residual, sigma: test.sigma, statistic: statistic,
                flagged: abs(statistic) > critical)
        }
        return (results, critical)
    }
}

