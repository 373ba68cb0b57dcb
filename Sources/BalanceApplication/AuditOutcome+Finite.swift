import BalanceIO

extension AuditOutcome {
    /// The JSON paths of every figure that is not a finite number (`streams[3].reconciledSigma`), in
    /// document order. A report writes `null` only for "not determinable"; a NaN or ∞ that reached a
    /// report is a failure of the computation, and ``Application`` turns it into an error naming the
    /// figure instead of letting it print as `null` (issue 10).
    /// - Complexity: O(size of the document).
    public func nonFiniteFigures() -> [String] {
        var found: [String] = []
        func visit(_ value: JSONValue, _ path: String) {
            switch value {
            case let .number(x) where !x.isFinite: found.append(path.isEmpty ? "(document)" : path)
            case let .array(items): for (i, item) in items.enumerated() { visit(item, "\(path)[\(i)]") }
            case let .object(members): for (key, item) in members { visit(item, path.isEmpty ? key : "\(path).\(key)") }
            default: break
            }
        }
        visit(json(), "")
        return found
    }
}
