/// The one place where a floating-point number becomes an integer (issue 10: no trap reachable from
/// any input). Swift's `Int(_: Double)` traps on NaN, ±∞ and values outside the integer's range;
/// these return `nil` instead, and the caller says what to do. `make test` runs
/// `scripts/lint-int-conversions.sh`, which finds any other integer conversion of a floating value.
package enum CheckedInteger {
    /// `x` truncated toward zero as an `Int`, or `nil` when it is not finite or out of range.
    /// - Complexity: O(1).
    package static func int(_ x: Double) -> Int? {
        guard x.isFinite, x > -9.0e18, x < 9.0e18 else { return nil }
        return Int(exactly: x.rounded(.towardZero))
    }

    /// `x` rounded to the nearest integer (ties away from zero), or `nil` when not representable.
    package static func rounded(_ x: Double) -> Int? { int(x.rounded()) }
}
