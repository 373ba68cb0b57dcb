/// How ``CaseLoader`` reads a case.
public struct CaseLoadOptions: Sendable, Hashable {
    /// The encoding of every file of the case (`--encoding`); ``TextEncoding/automatic`` by default.
    public var encoding: TextEncoding
    /// The uncertainty given to every measured stream (one with a value) that has none of
    /// `sigma`, `u95`, `mpe` (`--default-uncertainty`). `nil`: such streams keep no uncertainty.
    /// A relative default on a stream whose value is 0 is an error asking for an absolute one.
    /// Component values are not affected.
    public var defaultUncertainty: UncertaintySpec?

    public init(encoding: TextEncoding = .automatic, defaultUncertainty: UncertaintySpec? = nil) {
        self.encoding = encoding
        self.defaultUncertainty = defaultUncertainty
    }
}

/// A standard uncertainty given on the command line: absolute, in the unit of the values, or
/// relative to |value|.
public enum UncertaintySpec: Sendable, Hashable, CustomStringConvertible {
    /// σ in the unit of the value.
    case absolute(Double)
    /// σ = fraction · |value| (0.02 for 2 %).
    case relative(Double)

    /// Parses `"2%"` (→ `.relative(0.02)`) or `"0.5"` (→ `.absolute(0.5)`), surrounding spaces allowed.
    /// Returns `nil` for anything else, negative numbers, NaN and infinity.
    public static func parse(_ text: String) -> UncertaintySpec? {
        switch NumberText.parse(Text.trim(text)) {
        case let .number(x) where x >= 0: return .absolute(x)
        case let .percent(p) where p >= 0: return .relative(p / 100)
        default: return nil
        }
    }

    /// σ for a value; `nil` for a relative uncertainty of a zero value (which would wrongly fix it).
    public func sigma(for value: Double) -> Double? {
        switch self {
        case let .absolute(sigma): return sigma
        case let .relative(fraction): return value == 0 && fraction != 0 ? nil : fraction * abs(value)
        }
    }

    /// `2%` or `0.5`, the form ``parse(_:)`` reads.
    public var description: String {
        switch self {
        case let .absolute(sigma): return Text.number(sigma)
        case let .relative(fraction): return Text.number(fraction * 100) + "%"
        }
    }
}
