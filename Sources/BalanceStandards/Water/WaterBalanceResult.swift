import BalanceCore

/// How the stream values of a water balance were obtained.
public enum WaterBalanceMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// Values as given; unmeasured streams computed from balances in which they are the only unknown
    /// (`ExactBalance`). No uncertainties.
    case exact
    /// Measurements reconciled by weighted least squares (`Reconciler`); uncertainties from
    /// the reconciled covariance.
    case reconciled
}

/// One row of a water balance table: a unit, a group (workshop, enterprise), or a category.
public struct WaterBalanceRow: Sendable, Hashable, Identifiable {
    /// What the row stands for.
    public enum Level: String, Sendable, Hashable, Codable {
        /// One node (基本用水单元).
        case unit
        /// A node's subtree in the `parent` hierarchy (workshop, enterprise).
        case group
        /// All units of a category (企业水平衡测试统计表).
        case category
        /// Every node inside the boundary.
        case enterprise
    }

    /// Node id, category raw value (`unclassified` for units without one), or `enterprise`.
    public var id: String
    /// Label (node name, category name).
    public var name: String
    /// Row level.
    public var level: Level
    /// Depth in the hierarchy (0 = root) for groups and units; 0 otherwise.
    public var depth: Int
    /// Category of a unit.
    public var category: WaterCategory?
    /// The units the row covers (its own id for a unit).
    public var members: [String]
    /// Value of each quantity (flow unit of the case).
    public var values: [WaterQuantity: Double]
    /// Standard uncertainty of each quantity; empty in exact mode.
    public var sigmas: [WaterQuantity: Double]
    /// V_f + V_s,in.
    public var inflow: Double
    /// V_co + V_d + V_l + V_s,out + V_e.
    public var outflow: Double
    /// δ = (in − out)/in; `nil` when nothing flows in.
    public var closure: Double?
    /// R = V_r/(V_f + V_r) of the row; `nil` when V_f + V_r = 0.
    public var repeatRate: Double?
    /// Standard uncertainty of ``repeatRate``.
    public var repeatRateSigma: Double?

    /// The value of a quantity (0 when absent).
    public subscript(_ q: WaterQuantity) -> Double { values[q] ?? 0 }
}

/// One evaluated indicator.
public struct WaterIndicatorResult: Sendable, Hashable {
    /// Which indicator.
    public var indicator: WaterIndicator
    /// The value (fraction for rates); `nil` when unavailable.
    public var value: Double?
    /// First-order standard uncertainty; `nil` in exact mode or when unavailable.
    public var sigma: Double?
    /// Value of the numerator N, for the 用水分析表.
    public var numerator: Double?
    /// Value of the denominator D.
    public var denominator: Double?
    /// Why the value is `nil`.
    public var unavailable: WaterIndicatorUnavailable?
    /// ∂value/∂x_j by stream index (``WaterRatio/gradient(_:)``), for the uncertainty budget; `nil` when unavailable.
    public var gradient: [Int: Double]? = nil
}

/// A total of the enterprise balance (JSON `totals`).
public struct WaterTotal: Sendable, Hashable {
    /// The JSON key: `intake`, `reuse`, `consumption`, `discharge`, `leakage`, then the extensions
    /// `totalUse`, `circulating`, `export`.
    public var key: String
    /// The quantity.
    public var quantity: WaterQuantity
    /// The value.
    public var value: Double
    /// Its standard uncertainty (reconciled mode).
    public var sigma: Double?
    /// ∂(total)/∂x by stream index: the coefficients of its linear form (for budgets and shared-error covariances).
    public var gradient: [Int: Double] = [:]
}

/// The closure of one unit with the data as given (STANDARDS.md §1.3, §1.5).
public struct WaterUnitClosure: Sendable, Hashable {
    /// Node id.
    public var node: String
    /// Σ in of the node with the values as given (unmeasured streams computed where possible).
    public var inflow: Double
    /// Σ out, likewise.
    public var outflow: Double
    /// δ = (in − out)/in.
    public var relative: Double?
    /// |δ| ≤ ``WaterBalanceParameters/unitClosureTolerance``.
    public var withinTolerance: Bool
    /// `true` when an unmeasured stream was computed from this balance: it closes by construction.
    public var closesByConstruction: Bool
    /// Standard uncertainty of (in − out) from the meters' σ when every stream of the node has one.
    public var imbalanceSigma: Double?
}

/// The boundary check: boundary intake meter(s) against the sum of the units' intakes (STANDARDS.md §1.5,
/// §9.1: δ = (436 − 428)/436 = 1.83 %).
public struct WaterBoundaryCheck: Sendable, Hashable {
    /// The meter streams (``WaterNetwork/boundaryMeterStreams``).
    public var meterStreams: [String]
    /// The unit intake streams compared with them.
    public var unitStreams: [String]
    /// Σ meter readings.
    public var meter: Double
    /// Σ unit intakes.
    public var units: Double
    /// δ = (meter − units)/meter.
    public var relative: Double?
    /// Standard uncertainty of δ from the meters' σ (when all have one).
    public var sigma: Double?
    /// |δ| ≤ ``WaterBalanceParameters/boundaryClosureTolerance``.
    public var withinTolerance: Bool
}

/// Everything `balance water` computes (FORMATS.md §3).
public struct WaterBalanceResult: Sendable {
    /// The classified network.
    public var network: WaterNetwork
    /// Exact or reconciled.
    public var mode: WaterBalanceMode
    /// The value of every stream in model order (given, computed or reconciled); `nil` only for streams that
    /// take part in no water quantity (free streams).
    public var values: [Double?]
    /// Standard uncertainty of every stream value (reconciled mode), else `nil`.
    public var sigmas: [Double?]
    /// Covariance of the stream values (reconciled mode).
    public var covariance: Matrix?
    /// The reconciliation, in reconciled mode.
    public var reconciliation: ReconciliationResult?
    /// The uncertainty budget of the reconciled values (reconciled mode): which meters and estimates each value's and
    /// each indicator's σ² comes from (``WaterIndicatorResult/gradient`` with
    /// `UncertaintyBudget.contributions(gradient:)`).
    public var budget: UncertaintyBudget? = nil
    /// For streams computed in exact mode, the balance they were computed from.
    public var computedFrom: [String?]
    /// One row per unit (inside node that has streams), in node order.
    public var units: [WaterBalanceRow]
    /// One row per group of the hierarchy (depth first).
    public var groups: [WaterBalanceRow]
    /// One row per category that has units, then `unclassified`.
    public var categories: [WaterBalanceRow]
    /// The enterprise (every node inside the boundary).
    public var enterprise: WaterBalanceRow
    /// The indicators, in `WaterIndicator.allCases` order.
    public var indicators: [WaterIndicatorResult]
    /// The totals.
    public var totals: [WaterTotal]
    /// Closures of the units with the data as given.
    public var unitClosures: [WaterUnitClosure]
    /// The boundary check; `nil` when the case has no boundary meter.
    public var boundaryCheck: WaterBoundaryCheck?
    /// The rules used.
    public var parameters: WaterBalanceParameters
    /// Production, when given.
    public var production: WaterProduction?
    /// Plain-language warnings.
    public var warnings: [String]

    /// The result of one indicator.
    public func indicator(_ indicator: WaterIndicator) -> WaterIndicatorResult {
        indicators.first { $0.indicator == indicator }!
    }

    /// The row of a unit.
    public func unit(_ id: String) -> WaterBalanceRow? { units.first { $0.id == id } }
    /// The row of a group.
    public func group(_ id: String) -> WaterBalanceRow? { groups.first { $0.id == id } }
    /// The total with a JSON key.
    public func total(_ key: String) -> WaterTotal? { totals.first { $0.key == key } }

    /// `true` when every unit closure and the boundary check are within tolerance.
    public var closuresPass: Bool {
        unitClosures.allSatisfy(\.withinTolerance) && (boundaryCheck?.withinTolerance ?? true)
    }
}
