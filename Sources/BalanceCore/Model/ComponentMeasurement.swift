/// One row of `components.csv` (FORMATS.md §1): the concentration or specific property of a component
/// in a stream — mass fraction, mg/L, kJ/kg — for component (pollutant) and energy balances.
///
/// Defined in the core model so that the standards modules (material balances) and the readers share it.
public struct ComponentMeasurement: Sendable, Hashable {
    /// The stream's id; always a stream of the case.
    public var stream: String
    /// The component's name (`COD`, `enthalpy` …).
    public var component: String
    /// The value; a percentage in the file (`2.5%`) is stored as a fraction (0.025).
    public var value: Double
    /// Standard uncertainty (1σ) in the unit of ``value`` (from `sigma`, `u95` or `mpe`); 0 = exact;
    /// `nil` = not given.
    public var sigma: Double?
    /// The unit as written (`unit`, 单位), if any.
    public var unit: String?
    /// The row it came from.
    public var location: SourceLocation?

    public init(stream: String, component: String, value: Double, sigma: Double? = nil, unit: String? = nil,
                location: SourceLocation? = nil) {
        self.stream = stream
        self.component = component
        self.value = value
        self.sigma = sigma
        self.unit = unit
        self.location = location
    }
}
