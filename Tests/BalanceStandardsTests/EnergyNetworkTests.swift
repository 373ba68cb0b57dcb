import BalanceCore
import Testing
@testable import BalanceStandards

@Suite("Energy: network solution, table bookkeeping and reconciliation")
struct EnergyNetworkTests {
    typealias S = WorkedExample43

    @Test("reconciliation: perturbed meters with σ are adjusted so that every column closes to 1e-9; figures get σ")
    func reconciled() throws {
        // The §4.3 data with 1 % meters, the steam meter 1 % high, and the grid and steam-network losses
        // measured too (10 %), which makes those balances redundant.
        var streams = S.streams.map { s -> BalanceStream in
            var s = s
            if let v = s.value, s.kind != "stock" { s.sigma = abs(v) * 0.01 }
            if s.id == "S2" { s.value = 6_469.34367 * 1.01 }
            return s
        }
        streams[streams.firstIndex { $0.id == "L3E" }!].value = 720_000
        streams[streams.firstIndex { $0.id == "L3E" }!].sigma = 72_000
        streams[streams.firstIndex { $0.id == "L3S" }!].value = 412.93683
        streams[streams.firstIndex { $0.id == "L3S" }!].sigma = 41.3
        let model = try BalanceModel(streams: streams, nodes: S.nodes)
        let result = try EnergyBalance.compute(model, options: .init(conversion: .init(electricityEquivalent: 0.3)))
        #expect(result.network.method == .reconciled)
        for column in result.table.columns { #expect(column.relativeClosure <= 1e-9) }
        #expect(abs(result.figures.enterpriseClosureResidual) <= 1e-9 * result.figures.suppliedTce)
        let s2 = try #require(result.network.streams.first { $0.id == "S2" })
        #expect(s2.status == .reconciled)
        #expect(s2.tce < 6_469.34367 * 1.01 && s2.tceSigma != nil)
        let u = try #require(result.figures.uncertainty)
        #expect(u.suppliedTce > 0 && u.effectiveTce > 0 && (u.utilizationRate ?? 0) > 0)
        // Stock change (no σ) is fixed: the reconciliation keeps it exactly.
        let c2 = try #require(result.network.streams.first { $0.id == "C2" })
        #expect(c2.status == .fixed && energyClose(c2.tce, -142.86, 1e-12))
    }

    @Test("consistent data with σ reconcile to themselves: same figures as the exact computation")
    func consistentReconciliation() throws {
        let streams = S.streams.map { s -> BalanceStream in
            var s = s
            if let v = s.value { s.sigma = max(abs(v) * 0.02, 1e-3) }
            return s
        }
        let reconciled = try EnergyBalance.compute(try BalanceModel(streams: streams, nodes: S.nodes))
        let exact = try S.compute(electricityEquivalent: nil)
        #expect(energyClose(reconciled.figures.utilizationRate, exact.figures.utilizationRate!, 1e-9))
        #expect(energyClose(reconciled.figures.lossTce, exact.figures.lossTce, 1e-9))
        for stage in EnergyStage.allCases {
            #expect(energyClose(reconciled.figures.stageEfficiency[stage], exact.figures.stageEfficiency[stage]!, 1e-9))
        }
    }

    /// Two carriers, a boiler with recovered heat from end use and an export of steam.
    static func recoveryModel(closing: Bool = true) throws -> BalanceModel {
        let streams = [
            S.stream("G1", nil, "gas-meter", 1_000_000, "m3", "气田天然气", "purchase"),  // 1 214.3 tce
            S.stream("G2", "gas-meter", "boiler", nil, "m3", "气田天然气"),
            S.stream("H1", "process", "boiler", 100, "tce", "热力", "recovered"),
            S.stream("ST", "boiler", "steam-net", 1_100, "tce", "蒸汽"),
            S.stream("LB", "boiler", nil, nil, "tce", nil, "loss"),
            S.stream("EX", "steam-net", nil, 200, "tce", "蒸汽", "export"),
            S.stream("S3", "steam-net", "process", 850, "tce", "蒸汽"),
            S.stream("LN", "steam-net", nil, closing ? nil : 40, "tce", "蒸汽", "loss"),
            S.stream("EF", "process", nil, 600, "tce", "蒸汽", "effective"),
            S.stream("LP", "process", nil, nil, "tce", nil, "loss"),
        ]
        let nodes = [
            Node(id: "gas-meter", stage: "purchase"), Node(id: "boiler", stage: "conversion"),
            Node(id: "steam-net", stage: "distribution"), Node(id: "process", stage: "end-use"),
        ]
        return try BalanceModel(streams: streams, nodes: nodes)
    }

    @Test("recovered energy is internal (not supply); export is deducted; columns and enterprise close")
    func recoveredAndExport() throws {
        let result = try EnergyBalance.compute(try Self.recoveryModel())
        let f = result.figures
        #expect(energyClose(f.suppliedTce, 1_214.3 - 200, 1e-12))
        #expect(energyClose(f.recoveredTce, 100, 1e-12) && energyClose(f.exportTce, 200, 1e-12))
        #expect(energyClose(f.effectiveTce, 600, 1e-12))
        #expect(abs(f.enterpriseClosureResidual) < 1e-9)
        let conversion = result.table.column(.conversion)
        #expect(energyClose(conversion.inputTotal, 1_214.3 + 100, 1e-12))
        #expect(energyClose(conversion.lossTotal, 1_214.3 + 100 - 1_100, 1e-12))
        let endUse = result.table.column(.endUse)
        #expect(energyClose(endUse.recoveredTotal, 100, 1e-12))
        #expect(energyClose(endUse.lossTotal, 850 - 600 - 100, 1e-12))
        #expect(energyClose(result.table.column(.distribution).exportTotal, 200, 1e-12))
        for column in result.table.columns { #expect(column.relativeClosure <= 1e-12) }
        // η_conversion counts the recovered heat as input.
        #expect(energyClose(f.stageEfficiency.conversion, 1_100 / 1_314.3, 1e-12))
    }

    @Test("exact data that do not close: the gap is the stage's unaccounted loss, with a warning; columns still close")
    func unaccounted() throws {
        // Steam network: 1 100 in, 200 + 850 + 40 = 1 090 out → 10 tce (0.9 %) unaccounted, within 5 %.
        let result = try EnergyBalance.compute(try Self.recoveryModel(closing: false), options: .init(tolerance: 0.005))
        let d = result.table.column(.distribution)
        #expect(energyClose(d.unaccounted, 10, 1e-12))
        #expect(d.relativeClosure <= 1e-12)
        #expect(energyClose(result.figures.unaccountedTce, 10, 1e-12))
        #expect(result.notes.contains { $0.contains("steam-net") && $0.contains("does not close") })
        #expect(abs(result.figures.enterpriseClosureResidual) < 1e-9)
    }

    @Test("two unmeasured losses at one node cannot be determined: an error lists them")
    func undetermined() throws {
        var streams = S.streams
        streams.append(S.stream("L4b", "workshop", nil, nil, "tce", nil, "loss"))
        let model = try BalanceModel(streams: streams, nodes: S.nodes)
        let error = #expect(throws: EnergyError.self) { try EnergyBalance.compute(model) }
        #expect(error?.kind == .undetermined(["L4", "L4b"]))
    }

    @Test("stages are inherited from the parent node; unknown stage text is an error")
    func stageInheritance() throws {
        let nodes = [
            Node(id: "plant", stage: "end-use"), Node(id: "ws1", parent: "plant"),
            Node(id: "yard", stage: "purchase"),
        ]
        let streams = [
            S.stream("C1", nil, "yard", 100, "t", "原煤", "purchase"), S.stream("C2", "yard", "ws1", nil, "t", "原煤"),
            S.stream("U", "ws1", nil, 50, "tce", nil, "effective"), S.stream("L", "ws1", nil, nil, "tce", nil, "loss"),
        ]
        let network = try EnergyNetwork.solve(try BalanceModel(streams: streams, nodes: nodes), settings: .init())
        #expect(network.stages["ws1"] == .endUse)
        let bad = try BalanceModel(streams: streams, nodes: [Node(id: "yard", stage: "storage-ish"), Node(id: "ws1", stage: "4")])
        let error = #expect(throws: EnergyError.self) { try EnergyNetwork.solve(bad, settings: .init()) }
        #expect(error?.message.contains("unknown stage 'storage-ish'") == true)
    }

    @Test("kinds must fit the position of the stream", arguments: [
        ("loss", nil, "boiler"), ("purchase", "boiler", nil), ("effective", "yard", "boiler"), ("heat", nil, "boiler"),
    ] as [(String, String?, String?)])
    func kinds(kind: String, from: String?, to: String?) throws {
        let streams = [
            S.stream("C1", nil, "yard", 100, "t", "原煤", "purchase"), S.stream("C2", "yard", "boiler", nil, "t", "原煤"),
            S.stream("X", from, to, 1, "tce", nil, kind), S.stream("L", "boiler", nil, nil, "tce", nil, "loss"),
        ]
        let model = try BalanceModel(streams: streams, nodes: [Node(id: "yard", stage: "1"), Node(id: "boiler", stage: "2")])
        let error = #expect(throws: EnergyError.self) { try EnergyNetwork.solve(model, settings: .init()) }
        #expect(error?.stream == "X" && error?.kind == .kind)
    }

    @Test("results do not depend on the order of the streams")
    func orderInvariance() throws {
        let forward = try S.compute()
        let model = try BalanceModel(streams: S.streams.reversed(), nodes: S.nodes.reversed())
        let backward = try EnergyBalance.compute(model, options: .init(
            conversion: .init(electricityEquivalent: 0.3), production: 50_000, outputValue: 30_000))
        #expect(energyClose(backward.figures.utilizationRate, forward.figures.utilizationRate!, 1e-12))
        #expect(energyClose(backward.figures.resourceUtilizationRate, forward.figures.resourceUtilizationRate!, 1e-12))
        for stage in EnergyStage.allCases {
            #expect(energyClose(backward.table.column(stage).inputTotal, forward.table.column(stage).inputTotal, 1e-12))
        }
    }
}

@Suite("Energy: a failing global test is reported")
struct EnergyGlobalTestTests {
    @Test("a loss estimate twice too high makes the global test fail, and the notes say so")
    func grossError() throws {
        var streams = WorkedExample43.streams.map { s -> BalanceStream in
            var s = s
            if let v = s.value, s.kind != "stock" { s.sigma = abs(v) * 0.005 }
            return s
        }
        let k = streams.firstIndex { $0.id == "L3E" }!
        streams[k].value = 720_000 * 2  // 4σ off the combined uncertainty of the electricity balance
        streams[k].sigma = 7_200
        let result = try EnergyBalance.compute(try BalanceModel(streams: streams, nodes: WorkedExample43.nodes))
        #expect(result.network.reconciliation?.globalTest.passed == false)
        #expect(result.notes.contains { $0.contains("global test") && $0.contains("balance reconcile") })
    }
}
