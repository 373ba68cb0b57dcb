/// The water-use indicators (用水评价指标) of FORMATS.md §3 and STANDARDS.md §1.4. The raw values are
/// the JSON keys of `indicators` (public API). Rates are fractions (0.921, printed 92.10 %); V_uf is in
/// the flow unit per product unit (m³/t when flows are m³/d and Q is t/d).
///
/// Every indicator is a ratio of two linear forms in the stream values (``WaterRatio``), so its
/// uncertainty follows from the stream covariance by first-order propagation.
public enum WaterIndicator: String, Sendable, Hashable, CaseIterable, Codable {
    /// 重复利用率 R = V_r / (V_f + V_r) = V_r / V_t, enterprise level.
    /// V_r = Σ circulating + Σ series + Σ condensate (FORMATS.md §3). Source: STANDARDS.md §1.4, S3 eq. (4), [H].
    case repeatUtilizationRate
    /// 间接冷却水循环率 r_c = V_cr / (V_cr + V_cf): circulating water of the `cooling` nodes over that plus
    /// their new water. Source: STANDARDS.md §1.4, S3 eq. (5), [H]. Null without `cooling` nodes.
    case indirectCoolingRecirculationRate
    /// 工艺水回用率 r_g = V_gr / (V_gr + V_gf): water reused into `process` nodes (their loops and the
    /// series/condensate water they receive) over that plus their new water. Source: STANDARDS.md §1.4,
    /// S3 eq. (6), [H]. Null without `process` nodes.
    case processWaterReuseRate
    /// 蒸汽冷凝水回用率 r_b = V_br·ρ / (D·h): condensate returned over steam produced in the same period.
    /// With D given in the flow unit (FORMATS.md §3: Σ `steam` streams, or the boilers' `steam` column, e.g.
    /// 4 250 kg/h × 24 h = 102 t/d ≈ 102 m³/d), ρ·/(D·h) reduces to 1/D. Source: STANDARDS.md §1.4,
    /// S3/S4 [H for the structure; the rendering of the source is garbled]. Null without steam production.
    case condensateReuseRate
    /// 用水综合漏失率 K_l = V_l / V_f: leakage over enterprise intake. Source: STANDARDS.md §1.4, exists [H, S18],
    /// formula [M].
    case leakageRate
    /// 排水率 K_d = V_d / V_f: water discharged out of the enterprise over intake. Source: STANDARDS.md §1.4,
    /// exists [H, S27], formula [M].
    case dischargeRate
    /// 单位产品取水量 V_uf = V_yf / Q: production new water (enterprise intake less the new water of the
    /// categories in ``WaterBalanceParameters/productionExcludedCategories``, default domestic) per unit of
    /// product Q over the same period. Source: STANDARDS.md §1.4, S3 eq. (8), [H]; the exclusion [M] (§9.1).
    /// Needs `--production`.
    case intakePerProduct
    /// 万元产值取水量 V_wf = V_yf / Z: the same production new water as V_uf per output value Z (万元) over the same
    /// period as the flows (m³/万元 for daily flows and the day's output value). Source: STANDARDS.md §1.4, S3 eq. (9),
    /// [H]; V_yf as in eq. (8) [M]. Needs `--output-value`.
    case intakePerOutputValue
    /// 职工人均生活日新水量 V_lf = V_ylf / (n · d): the new water of the `domestic` units per person and per day. With
    /// flows per day, V_ylf / d is their daily intake, so V_lf = V_f(domestic) / n (m³/(人·d)); with flows per hour or
    /// year, it is per person and per that period. Source: STANDARDS.md §1.4, S3 eq. (10), [H]. Needs `--staff` and
    /// `domestic` units.
    case domesticIntakePerPerson
    /// 废水回用率 K_w = V_w / (V_d + V_w): treated wastewater reused (the `series` outflows of `treatment` nodes,
    /// 水处理站/中水站) over that plus the enterprise's discharge. Source: GB/T 7119 Annex A (exists [H], S18);
    /// formula STANDARDS.md §1.4 [M]. Null without a `treatment` node.
    case wastewaterReuseRate
    /// 非常规水资源替代率 K_u = V_u / V_f: intake from non-conventional sources (kind 中水, 再生水, 雨水, 海水, 矿井水,
    /// 苦咸水) over the enterprise's intake, which includes it. Source: GB/T 7119 Annex A (exists [H], S18); formula
    /// **UNCONFIRMED** (STANDARDS.md §1.4 gives V_u / (V_f + V_u) with V_f the conventional intake, which is this).
    case nonConventionalSubstitutionRate
    /// 水表计量率（一级）K_m1: the metered part of the enterprise's intake over all of it — a stream is metered when
    /// it is measured and its `source` names a meter (``DataSourceCategory``, `meters.csv`). Source: GB/T 7119
    /// Annex A, GB/T 24789 (exists [H], S18); formula [M]; the 100 % requirement is UNCONFIRMED.
    case meteringRate
    /// 水表计量率（二级）K_m2: the metered part of the water entering the water-using units (every stream ending at a
    /// unit, the supply network's inflow excepted) over all of it. Formula [M]; the ≥ 95 % requirement UNCONFIRMED.
    case unitMeteringRate

    /// Symbol used in reports.
    public var symbol: String {
        switch self {
        case .repeatUtilizationRate: return "R"
        case .indirectCoolingRecirculationRate: return "r_c"
        case .processWaterReuseRate: return "r_g"
        case .condensateReuseRate: return "r_b"
        case .leakageRate: return "K_l"
        case .dischargeRate: return "K_d"
        case .intakePerProduct: return "V_uf"
        case .intakePerOutputValue: return "V_wf"
        case .domesticIntakePerPerson: return "V_lf"
        case .wastewaterReuseRate: return "K_w"
        case .nonConventionalSubstitutionRate: return "K_u"
        case .meteringRate: return "K_m1"
        case .unitMeteringRate: return "K_m2"
        }
    }

    /// Chinese name (用水分析表).
    public var chineseName: String {
        switch self {
        case .repeatUtilizationRate: return "重复利用率"
        case .indirectCoolingRecirculationRate: return "间接冷却水循环率"
        case .processWaterReuseRate: return "工艺水回用率"
        case .condensateReuseRate: return "蒸汽冷凝水回用率"
        case .leakageRate: return "用水综合漏失率"
        case .dischargeRate: return "排水率"
        case .intakePerProduct: return "单位产品取水量"
        case .intakePerOutputValue: return "万元产值取水量"
        case .domesticIntakePerPerson: return "职工人均生活日新水量"
        case .wastewaterReuseRate: return "废水回用率"
        case .nonConventionalSubstitutionRate: return "非常规水资源替代率"
        case .meteringRate: return "水表计量率（一级）"
        case .unitMeteringRate: return "水表计量率（二级）"
        }
    }

    /// English name.
    public var englishName: String {
        switch self {
        case .repeatUtilizationRate: return "Repeated utilization rate"
        case .indirectCoolingRecirculationRate: return "Indirect cooling water recirculation rate"
        case .processWaterReuseRate: return "Process water reuse rate"
        case .condensateReuseRate: return "Steam condensate reuse rate"
        case .leakageRate: return "Leakage rate"
        case .dischargeRate: return "Discharge rate"
        case .intakePerProduct: return "Intake per unit product"
        case .intakePerOutputValue: return "Intake per 10 000 yuan of output value"
        case .domesticIntakePerPerson: return "Domestic new water per employee and day"
        case .wastewaterReuseRate: return "Wastewater reuse rate"
        case .nonConventionalSubstitutionRate: return "Non-conventional water substitution rate"
        case .meteringRate: return "Metered share of intake (level 1)"
        case .unitMeteringRate: return "Metered share of unit inflows (level 2)"
        }
    }

    /// The formula as printed in reports.
    public var formula: String {
        switch self {
        case .repeatUtilizationRate: return "R = V_r / (V_f + V_r)"
        case .indirectCoolingRecirculationRate: return "r_c = V_cr / (V_cr + V_cf)"
        case .processWaterReuseRate: return "r_g = V_gr / (V_gr + V_gf)"
        case .condensateReuseRate: return "r_b = V_br / D"
        case .leakageRate: return "K_l = V_l / V_f"
        case .dischargeRate: return "K_d = V_d / V_f"
        case .intakePerProduct: return "V_uf = V_yf / Q"
        case .intakePerOutputValue: return "V_wf = V_yf / Z"
        case .domesticIntakePerPerson: return "V_lf = V_ylf / (n · d)"
        case .wastewaterReuseRate: return "K_w = V_w / (V_d + V_w)"
        case .nonConventionalSubstitutionRate: return "K_u = V_u / V_f"
        case .meteringRate: return "K_m1 = V_f,metered / V_f"
        case .unitMeteringRate: return "K_m2 = V_in,metered / V_in"
        }
    }

    /// Where the formula comes from, with STANDARDS.md's confidence tag.
    public var source: String {
        switch self {
        case .repeatUtilizationRate: return "GB/T 12452; STANDARDS.md §1.4 (S3 eq. 4) [H]"
        case .indirectCoolingRecirculationRate: return "GB/T 12452; STANDARDS.md §1.4 (S3 eq. 5) [H]"
        case .processWaterReuseRate: return "GB/T 12452; STANDARDS.md §1.4 (S3 eq. 6) [H]"
        case .condensateReuseRate: return "GB/T 12452; STANDARDS.md §1.4 (S3/S4) [H structure]"
        case .leakageRate: return "GB/T 7119 Annex A; STANDARDS.md §1.4 [M]"
        case .dischargeRate: return "STANDARDS.md §1.4 (S27) [M]"
        case .intakePerProduct: return "GB/T 12452; STANDARDS.md §1.4 (S3 eq. 8) [H]; domestic water excluded [M]"
        case .intakePerOutputValue: return "GB/T 12452; STANDARDS.md §1.4 (S3 eq. 9) [H]; V_yf as for V_uf [M]"
        case .domesticIntakePerPerson: return "GB/T 12452; STANDARDS.md §1.4 (S3 eq. 10) [H]"
        case .wastewaterReuseRate: return "GB/T 7119 Annex A; STANDARDS.md §1.4 [M]"
        case .nonConventionalSubstitutionRate: return "GB/T 7119 Annex A; STANDARDS.md §1.4 UNCONFIRMED"
        case .meteringRate: return "GB/T 7119 Annex A, GB/T 24789; STANDARDS.md §1.4, §3 [M]"
        case .unitMeteringRate: return "GB/T 7119 Annex A, GB/T 24789; STANDARDS.md §1.4, §3 [M]"
        }
    }

    /// `true` for fractions (printed as %); `false` for V_uf, V_wf and V_lf (flow unit per product unit, per 万元, per
    /// person).
    public var isRate: Bool { ![.intakePerProduct, .intakePerOutputValue, .domesticIntakePerPerson].contains(self) }

    /// `true` when a higher value is better (reuse rates); `false` for losses, discharge and intake.
    public var higherIsBetter: Bool {
        switch self {
        case .repeatUtilizationRate, .indirectCoolingRecirculationRate, .processWaterReuseRate, .condensateReuseRate,
             .wastewaterReuseRate, .nonConventionalSubstitutionRate, .meteringRate, .unitMeteringRate:
            return true
        case .leakageRate, .dischargeRate, .intakePerProduct, .intakePerOutputValue, .domesticIntakePerPerson:
            return false
        }
    }
}

/// Why an indicator has no value (it is `null` in JSON, with this reason).
public enum WaterIndicatorUnavailable: Error, Sendable, Hashable {
    /// No unit has the category the indicator is about.
    case noNodes(WaterCategory)
    /// The denominator is zero (e.g. no intake at all).
    case zeroDenominator
    /// Neither `steam` streams nor a boiler's `steam` column give the steam production.
    case noSteamProduction
    /// `--production` was not given.
    case noProduction
    /// `--output-value` was not given.
    case noOutputValue
    /// `--staff` was not given.
    case noStaff
    /// Measured streams whose `source` is empty (the first few ids): whether a meter reads them is unknown, so the
    /// 水表计量率 cannot be determined.
    case unspecifiedSources([String])

    /// English explanation.
    public var englishText: String {
        switch self {
        case let .noNodes(category):
            return "no unit has category '\(category.rawValue)' (\(category.chineseName)) in nodes.csv"
        case .zeroDenominator: return "the denominator is zero"
        case .noSteamProduction:
            return "no steam production: give steam streams (kind steam) or the boiler's 蒸汽产量 (steam column of nodes.csv)"
        case .noProduction: return "no production quantity (give the production Q)"
        case .noOutputValue: return "no output value (give the output value Z in 万元 over the period of the flows)"
        case .noStaff: return "no staff count (give the number of employees n)"
        case let .unspecifiedSources(ids):
            return "measured streams without a source (\(ids.joined(separator: ", "))): name the meter that reads each "
                + "(source column or meters.csv), or say calculated, estimated, quota or design"
        }
    }

    /// Chinese explanation.
    public var chineseText: String {
        switch self {
        case let .noNodes(category): return "nodes.csv 中没有用水类别为“\(category.chineseName)”(\(category.rawValue))的单元"
        case .zeroDenominator: return "分母为零"
        case .noSteamProduction: return "缺少蒸汽产量：请给出蒸汽流股(类别 steam)或锅炉节点的蒸汽产量(nodes.csv 的 steam 列)"
        case .noProduction: return "未给出产品产量(需给出产量 Q)"
        case .noOutputValue: return "未给出产值(需给出与流量同期的产值 Z，万元)"
        case .noStaff: return "未给出职工人数(需给出人数 n)"
        case let .unspecifiedSources(ids):
            return "实测流股未注明数据来源(\(ids.joined(separator: "、")))：请在数据来源列或 meters.csv 中注明计量仪表，或注明计算、估算、定额、设计"
        }
    }
}

/// Production over the balance period, for V_uf.
public struct WaterProduction: Sendable, Hashable {
    /// Q, product quantity over the same period as the flows (e.g. t/d when flows are m³/d); > 0.
    public var quantity: Double
    /// Unit of the product (e.g. `t`, `kL`), for labels.
    public var unit: String?

    /// Q over the period of the flows, and its unit for labels.
    public init(quantity: Double, unit: String? = nil) {
        self.quantity = quantity
        self.unit = unit
    }
}
