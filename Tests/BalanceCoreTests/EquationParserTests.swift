import Testing
@testable import BalanceCore

/// The equation language of equations.csv (FORMATS.md §1.6): precedence, exact derivatives against hand-derived
/// formulas, and the limits that keep evaluation from recursing without bound.
@Suite("Equation parser and derivatives")
struct EquationParserTests {
    /// Values and derivatives are computed in a handful of floating-point operations: a few ulps.
    static let tolerance = 1e-14

    static func parse(_ text: String) throws(EquationParser.Failure) -> EquationExpression {
        try EquationParser.parse(text) { stream, component in
            switch (stream, component) {
            case ("A", nil): return 0
            case ("B", nil): return 1
            case ("A", "T"): return 2
            default: return nil
            }
        }
    }

    @Test("precedence and associativity", arguments: [
        ("2^3^2", 512.0), ("-2^2", -4.0), ("2*3+4", 10.0), ("2*(3+4)", 14.0), ("8/4/2", 1.0), ("1 − 2 × 3", -5.0),
        ("sqrt(16) + ln(exp(2))", 6.0), ("1.5e2 = 50", 100.0), ("+3", 3.0),
    ])
    func values(_ text: String, _ expected: Double) throws {
        #expect(abs(try Self.parse(text).value(at: []) - expected) <= Self.tolerance * max(1, abs(expected)))
    }

    @Test("reverse-mode gradient equals the hand derivative")
    func gradient() throws {
        // g = A·exp(B) − A:T² / B  →  ∂A = exp(B), ∂B = A·exp(B) + A:T²/B², ∂A:T = −2 A:T / B.
        let e = try Self.parse("[A] * exp([B]) = [A:T]^2 / [B]")
        let x = [1.7, 0.3, 25.0]
        var gradient = [0.0, 0, 0]
        let value = e.value(at: x, accumulating: &gradient)
        let expected = [Double.exp(0.3), 1.7 * Double.exp(0.3) + 625 / 0.09, -50 / 0.3]
        #expect(abs(value - (1.7 * Double.exp(0.3) - 625 / 0.3)) <= Self.tolerance * 2100)
        for k in 0..<3 { #expect(abs(gradient[k] - expected[k]) <= 1e-13 * abs(expected[k]), "∂\(k)") }
    }

    @Test("unknown names, syntax errors and limits are failures with a position", arguments: [
        ("[C] = 1", "'C' is not a stream"), ("[A:COD]", "no component 'COD'"), ("[A] = = 1", "unexpected '='"),
        ("foo([A])", "unknown name 'foo'"), ("(1 + 2", "')' expected"), ("[A", "'[' without ']'"), ("", "empty"),
        (String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300), "deeper than"),
        (Array(repeating: "1", count: 5000).joined(separator: "+"), "deeper than"),
        (String(repeating: "1", count: 30_000), "longer than"),
    ])
    func failures(_ text: String, _ words: String) {
        do throws(EquationParser.Failure) {
            _ = try Self.parse(text)
            Issue.record("'\(text.prefix(40))' was accepted")
        } catch {
            #expect(error.message.contains(words), "\(error.message)")
        }
    }

    @Test("a balance of many terms is a shallow tree")
    func balancedSum() {
        let e = EquationExpression.sum((0..<10_000).map { (1.0, [$0]) })
        #expect(e.depth <= 16)
        #expect(e.value(at: [Double](repeating: 1, count: 10_000)) == 10_000)
    }
}
