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
        // The node rows an unmeasured stream touches (one or two entries of its column).
        var firstRow = [Int](repeating: -1, count: constraints.columnCount)
        var isNodeRow = [Bool](repeating: false, count: rowCount)
        for (i, label) in constraints.rowLabels.enumerated() {
            guard case .node = label else { continue }
            isNodeRow[i] = true
        }
        var touchesTwo = [Bool](repeating: false, count: constraints.columnCount)
        for i in 0..<rowCount where isNodeRow[i] {
            for entry in constraints.rows[i] where problem.value(entry.column) == nil {
                let j = entry.column
                if firstRow[j] < 0 { firstRow[j] = i } else {
                    touchesTwo[j] = true
                    groups.union(firstRow[j], i)
                }
            }
        }
        // An unmeasured stream in only one node balance leaves to the environment (or an unbalanced node).
        for j in 0..<constraints.columnCount where firstRow[j] >= 0 && !touchesTwo[j] {
            groups.union(firstRow[j], environment)
        }
        let environmentRoot = groups.find(environment)
        // The groups as flat lists (one allocation, not one array per group): node groups in order of their first
        // row, then each testable relation alone; rows within a group in row order.
        var groupOfRow = [Int](repeating: -1, count: rowCount)
        var groupOfRoot = [Int](repeating: -1, count: rowCount + 1)
        var groupCount = 0
        for i in 0..<rowCount where isNodeRow[i] && !constraints.rows[i].isEmpty {
            let root = groups.find(i)
            guard root != environmentRoot else { continue }
            if groupOfRoot[root] < 0 {
                groupOfRoot[root] = groupCount
                groupCount += 1
            }
            groupOfRow[i] = groupOfRoot[root]
        }
        for i in 0..<rowCount where !isNodeRow[i] {
            if !constraints.rows[i].contains(where: { problem.value($0.column) == nil }) {
                groupOfRow[i] = groupCount
                groupCount += 1
            }
        }
        var groupStart = [Int](repeating: 0, count: groupCount + 1)
        for i in 0..<rowCount where groupOfRow[i] >= 0 { groupStart[groupOfRow[i] + 1] += 1 }
        for g in 0..<groupCount { groupStart[g + 1] += groupStart[g] }
        var members = [Int](repeating: 0, count: groupStart[groupCount])
        var filled = groupStart
        for i in 0..<rowCount where groupOfRow[i] >= 0 {
            members[filled[groupOfRow[i]]] = i
            filled[groupOfRow[i]] += 1
        }

        var coefficients = [Double](repeating: 0, count: constraints.columnCount)
        let covariance = problem.covariance  // read once: a stored optional's test per stream costs a retain
        var touched: [Int] = []
        var tests: [ReconciliationResult.NodalTest] = []
        for g in 0..<groupCount {
            let rows = members[groupStart[g]..<groupStart[g + 1]]
            var constant = 0.0
            for i in rows {
                constant += constraints.constants[i]
                for entry in constraints.rows[i] {
                    if coefficients[entry.column] == 0 { touched.append(entry.column) }
                    coefficients[entry.column] += entry.coefficient
                }
            }
            var residual = -constant
            var variance = 0.0
            for j in touched where coefficients[j] != 0 {
                guard let value = problem.value(j) else { continue }
                residual += coefficients[j] * value
                if covariance == nil, let s = problem.sigma(j) { variance += coefficients[j] * coefficients[j] * s * s }
            }
            if let covariance {
                for j in touched where coefficients[j] != 0 && problem.value(j) != nil {
                    for l in touched where coefficients[l] != 0 && problem.value(l) != nil {
                        variance += coefficients[j] * covariance[j, l] * coefficients[l]
                    }
                }
            }
            for j in touched { coefficients[j] = 0 }
            touched.removeAll(keepingCapacity: true)
            guard variance > 0 else { continue }
            let sigma = variance.squareRoot()
            tests.append(.init(
                balance: rows.map { constraints.rowLabels[$0].id }, residual: residual, sigma: sigma,
                statistic: residual / sigma, flagged: false))
        }
        guard !tests.isEmpty else { return ([], nil) }
        let critical = StatisticalTests.sidakCritical(alpha: alpha, count: tests.count)
        for k in tests.indices { tests[k].flagged = abs(tests[k].statistic) > critical }
        return (tests, critical)
    }
}
