/// The configurable rules of a GB/T 12452 water balance.
///
/// Every item that STANDARDS.md tags [M], [L] or UNCONFIRMED is a parameter here, with its default
/// and its source, never a silent constant (DEVELOPERS-NOTES; STANDARDS.md §0.2). The defaults
/// reproduce the worked example of STANDARDS.md §9.1.
public struct WaterBalanceParameters: Sendable, Hashable {
    /// Closure tolerance of a unit or system, |δ| = |in − out| / in (default 0.05 = 5 %).
    ///
    /// STANDARDS.md §1.5 convention 2: "widely used in practice", **UNCONFIRMED** as a clause of
    /// GB/T 12452-2008/2022. `balance water --unit-tolerance`.
    public var unitClosureTolerance: Double

    /// Tolerance of the boundary check: the boundary intake meter(s) against the sum of the units'
    /// intakes, δ = (meter − Σ units) / meter (default 0.10 = 10 %).
    ///
    /// STANDARDS.md §1.5 convention 1: [H] as text in S25 ("各类日取水量之和与同期单位实际日总取水量之差
    /// 不大于10%"), **UNCONFIRMED** as a GB/T 12452 clause. `balance water --boundary-tolerance`.
    public var boundaryClosureTolerance: Double

    /// Categories whose new water is *not* production water in 单位产品取水量 V_uf = V_yf / Q
    /// (default: `domestic`, 生活/附属).
    ///
    /// STANDARDS.md §1.4 (V_uf [H], S3 eq. 8) defines V_yf as production new water; that it excludes
    /// exactly the domestic/ancillary category is [M], fixed by the §9.1 example (388 = 428 − 40).
    public var productionExcludedCategories: Set<WaterCategory>

    /// Whether a `steam` stream bought from outside the boundary counts as intake V_f (default `true`).
    ///
    /// STANDARDS.md §1.2 `intake`, [M]: intake includes "water products bought on the market (steam,
    /// hot water)".
    public var purchasedSteamIsIntake: Bool

    /// Whether a stream without a kind that leaves a `network` node for another node is inferred to be
    /// `intake` (new water distributed to a unit; default `true`). A project rule, not from a standard.
    public var inferNetworkOutflowAsIntake: Bool

    /// Whether steam condensate returned (`condensate`) counts in reused water V_r (default `true`).
    ///
    /// FORMATS.md §3: V_r = Σ circulating + Σ series + Σ condensate; STANDARDS.md §1.2 counts
    /// "condensate returned to the same boiler loop" as circulating water [M].
    public var condensateIsReuse: Bool

    /// Significance level of the reconciliation's statistical tests (default 0.05), used when the case
    /// has uncertainties.
    public var alpha: Double

    /// Accept negative readings (default `false`: a negative water volume is refused as a sign error or
    /// a meter read backwards). Only for simulation studies, where noise on a small flow can draw a
    /// negative reading; an audit's data never need it.
    public var negativeReadingsAllowed: Bool = false

    /// Output value Z in 万元 over the same period as the flows, for V_wf (`nil`: not given).
    public var outputValue: Double?

    /// Number of employees n, for V_lf (`nil`: not given).
    public var staff: Double?

    /// Parameters with the documented defaults; change only what the audit's own rules differ in.
    public init(
        unitClosureTolerance: Double = 0.05, boundaryClosureTolerance: Double = 0.10,
        productionExcludedCategories: Set<WaterCategory> = [.domestic], purchasedSteamIsIntake: Bool = true,
        inferNetworkOutflowAsIntake: Bool = true, condensateIsReuse: Bool = true, alpha: Double = 0.05
    ) {
        self.unitClosureTolerance = unitClosureTolerance
        self.boundaryClosureTolerance = boundaryClosureTolerance
        self.productionExcludedCategories = productionExcludedCategories
        self.purchasedSteamIsIntake = purchasedSteamIsIntake
        self.inferNetworkOutflowAsIntake = inferNetworkOutflowAsIntake
        self.condensateIsReuse = condensateIsReuse
        self.alpha = alpha
    }

    /// The defaults: 5 % per unit, 10 % at the boundary, domestic water excluded from production water.
    public static let standard = WaterBalanceParameters()
}
