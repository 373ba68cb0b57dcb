import BalanceCore
import Testing
@testable import BalanceStandards

@Suite("Energy savings (GB/T 13234, STANDARDS.md §7, §9.4)")
struct SavingsTests {
    static func period(_ name: String, _ products: [(String, Double, Double, Double?)],
                       carriers: [SavingsPeriod.CarrierUse] = [], measures: [SavingsPeriod.Measure] = []) -> SavingsPeriod {
        SavingsPeriod(name: name, products: products.map {
            SavingsPeriod.Product(name: $0.0, output: $0.1, unit: "t", energyTce: $0.2, outputValue: $0.3)
        }, carriers: carriers, measures: measures)
    }

    @Test("§9.4 (S26): ΔE = (29 640/78 000 − 22 400/56 000) × 78 000 = −1 560 tce, ξ = −5.0 %")
    func published() throws {
        let base = Self.period("base", [("P", 56_000, 22_400, nil)])
        let report = Self.period("report", [("P", 78_000, 29_640, nil)])
        let r = try EnergySavings.compute(base: base, report: report)
        #expect(energyClose(r.productSavingTce, -1_560, 1e-12))
        #expect(energyClose(r.savingRate, -0.05, 1e-12))
        #expect(r.sign == .reportMinusBase && r.sign.explanation.contains("negative value is a saving"))
        #expect(r.outputValueSavingTce == nil && r.productMixSavingTce == nil && r.technicalMeasureSavingTce == nil)
        #expect(r.notes.contains { $0.contains("产值") })
    }

    @Test("the sign convention is selectable: base − report flips every quantity", arguments: SignConvention.allCases)
    func sign(_ convention: SignConvention) throws {
        let base = Self.period("base", [("P", 56_000, 22_400, 10_000)])
        let report = Self.period("report", [("P", 78_000, 29_640, 15_000)])
        let r = try EnergySavings.compute(base: base, report: report, sign: convention)
        #expect(energyClose(r.productSavingTce, -1_560 * convention.factor, 1e-12))
        #expect(energyClose(r.savingRate, -0.05 * convention.factor, 1e-12))
        #expect(energyClose(r.outputValueSavingTce, (29_640.0 / 15_000 - 22_400.0 / 10_000) * 15_000 * convention.factor, 1e-12))
    }

    static var twoProducts: (SavingsPeriod, SavingsPeriod) {
        let base = period("base", [("A", 1_000, 500, 2_000), ("B", 200, 300, 1_000)], carriers: [
            .init(product: "A", carrier: "电力", quantity: 1_000_000, unit: "kWh"),
            .init(product: "B", carrier: "电力", quantity: 400_000, unit: "kWh"),
        ])
        let report = period("report", [("A", 1_200, 540, 2_400), ("B", 300, 420, 1_800)], carriers: [
            .init(product: "A", carrier: "电力", quantity: 108, unit: "万kWh"),
            .init(product: "B", carrier: "electricity", quantity: 57, unit: "万kWh"),
        ], measures: [
            .init(name: "VFD", before: 1_000, after: 920, output: 1_200, unit: "kWh/t", carrier: "电力"),
            .init(name: "boiler", before: 150, after: 140, output: 1_200, unit: "kgce/t"),
        ])
        return (base, report)
    }

    @Test("two products: product, output-value, product-mix, single-carrier and technical-measure savings (hand computation)")
    func everyQuantity() throws {
        let (base, report) = Self.twoProducts
        let r = try EnergySavings.compute(base: base, report: report, conversion: .init(electricityEquivalent: 0.3))
        #expect(energyClose(r.productSavingTce, -90, 1e-12))
        #expect(energyClose(r.savingRate, -90.0 / 1_050, 1e-12))
        #expect(energyClose(r.products.first { $0.product == "A" }?.savingTce, -60, 1e-12))
        #expect(energyClose(r.products.first { $0.product == "B" }?.savingRate, -0.1 / 1.5, 1e-12))
        #expect(energyClose(r.outputValueSavingTce, -160, 1e-12))
        #expect(energyClose(r.outputValueSavingRate, -1.0 / 7, 1e-12))
        #expect(energyClose(r.productMixSavingTce, 20, 1e-12))
        let electricity = try #require(r.carriers.first)
        #expect(electricity.unit == "万kWh" && energyClose(electricity.saving, -15, 1e-12))
        #expect(energyClose(electricity.savingTce, -18.435, 1e-12))
        #expect(energyClose(electricity.savingEquivalentTce, -45, 1e-12))
        #expect(energyClose(r.technicalMeasureSavingTce, -11.7984 - 12, 1e-12))
        #expect(r.measures.map(\.unit) == ["kWh", "kgce"])
    }

    @Test("a product missing in one period is left out with a note; different output units are an error")
    func mismatches() throws {
        let base = Self.period("base", [("A", 1_000, 500, nil), ("Old", 10, 10, nil)])
        let report = Self.period("report", [("A", 1_000, 450, nil), ("New", 5, 5, nil)])
        let r = try EnergySavings.compute(base: base, report: report)
        #expect(energyClose(r.productSavingTce, -50, 1e-12))
        #expect(r.notes.contains { $0.contains("'New'") } && r.notes.contains { $0.contains("'Old'") })
        var other = report
        other.products[0].unit = "万m"
        #expect(throws: EnergyError.self) { try EnergySavings.compute(base: base, report: other) }
        var bad = report
        bad.measures = [.init(name: "x", before: 1, after: 0.9, output: 10, unit: "kWh/t")]  // no carrier
        #expect(throws: EnergyError.self) { try EnergySavings.compute(base: base, report: bad) }
    }

    @Test("a total row overrides the sums of the products for the output-value saving")
    func totals() throws {
        var base = Self.period("base", [("A", 1_000, 500, 2_000)])
        var report = Self.period("report", [("A", 1_000, 450, 2_000)])
        base.totalEnergyTce = 600
        base.totalOutputValue = 2_500
        report.totalEnergyTce = 520
        report.totalOutputValue = 2_600
        let r = try EnergySavings.compute(base: base, report: report)
        #expect(energyClose(r.outputValueSavingTce, (520.0 / 2_600 - 600.0 / 2_500) * 2_600, 1e-12))
        #expect(energyClose(r.productSavingTce, -50, 1e-12))
    }
}
