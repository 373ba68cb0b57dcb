/// The meter that reads one measured stream (a row of `meters.csv`, FORMATS.md §1.10; issue 15): the instrument's
/// id, its class, and the systematic part of its uncertainty.
///
/// The systematic part is the share of the stream's standard uncertainty that repeats in every reading of that
/// instrument (its calibration error), σ_sys = ``systematicFraction`` · |measured value| (GUM §3.2.3, F.2.4.5). It
/// is part of σ, never added to it: σ_sys ≤ σ. Two readings by one instrument — two streams of one period, or the
/// same stream in two test periods — have errors correlated through it: Cov = σ_sys,a · σ_sys,b.
public struct MeterAssignment: Sendable, Hashable {
    /// The measured stream's id.
    public var stream: String
    /// The instrument's id (a tag such as `FT-204`); readings with the same id share its systematic error.
    public var meter: String
    /// The meter class of GB 17167-2006 §4.3 / GB 24789-2022: 1 (一级表, the plant's boundary), 2 (二级表, a
    /// workshop), 3 (三级表, equipment); `nil` when not given.
    public var meterClass: Int?
    /// σ_sys / |value| (e.g. 0.01 for `1 %`); `nil` when not given (then no correlation is assumed).
    public var systematicFraction: Double?
    /// The row of `meters.csv`.
    public var location: SourceLocation?

    public init(stream: String, meter: String, meterClass: Int? = nil, systematicFraction: Double? = nil,
                location: SourceLocation? = nil) {
        self.stream = stream
        self.meter = meter
        self.meterClass = meterClass
        self.systematicFraction = systematicFraction
        self.location = location
    }
}
