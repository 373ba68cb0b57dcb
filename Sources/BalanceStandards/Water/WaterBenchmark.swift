/// Reference values to compare the indicators with in the 用水分析表 (企业用水分析表: indicator vs quota or
/// benchmark, STANDARDS.md §1.6).
///
/// A benchmark is a minimum for the reuse rates (``WaterIndicator/higherIsBetter``) and a maximum for
/// leakage, discharge and intake per product. The built-in sets are the 工业节水型企业 assessment
/// thresholds quoted in STANDARDS.md §1.4 ([H], S19); per-product intake quotas (GB/T 18916.x) depend on
/// the product and must be given by the user (`--benchmark intakePerProduct=5.5`).
public struct WaterBenchmark: Sendable, Hashable {
    /// Label of the set (e.g. `textile-dyeing`, or `user`).
    public var name: String
    /// Where the values come from.
    public var source: String
    /// Threshold per indicator (fractions for rates).
    public var values: [WaterIndicator: Double]

    /// A benchmark set; `values` are fractions for the rates.
    public init(name: String, source: String, values: [WaterIndicator: Double]) {
        self.name = name
        self.source = source
        self.values = values
    }

    /// `true` when `value` meets the threshold of `indicator` (≥ for reuse rates, ≤ otherwise); `nil` when
    /// there is no threshold or no value.
    public func meets(_ indicator: WaterIndicator, value: Double?) -> Bool? {
        guard let threshold = values[indicator], let value else { return nil }
        return indicator.higherIsBetter ? value >= threshold : value <= threshold
    }

    /// Textile dyeing (印染): R ≥ 45 %, r_c ≥ 95 %, condensate ≥ 98 %, leakage ≤ 6 % (STANDARDS.md §1.4, S19 [H]).
    public static let textileDyeing = WaterBenchmark(
        name: "textile-dyeing", source: "工业节水型企业 thresholds, STANDARDS.md §1.4 (S19) [H]",
        values: [.repeatUtilizationRate: 0.45, .indirectCoolingRecirculationRate: 0.95, .condensateReuseRate: 0.98,
                 .leakageRate: 0.06])

    /// Iron and steel (钢铁): R ≥ 97 %, leakage ≤ 8 % (STANDARDS.md §1.4, S19 [H]).
    public static let ironAndSteel = WaterBenchmark(
        name: "iron-steel", source: "工业节水型企业 thresholds, STANDARDS.md §1.4 (S19) [H]",
        values: [.repeatUtilizationRate: 0.97, .leakageRate: 0.08])

    /// Petroleum refining (炼油): R ≥ 97.5 %, steam condensate recovery ≥ 60 % (STANDARDS.md §1.4, S19 [H]).
    public static let petroleumRefining = WaterBenchmark(
        name: "petroleum-refining", source: "工业节水型企业 thresholds, STANDARDS.md §1.4 (S19) [H]",
        values: [.repeatUtilizationRate: 0.975, .condensateReuseRate: 0.60])

    /// The built-in sets by name.
    public static let presets: [String: WaterBenchmark] = [
        textileDyeing.name: textileDyeing, ironAndSteel.name: ironAndSteel, petroleumRefining.name: petroleumRefining,
    ]

    /// This benchmark with `other`'s values added (they win where both give one).
    public func merging(_ other: WaterBenchmark) -> WaterBenchmark {
        WaterBenchmark(name: name == other.name ? name : "\(name)+\(other.name)", source: "\(source); \(other.source)",
                       values: values.merging(other.values) { _, new in new })
    }
}
