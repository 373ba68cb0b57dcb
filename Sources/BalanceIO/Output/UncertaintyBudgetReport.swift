import BalanceCore
import BalanceStandards

/// An `UncertaintyBudget` as the reports show it (FORMATS.md §5.2): per value, the contributors with their `source`,
/// `category` (`DataSourceCategory`) and meter class, in JSON and as text lines. Used by the reconciliation and
/// the meter-advice reports.
public struct UncertaintyBudgetReport: Sendable {
    /// Contributions with |share| below this are summed into one `other` entry of a JSON budget (the full list of a
    /// 400-stream plant would hold 160,000 entries); the shares listed still sum to 1.
    public static let listedShare = 1e-4
    /// Contributions below this are left out of the text lines (they would print as 0.0 %).
    public static let textShare = 5e-4

    /// The budget (its ids and sources name the contributors).
    public var budget: UncertaintyBudget
    /// Language of the text lines (JSON keys and category values do not change).
    public var language: LabelLanguage = .en

    public init(budget: UncertaintyBudget, language: LabelLanguage = .en) {
        self.budget = budget
        self.language = language
    }

    /// The JSON budget of stream `j`: `uncertaintyBudget` (the contributors in decreasing order of |share|, each with its
    /// `source`, `category` and, for a meter whose source names its class, `meterClass`) and `uncertaintyByCategory`;
    /// both `null` when not determinable.
    /// - Complexity: O(contributors).
    public func json(_ j: Int) -> (contributors: JSONValue, byCategory: JSONValue) { json(budget.streams[j]) }

    /// The JSON of any figure's contributions (`UncertaintyBudget.contributions(gradient:)`), as ``json(_:)``.
    public func json(_ parts: [UncertaintyBudget.Contribution]?) -> (contributors: JSONValue, byCategory: JSONValue) {
        guard let parts else { return (.null, .null) }
        var listed: [JSONValue] = []
        var rest = 0.0
        var restCount = 0
        // Sums per category, in the categories' documented order (an array: this runs for every stream of a result).
        let categories = DataSourceCategory.allCases
        var byCategory = [Double?](repeating: nil, count: categories.count)
        for part in parts {
            let source = budget.sources[part.stream]
            let category = DataSourceCategory(source: source)
            if let k = categories.firstIndex(of: category) { byCategory[k] = (byCategory[k] ?? 0) + part.share }
            guard abs(part.share) >= Self.listedShare else {
                rest += part.share
                restCount += 1
                continue
            }
            var members: [(String, JSONValue)] = [
                ("stream", .string(budget.ids[part.stream])), ("source", .string(source)),
                ("category", .string(category.rawValue)), ("share", .number(part.share)),
            ]
            if category == .meter, let meterClass = DataSourceCategory.meterClass(source: source) {
                members.append(("meterClass", .integer(meterClass)))
            }
            listed.append(.object(members))
        }
        if restCount > 0 {
            listed.append(.object([
                ("stream", .null), ("source", .null), ("category", .string("other")), ("share", .number(rest)),
                ("streams", .integer(restCount)),
            ]))
        }
        // Categories in their documented order, so that the same input gives the same bytes.
        let sums: [(String, JSONValue)] = categories.indices.compactMap { k in
            byCategory[k].map { (categories[k].rawValue, .number($0)) }
        }
        return (.array(listed), .object(sums))
    }

    /// The three largest contributors of stream `j` as one text line (`W02: W02 86.8 % (FT-101 二级表); …`), or `nil`.
    public func line(_ j: Int) -> String? { line(budget.ids[j], budget.streams[j]) }

    /// The three largest of `parts` as one text line headed by `label`, or `nil`.
    public func line(_ label: String, _ parts: [UncertaintyBudget.Contribution]?) -> String? {
        guard let parts else { return nil }
        let zh = language == .zh
        let top = parts.filter { abs($0.share) >= Self.textShare }.prefix(3).map { part -> String in
            let source = budget.sources[part.stream]
            let category = DataSourceCategory(source: source)
            // The category's name unless the source already says it (`estimated` is not repeated).
            let name = category == .meter ? nil : category.name(chinese: zh)
            let label = [source, name.flatMap { n in source?.lowercased() == n.lowercased() ? nil : n }]
                .compactMap { $0 }.joined(separator: ", ")
            return "\(budget.ids[part.stream]) \(NumberFormatting.percent(part.share, decimals: 1))"
                + (label.isEmpty ? "" : " (\(label))")
        }
        return "\(label): " + top.joined(separator: zh ? "；" : "; ")
    }

    /// The lines of every value with a budget, in result order.
    public var lines: [String] { budget.ids.indices.compactMap(line) }
}
