import BalanceCore

/// Why a figure of the standards (energy balance, conversion to standard coal, savings, material and
/// component balance) could not be computed, in the user's terms: the file and line, the stream, and
/// what to write instead. One error type for the whole module; callers match on ``kind``.
///
/// ``description`` is `file:line: stream 'S3': message`, the form of `ModelError`.
/// ``isUsageError`` marks a missing or bad option (exit status 64 at the command line) rather than bad
/// data (65); ``isComputationError`` a numerical failure (1).
public struct StandardsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Sendable, Hashable {
        /// The carrier name is not in GB/T 2589 nor in the user table.
        case unknownCarrier(String)
        /// The unit text is not a known unit.
        case unknownUnit(String)
        /// A measured stream has no unit.
        case missingUnit
        /// The unit does not fit the carrier (coal in kWh).
        case unitMismatch(carrier: String, unit: String)
        /// The carrier has no usable coefficient (天然气 without a heating value; steam in enthalpy mode).
        case noCoefficient(carrier: String)
        /// A heating value's unit is wrong or does not fit the stream.
        case invalidHeatingValue
        /// The 等价值 of electricity (or another carrier) is needed and was not given.
        case missingEquivalent(carrier: String)
        /// A node of the energy network has no stage, or an unknown one.
        case stage(node: String)
        /// A stream's kind is unknown or does not fit its position.
        case kind
        /// Unmeasured streams the balances cannot determine.
        case undetermined([String])
        /// A bad option value.
        case invalidOption
        /// Reconciliation failed numerically.
        case computation
        /// A flow unit that does not fit the balance (material: mass and volume without a density).
        case unit
        /// A concentration that cannot be used (unknown unit, negative).
        case concentration
        /// Anything else about the data.
        case other
    }

    /// What is wrong.
    public var kind: Kind
    /// The message, already naming the stream or node.
    public var message: String
    /// Where the offending row is, when known.
    public var location: SourceLocation?
    /// The stream concerned, when known.
    public var stream: String?

    /// Creates the value from its parts (see the properties for meanings and units).
    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil, stream: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
        self.stream = stream
    }

    /// `file:line: message` (the location is left out when unknown).
    public var description: String { (location.map { "\($0): " } ?? "") + message }

    /// `true` when the fix is a command-line option (exit status 64).
    public var isUsageError: Bool {
        switch kind {
        case .missingEquivalent, .invalidOption: return true
        default: return false
        }
    }

    /// `true` for numerical failures (exit status 1).
    public var isComputationError: Bool { kind == .computation }

    /// The same error about `stream` at `location`, with `stream 'id': ` put before the message.
    func about(stream id: String, at location: SourceLocation?) -> StandardsError {
        var error = self
        error.stream = id
        error.location = error.location ?? location
        error.message = "stream '\(id)': " + message
        return error
    }
}

/// The errors of the energy balance, standard-coal conversion and savings (``StandardsError``).
public typealias EnergyError = StandardsError
/// The errors of the material and component balance (``StandardsError``).
public typealias MaterialError = StandardsError
