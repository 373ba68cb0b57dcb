/// Why a command could not produce its result — the one error type every front end (CLI, batch, C)
/// receives from the application layer, and the one place where an error becomes an exit status.
///
/// The kinds follow sysexits.h as the command line documents them (FORMATS.md §5): bad input data
/// 65, bad usage (an option out of range or contradicting the case) 64, a failed computation or
/// write 1. ``message`` is complete and user-facing (`file:line:column: …` for data errors).
public struct ApplicationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure; it alone decides the exit status.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The case's data are wrong or not usable by the command (exit status 65).
        case badData
        /// An option is out of range or contradicts the case (exit status 64).
        case usage
        /// The computation failed (exit status 1).
        case computation
        /// A result could not be written (exit status 1).
        case output

        /// The exit status of this kind (sysexits.h: EX_DATAERR 65, EX_USAGE 64; 1 otherwise).
        public var exitStatus: Int32 {
            switch self {
            case .badData: return 65
            case .usage: return 64
            case .computation, .output: return 1
            }
        }
    }

    /// The class of failure.
    public var kind: Kind
    /// What is wrong and what to do, naming file, line, column and stream where known.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The exit status of the command line (and the status of the C interface's `ab_run`).
    public var exitStatus: Int32 { kind.exitStatus }

    public var description: String { message }
}
