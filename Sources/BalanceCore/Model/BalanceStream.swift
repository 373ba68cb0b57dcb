/// One flow of a balance network: a stream from one node to another, or across the boundary.
///
/// A stream is *measured* when it has a ``value`` and an uncertainty ``sigma`` > 0, *fixed* when
/// ``sigma`` is exactly 0 (the value is known exactly and is never adjusted), and *unmeasured*
/// when ``value`` is `nil` (it is estimated from the balances where that is possible).
/// A measured value without an uncertainty is legal in the model; commands that need one
/// (reconciliation) report it as a data error, commands that balance exact data treat it as fixed.
public struct BalanceStream: Sendable, Hashable, Identifiable {
    /// Unique identifier (column `id`, 编号).
    public var id: String
    /// The node the stream leaves; `nil` = outside the boundary.
    public var from: String?
    /// The node the stream enters; `nil` = outside the boundary.
    public var to: String?
    /// Measured value in the stream's unit; `nil` = unmeasured.
    public var value: Double?
    /// Standard uncertainty (1σ) in the unit of ``value``; 0 = exact; `nil` = not given.
    public var sigma: Double?
    /// Role of the stream in a standard's balance (`intake`, `circulating`, `purchase`, …), free text here.
    public var kind: String?
    /// Energy carrier (能源品种) or medium, free text here.
    public var carrier: String?
    /// Unit of ``value`` as written by the user.
    public var unit: String?
    /// Label for reports (名称).
    public var name: String?
    /// Where the value comes from: a meter id, `calculated`, `estimated`, `quota`, `design` (数据来源).
    public var source: String?
    /// Lower bound for bounded reconciliation.
    public var lower: Double?
    /// Upper bound for bounded reconciliation.
    public var upper: Double?
    /// Where the stream was defined, for error messages.
    public var location: SourceLocation?

    public init(
        id: String, from: String? = nil, to: String? = nil, value: Double? = nil, sigma: Double? = nil,
        kind: String? = nil, carrier: String? = nil, unit: String? = nil, name: String? = nil,
        source: String? = nil, lower: Double? = nil, upper: Double? = nil, location: SourceLocation? = nil
    ) {
        self.id = id
        self.from = from
        self.to = to
        self.value = value
        self.sigma = sigma
        self.kind = kind
        self.carrier = carrier
        self.unit = unit
        self.name = name
        self.source = source
        self.lower = lower
        self.upper = upper
        self.location = location
    }

    /// `true` when `from` and `to` name the same node: a circulating loop, in no node balance.
    public var isLoop: Bool { from != nil && from == to }
    /// `true` when the stream has a value.
    public var isMeasured: Bool { value != nil }
}
