import BalanceCore
import Testing
@testable import BalanceStandards

@Suite("Material balance of an audit focus (STANDARDS.md §8, §9.5)")
struct MaterialTests {
    static func s(_ id: String, _ from: String?, _ to: String?, _ value: Double?, _ unit: String = "kg",
                  kind: String? = nil, sigma: Double? = nil) -> BalanceStream {
        BalanceStream(id: id, from: from, to: to, value: value, sigma: sigma, kind: kind, unit: unit)
    }

    @Test("§9.5 (S22): 43 088 / 4 746 025 = 0.908 % ≤ 5 % → accept; with a 0.5 % tolerance → reject")
    func published() throws {
        let model = try BalanceModel(streams: [
            Self.s("raw", nil, "focus", 4_000_000, kind: "原料"), Self.s("water", nil, "focus", 746_025, kind: "水"),
            Self.s("product", "focus", nil, 4_500_000, kind: "产品"), Self.s("ww", "focus", nil, 202_937, kind: "废水"),
        ])
        let r = try MaterialBalance.compute(model)
        #expect(energyClose(r.totals.imbalance, 43_088, 1e-12))
        #expect(energyClose(r.totals.relativeImbalance, 43_088.0 / 4_746_025, 1e-12))
        #expect(abs(r.totals.relativeImbalance! * 100 - 0.908) < 0.0005)
        #expect(r.totals.withinTolerance == true)
        let strict = try MaterialBalance.compute(model, options: .init(tolerance: 0.005))
        #expect(strict.totals.withinTolerance == false)
        // The gap appears as the unaccounted share of the input, and the shares add up to 1.
        let unaccounted = try #require(r.outputs.first { $0.key == "unaccounted" })
        #expect(energyClose(unaccounted.shareOfInput, 43_088.0 / 4_746_025, 1e-12))
        #expect(energyClose(r.outputs.reduce(0) { $0 + ($1.shareOfInput ?? 0) }, 1, 1e-12))
        #expect(r.outputsByKind.map(\.key) == ["product", "wastewater", "unaccounted"])
    }

    /// The chrome-plating line of Datasets/material/chrome-plating-line, in code.
    static func chrome() throws -> (BalanceModel, [MaterialConcentration]) {
        let streams = [
            s("M1", nil, "bath", 7.70, "kg/d", kind: "原料"), s("M2", nil, "bath", 0.077, "kg/d", kind: "辅料"),
            s("M3", nil, "bath", 5000, "kg/d", kind: "原料"), s("W2", nil, "recovery", 200, "kg/d", kind: "新水"),
            s("W3", nil, "rinse", 8, "t/d", kind: "新水"),
            s("P1", "bath", "recovery", 5023.2, "kg/d"), s("R1", "recovery", "bath", 180, "kg/d", kind: "回用"),
            s("P2", "recovery", "rinse", 5023.2, "kg/d"),
            s("G1", "bath", nil, 0.6, "kg/d", kind: "废气"), s("E1", "bath", nil, 160, "kg/d", kind: "损失"),
            s("S1", "bath", nil, 1.5, "kg/d", kind: "固废"), s("L1", "bath", nil, nil, "kg/d", kind: "损失"),
            s("E2", "recovery", nil, 20, "kg/d", kind: "损失"), s("P3", "rinse", nil, 5005, "kg/d", kind: "产品"),
            s("WW1", "rinse", nil, 8018, "kg/d", kind: "废水"),
        ]
        func c(_ stream: String, _ value: Double, _ unit: String? = nil, _ component: String = "Cr") -> MaterialConcentration {
            MaterialConcentration(stream: stream, component: component, value: value, unit: unit)
        }
        let cr = [
            c("M1", 52, "%"), c("M2", 0), c("M3", 0), c("W2", 0), c("W3", 0), c("P1", 1075, "mg/kg"), c("R1", 1.1, "%"),
            c("P2", 680.8, "mg/kg"), c("G1", 30, "%"), c("E1", 0), c("S1", 0.08), c("L1", 11, "%"), c("E2", 0),
            c("P3", 639.4, "mg/kg"), c("WW1", 27.4, "mg/L"),
        ]
        return (try BalanceModel(streams: streams), cr)
    }

    @Test("chrome-plating line: unmeasured loss, total δ, Cr balance and where the chromium goes (hand computation)")
    func chromeLine() throws {
        let (model, cr) = try Self.chrome()
        let r = try MaterialBalance.compute(model, concentrations: cr)
        #expect(r.unit?.description == "kg/d")
        let l1 = try #require(r.streams.first { $0.id == "L1" })
        #expect(energyClose(l1.value, (7.70 + 0.077 + 5000 + 180) - (5023.2 + 0.6 + 160 + 1.5), 1e-12))
        #expect(l1.status == "computed" && l1.computedFrom == "bath")
        let given = 7.70 + 0.077 + 5000 + 200 + 8000.0
        #expect(energyClose(r.totals.relativeImbalance, (given - (0.6 + 160 + 1.5 + 20 + 5005 + 8018)) / given, 1e-12))
        #expect(r.totals.withinTolerance == true && r.totals.computedStreams == ["L1"])
        let chromium = try #require(r.components.first)
        #expect(chromium.component == "Cr" && chromium.unit == "kg/d")
        #expect(energyClose(chromium.input, 7.70 * 0.52, 1e-12))
        let out = 5005 * 639.4e-6 + 8.018 * 27.4e-3 + 0.6 * 0.3 + 1.5 * 0.08 + l1.value * 0.11
        #expect(energyClose(chromium.output, out, 1e-12))
        #expect(chromium.withinTolerance == true && !chromium.reactive && chromium.missing.isEmpty)
        let product = try #require(chromium.outputs.first { $0.key == "P3" })
        #expect(energyClose(product.shareOfInput, 5005 * 639.4e-6 / (7.70 * 0.52), 1e-12))
        // mg/L on a mass flow uses the density parameter, and says so.
        #expect(r.notes.contains { $0.contains("density of 1000") })
        // Per unit operation: the recovery tank's Cr closes to rounding of the given concentrations.
        let recovery = try #require(chromium.nodes.first { $0.node == "recovery" })
        #expect(abs(recovery.relativeImbalance ?? 1) < 1e-4)
        // t/d and kg/d are one unit system: W3 = 8 t/d = 8000 kg/d.
        #expect(energyClose(r.streams.first { $0.id == "W3" }?.value, 8000, 1e-12))
    }

    @Test("reactive components are reported but not checked; missing values are listed; tolerances per component")
    func reactiveAndMissing() throws {
        let model = try BalanceModel(streams: [
            Self.s("in", nil, "u", 100, "m3"), Self.s("out", "u", nil, 98, "m3"), Self.s("sludge", "u", nil, 2, "m3"),
        ])
        let concentrations = [
            MaterialConcentration(stream: "in", component: "COD", value: 800, unit: "mg/L"),
            MaterialConcentration(stream: "out", component: "COD", value: 100, unit: "mg/L"),
            MaterialConcentration(stream: "in", component: "SS", value: 200, unit: "mg/L"),
            MaterialConcentration(stream: "out", component: "SS", value: 20, unit: "g/m3"),
        ]
        let r = try MaterialBalance.compute(model, concentrations: concentrations, options: .init(reactive: ["cod"]))
        let cod = try #require(r.components.first { $0.component == "COD" })
        #expect(cod.reactive && cod.withinTolerance == nil)
        #expect(energyClose(cod.input, 80, 1e-12) && energyClose(cod.output, 9.8, 1e-12))
        #expect(cod.outputs.contains { $0.key == "consumed" })
        let ss = try #require(r.components.first { $0.component == "SS" })
        #expect(ss.missing == ["sludge"] && ss.withinTolerance == false)
        #expect(r.notes.contains { $0.contains("'SS'") && $0.contains("sludge") })
        #expect(!r.notes.contains { $0.contains("density") })  // m3 × mg/L needs no density
        let lenient = try MaterialBalance.compute(model, concentrations: concentrations,
                                                  options: .init(componentTolerance: ["SS": 0.95]))
        #expect(lenient.components.first { $0.component == "SS" }?.withinTolerance == true)
    }

    @Test("units: mass and volume mixed, periods mixed, unknown units are errors naming the stream")
    func unitErrors() throws {
        for (unit, expected) in [("m3", "is in 'm3'"), ("kg/h", "is in 'kg/h'"), ("kWh", "not a mass or volume unit")] {
            let model = try BalanceModel(streams: [Self.s("a", nil, "u", 1, "kg/d"), Self.s("b", "u", nil, 1, unit)])
            let error = #expect(throws: MaterialError.self) { try MaterialBalance.compute(model) }
            #expect(error?.stream == "b" && error?.message.contains(expected) == true)
        }
        let model = try BalanceModel(streams: [Self.s("a", nil, "u", 1), Self.s("b", "u", nil, 1)])
        let error = #expect(throws: MaterialError.self) {
            try MaterialBalance.compute(model, concentrations: [.init(stream: "a", component: "X", value: 1, unit: "furlongs")])
        }
        #expect(error?.kind == .concentration)
    }

    @Test("with uncertainties the totals are reconciled: they close exactly, and the global test is reported")
    func reconciled() throws {
        let model = try BalanceModel(streams: [
            Self.s("raw", nil, "u", 1000, sigma: 10), Self.s("water", nil, "u", 500, sigma: 10),
            Self.s("product", "u", nil, 1380, sigma: 15), Self.s("waste", "u", nil, 60, sigma: 6),
        ])
        let r = try MaterialBalance.compute(model)
        #expect(r.method == "reconciled")
        #expect(abs(r.totals.input - r.totals.output) < 1e-9 * r.totals.input)
        #expect(energyClose(r.totals.relativeImbalance, 60.0 / 1500, 1e-12))  // δ of the given values
        #expect(r.reconciliation?.globalTest.dof == 1)
        #expect(r.streams.allSatisfy { $0.sigma != nil && $0.status == "reconciled" })
    }
}
