import BalanceStandards

/// The language of the labels of water reports and diagrams (`balance water --lang zh|en`).
///
/// Numbers, ids and JSON keys never change with the language; only headings, column labels and notes do.
public enum WaterReportLanguage: String, Sendable, Hashable, CaseIterable {
    /// 中文 — the language of audit reports (default).
    case zh
    /// English.
    case en

    /// The Chinese or English text.
    public func pick(_ chinese: String, _ english: String) -> String { self == .zh ? chinese : english }

    /// Label of a quantity column with its symbol, e.g. `新水量 V_f`.
    public func label(_ q: WaterQuantity, symbol: Bool = true) -> String {
        pick(q.chineseName, q.englishName) + (symbol ? " " + q.symbol : "")
    }

    /// Name of an indicator.
    public func name(_ indicator: WaterIndicator) -> String { pick(indicator.chineseName, indicator.englishName) }

    /// Name of a category.
    public func name(_ category: WaterCategory?) -> String {
        guard let category else { return pick("未分类", "unclassified") }
        return pick(category.chineseName, category.englishName)
    }

    /// Name of a stream kind.
    public func name(_ kind: WaterStreamKind) -> String { pick(kind.chineseName, kind.englishName) }

    /// Why an indicator is unavailable.
    public func reason(_ unavailable: WaterIndicatorUnavailable) -> String {
        pick(unavailable.chineseText, unavailable.englishText)
    }
}

/// Flow units as printed: `m3/d` → `m³/d`.
enum WaterUnitText {
    static func pretty(_ unit: String) -> String {
        unit.replacing("m3", with: "m³").replacing("M3", with: "m³")
    }
}
