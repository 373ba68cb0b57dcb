/// One general equation of `equations.csv` (FORMATS.md §1.6): `id` (编号) and the equation text (方程), an
/// equality of stream flows `[S1]`, component values `[S1:COD]`, numbers, `+ − * / ^`, parentheses, `exp`,
/// `ln` and `sqrt`, with one `=` (none means `= 0`). Parsed by the nonlinear reconciliation, which refuses a
/// name that is neither a stream nor a component of `components.csv`.
public struct BalanceEquation: Sendable, Hashable, Identifiable {
    /// Identifier, unique in the case.
    public var id: String
    /// The equation as written.
    public var text: String
    /// Where the equation was defined, for error messages.
    public var location: SourceLocation?

    /// Creates the value from its parts.
    public init(id: String, text: String, location: SourceLocation? = nil) {
        self.id = id
        self.text = text
        self.location = location
    }
}
