import BalanceCore
import BalanceIO
import BalanceStandards
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension AuditOptions {
    /// The keys of an options object, as the command line's long options in camelCase
    /// (`--gross-errors glr` is `"grossErrors": "glr"`); FORMATS.md §6 lists them with their types.
    public static let jsonKeys: [String] = [
        "encoding", "defaultUncertainty", "alpha", "grossErrors", "solver", "vdi2048", "allowNegative", "tolerance", "production",
        "productionUnit", "unitTolerance", "boundaryTolerance", "benchmark", "exact", "coefficients",
        "electricityEquivalent", "requireEquivalent", "outputValue", "steamMode", "kilojoulesPerKcal", "sign", "report",
        "reactive", "density", "hoursPerDay", "daysPerYear", "sankeyComponent", "bias", "trials", "seed", "truth", "target",
        "newMeterUncertainty", "improvementFactor", "top", "lang", "bom", "after", "balance", "staff",
        "title", "period", "template", "format", "map", "afterProduction", "afterOutputValue",
    ]

    /// Options from a JSON object such as `{"grossErrors": "glr", "alpha": 0.01}` (the C interface's
    /// `ab_run`, the Python package). Fractions and uncertainties accept a number or a text such as
    /// `"5%"`; lists accept an array or a comma-separated text. An unknown key, a value of the wrong
    /// type or out of its set is a usage error naming the key — never silently ignored.
    /// - Complexity: O(size of the text).
    public init(json text: String) throws(ApplicationError) {
        self.init()
        try apply(json: text)
    }

    /// Sets the options that the JSON object `text` names, leaving the others as they are (so that a
    /// front end can lay an options object over its own flags).
    /// - Throws: a usage error naming the key, as ``init(json:)``.
    public mutating func apply(json text: String) throws(ApplicationError) {
        let trimmed = Text.trim(text)
        guard !trimmed.isEmpty else { return }
        let object: Any
        do {
            object = try JSONDecoder().decode(JSONInput.self, from: Data(trimmed.utf8)).value
        } catch {
            throw ApplicationError(.usage, "the options are not valid JSON: \(error)")
        }
        guard let members = object as? [String: Any] else {
            throw ApplicationError(.usage, "the options must be a JSON object, e.g. {\"alpha\": 0.01}")
        }
        for key in members.keys.sorted() {
            try set(key, members[key]!)
        }
    }

    private mutating func set(_ key: String, _ value: Any) throws(ApplicationError) {
        func fail(_ expected: String) -> ApplicationError {
            ApplicationError(.usage, "option \"\(key)\": expected \(expected)")
        }
        func number() throws(ApplicationError) -> Double {
            guard !(value is Bool), let n = value as? Double, n.isFinite else {
                throw fail("a number")
            }
            return n
        }
        func integer() throws(ApplicationError) -> Int {
            let x = try number()
            guard x == x.rounded(), abs(x) < 9.0e15 else { throw fail("a whole number") }
            return Int(exactly: x) ?? 0
        }
        func flag() throws(ApplicationError) -> Bool {
            guard let b = value as? Bool else { throw fail("true or false") }
            return b
        }
        func string() throws(ApplicationError) -> String {
            guard let s = value as? String else { throw fail("a text") }
            return s
        }
        func fractionValue() throws(ApplicationError) -> Double {
            if let s = value as? String {
                guard let f = AuditOptions.fraction(s) else { throw fail("a fraction (0.05) or a percentage (\"5%\")") }
                return f
            }
            return try number()
        }
        func uncertainty() throws(ApplicationError) -> UncertaintySpec {
            if let s = value as? String {
                guard let spec = UncertaintySpec.parse(s) else { throw fail("a number or a percentage such as \"2%\"") }
                return spec
            }
            return .absolute(try number())
        }
        func list() throws(ApplicationError) -> [String] {
            if let s = value as? String { return AuditOptions.list(s) }
            guard let items = value as? [Any], let texts = items as? [String] else { throw fail("an array of texts") }
            return texts
        }
        func choice<T: RawRepresentable & CaseIterable>(_: T.Type) throws(ApplicationError) -> T where T.RawValue == String {
            let text = try string()
            guard let found = T(rawValue: text) else {
                throw fail("one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return found
        }
        switch key {
        case "encoding":
            guard let e = TextEncoding(name: try string()) else { throw fail("auto, utf-8 or gb18030") }
            encoding = e
        case "defaultUncertainty": defaultUncertainty = try uncertainty()
        case "alpha": alpha = try number()
        case "grossErrors": grossErrors = try choice(ReconciliationOptions.GrossErrorStrategy.self)
        case "solver": solver = try choice(ReconciliationOptions.Solver.self)
        case "vdi2048": vdi2048 = try flag()
        case "allowNegative": allowNegative = try flag()
        case "tolerance": tolerance = try fractionValue()
        case "production": production = try number()
        case "productionUnit": productionUnit = try string()
        case "unitTolerance": unitTolerance = try fractionValue()
        case "boundaryTolerance": boundaryTolerance = try fractionValue()
        case "benchmark": benchmarks = try list()
        case "exact": exact = try flag()
        case "coefficients": coefficients = try string()
        case "electricityEquivalent": electricityEquivalent = try number()
        case "requireEquivalent": requireEquivalent = try flag()
        case "outputValue": outputValue = try number()
        case "steamMode": steamMode = try choice(SteamMode.self)
        case "kilojoulesPerKcal": kilojoulesPerKcal = try number()
        case "sign": sign = try choice(SignConvention.self)
        case "report": reportPeriod = try string()
        case "reactive": reactive = try list()
        case "density": density = try number()
        case "hoursPerDay": hoursPerDay = try number()
        case "daysPerYear": daysPerYear = try number()
        case "sankeyComponent": sankeyComponent = try string()
        case "bias": bias = try number()
        case "trials": trials = try integer()
        case "seed":
            let s = try integer()
            guard s >= 0 else { throw fail("a non-negative whole number") }
            seed = UInt64(s)
        case "truth": truth = try string()
        case "target": targets = try list()
        case "newMeterUncertainty": newMeterUncertainty = try uncertainty()
        case "improvementFactor": improvementFactor = try number()
        case "top": top = try integer()
        case "lang": language = try choice(LabelLanguage.self)
        case "bom": byteOrderMark = try flag()
        case "after": afterCase = try string()
        case "afterProduction": afterProduction = try number()
        case "afterOutputValue": afterOutputValue = try number()
        case "balance": comparedBalance = try string()
        case "staff": staff = try number()
        case "title": title = try string()
        case "period": period = try string()
        case "template": template = try string()
        case "format": format = try choice(ReportFormat.self)
        case "map": streamMap = try string()
        default:
            throw ApplicationError(.usage, "unknown option \"\(key)\" (options: \(Self.jsonKeys.joined(separator: ", ")))")
        }
    }
}

/// A JSON value as JSONDecoder reads it (FoundationEssentials has no JSONSerialization), handed on as `Any`: Bool,
/// Double, String, [Any], [String: Any], or `JSONInput.null`.
private enum JSONInput: Decodable {
    case null, bool(Bool), number(Double), text(String), array([JSONInput]), object([String: JSONInput])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let d = try? container.decode(Double.self) { self = .number(d) }
        else if let t = try? container.decode(String.self) { self = .text(t) }
        else if let a = try? container.decode([JSONInput].self) { self = .array(a) }
        else { self = .object(try container.decode([String: JSONInput].self)) }
    }

    var value: Any {
        switch self {
        case .null: return JSONInput.null as Any
        case let .bool(b): return b
        case let .number(d): return d
        case let .text(t): return t
        case let .array(a): return a.map(\.value)
        case let .object(o): return o.mapValues(\.value)
        }
    }
}
