/// A node of a balance network: an audit unit, a workshop, the enterprise, a mixer …
///
/// Every node named by a stream balances (Σ in − Σ out = 0) unless ``balanced`` is `false`.
/// Nodes that are not balanced belong, together with everything outside the boundary, to the
/// *environment* (Narasimhan & Jordache 2000, §3.3).
public struct Node: Sendable, Hashable, Identifiable {
    /// Unique identifier (`id`, 编号).
    public var id: String
    /// Label for reports (`name`, 名称).
    public var name: String?
    /// Parent in a hierarchy unit → workshop → enterprise (`parent`, 上级).
    public var parent: String?
    /// Whether the node's balance is a constraint (`balance`, 平衡).
    public var balanced: Bool
    /// Water-use category (`category`, 用水类别), interpreted by `BalanceStandards`.
    public var category: String?
    /// Energy stage (`stage`, 环节), interpreted by `BalanceStandards`.
    public var stage: String?
    /// Steam produced by a boiler node over the period, in the flow unit (`steam`, 蒸汽产量).
    public var steam: Double?
    /// Operating hours per day (`hours_per_day`, 日运行时间): converts rates per hour and per day of its
    /// streams (FORMATS.md §1.4).
    public var hoursPerDay: Double?
    /// Operating days per year (`days_per_year`, 年运行天数): converts rates per day and per year.
    public var daysPerYear: Double?
    /// A splitter (`type` = `splitter`, 分流): its outlets carry the inlet's composition, so every component value
    /// is equal on all its streams (nonlinear reconciliation, FORMATS.md §1.6). Its flows still balance.
    public var isSplitter: Bool = false
    /// Components that are generated or consumed in the node (`reactions`, 反应组分; `*` for all): their balance
    /// gets a free generation − consumption term, reported per node, instead of Σ F·c = 0.
    public var reactiveComponents: [String] = []
    /// Where the node was defined, for error messages.
    public var location: SourceLocation?

    public init(
        id: String, name: String? = nil, parent: String? = nil, balanced: Bool = true,
        category: String? = nil, stage: String? = nil, steam: Double? = nil, hoursPerDay: Double? = nil,
        daysPerYear: Double? = nil, location: SourceLocation? = nil
    ) {
        self.hoursPerDay = hoursPerDay
        self.daysPerYear = daysPerYear
        self.id = id
        self.name = name
        self.parent = parent
        self.balanced = balanced
        self.category = category
        self.stage = stage
        self.steam = steam
        self.location = location
    }
}
