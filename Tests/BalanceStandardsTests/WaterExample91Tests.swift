import BalanceCore
import Foundation
import Testing
@testable import BalanceStandards

/// STANDARDS.md §9.1: the constructed water-balance example, exact arithmetic. Every expected figure is
/// checked as the exact fraction (to 1e-12 relative, i.e. rounding of double arithmetic only) and as the
/// rounded figure printed in STANDARDS.md.
@Suite("Water balance — STANDARDS.md §9.1 worked example")
struct WaterExample91Tests {
    let result: WaterBalanceResult

    init() throws {
        result = try WaterBalance.analyze(
            try WaterFixtures.example91(), production: WaterProduction(quantity: 300, unit: "t"))
    }

    @Test func exactModeWithoutUncertainties() {
        #expect(result.mode == .exact)
        #expect(result.covariance == nil)
        #expect(result.indicators.allSatisfy { $0.sigma == nil })
    }

    @Test(arguments: [
        (WaterIndicator.repeatUtilizationRate, 4992.0 / 5420.0, "92.10"),
        (.indirectCoolingRecirculationRate, 4800.0 / 4920.0, "97.56"),
        (.processWaterReuseRate, 150.0 / 350.0, "42.86"),
        (.condensateReuseRate, 42.0 / 102.0, "41.18"),
        (.leakageRate, 8.0 / 428.0, "1.87"),
        (.dischargeRate, 242.0 / 428.0, "56.54"),
    ])
    func indicator(_ indicator: WaterIndicator, expected: Double, printed: String) {
        let value = result.indicator(indicator).value
        #expect(waterClose(value, expected), "\(indicator.rawValue) = \(String(describing: value)), expected \(expected)")
        #expect(percent2(value) == printed)
    }

    @Test func intakePerProduct() {
        // Production new water 428 − 40 (domestic) = 388 m³/d over 300 t/d.
        let v = result.indicator(.intakePerProduct)
        #expect(waterClose(v.numerator, 388))
        #expect(waterClose(v.value, 388.0 / 300.0))
        #expect(fixed(v.value, 4) == "1.2933")
    }

    @Test func intakePerProductNeedsProduction() throws {
        let without = try WaterBalance.analyze(try WaterFixtures.example91())
        let v = without.indicator(.intakePerProduct)
        #expect(v.value == nil)
        #expect(v.unavailable == .noProduction)
    }

    @Test func boundaryMeterClosure() throws {
        let check = try #require(result.boundaryCheck)
        #expect(check.meterStreams == ["M0"])
        #expect(check.unitStreams == ["F1", "F2", "F4", "F5", "F6"])
        #expect(check.meter == 436)
        #expect(check.units == 428)
        #expect(waterClose(check.relative, 8.0 / 436.0))
        #expect(percent2(check.relative) == "1.83")
        #expect(check.withinTolerance)  // 10 %; it also passes 5 %
        #expect(abs(check.relative!) <= 0.05)
    }

    @Test func boundaryToleranceIsAParameter() throws {
        let strict = try WaterBalance.analyze(
            try WaterFixtures.example91(), parameters: WaterBalanceParameters(boundaryClosureTolerance: 0.01))
        #expect(strict.boundaryCheck?.withinTolerance == false)
        #expect(!strict.closuresPass)
    }

    @Test func totals() {
        #expect(result.total("intake")?.value == 428)
        #expect(result.total("reuse")?.value == 4992)
        #expect(result.total("consumption")?.value == 178)
        #expect(result.total("discharge")?.value == 242)
        #expect(result.total("leakage")?.value == 8)
        #expect(result.total("totalUse")?.value == 5420)
        #expect(result.total("circulating")?.value == 4842)
        // Enterprise balance: V_f = V_co + V_d + V_l (STANDARDS.md §1.3): 428 = 178 + 242 + 8.
        #expect(result.enterprise.inflow == result.enterprise.outflow)
    }

    /// The unit table of §9.1, row by row: V_f, V_s,in, V_cy, V_co, V_d, V_l, V_s,out and the check
    /// in = out with circulating water on both sides (4 920 = 4 920 …).
    @Test(arguments: [
        ("U1", [120.0, 0, 4800, 96, 24, 0, 0], 4920.0),
        ("U2", [200.0, 0, 0, 20, 30, 0, 150], 200.0),
        ("U3", [0.0, 150, 0, 10, 140, 0, 0], 150.0),
        ("U4", [60.0, 0, 42, 48, 12, 0, 0], 102.0),
        ("U5", [40.0, 0, 0, 4, 36, 0, 0], 40.0),
        ("U6", [8.0, 0, 0, 0, 0, 8, 0], 8.0),
    ])
    func unitRow(_ id: String, expected: [Double], check: Double) throws {
        let row = try #require(result.unit(id))
        let columns: [WaterQuantity] = [.intake, .seriesIn, .circulating, .consumption, .discharge, .leakage, .seriesOut]
        #expect(columns.map { row[$0] } == expected)
        #expect(row[.totalUse] == check)  // V_t = V_f + V_s,in + V_cy
        #expect(row.outflow + row[.circulating] == check)
        #expect(row.closure == 0)
    }

    @Test func unitClosuresAllPass() {
        #expect(result.unitClosures.count == 6)
        #expect(result.unitClosures.allSatisfy { $0.withinTolerance && $0.relative == 0 })
    }

    @Test func categoryTable() throws {
        let process = try #require(result.categories.first { $0.id == "process" })
        #expect(process.members == ["U2", "U3"])
        #expect(process[.intake] == 200)
        #expect(process[.reuse] == 150)  // U2 → U3 series, internal to the category
        #expect(waterClose(process.repeatRate, 150.0 / 350.0))
        // Net new water is additive: the category rows add up to the enterprise intake.
        #expect(result.categories.map { $0[.intake] }.reduce(0, +) == 428)
    }

    @Test func hierarchyRollUp() throws {
        let production = try #require(result.group("生产车间"))
        #expect(production.members == ["U2", "U3"])
        #expect(production[.intake] == 200)
        #expect(production[.seriesIn] == 0 && production[.seriesOut] == 0)  // U2 → U3 is internal
        #expect(production[.reuse] == 150)
        #expect(production[.totalUse] == 350)
        let plant = try #require(result.group("全厂"))
        #expect(plant[.intake] == 428)  // the meter node is outside the balance
        #expect(plant[.totalUse] == 5420)
        for row in result.groups { #expect(row.inflow == row.outflow, "\(row.id)") }
    }

    @Test func reconciledWithUncertaintiesGivesTheSameFiguresAndTheirSigma() throws {
        // The data close exactly, so reconciliation adjusts nothing; the indicators are unchanged and now
        // carry uncertainties.
        let reconciled = try WaterBalance.analyze(
            try WaterFixtures.example91(relativeSigma: 0.02), production: WaterProduction(quantity: 300))
        #expect(reconciled.mode == .reconciled)
        for indicator in WaterIndicator.allCases {
            // V_wf and V_lf need an output value and a staff count, K_w a treatment station, which this example does
            // not give.
            guard let exact = result.indicator(indicator).value else {
                #expect([.intakePerOutputValue, .domesticIntakePerPerson, .wastewaterReuseRate, .meteringRate,
                         .unitMeteringRate].contains(indicator), "\(indicator.rawValue)")
                continue
            }
            let r = reconciled.indicator(indicator)
            #expect(waterClose(r.value, exact, relative: 1e-9), "\(indicator.rawValue)")
            if indicator == .nonConventionalSubstitutionRate {
                // No non-conventional water: K_u = 0 exactly — a share of nothing has no uncertainty. (The metering
                // rates are not determinable: the example names no sources.)
                #expect(r.value == 0 && r.sigma == 0, "\(indicator.rawValue)")
            } else {
                #expect((r.sigma ?? 0) > 0, "\(indicator.rawValue) has an uncertainty")
            }
        }
    }

    private func percent2(_ x: Double?) -> String? { x.map { String(format: "%.2f", $0 * 100) } }

    private func fixed(_ x: Double?, _ decimals: Int) -> String? { x.map { String(format: "%.*f", Int32(decimals), $0) } }
}
