import BalanceCore
import Testing
@testable import BalanceStandards

/// The constructed worked example of STANDARDS.md §4.3 (also Datasets/energy/gbt3484-example-4.3),
/// built in code: the expected numbers are the document's hand computation.
enum WorkedExample43 {
    static func stream(
        _ id: String, _ from: String?, _ to: String?, _ value: Double?, _ unit: String, _ carrier: String?,
        _ kind: String? = nil, sigma: Double? = nil
    ) -> BalanceStream {
        BalanceStream(id: id, from: from, to: to, value: value, sigma: sigma, kind: kind, carrier: carrier, unit: unit)
    }

    static let nodes: [Node] = [
        Node(id: "coal-yard", stage: "purchase"), Node(id: "substation", stage: "购入贮存"),
        Node(id: "oil-depot", stage: "purchase"), Node(id: "boiler", stage: "加工转换"),
        Node(id: "steam-net", stage: "distribution"), Node(id: "grid", stage: "输送分配"),
        Node(id: "diesel-dist", stage: "distribution"), Node(id: "workshop", stage: "end-use"),
    ]

    static var streams: [BalanceStream] {
        [
            stream("C1", nil, "coal-yard", 12000, "t", "原煤", "purchase"),
            stream("C2", nil, "coal-yard", -200, "t", "原煤", "stock"),
            stream("C3", "coal-yard", nil, 50, "t", "原煤", "loss"),
            stream("C4", "coal-yard", "boiler", nil, "t", "原煤"),
            stream("E1", nil, "substation", 25_000_000, "kWh", "电力", "purchase"),
            stream("E2", "substation", "boiler", 1_000_000, "kWh", "电力"),
            stream("E3", "substation", "grid", nil, "kWh", "电力"),
            stream("D1", nil, "oil-depot", 200, "t", "柴油", "purchase"),
            stream("D2", "oil-depot", "diesel-dist", nil, "t", "柴油"),
            stream("S1", "boiler", "steam-net", 6882.2805, "tce", "蒸汽"),
            stream("L2", "boiler", nil, nil, "tce", nil, "loss"),
            stream("S2", "steam-net", "workshop", 6469.34367, "tce", "蒸汽"),
            stream("L3S", "steam-net", nil, nil, "tce", "蒸汽", "loss"),
            stream("E4", "grid", "workshop", 23_280_000, "kWh", "电力"),
            stream("L3E", "grid", nil, nil, "kWh", "电力", "loss"),
            stream("D3", "diesel-dist", "workshop", nil, "t", "柴油"),
            stream("U1", "workshop", nil, 4205.0733855, "tce", "蒸汽", "effective"),
            stream("U2", "workshop", nil, 16_296_000, "kWh", "电力", "effective"),
            stream("U3", "workshop", nil, 60, "t", "柴油", "effective"),
            stream("L4", "workshop", nil, nil, "tce", nil, "loss"),
        ]
    }

    static func model() throws -> BalanceModel {
        try BalanceModel(streams: streams, nodes: nodes, requireDeclaredNodes: true)
    }

    static func compute(
        electricityEquivalent: Double? = 0.300, edition: CoefficientTable.Edition = .gbt2589_2020,
        production: Double? = 50_000, outputValue: Double? = 30_000
    ) throws -> EnergyBalanceResult {
        try EnergyBalance.compute(model(), options: EnergyBalanceOptions(
            conversion: EnergyConversionSettings(table: .edition(edition), electricityEquivalent: electricityEquivalent),
            production: production, outputValue: outputValue))
    }
}

/// |a − b| ≤ tolerance · max(1, |b|).
func energyClose(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

@Suite("Energy balance: STANDARDS.md §4.3 worked example (GB/T 3484 / GB/T 28751)")
struct EnergyWorkedExampleTests {
    @Test("stage inputs, outputs and losses equal the hand computation (1e-9 relative)")
    func stageColumns() throws {
        let result = try WorkedExample43.compute()
        let table = result.table
        let p = table.column(.purchase), c = table.column(.conversion)
        let d = table.column(.distribution), e = table.column(.endUse)
        #expect(energyClose(p.inputTotal, 11_792.660))
        #expect(energyClose(p.input["raw-coal"], 8_428.740))
        #expect(energyClose(p.input["electricity"], 3_072.500))
        #expect(energyClose(p.input["diesel"], 291.420))
        #expect(energyClose(p.outputTotal, 11_756.945))
        #expect(energyClose(p.lossTotal, 35.715))
        #expect(energyClose(c.inputTotal, 8_515.925))
        #expect(energyClose(c.input["raw-coal"], 8_393.025))
        #expect(energyClose(c.input["electricity"], 122.900))
        #expect(energyClose(c.outputTotal, 6_882.2805))
        #expect(energyClose(c.lossTotal, 1_633.6445))
        #expect(energyClose(d.inputTotal, 10_123.3005))
        #expect(energyClose(d.outputTotal, 9_621.87567))
        #expect(energyClose(d.loss["steam"], 412.93683))
        #expect(energyClose(d.loss["electricity"], 88.488))
        #expect(energyClose(d.lossTotal, 501.42483))
        #expect(energyClose(e.inputTotal, 9_621.87567))
        #expect(energyClose(e.effectiveTotal, 6_295.2777855))
        #expect(energyClose(e.effective["steam"], 4_205.0733855))
        #expect(energyClose(e.effective["electricity"], 2_002.7784))
        #expect(energyClose(e.effective["diesel"], 87.426))
        #expect(energyClose(e.lossTotal, 3_326.5978845))
    }

    @Test("every column closes to 1e-9 relative, and so does the enterprise")
    func closure() throws {
        let result = try WorkedExample43.compute()
        for column in result.table.columns {
            #expect(column.relativeClosure <= 1e-9, "\(column.stage) residual \(column.closureResidual)")
            #expect(column.unaccounted == 0)
        }
        #expect(abs(result.figures.enterpriseClosureResidual) <= 1e-9 * result.figures.suppliedTce)
    }

    @Test("stage efficiencies 99.70 / 80.817 / 95.047 / 65.427 % and η = 53.383 %")
    func efficiencies() throws {
        let f = try WorkedExample43.compute().figures
        // The document rounds to the shown digits: compare at half a unit of the last digit.
        #expect(energyClose(f.stageEfficiency.purchase.map { $0 * 100 }, 99.70, 0.005 / 99.70))
        #expect(energyClose(f.stageEfficiency.conversion.map { $0 * 100 }, 80.817, 0.0005 / 80.817))
        #expect(energyClose(f.stageEfficiency.distribution.map { $0 * 100 }, 95.047, 0.0005 / 95.047))
        #expect(energyClose(f.stageEfficiency.endUse.map { $0 * 100 }, 65.427, 0.0005 / 65.427))
        #expect(energyClose(f.utilizationRate.map { $0 * 100 }, 53.383, 0.0005 / 53.383))
        // And exactly as ratios of the hand-computed sums.
        #expect(energyClose(f.stageEfficiency.conversion, 6_882.2805 / 8_515.925))
        #expect(energyClose(f.utilizationRate, 6_295.2777855 / 11_792.660))
    }

    @Test("enterprise figures: supplied, effective, loss, 等价 supply and 能源利用率 38.811 %")
    func enterprise() throws {
        let f = try WorkedExample43.compute().figures
        #expect(energyClose(f.suppliedTce, 11_792.660))
        #expect(energyClose(f.effectiveTce, 6_295.2777855))
        #expect(energyClose(f.lossTce, 5_497.3822145))
        #expect(energyClose(f.suppliedEquivalentTce, 16_220.160))
        #expect(energyClose(f.resourceUtilizationRate, 6_295.2777855 / 16_220.160))
        #expect(energyClose(f.resourceUtilizationRate.map { $0 * 100 }, 38.811, 0.0005 / 38.811))
    }

    @Test("§9.2 comprehensive consumption 11 792.66 tce, 16 220.16 tce 等价, 235.8532 kgce/t, 0.39309 tce/万元")
    func comprehensive() throws {
        let f = try WorkedExample43.compute().figures
        #expect(energyClose(f.comprehensiveConsumptionTce, 11_792.66))
        #expect(energyClose(f.comprehensiveConsumptionEquivalentTce, 16_220.16))
        #expect(energyClose(f.unitProductConsumptionKgce, 235.8532))
        #expect(energyClose(f.unitOutputValueConsumptionTce, 11_792.66 / 30_000))
        #expect(energyClose(f.unitOutputValueConsumptionTce, 0.39309, 0.000005 / 0.39309))
    }

    @Test("unmeasured streams equal the hand computation, in tce and in their own units")
    func unmeasured() throws {
        let network = try WorkedExample43.compute().network
        func s(_ id: String) throws -> EnergyStreamResult { try #require(network.streams.first { $0.id == id }) }
        #expect(energyClose(try s("C4").tce, 8_393.025))
        #expect(energyClose(try s("C4").physical, 11_750))
        #expect(try s("C4").status == .computed && s("C4").computedFrom == "coal-yard")
        #expect(energyClose(try s("E3").tce, 2_949.6))
        #expect(energyClose(try s("E3").physical, 24_000_000))
        #expect(energyClose(try s("L2").tce, 1_633.6445))
        #expect(energyClose(try s("L3S").tce, 412.93683))
        #expect(energyClose(try s("L3E").tce, 88.488))
        #expect(energyClose(try s("L3E").physical, 720_000))
        #expect(energyClose(try s("D3").tce, 291.42))
        #expect(energyClose(try s("L4").tce, 3_326.5978845))
        #expect(network.method == .exact)
    }

    @Test("the same results with GB/T 2589-2008 (identical kgce coefficients)")
    func edition2008() throws {
        let f = try WorkedExample43.compute(edition: .gbt2589_2008).figures
        #expect(energyClose(f.suppliedTce, 11_792.660))
        #expect(energyClose(f.utilizationRate, 6_295.2777855 / 11_792.660))
    }

    @Test("the 购入贮存 block: 实物量, 等价值, 当量值 per carrier")
    func purchaseBlock() throws {
        let table = try WorkedExample43.compute().table
        let coal = try #require(table.purchase.first { $0.row.key == "raw-coal" })
        #expect(energyClose(coal.physical, 11_800) && coal.physicalUnit.symbol == "t")
        #expect(energyClose(coal.calorificTce, 8_428.74) && energyClose(coal.equivalentTce, 8_428.74))
        let power = try #require(table.purchase.first { $0.row.key == "electricity" })
        #expect(energyClose(power.physical, 25_000_000))
        #expect(energyClose(power.calorificTce, 3_072.5) && energyClose(power.equivalentTce, 7_500))
        #expect(table.rows.prefix(3).map(\.key) == ["raw-coal", "electricity", "diesel"])
    }

    @Test("without the electricity 等价值 the 等价 figures are null, with a note")
    func missingEquivalent() throws {
        let result = try WorkedExample43.compute(electricityEquivalent: nil)
        #expect(result.figures.suppliedEquivalentTce == nil)
        #expect(result.figures.resourceUtilizationRate == nil)
        #expect(result.figures.comprehensiveConsumptionEquivalentTce == nil)
        #expect(energyClose(result.figures.suppliedTce, 11_792.66))
        // The library names the quantity, not a command-line option (the front ends add that).
        #expect(result.notes.contains { $0.contains("等价值") } && !result.notes.contains { $0.contains("--") })
    }

    @Test("requiring the 等价 figures without an 等价值 is a usage error that names the option")
    func requiredEquivalent() throws {
        let model = try WorkedExample43.model()
        let error = #expect(throws: EnergyError.self) {
            try EnergyBalance.compute(model, options: .init(requireEquivalent: true))
        }
        #expect(error?.isUsageError == true)
        #expect(error?.description.contains("等价值") == true && error?.description.contains("--") == false)
    }
}
