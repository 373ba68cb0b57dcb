/// The magnitudes a case's numbers may have: 0, or 1e-100 ≤ |x| ≤ 1e100 (issue 10). Every figure is a
/// sum of products of at most a few inputs and σ² (a variance), so inputs in this range keep every
/// intermediate between about 1e-300 and 1e300, inside Double's normal range (2.2e-308 … 1.8e308).
/// FORMATS.md §1 and docs/ERRORS.md state the range.
public enum NumberRange {
    /// The largest magnitude accepted.
    public static let largest = 1e100
    /// The smallest non-zero magnitude accepted.
    public static let smallest = 1e-100

    /// `true` for 0 and for finite x with smallest ≤ |x| ≤ largest.
    public static func contains(_ x: Double) -> Bool {
        x == 0 || (x.isFinite && abs(x) >= smallest && abs(x) <= largest)
    }

    /// "0 or 1e-100 … 1e100 in magnitude".
    public static var description: String { "0 or 1e-100 … 1e100 in magnitude" }
}
