import BalanceCore

/// One stream of an energy network after conversion to standard coal and solution of the balances.
///
/// Values in tce are at 当量值 (calorific equivalent), the basis of every balance (FORMATS.md §4).
/// ``physical`` is the same quantity back in the stream's unit, so a computed loss can be read in kWh
/// or t as well.
public struct EnergyStreamResult: Sendable, Hashable, Identifiable {
    /// Where the value comes from (shared with the material balance: ``StreamValues/Status``).
    public typealias Status = StreamValues.Status

    /// Stream id.
    public var id: String
    /// Label (名称).
    public var name: String?
    /// Node the stream leaves (`nil`: outside).
    public var from: String?
    /// Node the stream enters (`nil`: outside).
    public var to: String?
    /// Role in the balance.
    public var kind: EnergyStreamKind
    /// The conversion used (carrier, unit, tce per unit, source).
    public var conversion: StandardCoalConversion
    /// The value as given, in the stream's unit; `nil` when unmeasured.
    public var measured: Double?
    /// Its standard uncertainty as given, in the stream's unit.
    public var measuredSigma: Double?
    /// Final value in tce (当量值).
    public var tce: Double
    /// Standard uncertainty of ``tce`` (reconciled cases only; `nil` for exact data).
    public var tceSigma: Double?
    /// Final value at 等价值 in tce; `nil` when it needs the electricity 等价值, which was not given.
    public var equivalentTce: Double?
    /// How ``tce`` was obtained.
    public var status: Status
    /// For a computed stream, the node whose balance gave it.
    public var computedFrom: String?
    /// Data source (meter id, `calculated` …), carried from the input.
    public var source: String?
    /// Where the stream was defined.
    public var location: SourceLocation?

    /// The carrier, if the stream names one.
    public var carrier: EnergyCarrier? { conversion.carrier }

    /// The final value in the stream's unit: tce / (tce per unit).
    public var physical: Double { tce / conversion.tcePerUnit }

    /// The stream's unit.
    public var unit: EnergyUnit { conversion.unit }

    /// `true` when a computed or reconciled amount is below zero for a kind that cannot be negative (only a stock
    /// change, 库存变化, may be; given negative amounts of other kinds are refused at input). Reported as a
    /// `[negative-value]` warning and marked next to the figure in the tables.
    public var isImpossibleNegative: Bool { kind != .stock && tce < 0 }
}
