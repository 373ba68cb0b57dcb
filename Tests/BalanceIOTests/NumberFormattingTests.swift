import Testing
@testable import BalanceIO

/// Numbers at the precision their σ supports, never coarser than the input's own (issue 13, Deliver 4).
@Suite("Number formatting: σ and the input's precision")
struct NumberFormattingTests {
    @Test("the decimals a value was written with, from its shortest form", arguments: [
        (190.26, 2), (1.632, 3), (1700, 0), (0.00001, 5), (3.1157, 4), (-12.5, 1), (1.5e20, 0),
    ] as [(Double, Int)])
    func written(_ value: Double, _ decimals: Int) {
        #expect(NumberFormatting.inputDecimals(value) == decimals)
    }

    @Test("a computed value (more than eight significant digits) says nothing of the input's precision")
    func computed() {
        #expect(NumberFormatting.inputDecimals(1205.0 / 3) == nil)
        #expect(NumberFormatting.inputDecimals(.nan) == nil)
    }

    @Test("σ's two significant digits, or the input's decimals when they are finer")
    func decimals() {
        #expect(NumberFormatting.decimals(forUncertainty: 2.1412, input: 190.26) == 2)  // σ alone: 1
        #expect(NumberFormatting.decimals(forUncertainty: 0.0341, input: 3.1157) == 4)  // σ alone: 3
        #expect(NumberFormatting.decimals(forUncertainty: 0.0341, input: 3.1) == 3)     // σ decides
        #expect(NumberFormatting.decimals(forUncertainty: 2.1412, input: nil) == 1)
    }
}
