import BalanceCore

/// The data of one period (base period 基期 or reporting period 报告期) for energy-saving calculations
/// (GB/T 13234-2009 企业节能量计算方法; STANDARDS.md §7).
///
/// GB/T 13234 §5.1 [H, S13]: base- and reporting-period consumption must be *actual* consumption; output
/// values must be at comparable prices (可比价), which the user is responsible for.
public struct SavingsPeriod: Sendable, Hashable {
    /// One product: its output, its comprehensive energy consumption and its output value.
    public struct Product: Sendable, Hashable {
        /// Product name (the key that matches base and reporting periods).
        public var name: String
        /// Output M (产量), in ``unit``.
        public var output: Double
        /// Unit of the output (`t`, `万m`, `件` …), free text; must be the same in both periods.
        public var unit: String?
        /// Comprehensive energy consumption E attributed to the product, tce.
        public var energyTce: Double
        /// Output value G (产值) in 万元 at comparable prices, if given.
        public var outputValue: Double?
        /// Where the row was given, for messages.
        public var location: SourceLocation?

        /// Creates the value from its parts (see the properties for meanings and units).
        public init(name: String, output: Double, unit: String? = nil, energyTce: Double, outputValue: Double? = nil,
                    location: SourceLocation? = nil) {
            self.name = name
            self.output = output
            self.unit = unit
            self.energyTce = energyTce
            self.outputValue = outputValue
            self.location = location
        }

        /// e = E / M, tce per output unit.
        public var unitConsumption: Double { energyTce / output }
    }

    /// The consumption of one carrier by one product (for 单项能源节能量).
    public struct CarrierUse: Sendable, Hashable {
        /// The product the carrier is used for.
        public var product: String
        /// Carrier name as written (resolved against the coefficient table).
        public var carrier: String
        /// Physical quantity.
        public var quantity: Double
        /// Its unit (`kWh`, `t`, `万m3` …).
        public var unit: String
        /// Where the row was given, for messages.
        public var location: SourceLocation?

        /// Creates the value from its parts (see the properties for meanings and units).
        public init(product: String, carrier: String, quantity: Double, unit: String, location: SourceLocation? = nil) {
            self.product = product
            self.carrier = carrier
            self.quantity = quantity
            self.unit = unit
            self.location = location
        }
    }

    /// A technical measure (技术措施): unit consumption before and after, and the output after it.
    public struct Measure: Sendable, Hashable {
        /// Name (product or measure), the key matched between periods.
        public var name: String
        /// e_tq, unit consumption before the measure, in ``unit``.
        public var before: Double
        /// e_th, unit consumption after the measure.
        public var after: Double
        /// P_th, output after the measure (in the denominator unit of ``unit``).
        public var output: Double
        /// `tce/t`, `kgce/t`, `kWh/t`, `m3/件` …: energy (standard coal, or a carrier's physical unit) per output unit.
        public var unit: String
        /// The carrier, when ``unit``'s numerator is physical (kWh, m3, t).
        public var carrier: String?
        /// Where the row was given, for messages.
        public var location: SourceLocation?

        /// Creates the value from its parts (see the properties for meanings and units).
        public init(name: String, before: Double, after: Double, output: Double, unit: String, carrier: String? = nil,
                    location: SourceLocation? = nil) {
            self.name = name
            self.before = before
            self.after = after
            self.output = output
            self.unit = unit
            self.carrier = carrier
            self.location = location
        }
    }

    /// A label for messages (`base`, `report`, or the folder name).
    public var name: String
    /// Products in input order.
    public var products: [Product]
    /// Whole-enterprise comprehensive energy consumption E (tce), when given apart from the products
    /// (a `合计`/`total` row); otherwise Σ products.
    public var totalEnergyTce: Double?
    /// Whole-enterprise output value G (万元); otherwise Σ products.
    public var totalOutputValue: Double?
    /// Carrier consumptions per product.
    public var carriers: [CarrierUse]
    /// Technical measures (normally given with the reporting period).
    public var measures: [Measure]

    /// Creates the value from its parts (see the properties for meanings and units).
    public init(name: String, products: [Product], totalEnergyTce: Double? = nil, totalOutputValue: Double? = nil,
                carriers: [CarrierUse] = [], measures: [Measure] = []) {
        self.name = name
        self.products = products
        self.totalEnergyTce = totalEnergyTce
        self.totalOutputValue = totalOutputValue
        self.carriers = carriers
        self.measures = measures
    }

    /// E: the total row, else Σ product energy.
    public var energyTce: Double { totalEnergyTce ?? products.reduce(0) { $0 + $1.energyTce } }

    /// G: the total row, else Σ product output values; `nil` when neither is given.
    public var outputValue: Double? {
        if let totalOutputValue { return totalOutputValue }
        guard !products.isEmpty, products.allSatisfy({ $0.outputValue != nil }) else { return nil }
        return products.reduce(0) { $0 + $1.outputValue! }
    }

    /// e_g = E / G, tce/万元.
    public var unitOutputValueConsumption: Double? { outputValue.flatMap { $0 > 0 ? energyTce / $0 : nil } }

    /// The product named `name`.
    public func product(_ name: String) -> Product? { products.first { $0.name == name } }
}

/// Which difference is reported (STANDARDS.md §7: the 2018 edition may differ — UNCONFIRMED, hence an option).
public enum SignConvention: String, Sendable, Hashable, CaseIterable {
    /// ΔE = report − base (GB/T 13234-2009 formulas): a negative value is a saving (default).
    case reportMinusBase = "report-minus-base"
    /// ΔE = base − report: a positive value is a saving (S26's way of stating the magnitude).
    case baseMinusReport = "base-minus-report"

    /// +1 or −1 applied to every report − base difference.
    public var factor: Double { self == .reportMinusBase ? 1 : -1 }

    /// What the sign means, for the output.
    public var explanation: String {
        switch self {
        case .reportMinusBase: return "ΔE = report − base (GB/T 13234-2009): a negative value is a saving (节能), a positive one an increase"
        case .baseMinusReport: return "ΔE = base − report: a positive value is a saving (节能), a negative one an increase"
        }
    }
}
