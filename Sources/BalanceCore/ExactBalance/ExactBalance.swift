/// Balances computed with the data as given (no reconciliation): the arithmetic of a balance sheet.
///
/// Every stream with a value is taken as exact. Unmeasured streams are computed one at a time from
/// a balance (node or relation) in which they are the only unknown — the way an auditor fills a
/// balance sheet, and each computed stream records which balance gave it. What remains unknown is
/// reported; every balance whose streams are all known gets its closure error
/// δ = (Σ in − Σ out)/Σ in (STANDARDS.md §1.3, §8) checked against a tolerance.
public enum ExactBalance {
    /// |imbalance| ≤ this × throughput counts as closed by construction for balances solved together
    /// (what is left is rounding of the projection, not a disagreement of the data).
    static let closureRoundingTolerance = 1e-9

    /// The closure of one balance with known values.
    public struct Closure: Sendable, Hashable {
        /// The node or relation.
        public internal(set) var balance: ConstraintSystem.RowLabel
        /// Σ in (positive terms) for a node; Σ |terms| / 2 for a relation.
        public internal(set) var inflow: Double
        /// Σ out.
        public internal(set) var outflow: Double
        /// Σ in − Σ out (for a relation: Σ c·x − constant).
        public internal(set) var imbalance: Double
        /// imbalance / Σ in; `nil` when nothing flows in.
        public internal(set) var relativeImbalance: Double?
        /// |δ| ≤ tolerance.
        public internal(set) var withinTolerance: Bool
        /// `true` when an unmeasured stream was computed from this balance: it closes by construction.
        public internal(set) var closesByConstruction: Bool
    }

    /// The result of an exact balance.
    public struct Result: Sendable {
        /// Values of all streams (given, or computed); `nil` where not determinable.
        public internal(set) var values: [Double?]
        /// For a computed stream, the balance it was computed from.
        public internal(set) var computedFrom: [ConstraintSystem.RowLabel?]
        /// Closures of the balances whose streams are all known (in row order).
        public internal(set) var closures: [Closure]
        /// Ids of unmeasured streams that the balances do not determine.
        public internal(set) var undetermined: [String]
        /// For each undetermined stream, the balances it appears in (empty: it is in no balance); one more
        /// value among the unknowns of those balances would determine it.
        public internal(set) var undeterminedBalances: [String: [String]]
        /// The tolerance used.
        public internal(set) var tolerance: Double

        /// The undetermined streams with the balances each appears in, for messages:
        /// `O1 (in node lake, relation decay), X (in no balance)`.
        public var undeterminedExplanation: String {
            undetermined.map { id in
                let balances = undeterminedBalances[id] ?? []
                return id + (balances.isEmpty ? " (in no balance)" : " (in " + balances.joined(separator: ", ") + ")")
            }.joined(separator: "; ")
        }
    }

    /// Computes the exact balance of `model` with relative closure tolerance `tolerance` (default 5 %).
    /// - Complexity: O(rows + non-zeros) with a work queue.
    public static func solve(_ model: BalanceModel, tolerance: Double = 0.05) -> Result {
        let system = ConstraintSystem(model)
        let n = model.streams.count
        var values: [Double?] = model.streams.map(\.value)
        var computedFrom = [ConstraintSystem.RowLabel?](repeating: nil, count: n)
        var unknownCount = system.rows.map { row in row.filter { values[$0.column] == nil }.count }
        var rowsOfColumn = [[Int]](repeating: [], count: n)
        for (i, row) in system.rows.enumerated() { for e in row { rowsOfColumn[e.column].append(i) } }
        var queue = (0..<system.rowCount).filter { unknownCount[$0] == 1 }
        var closedByConstruction = Set<Int>()
        while let i = queue.popLast() {
            guard unknownCount[i] == 1, let target = system.rows[i].first(where: { values[$0.column] == nil }) else { continue }
            var sum = -system.constants[i]
            for e in system.rows[i] where e.column != target.column { sum += e.coefficient * values[e.column]! }
            values[target.column] = -sum / target.coefficient
            computedFrom[target.column] = system.rowLabels[i]
            closedByConstruction.insert(i)
            for r in rowsOfColumn[target.column] {
                unknownCount[r] -= 1
                if unknownCount[r] == 1 { queue.append(r) }
            }
        }
        // Unknowns that no single balance determines: solve the balances they appear in together,
        // with every given value fixed — the observable unknowns of the projection (RECONCILIATION.md
        // §2), however many balances it takes (a lake with inflow, outflow and a decay relation).
        let solvedTogether = solveSystems(system, values: &values, computedFrom: &computedFrom, rowsOfColumn: rowsOfColumn)
        if !solvedTogether.isEmpty {
            for i in 0..<system.rowCount { unknownCount[i] = system.rows[i].filter { values[$0.column] == nil }.count }
        }
        var closures: [Closure] = []
        for (i, row) in system.rows.enumerated() where !row.isEmpty && unknownCount[i] == 0 {
            var inflow = 0.0, outflow = 0.0
            for e in row {
                let term = e.coefficient * values[e.column]!
                if term >= 0 { inflow += term } else { outflow -= term }
            }
            let imbalance = inflow - outflow - system.constants[i]
            let relative = inflow > 0 ? imbalance / inflow : (outflow > 0 ? imbalance / outflow : nil)
            closures.append(Closure(
                balance: system.rowLabels[i], inflow: inflow, outflow: outflow, imbalance: imbalance,
                relativeImbalance: relative, withinTolerance: abs(relative ?? 0) <= tolerance,
                closesByConstruction: closedByConstruction.contains(i)
                    || (solvedTogether.contains(i) && abs(imbalance) <= Self.closureRoundingTolerance * Swift.max(inflow, outflow))))
        }
        let undeterminedColumns = (0..<n).filter { values[$0] == nil }
        let undetermined = undeterminedColumns.map { model.streams[$0].id }
        var needed: [String: [String]] = [:]
        for j in undeterminedColumns {
            needed[model.streams[j].id] = rowsOfColumn[j].map { system.rowLabels[$0].description }
        }
        return Result(values: values, computedFrom: computedFrom, closures: closures, undetermined: undetermined,
                      undeterminedBalances: needed, tolerance: tolerance)
    }

    /// Solves the balances that hold the remaining unknowns, given values fixed, by the dense projection
    /// (exact arithmetic up to rounding: no uncertainty is involved). Sets the values of the unknowns the
    /// balances determine, each `computedFrom` the balances of its group (unknowns linked through shared
    /// balances); returns the rows that were solved together (they close by construction when the
    /// group is consistent, and their closures show it when it is not).
    /// - Complexity: O(r · u²) for r rows holding u remaining unknowns.
    static func solveSystems(
        _ system: ConstraintSystem, values: inout [Double?], computedFrom: inout [ConstraintSystem.RowLabel?],
        rowsOfColumn: [[Int]]
    ) -> Set<Int> {
        let unknown = (0..<values.count).filter { values[$0] == nil && !rowsOfColumn[$0].isEmpty }
        guard !unknown.isEmpty else { return [] }
        var position = [Int: Int]()
        for (k, j) in unknown.enumerated() { position[j] = k }
        let rows = (0..<system.rowCount).filter { i in system.rows[i].contains { values[$0.column] == nil } }
        // The reduced system A_u u = b − A_k x_k over the rows that hold unknowns.
        var a = Matrix(rows: rows.count, columns: unknown.count)
        var constants = [Double](repeating: 0, count: rows.count)
        for (r, i) in rows.enumerated() {
            var c = system.constants[i]
            for e in system.rows[i] {
                if let k = position[e.column] { a[r, k] = e.coefficient } else { c -= e.coefficient * values[e.column]! }
            }
            constants[r] = c
        }
        let problem = LinearProblem(
            constraints: ConstraintSystem(matrix: a, constants: constants, rowLabels: rows.map { system.rowLabels[$0] }),
            roles: Array(repeating: .unmeasured, count: unknown.count))
        guard let solution = try? DenseSolver.solve(problem) else { return [] }
        // Groups: unknowns linked by a shared row (union-find over the reduced rows).
        var groups = UnionFind(count: unknown.count)
        for r in 0..<rows.count {
            let members = (0..<unknown.count).filter { a[r, $0] != 0 }
            for k in members.dropFirst() { groups.union(members[0], k) }
        }
        // The reduced rows of each group, found once (a row belongs to the group of its unknowns).
        let rootOf = (0..<unknown.count).map { groups.find($0) }
        var rowsOfGroup: [Int: [Int]] = [:]
        for r in 0..<rows.count {
            guard let k = (0..<unknown.count).first(where: { a[r, $0] != 0 }) else { continue }
            rowsOfGroup[rootOf[k], default: []].append(r)
        }
        var solved = Set<Int>()
        for (k, j) in unknown.enumerated() {
            guard solution.classifications[k] == .observable, let value = solution.values[k] else { continue }
            values[j] = value
            let group = rowsOfGroup[rootOf[k]] ?? []
            computedFrom[j] = .combined(group.map { system.rowLabels[rows[$0]] })
            for r in group { solved.insert(rows[r]) }
        }
        return solved
    }
}
