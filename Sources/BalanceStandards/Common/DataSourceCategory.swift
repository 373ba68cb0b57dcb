/// What kind of evidence a value rests on, read from its `source` (数据来源, FORMATS.md §1.1): the grouping of an
/// uncertainty budget (issue 15), answering the audit reviews' "实测数据来源依据不清晰".
///
/// The documented vocabulary of `source` is a meter id, or `calculated`, `estimated`, `quota`, `design`; their
/// Chinese equivalents (计算, 估算/估计, 定额, 设计) are recognised too. Any other text names a meter. The meter class
/// of GB 17167-2006 §4.3 (energy) and GB 24789-2022 (water): 一级表 (the plant's boundary), 二级表 (a workshop or
/// unit), 三级表 (equipment), is read from the text when it says so (`二级表`, `2级`, `class 2`).
public enum DataSourceCategory: String, Sendable, CaseIterable, Hashable {
    /// A meter reading (the default for any id or text that is not one of the words below).
    case meter
    /// Calculated from other values (`calculated`, 计算).
    case calculated
    /// Estimated by the auditor (`estimated`, 估算, 估计).
    case estimated
    /// From a consumption quota (`quota`, 定额).
    case quota
    /// From design or nameplate data (`design`, 设计).
    case design
    /// No source given.
    case unspecified

    /// The category of a `source` text. The words are matched case-insensitively anywhere in the text
    /// (`estimated from pump curve` is an estimate); the first rule that matches wins, in the order of the cases.
    /// - Complexity: O(length of the text).
    public init(source: String?) {
        guard let text = source?.lowercased(), !text.allSatisfy(\.isWhitespace) else {
            self = .unspecified
            return
        }
        let rules: [(DataSourceCategory, [String])] = [
            (.calculated, ["calculated", "计算"]), (.estimated, ["estimated", "estimate", "估算", "估计"]),
            (.quota, ["quota", "定额"]), (.design, ["design", "设计"]),
        ]
        self = rules.first { _, words in words.contains { text.contains($0) } }?.0 ?? .meter
    }

    /// The category's name in the report's language.
    public func name(chinese: Bool) -> String {
        switch self {
        case .meter: return chinese ? "仪表" : "meter"
        case .calculated: return chinese ? "计算" : "calculated"
        case .estimated: return chinese ? "估算" : "estimated"
        case .quota: return chinese ? "定额" : "quota"
        case .design: return chinese ? "设计" : "design"
        case .unspecified: return chinese ? "未注明" : "unspecified"
        }
    }

    /// The meter class (1, 2 or 3: 一级表, 二级表, 三级表) named in a `source` text, or `nil`.
    /// - Complexity: O(length of the text).
    public static func meterClass(source: String?) -> Int? {
        guard let text = source?.lowercased() else { return nil }
        let forms: [(Int, [String])] = [
            (1, ["一级", "1级", "class 1"]), (2, ["二级", "2级", "class 2"]),
            (3, ["三级", "3级", "class 3"]),
        ]
        return forms.first { _, words in words.contains { text.contains($0) } }?.0
    }
}
