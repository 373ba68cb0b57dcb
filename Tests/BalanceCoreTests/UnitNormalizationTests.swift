import Testing
@testable import BalanceCore

/// Units by dimension (issue 9): values are converted to one basis before any balance adds them;
/// scale-only conversions are exact, time bases need a declared operating time.
@Suite("Units converted before balancing")
struct UnitNormalizationTests {
    static func model(_ units: [(String, Double?, String?)], nodes: [Node] = []) throws -> BalanceModel {
        // A chain: S0 → A → S1 → B → S2 … the i-th stream enters node i.
        var streams: [BalanceStream] = []
        for (i, (id, value, unit)) in units.enumerated() {
            streams.append(BalanceStream(
                id: id, from: i == 0 ? nil : "N\(i - 1)", to: i == units.count - 1 ? nil : "N\(i)", value: value,
                sigma: value.map { $0 / 100 }, unit: unit))
        }
        return try BalanceModel(streams: streams, nodes: nodes)
    }

    @Test("the units the parser reads", arguments: [
        ("m3/d", QuantityUnit(dimension: .volume, scale: 1, time: .perDay)),
        ("m³/h", QuantityUnit(dimension: .volume, scale: 1, time: .perHour)),
        ("立方米/天", QuantityUnit(dimension: .volume, scale: 1, time: .perDay)),
        ("万m3/a", QuantityUnit(dimension: .volume, scale: 10_000, time: .perYear)),
        ("L/h", QuantityUnit(dimension: .volume, scale: 0.001, time: .perHour)),
        ("t", QuantityUnit(dimension: .mass, scale: 1, time: .total)),
        ("吨/小时", QuantityUnit(dimension: .mass, scale: 1, time: .perHour)),
        ("kg/d", QuantityUnit(dimension: .mass, scale: 0.001, time: .perDay)),
        ("万kWh", QuantityUnit(dimension: .energy, scale: 10_000, time: .total)),
    ])
    func parses(_ text: String, _ expected: QuantityUnit) {
        #expect(QuantityUnit.parse(text) == expected)
    }

    @Test("unknown texts are not units") func unknown() {
        for text in ["", "furlongs", "m3/fortnight", "%"] { #expect(QuantityUnit.parse(text) == nil, "\(text)") }
    }

    @Test("one unit throughout: nothing changes") func unchanged() throws {
        let m = try Self.model([("A", 10, "m3/d"), ("B", 10, "m3/d"), ("C", nil, nil)])
        let (out, conversions) = try UnitNormalization.normalize(m)
        #expect(conversions.isEmpty && out == m)
    }

    @Test("scale-only conversions are exact: L, 万m3 to m3; kg, 万t to t") func scaleOnly() throws {
        let m = try Self.model([("A", 2000, "m3/d"), ("B", 500_000, "L/d"), ("C", 0.15, "万m3/d"), ("D", 1, "m3/d"), ("E", 3, "m3/d")])
        let (out, conversions) = try UnitNormalization.normalize(m)
        #expect(out.stream("B")?.value == 500 && out.stream("B")?.sigma == 5 && out.stream("B")?.unit == "m3/d")
        #expect(out.stream("C")?.value == 1500)
        #expect(conversions.map(\.stream) == ["B", "C"])
        let mass = try Self.model([("A", 2, "t"), ("B", 3000, "kg"), ("C", 4, "t")])
        #expect(try UnitNormalization.normalize(mass).model.stream("B")?.value == 3)
    }

    @Test("m3/h among m3/d needs the operating time, and is converted with it") func timeBasis() throws {
        let m = try Self.model([("A", 1200, "m3/d"), ("B", 50, "m3/h"), ("C", 1150, "m3/d")])
        #expect(throws: ModelError.self) { try UnitNormalization.normalize(m) }
        do {
            _ = try UnitNormalization.normalize(m)
        } catch {
            guard case let .missingOperatingTime(streams) = error.kind else { Issue.record("\(error)"); return }
            #expect(streams.contains("B (m3/h)"))
        }
        let withDefault = try UnitNormalization.normalize(m, defaults: .init(hoursPerDay: 24)).model
        #expect(withDefault.stream("B")?.value == 1200)
        let nodes = [Node(id: "N0"), Node(id: "N1", hoursPerDay: 16)]
        let perNode = try UnitNormalization.normalize(try Self.model([("A", 1200, "m3/d"), ("B", 50, "m3/h"), ("C", 1150, "m3/d")], nodes: nodes)).model
        #expect(perNode.stream("B")?.value == 800, "B enters N1, which runs 16 h a day")
    }

    @Test("day ↔ year needs only the days per year") func dayYear() throws {
        let m = try Self.model([("A", 100, "t/d"), ("B", 36_500, "t/a"), ("C", 100, "t/d")])
        #expect(try UnitNormalization.normalize(m, defaults: .init(daysPerYear: 365)).model.stream("B")?.value == 100)
    }

    @Test("volumes and masses are not added unless a density bridges them; totals are not added to rates")
    func incompatible() throws {
        let m = try Self.model([("A", 100, "m3/d"), ("B", 100, "t/d"), ("C", 100, "m3/d")])
        #expect(throws: ModelError.self) { try UnitNormalization.normalize(m) }
        #expect(try UnitNormalization.normalize(m, defaults: .init(volumePerMass: 1)).model.stream("B")?.value == 100)
        let energy = try Self.model([("A", 100, "m3/d"), ("B", 100, "kWh/d"), ("C", 100, "m3/d")])
        #expect(throws: ModelError.self) { try UnitNormalization.normalize(energy, defaults: .init(volumePerMass: 1)) }
        let total = try Self.model([("A", 100, "m3/d"), ("B", 700, "m3"), ("C", 100, "m3/d")])
        #expect(throws: ModelError.self) { try UnitNormalization.normalize(total, defaults: .init(hoursPerDay: 24)) }
    }

    @Test("relation coefficients follow their stream's conversion") func relations() throws {
        let streams = [
            BalanceStream(id: "I", to: "L", value: 5, sigma: 0.1, unit: "m3/h"),
            BalanceStream(id: "O", from: "L", unit: "m3/d"), BalanceStream(id: "D", from: "L", unit: "m3/d"),
            BalanceStream(id: "X", from: "Q", value: 1, sigma: 0.1, unit: "m3/d"),
        ]
        // D = 0.25 O, stated in the streams' own units (both m3/d: unchanged).
        let m = try BalanceModel(streams: streams, relations: [
            LinearRelation(id: "r", terms: [.init(stream: "D", coefficient: 1), .init(stream: "O", coefficient: -0.25)]),
            LinearRelation(id: "s", terms: [.init(stream: "I", coefficient: 24)], constant: 120),
        ])
        let out = try UnitNormalization.normalize(m, defaults: .init(hoursPerDay: 24)).model
        #expect(out.stream("I")?.value == 120)
        // 24·I[m3/h] = 120 becomes 24/24·I[m3/d] = 120: the same statement.
        #expect(out.relations[1].terms[0].coefficient == 1)
        #expect(out.relations[0].terms[1].coefficient == -0.25)
    }
}
