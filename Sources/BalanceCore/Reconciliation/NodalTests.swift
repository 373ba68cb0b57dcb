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
        let rowCount = constraints.rowCount
        // Union-find over constraint rows, with one extra element for the environment.
        let environment = rowCount
        var groups = UnionFind(count: rowCount + 1)
        // The node rows an unmeasured stream touches: its first row, or `touchesTwo` once a second one joined it.
        let touchesTwo = -2
        let firstRow = ScratchBuffer(repeating: -1, count: constraints.columnCount)
        func isNodeRow(_ i: Int) -> Bool { if case .node = constraints.rowLabels[i] { true } else { false } }
        for i in 0..<rowCount where isNodeRow(i) {
            for entry in constraints.rows[i] where problem.value(entry.column) == nil {
                let j = entry.column
                if firstRow[j] == -1 { firstRow[j] = i } else {
                    if firstRow[j] >= 0 { groups.union(firstRow[j], i) }
                    firstRow[j] = touchesTwo
                }
            }
        }
        // An unmeasured stream in only one node balance leaves to the environment (or an unbalanced node).
        for j in 0..<constraints.columnCount where firstRow[j] >= 0 {
            groups.union(firstRow[j], environment)
        }
        let environmentRoot = groups.find(environment)
        // The groups as flat lists (one allocation, not one array per group): node groups in order of their first
        // row, then each testable relation alone; rows within a group in row order.
        let groupOfRow = ScratchBuffer(repeating: -1, count: rowCount)
        let groupOfRoot = ScratchBuffer(repeating: -1, count: rowCount + 1)
        var groupCount = 0
        for i in 0..<rowCount where isNodeRow(i) && !constraints.rows[i].isEmpty {
            let root = groups.find(i)
            guard root != environmentRoot else { continue }
            if groupOfRoot[root] < 0 {
                groupOfRoot[root] = groupCount
                groupCount += 1
            }
            groupOfRow[i] = groupOfRoot[root]
        }
        for i in 0..<rowCount where !isNodeRow(i) {
            if !constraints.rows[i].contains(where: { problem.value($0.column) == nil }) {
                groupOfRow[i] = groupCount
                groupCount += 1
            }
        }
        let groupStart = ScratchBuffer(repeating: 0, count: groupCount + 1)
        for i in 0..<rowCount where groupOfRow[i] >= 0 { groupStart[groupOfRow[i] + 1] += 1 }
        for g in 0..<groupCount { groupStart[g + 1] += groupStart[g] }
        let members = ScratchBuffer(repeating: 0, count: groupStart[groupCount])
        // Filling advances groupStart[g] to the end of group g, which is where group g + 1 starts.
        for i in 0..<rowCount where groupOfRow[i] >= 0 {
            members[groupStart[groupOfRow[i]]] = i
            groupStart[groupOfRow[i]] += 1
        }

        let coefficients = ScratchBuffer(repeating: 0.0, count: constraints.columnCount)
        let covariance = problem.covariance  // read once: a stored optional's test per stream costs a retain
        // The columns of the group's summed balance, in order of first appearance (the order of the sums below).
        let touched = ScratchBuffer(repeating: 0, count: constraints.columnCount)
        var touchedCount = 0
        var tests: [ReconciliationResult.NodalTest] = []
        tests.reserveCapacity(groupCount)
        for g in 0..<groupCount {
            let rows = (g == 0 ? 0 : groupStart[g - 1])..<groupStart[g]
            var constant = 0.0
            for position in rows {
                let i = members[position]
                constant += constraints.constants[i]
                for entry in constraints.rows[i] {
                    if coefficients[entry.column] == 0 {
                        touched[touchedCount] = entry.column
                        touchedCount += 1
                    }
                    coefficients[entry.column] += entry.coefficient
                }
            }
            var residual = -constant
            var variance = 0.0
            for t in 0..<touchedCount {
                let j = touched[t]
                guard coefficients[j] != 0 else { continue }
                guard let value = problem.value(j) else { continue }
                residual += coefficients[j] * value
                if covariance == nil, let s = problem.sigma(j) { variance += coefficients[j] * coefficients[j] * s * s }
            }
            if let covariance {
                for t in 0..<touchedCount {
                    let j = touched[t]
                    guard coefficients[j] != 0 && problem.value(j) != nil else { continue }
                    for u in 0..<touchedCount {
                        let l = touched[u]
                        guard coefficients[l] != 0 && problem.value(l) != nil else { continue }
                        variance += coefficients[j] * covariance[j, l] * coefficients[l]
                    }
                }
            }
            for t in 0..<touchedCount { coefficients[touched[t]] = 0 }
            touchedCount = 0
            guard variance > 0 else { continue }
            let sigma = variance.squareRoot()
            // A single balance names its row's id array, shared with the constraint system (no allocation per test).
            let balance = rows.count == 1 && !constraints.rowIDs.isEmpty
                ? constraints.rowIDs[members[rows.lowerBound]] : rows.map { constraints.rowLabels[members[$0]].id }
            tests.append(.init(
                balance: balance, residual: residual, sigma: sigma,
                statistic: residual / sigma, flagged: false))
        }
        guard !tests.isEmpty else { return ([], nil) }
        let critical = StatisticalTests.sidakCritical(alpha: alpha, count: tests.count)
        for k in tests.indices { tests[k].flagged = abs(tests[k].statistic) > critical }
        return (tests, critical)
    }
}
