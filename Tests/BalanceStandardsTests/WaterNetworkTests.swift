import BalanceCore
import Testing
@testable import BalanceStandards

/// Stream kinds and node categories: aliases, inference from topology, and the data errors with file and line.
@Suite("Water balance — kinds, categories and data errors")
struct WaterNetworkTests {
    static func at(_ line: Int) -> BalanceCore.SourceLocation { BalanceCore.SourceLocation(file: "streams.csv", line: line) }

    static func model(_ streams: [BalanceStream], nodes: [Node] = []) throws -> BalanceModel {
        try BalanceModel(streams: streams, nodes: nodes)
    }

    @Test(arguments: [
        ("intake", WaterStreamKind.intake), (" Intake ", .intake), ("取水", .intake), ("新水", .intake),
        ("circulating", .circulating), ("循环", .circulating), ("循环水", .circulating),
        ("SERIES", .series), ("串联", .series), ("回用", .series), ("consumption", .consumption), ("耗水", .consumption),
        ("discharge", .discharge), ("排水", .discharge), ("leakage", .leakage), ("漏失", .leakage),
        ("export", .export), ("外供", .export), ("steam", .steam), ("蒸汽", .steam),
        ("condensate", .condensate), ("冷凝水", .condensate), ("冷凝水回用", .condensate),
    ])
    func kindAliases(_ text: String, _ kind: WaterStreamKind) {
        #expect(WaterStreamKind(text: text) == kind)
    }

    @Test func loopAliasesAreAcceptedOnLoops() throws {
        // Every alias of the loop kinds must also pass BalanceModel's own loop check.
        for kind in [WaterStreamKind.circulating, .condensate] {
            for alias in [kind.rawValue] + kind.aliases {
                #expect(BalanceModel.loopKinds.contains(alias.lowercased()), "\(alias)")
            }
        }
    }

    @Test(arguments: ["", "  ", "purchase", "水", "intake2"])
    func unknownKindText(_ text: String) {
        #expect(WaterStreamKind(text: text) == nil)
    }

    @Test(arguments: [
        ("cooling", WaterCategory.cooling), ("间接冷却", .cooling), ("工艺", .process), ("锅炉", .boiler),
        ("生活", .domestic), ("附属", .domestic), ("生活/附属", .domestic), ("辅助", .auxiliary), ("管网", .network),
        ("Network", .network),
    ])
    func categoryAliases(_ text: String, _ category: WaterCategory) {
        #expect(WaterCategory(text: text) == category)
    }

    @Test func inferredKinds() throws {
        let m = try Self.model([
            BalanceStream(id: "A", to: "N", value: 10),                 // outside → N: intake
            BalanceStream(id: "B", from: "N", to: "U", value: 10),      // network → unit: intake
            BalanceStream(id: "C", from: "U", to: "U", value: 50),      // loop: circulating
            BalanceStream(id: "D", from: "U", value: 10, kind: "排水"),
        ], nodes: [Node(id: "N", category: "管网"), Node(id: "U", category: "cooling")])
        let network = try WaterNetwork(m)
        #expect(network.kinds == [.intake, .intake, .circulating, .discharge])
        #expect(network.kindInferred == [true, true, true, false])
    }

    /// Each case: the streams, and a fragment the error message must contain; the error points at line 3.
    static let badCases: [(String, [BalanceStream], String)] = [
        ("unknown kind", [BalanceStream(id: "S", to: "U", value: 1, kind: "purchase", location: at(3))], "unknown water stream kind"),
        ("intake leaving", [BalanceStream(id: "S", from: "U", value: 1, kind: "intake", location: at(3))], "leaves it"),
        ("circulating between units", [
            BalanceStream(id: "S", from: "U", to: "V", value: 1, kind: "circulating", location: at(3)),
        ], "same node"),
        ("consumption into a unit", [
            BalanceStream(id: "S", from: "U", to: "V", value: 1, kind: "consumption", location: at(3)),
        ], "must end outside"),
        ("series from outside", [BalanceStream(id: "S", to: "U", value: 1, kind: "series", location: at(3))], "intake"),
        ("ambiguous outflow", [BalanceStream(id: "S", from: "U", value: 1, location: at(3))], "consumption (耗水)"),
        ("ambiguous transfer", [BalanceStream(id: "S", from: "U", to: "V", value: 1, location: at(3))], "series water"),
        ("steam leaving", [BalanceStream(id: "S", from: "U", value: 1, kind: "steam", location: at(3))], "export"),
    ]

    @Test(arguments: badCases.indices)
    func dataErrorsNameTheLine(_ index: Int) throws {
        let (label, streams, fragment) = Self.badCases[index]
        let m = try Self.model(streams)
        do {
            _ = try WaterNetwork(m)
            Issue.record("\(label): expected a data error")
        } catch {
            #expect(error.location?.line == 3, "\(label)")
            #expect(error.message.contains(fragment), "\(label): \(error.message)")
            #expect(error.description.hasPrefix("streams.csv:3:"), "\(label)")
        }
    }

    @Test func aLoopThatIsNeitherCirculatingNorCondensateIsRejected() {
        #expect(throws: ModelError.self) {
            try Self.model([BalanceStream(id: "S", from: "U", to: "U", value: 1, kind: "discharge", location: Self.at(4))])
        }
    }

    @Test func unknownCategoryNamesTheNodeLine() throws {
        let m = try Self.model(
            [BalanceStream(id: "S", to: "U", value: 1, kind: "intake")],
            nodes: [Node(id: "U", category: "cooling-tower", location: BalanceCore.SourceLocation(file: "nodes.csv", line: 5))])
        #expect {
            _ = try WaterNetwork(m)
        } throws: { error in
            guard let e = error as? ModelError else { return false }
            return e.location?.file == "nodes.csv" && e.location?.line == 5 && e.message.contains("cooling-tower")
        }
    }

    @Test func severalProblemsAreCounted() throws {
        let m = try Self.model([
            BalanceStream(id: "S1", to: "U", value: 1, kind: "bogus", location: Self.at(2)),
            BalanceStream(id: "S2", from: "U", value: 1, location: Self.at(3)),
        ])
        #expect {
            _ = try WaterNetwork(m)
        } throws: { error in
            guard let e = error as? ModelError else { return false }
            return e.location?.line == 2 && e.message.contains("1 more problem")
        }
    }

    @Test func undeterminedStreamsAreNamed() throws {
        // Two unmeasured outflows of one unit: the balance cannot split them.
        let m = try Self.model([
            BalanceStream(id: "F", to: "U", value: 10, kind: "intake"),
            BalanceStream(id: "C", from: "U", kind: "consumption"),
            BalanceStream(id: "D", from: "U", kind: "discharge"),
        ])
        #expect(throws: WaterBalanceError.undetermined(["C", "D"])) { try WaterBalance.analyze(m) }
    }

    @Test func unavailableIndicatorsSayWhy() throws {
        let m = try Self.model([
            BalanceStream(id: "F", to: "U", value: 10, kind: "intake"),
            BalanceStream(id: "D", from: "U", value: 10, kind: "discharge"),
        ], nodes: [Node(id: "U", category: "process")])
        let r = try WaterBalance.analyze(m)
        #expect(r.indicator(.indirectCoolingRecirculationRate).unavailable == .noNodes(.cooling))
        #expect(r.indicator(.condensateReuseRate).unavailable == .noSteamProduction)
        #expect(r.indicator(.intakePerProduct).unavailable == .noProduction)
        #expect(r.indicator(.processWaterReuseRate).value == 0)
        #expect(r.boundaryCheck == nil)
    }

    @Test func unmeasuredLossIsComputedFromTheBalance() throws {
        let m = try Self.model([
            BalanceStream(id: "F", to: "U", value: 100, kind: "intake"),
            BalanceStream(id: "D", from: "U", value: 70, kind: "discharge"),
            BalanceStream(id: "L", from: "U", kind: "leakage"),
        ])
        let r = try WaterBalance.analyze(m)
        #expect(r.values[2] == 30)
        #expect(r.computedFrom[2] == "U")
        #expect(waterClose(r.indicator(.leakageRate).value, 0.3))
    }

    @Test(arguments: [true, false])
    func purchasedSteamIsAParameter(_ counts: Bool) throws {
        let m = try Self.model([
            BalanceStream(id: "F", to: "U", value: 100, kind: "intake"),
            BalanceStream(id: "V", to: "U", value: 20, kind: "steam"),
            BalanceStream(id: "D", from: "U", value: 120, kind: "discharge"),
        ])
        let p = WaterBalanceParameters(purchasedSteamIsIntake: counts)
        if counts {
            let r = try WaterBalance.analyze(m, parameters: p)
            #expect(r.total("intake")?.value == 120)
        } else {
            #expect(throws: WaterBalanceError.self) { try WaterBalance.analyze(m, parameters: p) }
        }
    }

    @Test func exportLeavesTheEnterpriseBalance() throws {
        let m = try Self.model([
            BalanceStream(id: "F", to: "U", value: 100, kind: "intake"),
            BalanceStream(id: "E", from: "U", value: 25, kind: "export"),
            BalanceStream(id: "D", from: "U", value: 75, kind: "discharge"),
        ])
        let r = try WaterBalance.analyze(m)
        #expect(r.total("export")?.value == 25)
        #expect(r.enterprise.inflow == r.enterprise.outflow)
        #expect(r.indicator(.dischargeRate).value == 0.75)
    }

    @Test func badParametersAreRejected() throws {
        let m = try WaterFixtures.example91()
        #expect(throws: WaterBalanceError.self) {
            try WaterBalance.analyze(m, parameters: WaterBalanceParameters(unitClosureTolerance: -1))
        }
        #expect(throws: WaterBalanceError.self) {
            try WaterBalance.analyze(m, production: WaterProduction(quantity: 0))
        }
    }
}
