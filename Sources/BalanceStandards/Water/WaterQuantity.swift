/// The quantities of a unit, a group of units or the enterprise in a water balance — the columns of the
/// 基本用水单元水平衡测试表 (STANDARDS.md §1.3, §1.6; symbols of 2008-era practice, [H] for the set).
///
/// For a set S of nodes inside the boundary (one unit, a workshop's subtree, a category, the enterprise),
/// streams between two nodes of S are internal to it and streams from or to anything else cross its edge:
///
/// | quantity | formula over the streams crossing S's edge (or internal to S) |
/// |---|---|
/// | V_f  `intake`      | `intake` entering S − `intake` S passes on to other nodes (net new water used by S) |
/// | V_s,in `seriesIn`  | any other water entering S from a node outside S (series, steam, condensate, discharge to treatment) |
/// | V_cy `circulating` | loops (`circulating`, `condensate`) at nodes of S |
/// | V_t  `totalUse`    | V_f + V_s,in + V_cy + series/condensate between nodes of S (用水量) |
/// | V_co `consumption` | `consumption` leaving S |
/// | V_d  `discharge`   | `discharge` leaving S (out of the boundary or to another unit, e.g. treatment) |
/// | V_l  `leakage`     | `leakage` leaving S |
/// | V_s,out `seriesOut`| series, steam, condensate S sends to nodes outside S |
/// | V_e  `export`      | `export` leaving S |
/// | V_r  `reuse`       | V_cy + series/condensate received by nodes of S (internal or from outside S) |
///
/// With these definitions every set that consists of balancing nodes closes:
/// **V_f + V_s,in = V_co + V_d + V_l + V_s,out + V_e** (circulating water cancels; STANDARDS.md §1.3),
/// and for the enterprise (no edge but the boundary) V_s,in = V_s,out = 0, V_t = V_f + V_r ([H], S3) and
/// V_f = V_co + V_d + V_l + V_e. For a single unit V_t = V_f + V_s,in + V_cy (STANDARDS.md §1.3).
/// Netting the intake a network passes on makes V_f additive over any partition of the enterprise (the
/// rows of the category table add up to the enterprise's intake), and a network's own V_f is its
/// leakage, as unit U6 of the §9.1 example shows.
public enum WaterQuantity: String, Sendable, Hashable, CaseIterable, Codable {
    /// V_f 新水量: net new water (intake in − intake passed on).
    case intake
    /// V_s,in 串联来水量: other water received from units outside the set.
    case seriesIn
    /// V_cy 循环水量: loops at the set's nodes.
    case circulating
    /// V_t 总用水量: V_f + V_s,in + V_cy + series/condensate between the set's units.
    case totalUse
    /// V_co 耗水量.
    case consumption
    /// V_d 排水量 (also to treatment inside the boundary when that is outside the set).
    case discharge
    /// V_l 漏失水量.
    case leakage
    /// V_s,out 串出水量: series, steam, condensate sent to units outside the set.
    case seriesOut
    /// V_e 外供水量.
    case export
    /// V_r 重复利用水量: V_cy + series and condensate received by the set's units.
    case reuse

    /// Symbol in report tables.
    public var symbol: String {
        switch self {
        case .intake: return "V_f"
        case .seriesIn: return "V_s,in"
        case .circulating: return "V_cy"
        case .totalUse: return "V_t"
        case .consumption: return "V_co"
        case .discharge: return "V_d"
        case .leakage: return "V_l"
        case .seriesOut: return "V_s,out"
        case .export: return "V_e"
        case .reuse: return "V_r"
        }
    }

    /// Chinese column label.
    public var chineseName: String {
        switch self {
        case .intake: return "新水量"
        case .seriesIn: return "串联来水量"
        case .circulating: return "循环水量"
        case .totalUse: return "总用水量"
        case .consumption: return "耗水量"
        case .discharge: return "排水量"
        case .leakage: return "漏失水量"
        case .seriesOut: return "串出水量"
        case .export: return "外供水量"
        case .reuse: return "重复利用水量"
        }
    }

    /// English column label.
    public var englishName: String {
        switch self {
        case .intake: return "New water"
        case .seriesIn: return "Received"
        case .circulating: return "Circulating"
        case .totalUse: return "Total use"
        case .consumption: return "Consumption"
        case .discharge: return "Discharge"
        case .leakage: return "Leakage"
        case .seriesOut: return "Sent on"
        case .export: return "Export"
        case .reuse: return "Reused"
        }
    }
}

/// The quantities of one set of nodes as linear forms in the stream values (``WaterLinearForm``).
public struct WaterQuantityForms: Sendable, Hashable {
    /// Each ``WaterQuantity`` as a linear form.
    public var forms: [WaterQuantity: WaterLinearForm]

    /// Forms by quantity (absent = zero).
    public init(forms: [WaterQuantity: WaterLinearForm]) { self.forms = forms }

    /// The form of one quantity (zero when absent).
    public subscript(_ q: WaterQuantity) -> WaterLinearForm { forms[q] ?? .zero }

    /// Inputs V_f + V_s,in (circulating water, which cancels, left out).
    public var inflow: WaterLinearForm { self[.intake] + self[.seriesIn] }

    /// Outputs V_co + V_d + V_l + V_s,out + V_e.
    public var outflow: WaterLinearForm {
        self[.consumption] + self[.discharge] + self[.leakage] + self[.seriesOut] + self[.export]
    }

    /// Closure δ = (in − out)/in as a ratio (STANDARDS.md §1.3).
    public var closure: WaterRatio { WaterRatio(inflow - outflow, over: inflow) }
}
