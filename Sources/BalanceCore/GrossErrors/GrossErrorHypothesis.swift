/// A gross-error hypothesis: a systematic error that the balances could reveal.
///
/// - A **bias** in measurement i: y_i = x_i + b + ε_i (a faulty meter). Its signature in the reduced
///   space is column i of G, so a positive magnitude means the meter reads high.
/// - A **leak** at node k: an unmeasured outflow L (漏失 in a water audit, an unaccounted loss in a
///   material balance). Its signature is P·e_k; a positive magnitude is a loss.
///
/// Narasimhan & Mah (1987), *Generalized likelihood ratio method for gross error identification*,
/// AIChE J. 33(9); Narasimhan & Jordache (2000) ch. 7–8.
public struct GrossErrorHypothesis: Sendable, Hashable, CustomStringConvertible {
    /// What kind of gross error.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// A bias (systematic error) of a meter.
        case bias
        /// A leak or unmeasured loss at a node.
        case leak
    }

    /// Bias or leak.
    public var kind: Kind
    /// The stream id (bias) or node id (leak).
    public var location: String

    public init(kind: Kind, location: String) {
        self.kind = kind
        self.location = location
    }

    /// `bias S4` or `leak U3`.
    public var description: String { "\(kind.rawValue) \(location)" }
}
