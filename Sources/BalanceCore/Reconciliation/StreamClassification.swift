/// What the balances can say about a stream (RECONCILIATION.md §4; FORMATS.md §2 `classification`).
public enum StreamClassification: String, Sendable, Hashable, CaseIterable, Codable {
    /// Measured, and checked by at least one balance: it is adjusted and tested.
    case redundant
    /// Measured, but no balance can check it: it keeps its measured value and σ.
    case nonredundant
    /// Unmeasured, determined by the balances from measured values.
    case observable
    /// Unmeasured and not determinable: its value is `null`, never a number that looks like an estimate.
    case unobservable
    /// Known exactly (σ = 0).
    case fixed
}
