/// The columns of one kind of case file: English name (the raw value) and Chinese aliases (FORMATS.md §1).
/// These names are public API: scripts and spreadsheets are written against them.
protocol TableColumn: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {
    /// Other accepted header names.
    var aliases: [String] { get }
    /// Columns without which the file cannot be read.
    static var required: [Self] { get }
    /// What a row of this file describes, for "the file has a header but no …" messages.
    static var rowNoun: String { get }
    /// Whether a unit in brackets after the header name (`测量值（m³/d）`, `value (m3/d)`) is read as the unit of
    /// the column's numbers (issue 13); other headers are matched as written.
    var takesUnit: Bool { get }
    /// What a row is about, for messages ("stream 'S3'", "node 'U1'" …), from the row's own cells.
    static func subject(of row: Row<Self>) -> Subject
    /// Every accepted header name (``Text/headerKey(_:)`` of the raw value and of each alias) to its column: made once
    /// per type (`static let headerLookup = makeHeaderLookup()`), not for every file a batch reads.
    static var headerLookup: [String: Self] { get }
}

extension TableColumn {
    /// No unit in the header, by default.
    var takesUnit: Bool { false }

    /// The value of ``headerLookup``.
    /// - Complexity: O(number of names).
    static func makeHeaderLookup() -> [String: Self] {
        var lookup: [String: Self] = [:]
        for column in allCases {
            for name in [column.rawValue] + column.aliases { lookup[Text.headerKey(name)] = column }
        }
        return lookup
    }
}

/// Columns of `streams.csv`.
enum StreamColumn: String, TableColumn {
    static let headerLookup = makeHeaderLookup()
    case id, from, to, value, sigma, u95, mpe, kind, carrier, unit, name, source, lower, upper

    var aliases: [String] {
        switch self {
        case .id: return ["编号", "流股", "流股编号"]
        case .from: return ["来源", "起点"]
        case .to: return ["去向", "终点"]
        case .value: return ["测量值", "数值", "流量", "水量", "实测值"]
        case .sigma: return ["标准差", "标准不确定度"]
        case .u95: return ["扩展不确定度"]
        case .mpe: return ["最大允许误差", "准确度"]
        case .kind: return ["类别"]
        case .carrier: return ["能源品种", "介质"]
        case .unit: return ["单位"]
        case .name: return ["名称"]
        case .source: return ["数据来源"]
        case .lower: return ["下限"]
        case .upper: return ["上限"]
        }
    }

    var takesUnit: Bool { [.value, .sigma, .u95, .mpe, .lower, .upper].contains(self) }

    static var required: [StreamColumn] { [.id] }
    static var rowNoun: String { "streams" }
    static func subject(of row: Row<Self>) -> Subject { .stream(row.text(.id)) }
}

/// Columns of `nodes.csv`.
enum NodeColumn: String, TableColumn {
    static let headerLookup = makeHeaderLookup()
    case id, name, parent, balance, category, stage, steam, type, reactions
    case hoursPerDay = "hours_per_day", daysPerYear = "days_per_year"

    var aliases: [String] {
        switch self {
        case .id: return ["编号", "节点", "节点编号"]
        case .name: return ["名称"]
        case .parent: return ["上级"]
        case .balance: return ["平衡"]
        case .category: return ["用水类别"]
        case .stage: return ["环节"]
        case .steam: return ["蒸汽产量"]
        case .type: return ["类型", "节点类型"]
        case .reactions: return ["反应组分", "反应"]
        case .hoursPerDay: return ["日运行时间", "日运行小时", "hoursPerDay"]
        case .daysPerYear: return ["年运行天数", "daysPerYear"]
        }
    }

    static var required: [NodeColumn] { [.id] }
    static var rowNoun: String { "nodes" }
    static func subject(of row: Row<Self>) -> Subject { Subject(text: row.text(.id).map { "node '\($0)'" }) }
}

/// Columns of `relations.csv` (long format: one row per term).
enum RelationColumn: String, TableColumn {
    static let headerLookup = makeHeaderLookup()
    case relation, stream, coefficient, constant

    var aliases: [String] {
        switch self {
        case .relation: return ["关系", "约束"]
        case .stream: return ["流股", "流股编号"]
        case .coefficient: return ["系数"]
        case .constant: return ["常数", "常数项"]
        }
    }

    static var required: [RelationColumn] { [.relation, .stream, .coefficient] }
    static var rowNoun: String { "relation terms" }
    static func subject(of row: Row<Self>) -> Subject {
        let relation = row.text(.relation).map { "relation '\($0)'" }
        let stream = row.text(.stream)
        let parts = [relation, stream.map { "stream '\($0)'" }].compactMap { $0 }
        return Subject(text: parts.isEmpty ? nil : parts.joined(separator: ", "), stream: stream)
    }
}

/// Columns of `components.csv` (long format: one row per stream and component).
enum ComponentColumn: String, TableColumn {
    static let headerLookup = makeHeaderLookup()
    case stream, component, value, sigma, u95, mpe, unit

    var aliases: [String] {
        switch self {
        case .stream: return ["流股", "流股编号"]
        case .component: return ["组分", "成分"]
        case .value: return ["测量值", "数值"]
        case .sigma: return StreamColumn.sigma.aliases
        case .u95: return StreamColumn.u95.aliases
        case .mpe: return StreamColumn.mpe.aliases
        case .unit: return ["单位"]
        }
    }

    static var required: [ComponentColumn] { [.stream, .component, .value] }
    static var rowNoun: String { "component values" }
    static func subject(of row: Row<Self>) -> Subject {
        let stream = row.text(.stream)
        let parts = [row.text(.component).map { "component '\($0)'" }, stream.map { "stream '\($0)'" }]
            .compactMap { $0 }
        return Subject(text: parts.isEmpty ? nil : parts.joined(separator: " of "), stream: stream)
    }
}

/// Columns of `equations.csv` (one equation per row; FORMATS.md §1.6).
enum EquationColumn: String, TableColumn {
    static let headerLookup = makeHeaderLookup()
    case id, equation

    var aliases: [String] {
        switch self {
        case .id: return ["编号"]
        case .equation: return ["方程", "等式"]
        }
    }

    static var required: [EquationColumn] { [.id, .equation] }
    static var rowNoun: String { "equations" }
    static func subject(of row: Row<Self>) -> Subject { Subject(text: row.text(.id).map { "equation '\($0)'" }) }
}

/// Columns of `readings.csv` (issue 13): several readings of one meter over the test period, averaged
/// (FORMATS.md §1.9).
enum ReadingColumn: String, TableColumn {
    static let headerLookup = makeHeaderLookup()
    case stream, value, period, unit

    var aliases: [String] {
        switch self {
        case .stream: return ["流股", "流股编号", "编号"]
        case .value: return ["读数", "测量值", "数值", "日水量", "水量", "流量"]
        case .period: return ["日期", "时段", "测试日", "测试时段"]
        case .unit: return ["单位"]
        }
    }

    var takesUnit: Bool { self == .value }

    static var required: [ReadingColumn] { [.stream, .value] }
    static var rowNoun: String { "readings" }
    static func subject(of row: Row<Self>) -> Subject { .stream(row.text(.stream)) }
}

/// Columns of `meters.csv` (issue 15): which meter reads each stream, its class and the systematic part of its
/// uncertainty (FORMATS.md §1.10).
enum MeterColumn: String, TableColumn {
    static let headerLookup = makeHeaderLookup()
    case stream, meter, `class`, systematic

    var aliases: [String] {
        switch self {
        case .stream: return ["流股", "流股编号", "编号"]
        case .meter: return ["仪表", "仪表编号", "表号", "计量器具", "计量器具编号"]
        case .class: return ["等级", "级别", "仪表等级", "计量级别"]
        case .systematic: return ["系统误差", "系统不确定度", "系统分量"]
        }
    }

    static var required: [MeterColumn] { [.stream, .meter] }
    static var rowNoun: String { "meters" }
    static func subject(of row: Row<Self>) -> Subject { .stream(row.text(.stream)) }
}
