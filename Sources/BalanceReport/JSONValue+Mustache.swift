import BalanceIO

extension JSONValue {
    /// The value as a Mustache context: objects become dictionaries, arrays arrays, `null` an absent value
    /// (a false section), numbers `Double` or `Int`. Templates show the report's formatted strings; the raw
    /// numbers are there for templates that need them.
    /// - Complexity: O(size of the value).
    var mustacheContext: Any {
        switch self {
        case .null: return Optional<Any>.none as Any
        case let .bool(value): return value
        case let .number(value): return value
        case let .integer(value): return value
        case let .string(value): return value
        case let .array(values): return values.map(\.mustacheContext)
        case let .rows(rows): return (0..<rows.count).map { rows[$0].mustacheContext }
        case let .object(members):
            var dictionary: [String: Any] = [:]
            for (key, value) in members {
                if case .null = value { continue }
                dictionary[key] = value.mustacheContext
            }
            return dictionary
        }
    }
}
