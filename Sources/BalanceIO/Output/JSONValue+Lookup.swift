
extension JSONValue {
    /// The member `key` of an object, else `nil` (also for a non-object).
    /// - Complexity: O(members): reports look up a handful of keys per entry.
    package subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The number of a `number` or `integer` value, else `nil` (`null`, a string, …; a non-finite number, which a
    /// document writes as `null`, is `nil` too).
    package var double: Double? {
        switch self {
        case let .number(value): return value.isFinite ? value : nil
        case let .integer(value): return Double(value)
        default: return nil
        }
    }

    /// The text of a `string` value, else `nil`.
    package var text: String? {
        guard case let .string(value) = self else { return nil }
        return value
    }

    /// The elements of an `array` (or made `rows`) value; `[]` for anything else.
    package var elements: [JSONValue] {
        switch self {
        case let .array(values): return values
        case let .rows(rows): return rows.array
        default: return []
        }
    }

    /// The value of a `bool`, else `nil`.
    package var flag: Bool? {
        guard case let .bool(value) = self else { return nil }
        return value
    }
}
