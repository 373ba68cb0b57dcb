/// The water-use category of a node (`category`, 用水类别, in `nodes.csv`; FORMATS.md §3).
///
/// The categories follow the classification of GB/T 12452-2008 chapter 4 — deleted from the 2022 edition
/// but still used in report tables (STANDARDS.md §1.2, [L]): main production water (indirect cooling,
/// process, boiler), auxiliary and ancillary/domestic water, plus the supply network. They select the
/// nodes of the category indicators (r_c over `cooling`, r_g over `process`, r_b over `boiler`) and
/// the rows of the 企业水平衡测试统计表. A node without a category is *unclassified*; an unknown
/// category string is a data error.
public enum WaterCategory: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// 间接冷却水: heat exchangers and the cooling-tower loop (r_c).
    case cooling
    /// 工艺用水: product, washing, direct-cooling and other process water (r_g).
    case process
    /// 锅炉用水: boiler feed and boiler water treatment (r_b).
    case boiler
    /// 生活 / 附属生产用水: offices, canteen, bath house, greening … (excluded from production water, §9.1).
    case domestic
    /// 辅助生产用水: repair shop, compressor station, laboratories, in-plant wastewater treatment …
    case auxiliary
    /// 管网: the supply network; its own use is its leakage (STANDARDS.md §9.1, unit U6).
    case network
    /// 水处理站 / 中水站: a station that treats wastewater for reuse. The wastewater it receives is not reuse (its
    /// `series` inflow is not counted in V_r, which would count the same water twice); the treated water it sends to
    /// units is, and is V_w of the 废水回用率 (FORMATS.md §3, STANDARDS.md §1.4 [M]).
    case treatment

    /// Chinese names accepted in the `category` column besides the English name.
    public var aliases: [String] {
        switch self {
        case .cooling: return ["间接冷却", "间接冷却水", "冷却", "冷却水", "indirect-cooling"]
        case .process: return ["工艺", "工艺用水", "工艺水", "生产"]
        case .boiler: return ["锅炉", "锅炉用水", "锅炉房"]
        case .domestic: return ["生活", "附属", "生活/附属", "生活用水", "附属生产", "附属生产用水", "ancillary"]
        case .auxiliary: return ["辅助", "辅助生产", "辅助生产用水"]
        case .network: return ["管网", "供水管网", "给水管网"]
        case .treatment: return ["水处理", "水处理站", "中水站", "中水回用站", "污水处理站", "废水处理站", "再生水站",
                                 "wastewater-treatment"]
        }
    }

    /// Parses a `category` cell by English name (any case) or alias; `nil` for anything else.
    public init?(text: String) {
        let key = text.waterTrimmed.lowercased()
        guard !key.isEmpty else { return nil }
        for category in Self.allCases where category.rawValue == key || category.aliases.contains(key) {
            self = category
            return
        }
        return nil
    }

    /// Label in report tables (统计表 rows).
    public var chineseName: String {
        switch self {
        case .cooling: return "间接冷却水"
        case .process: return "工艺用水"
        case .boiler: return "锅炉用水"
        case .domestic: return "生活/附属用水"
        case .auxiliary: return "辅助生产用水"
        case .network: return "管网"
        case .treatment: return "水处理站"
        }
    }

    /// English label.
    public var englishName: String {
        switch self {
        case .cooling: return "indirect cooling"
        case .process: return "process"
        case .boiler: return "boiler"
        case .domestic: return "domestic/ancillary"
        case .auxiliary: return "auxiliary"
        case .network: return "network"
        case .treatment: return "water treatment"
        }
    }

    /// Report order: the order of `allCases`.
    public static func < (lhs: WaterCategory, rhs: WaterCategory) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
