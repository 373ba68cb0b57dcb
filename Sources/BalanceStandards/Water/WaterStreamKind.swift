/// The role of a water stream in a GB/T 12452 water balance (FORMATS.md §3, STANDARDS.md §1.2).
///
/// Read from the `kind` (类别) column of `streams.csv`, by English name (any case) or Chinese alias.
/// A stream without a kind gets one inferred from its topology where that is unambiguous
/// (``WaterNetwork``); an unknown kind string is a data error.
///
/// Symbols are the 2008-era ones that test reports still use (STANDARDS.md §1.2 [H] for the symbol
/// set; the 2022 edition's symbols are UNCONFIRMED).
public enum WaterStreamKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// 取水 / 新水 (V_f): water entering the boundary for the first time, or new water distributed
    /// by a network to a unit (STANDARDS.md §1.2, [M]).
    case intake
    /// 循环 (V_cy): water used and returned to the same process — a loop, `from` = `to` ([M]).
    case circulating
    /// 串联 / 回用 (V_s): water discharged by one unit and used by another ([M]).
    case series
    /// 耗水 (V_co): evaporation, drift, water taken into products or sludge ([M]).
    case consumption
    /// 排水 (V_d): water leaving a unit for drainage, treatment or out of the boundary ([M]).
    case discharge
    /// 漏失 (V_l): leaks and overflows of networks and equipment ([H] name/symbol, [M] definition).
    case leakage
    /// 外供 (no standard symbol): water passed to third parties across the boundary ([L]).
    case export
    /// 蒸汽: steam from a boiler to its users (FORMATS.md §3). Not reuse; the boiler's feed water is new water.
    case steam
    /// 冷凝水回用: steam condensate returned to a boiler (or to the same boiler, as a loop). Reuse.
    case condensate

    /// Chinese names accepted in the `kind` column besides the English name.
    ///
    /// The aliases of the loop kinds (`circulating`, `condensate`) are exactly those that
    /// `loopKinds` accepts on a loop, so a loop is never rejected for its alias.
    public var aliases: [String] {
        switch self {
        case .intake: return ["取水", "新水", "取水量", "新水量", "新鲜水"]
        case .circulating: return ["循环", "循环水"]
        case .series: return ["串联", "串用", "回用", "串联水", "串用水", "回用水", "串联回用"]
        case .consumption: return ["耗水", "耗水量", "消耗"]
        case .discharge: return ["排水", "排水量", "排放"]
        case .leakage: return ["漏失", "漏失水", "漏失水量", "漏水", "漏溢"]
        case .export: return ["外供", "外供水", "外供水量"]
        case .steam: return ["蒸汽"]
        case .condensate: return ["冷凝水", "冷凝水回用"]
        }
    }

    /// The `kind` words of an intake from a non-conventional source (非常规水资源: municipal reclaimed water, rainwater,
    /// seawater, mine water, brackish water; GB/T 7119): the stream is an ``intake`` — counted in V_f like any water
    /// that enters the boundary, STANDARDS.md §1.2 — and its volume is V_u of the 非常规水资源替代率.
    public static let nonConventionalWords: [String] = [
        "nonconventional", "non-conventional", "非常规", "非常规水", "非常规水源", "非常规水资源", "中水", "再生水", "雨水",
        "海水", "矿井水", "苦咸水",
    ]

    /// Whether a `kind` cell names a non-conventional intake (``nonConventionalWords``).
    public static func isNonConventional(_ text: String) -> Bool {
        nonConventionalWords.contains(text.waterTrimmed.lowercased())
    }

    /// Parses a `kind` cell: the English name in any case, or a Chinese alias (a non-conventional source is an
    /// ``intake``); surrounding spaces are ignored. Returns `nil` for anything else (the caller reports it with the
    /// stream's file and line).
    public init?(text: String) {
        let key = text.waterTrimmed.lowercased()
        guard !key.isEmpty else { return nil }
        if Self.nonConventionalWords.contains(key) {
            self = .intake
            return
        }
        for kind in Self.allCases where kind.rawValue == key || kind.aliases.contains(key) {
            self = kind
            return
        }
        return nil
    }

    /// `true` for the kinds that count as reused water V_r = V_cy + V_s (+ condensate, FORMATS.md §3):
    /// `circulating`, `series`, `condensate`.
    public var isReuse: Bool { self == .circulating || self == .series || self == .condensate }

    /// `true` for the kinds that leave the water system and therefore must end outside the boundary:
    /// `consumption`, `leakage`, `export`.
    public var leavesSystem: Bool { self == .consumption || self == .leakage || self == .export }

    /// The usual Chinese label (报告用语).
    public var chineseName: String {
        switch self {
        case .intake: return "新水"
        case .circulating: return "循环水"
        case .series: return "串联/回用水"
        case .consumption: return "耗水"
        case .discharge: return "排水"
        case .leakage: return "漏失水"
        case .export: return "外供水"
        case .steam: return "蒸汽"
        case .condensate: return "冷凝水回用"
        }
    }

    /// English label for reports.
    public var englishName: String {
        switch self {
        case .intake: return "new water"
        case .circulating: return "circulating"
        case .series: return "series/reuse"
        case .consumption: return "consumption"
        case .discharge: return "discharge"
        case .leakage: return "leakage"
        case .export: return "export"
        case .steam: return "steam"
        case .condensate: return "condensate return"
        }
    }
}

extension String {
    /// The string without leading and trailing white space (BalanceStandards does not import Foundation).
    var waterTrimmed: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
