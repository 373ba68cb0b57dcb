import BalanceIO

extension AuditOutcome {
    /// The JSON paths of every figure that is not a finite number (`streams[3].reconciledSigma`), in
    /// document order. A report writes `null` only for "not determinable"; a NaN or ∞ that reached a
    /// report is a failure of the computation, and ``Application`` turns it into an error naming the
    /// figure instead of letting it print as `null` (issue 10).
    /// - Complexity: O(size of the document); the rows of a large result are made one at a time (`JSONRows`), and a
    ///   path is spelt out only for a figure found.
    public func nonFiniteFigures() -> [String] {
        let document = json()
        // Nearly every document is finite: one scan without the bookkeeping of paths, then the paths only when needed.
        guard Self.containsNonFinite(document) else { return [] }
        enum Step { case key(String), index(Int) }
        var found: [String] = []
        var steps: [Step] = []
        func path() -> String {
            var text = ""
            for step in steps {
                switch step {
                case let .key(key): text += text.isEmpty ? key : "." + key
                case let .index(i): text += "[\(i)]"
                }
            }
            return text.isEmpty ? "(document)" : text
        }
        func visit(_ value: JSONValue) {
            switch value {
            case let .number(x) where !x.isFinite: found.append(path())
            case let .array(items):
                for (i, item) in items.enumerated() { steps.append(.index(i)); visit(item); steps.removeLast() }
            case let .rows(rows):
                for i in 0..<rows.count { steps.append(.index(i)); visit(rows[i]); steps.removeLast() }
            case let .object(members):
                for (key, item) in members { steps.append(.key(key)); visit(item); steps.removeLast() }
            default: break
            }
        }
        visit(document)
        return found
    }

    /// Whether `value` holds a number that is not finite.
    /// - Complexity: O(size of the document), no allocation for an `array` or `object`.
    static func containsNonFinite(_ value: JSONValue) -> Bool {
        switch value {
        case let .number(x): return !x.isFinite
        case let .array(items):
            for index in items.indices where containsNonFinite(items[index]) { return true }
            return false
        case let .rows(rows): return (0..<rows.count).contains { containsNonFinite(rows[$0]) }
        case let .object(members):
            // By index: a closure over the (key, value) pairs copied each pair (a retain and release of both).
            for index in members.indices where containsNonFinite(members[index].1) { return true }
            return false
        case .null, .bool, .integer, .string: return false
        }
    }
}
