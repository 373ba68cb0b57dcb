/// Balances computed with the data as given (no reconciliation): the arithmetic of a balance sheet.
///
/// Every stream with a value is taken as exact. Unmeasured streams are computed one at a time from
/// a balance (node or relation) in which they are the only unknown — the way an auditor fills a
/// balance sheet, and each computed stream records which balance gave it. What remains unknown is
/// reported; every balance whose streams are all known gets its closure error
/// δ = (Σ in − Σ out)/Σ in (STANDARDS.md §1.3, §8) checked against a tolerance.
public enum ExactBalance {
    /// The closure of one balance with known values.
    public struct Closure: Sendable, Hashable {
        /// The node or relation.
        public var balance: ConstraintSystem.RowLabel
        /// Σ in (positive terms) for a node; Σ |terms| / 2 for a relation.
        public var inflow: Double
        /// Σ out.
        public var outflow: Double
        /// Σ in − Σ out (for a relation: Σ c·x − constant).
        public var imbalance: Double
        /// imbalance / Σ in; `nil` when nothing flows in.
        public var relativeImbalance: Double?
        /// |δ| ≤ tolerance.
        public var withinTolerance: Bool
        /// `true` when an unmeasured stream was computed from this balance: it closes by construction.
        public var closesByConstruction: Bool
    }

    /// The result of an exact balance.
    public struct Result: Sendable {
        /// Values of all streams (given, or computed); `nil` where not determinable.
        public var values: [Double?]
        /// For a computed stream, the balance it was computed from.
        public var computedFrom: [ConstraintSystem.RowLabel?]
        /// Closures of the balances whose streams are all known (in row order).
        public var closures: [Closure]
        /// Ids of unmeasured streams that no balance determines.
        public var undetermined: [String]
        /// The tolerance used.
        public var tolerance: Double
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
                closesByConstruction: closedByConstruction.contains(i)))
        }
        let undetermined = (0..<n).filter { values[$0] == nil }.map { model.streams[$0].id }
        return Result(values: values, computedFrom: computedFrom, closures: closures, undetermined: undetermined, tolerance: tolerance)
    }
}
