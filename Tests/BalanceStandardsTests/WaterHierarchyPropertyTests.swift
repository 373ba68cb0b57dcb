import TestSupport
import BalanceCore
import Testing
@testable import BalanceStandards

/// Property tests of the roll-up (``WaterLedger``): on random hierarchical plants every unit, every group of
/// the `parent` hierarchy, every category and the enterprise closes, V_f + V_s,in = V_co + V_d + V_l + V_s,out
/// + V_e, and the quantities that leave the system or are counted where used (V_f, V_co, V_l, V_e, V_cy, V_r)
/// add up from children to parents.
@Suite("Water balance — hierarchy roll-up (property tests)")
struct WaterHierarchyPropertyTests {
    /// A random plant: a network node fed from outside distributing to units (some units have their own
    /// source), series water from earlier to later units, loops, a treatment unit collecting discharges,
    /// losses, exports; groups form a random tree under the root `E`. True values balance exactly.
    static func plant(seed: UInt64, units n: Int, groups g: Int, noise: Double?) throws -> BalanceModel {
        var rng = SeededGenerator(seed: seed)
        func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * Double.random(in: 0..<1, using: &rng) }
        let categories = ["cooling", "process", "boiler", "domestic", "auxiliary", nil]
        var nodes = [Node(id: "E", name: "enterprise")]
        for k in 1...g {
            let parent = k == 1 ? "E" : (Bool.random(using: &rng) ? "E" : "G\(Int.random(in: 1..<k, using: &rng))")
            nodes.append(Node(id: "G\(k)", parent: parent))
        }
        func randomParent() -> String { Bool.random(using: &rng) && g > 0 ? "G\(Int.random(in: 1...g, using: &rng))" : "E" }
        nodes.append(Node(id: "N", parent: randomParent(), category: "network"))
        for i in 1...n {
            nodes.append(Node(id: "U\(i)", parent: randomParent(), category: categories.randomElement(using: &rng)!))
        }
        nodes.append(Node(id: "T", parent: randomParent(), category: "auxiliary"))
        var streams: [BalanceStream] = []
        var inflow = [Double](repeating: 0, count: n + 1)
        var counter = 0
        func add(_ from: String?, _ to: String?, _ value: Double, _ kind: String) {
            counter += 1
            streams.append(BalanceStream(id: "S\(counter)", from: from, to: to, value: value, kind: kind))
        }
        var networkOut = 0.0
        for i in 1...n {
            let v = uniform(10, 200)
            if Double.random(in: 0..<1, using: &rng) < 0.2 { add(nil, "U\(i)", v, "intake") } else { add("N", "U\(i)", v, "intake"); networkOut += v }
            inflow[i] += v
        }
        let leak = uniform(1, 20)
        add(nil, "N", networkOut + leak, "intake")
        add("N", nil, leak, "leakage")
        var treated = 0.0
        for i in 1...n {
            if Double.random(in: 0..<1, using: &rng) < 0.3 { add("U\(i)", "U\(i)", uniform(100, 3000), "circulating") }
            var rest = inflow[i]
            let consumption = rest * uniform(0.02, 0.3)
            add("U\(i)", nil, consumption, "consumption")
            rest -= consumption
            if i < n, Double.random(in: 0..<1, using: &rng) < 0.4 {
                let j = Int.random(in: (i + 1)...n, using: &rng)
                let s = rest * uniform(0.1, 0.6)
                add("U\(i)", "U\(j)", s, Bool.random(using: &rng) ? "series" : "condensate")
                inflow[j] += s
                rest -= s
            }
            if Double.random(in: 0..<1, using: &rng) < 0.1 {
                let l = rest * 0.05
                add("U\(i)", nil, l, "leakage")
                rest -= l
            }
            if Double.random(in: 0..<1, using: &rng) < 0.1 {
                let e = rest * 0.2
                add("U\(i)", nil, e, "export")
                rest -= e
            }
            if Bool.random(using: &rng) { add("U\(i)", "T", rest, "discharge"); treated += rest } else { add("U\(i)", nil, rest, "discharge") }
        }
        add("T", nil, treated * 0.02, "consumption")
        add("T", nil, treated * 0.98, "discharge")
        guard let noise else { return try BalanceModel(streams: streams, nodes: nodes) }
        // Measurements: the true values with a relative error; the consumptions unmeasured where that keeps
        // them observable (one unknown per unit is always determined by its balance).
        let disturbed = streams.map { s -> BalanceStream in
            var s = s
            if s.kind == "consumption" {
                s.value = nil
            } else {
                let v = s.value!
                s.value = v * (1 + noise * rng.normal())
                s.sigma = noise * v
            }
            return s
        }
        return try BalanceModel(streams: disturbed, nodes: nodes)
    }

    static func closes(_ row: WaterBalanceRow) -> Bool {
        abs(row.inflow - row.outflow) <= 1e-9 * Swift.max(1, row.inflow)
    }

    @Test(arguments: 1...12)
    func everyLevelClosesAndAddsUp(_ seed: Int) throws {
        let model = try Self.plant(seed: UInt64(seed), units: 5 + seed % 16, groups: 1 + seed % 5, noise: nil)
        let result = try WaterBalance.analyze(model)
        #expect(result.mode == .exact)
        for row in result.units + result.groups + result.categories + [result.enterprise] {
            #expect(Self.closes(row), "seed \(seed): \(row.level.rawValue) \(row.id) in \(row.inflow) out \(row.outflow)")
        }
        // Enterprise: no edge but the boundary.
        let e = result.enterprise
        #expect(e[.seriesIn] == 0 && e[.seriesOut] == 0)
        #expect(abs(e[.totalUse] - (e[.intake] + e[.reuse])) <= 1e-9 * e[.totalUse])
        let outsideIntake = model.streams.filter { $0.from == nil && $0.kind == "intake" }.compactMap(\.value).reduce(0, +)
        #expect(abs(e[.intake] - outsideIntake) <= 1e-9 * outsideIntake)
        // Additive quantities: a group's value is the sum over its direct children's subtrees (and the
        // node itself when streams touch it).
        let network = result.network
        let ledger = WaterLedger(network)
        let additive: [WaterQuantity] = [.intake, .consumption, .leakage, .export, .circulating, .reuse]
        for group in result.groups {
            let parts = [group.id] + network.children(of: group.id)
            for q in additive {
                let sum = parts.enumerated().map { k, id in
                    (k == 0 ? ledger.forms(forNode: id) : ledger.forms(forSubtreeOf: id))[q].value(result.values) ?? .nan
                }.reduce(0, +)
                #expect(abs(group[q] - sum) <= 1e-9 * Swift.max(1, abs(sum)), "seed \(seed): \(group.id) \(q.rawValue)")
            }
        }
        // The category rows partition the units: their V_f add up to the enterprise intake.
        let categoryIntake = result.categories.map { $0[.intake] }.reduce(0, +)
        #expect(abs(categoryIntake - e[.intake]) <= 1e-9 * e[.intake])
    }

    @Test(arguments: 1...6)
    func reconciledValuesCloseAtEveryLevel(_ seed: Int) throws {
        let model = try Self.plant(seed: UInt64(100 + seed), units: 8 + seed, groups: 3, noise: 0.02)
        let result = try WaterBalance.analyze(model)
        #expect(result.mode == .reconciled)
        for row in result.units + result.groups + result.categories + [result.enterprise] {
            #expect(abs(row.inflow - row.outflow) <= 1e-8 * Swift.max(1, row.inflow), "seed \(seed): \(row.id)")
        }
        #expect(result.indicators.filter { $0.value != nil }.allSatisfy { ($0.sigma ?? -1) >= 0 })
    }

    @Test(arguments: 1...4)
    func invariantUnderStreamOrder(_ seed: Int) throws {
        let model = try Self.plant(seed: UInt64(200 + seed), units: 10, groups: 3, noise: nil)
        var rng = SeededGenerator(seed: UInt64(seed))
        let shuffled = try BalanceModel(streams: model.streams.shuffled(using: &rng), nodes: model.nodes)
        let a = try WaterBalance.analyze(model), b = try WaterBalance.analyze(shuffled)
        for (x, y) in zip(a.indicators, b.indicators) {
            #expect(waterClose(x.value, y.value ?? .nan, relative: 1e-12) || (x.value == nil && y.value == nil))
        }
        for (x, y) in zip(a.groups, b.groups) { #expect(waterClose(x[.intake], y[.intake], relative: 1e-12)) }
    }
}
