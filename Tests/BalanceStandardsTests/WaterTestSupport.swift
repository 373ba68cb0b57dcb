import TestSupport
import BalanceCore
import Foundation
@testable import BalanceStandards

/// Models shared by the water tests, built in code (the same data as Datasets/water/gbt12452-example-9.1
/// and Datasets/demo/dyeing-plant-water, which the CLI tests read from disk).
enum WaterFixtures {
    /// STANDARDS.md §9.1, all in m³/d, exact. The boundary meter M0 (436) feeds the meter node 总表, which is
    /// outside the balance (`balance = no`): its outflows are the units' intakes (Σ 428).
    /// - Parameter relativeSigma: when given, every measured stream gets σ = relativeSigma · value.
    static func example91(relativeSigma: Double? = nil) throws -> BalanceModel {
        let nodes = [
            Node(id: "总表", name: "厂区总水表", parent: "全厂", balanced: false, category: "network"),
            Node(id: "U1", name: "间接冷却(冷却塔循环)", parent: "动力车间", category: "cooling"),
            Node(id: "U2", name: "工艺洗涤", parent: "生产车间", category: "process"),
            Node(id: "U3", name: "工艺漂洗(用U2排水)", parent: "生产车间", category: "process"),
            Node(id: "U4", name: "锅炉房", parent: "动力车间", category: "boiler", steam: 102),
            Node(id: "U5", name: "生活/附属", parent: "全厂", category: "domestic"),
            Node(id: "U6", name: "管网漏失", parent: "全厂", category: "network"),
            Node(id: "动力车间", parent: "全厂"),
            Node(id: "生产车间", parent: "全厂"),
            Node(id: "全厂", name: "示例企业"),
        ]
        let rows: [(String, String?, String?, Double, String)] = [
            ("M0", nil, "总表", 436, "intake"),
            ("F1", "总表", "U1", 120, "intake"), ("C1", "U1", "U1", 4800, "circulating"),
            ("E1", "U1", nil, 96, "consumption"), ("D1", "U1", nil, 24, "discharge"),
            ("F2", "总表", "U2", 200, "intake"), ("S23", "U2", "U3", 150, "series"),
            ("E2", "U2", nil, 20, "consumption"), ("D2", "U2", nil, 30, "discharge"),
            ("E3", "U3", nil, 10, "consumption"), ("D3", "U3", nil, 140, "discharge"),
            ("F4", "总表", "U4", 60, "intake"), ("K4", "U4", "U4", 42, "condensate"),
            ("E4", "U4", nil, 48, "consumption"), ("D4", "U4", nil, 12, "discharge"),
            ("F5", "总表", "U5", 40, "intake"), ("E5", "U5", nil, 4, "consumption"), ("D5", "U5", nil, 36, "discharge"),
            ("F6", "总表", "U6", 8, "intake"), ("L6", "U6", nil, 8, "leakage"),
        ]
        let streams = rows.map { id, from, to, value, kind in
            BalanceStream(id: id, from: from, to: to, value: value, sigma: relativeSigma.map { $0 * value }, kind: kind,
                          unit: "m3/d")
        }
        return try BalanceModel(streams: streams, nodes: nodes, requireDeclaredNodes: true)
    }

    /// The demo dyeing plant (Datasets/demo/dyeing-plant-water) with its σ, but W14 at its true value
    /// (≈ 508, no planted gross error) so that Monte Carlo samples are consistent with the model.
    static func dyeingPlant(w14: Double = 508) throws -> BalanceModel {
        let nodes = [
            Node(id: "管网", parent: "全厂", category: "network"),
            Node(id: "冷却系统", parent: "动力车间", category: "cooling"),
            Node(id: "染色车间", parent: "生产部", category: "process"),
            Node(id: "漂洗车间", parent: "生产部", category: "process"),
            Node(id: "锅炉房", parent: "动力车间", category: "boiler"),
            Node(id: "生活区", parent: "全厂", category: "domestic"),
            Node(id: "污水站", parent: "动力车间", category: "auxiliary"),
            Node(id: "动力车间", parent: "全厂"), Node(id: "生产部", parent: "全厂"), Node(id: "全厂"),
        ]
        let mpe = 1 / 3.0.squareRoot()
        // (id, from, to, value, σ, kind)
        let rows: [(String, String?, String?, Double?, Double?, String)] = [
            ("W01", nil, "管网", 1205, 0.02 * 1205 * mpe, "intake"),
            ("W02", "管网", "染色车间", 523, 0.02 * 523 * mpe, "intake"),
            ("W03", "管网", "漂洗车间", 306, 0.02 * 306 * mpe, "intake"),
            ("W04", "管网", "冷却系统", 183, 0.02 * 183 * mpe, "intake"),
            ("W05", "管网", "锅炉房", 94, 0.02 * 94 * mpe, "intake"),
            ("W06", "管网", "生活区", 76, 0.02 * 76 * mpe, "intake"),
            ("W07", "管网", nil, nil, nil, "leakage"),
            ("W08", "冷却系统", "冷却系统", 4200, 0.01 * 4200 * mpe, "circulating"),
            ("W09", "冷却系统", nil, nil, nil, "consumption"),
            ("W10", "冷却系统", "污水站", 28.5, 0.02 * 28.5 * mpe, "discharge"),
            ("W11", "染色车间", "漂洗车间", 208, 0.02 * 208 * mpe, "series"),
            ("W12", "染色车间", "污水站", 371, 0.05 * 371, "discharge"),
            ("W13", "染色车间", nil, 15, 0.2 * 15, "consumption"),
            ("W14", "漂洗车间", "污水站", w14, 0.03 * 561, "discharge"),
            ("W15", "漂洗车间", nil, 12, 0.2 * 12, "consumption"),
            ("W16", "锅炉房", "染色车间", 118.5, 0.025 * 118.5 * mpe, "steam"),
            ("W17", "染色车间", "锅炉房", 44.6, 0.02 * 44.6 * mpe, "condensate"),
            ("W18", "锅炉房", "污水站", 19.8, 0.1 * 19.8, "discharge"),
            ("W19", "锅炉房", nil, nil, nil, "consumption"),
            ("W20", "生活区", "污水站", 68, 0.1 * 68, "discharge"),
            ("W21", "生活区", nil, 7, 0.2 * 7, "consumption"),
            ("W22", "污水站", nil, 972, 0.025 * 972, "discharge"),
            ("W23", "污水站", nil, 18, 0.3 * 18, "consumption"),
        ]
        let streams = rows.map { id, from, to, value, sigma, kind in
            BalanceStream(id: id, from: from, to: to, value: value, sigma: sigma, kind: kind, unit: "m3/d")
        }
        return try BalanceModel(streams: streams, nodes: nodes, requireDeclaredNodes: true)
    }
}

/// A small, fast, seedable generator (SplitMix64) with standard normal deviates (Box–Muller), so that the
/// random tests are repeatable.
struct SeededGenerator: RandomNumberGenerator {
    private var bits: SplitMix64
    private var spare: Double?

    init(seed: UInt64) { bits = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { bits.next() }

    /// A standard normal deviate.
    mutating func normal() -> Double {
        if let spare {
            self.spare = nil
            return spare
        }
        var u1 = 0.0
        repeat { u1 = Double.random(in: 0..<1, using: &self) } while u1 == 0
        let u2 = Double.random(in: 0..<1, using: &self)
        let r = (-2 * log(u1)).squareRoot()
        spare = r * sin(2 * .pi * u2)
        return r * cos(2 * .pi * u2)
    }
}


/// |a − b| ≤ tolerance · max(|a|, |b|, 1e-300).
func waterClose(_ a: Double?, _ b: Double, relative tolerance: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * Swift.max(abs(a), abs(b), 1e-300)
}

import Testing

/// The water fixtures: the §9.1 example closes exactly, as STANDARDS.md §9.1 states.
@Suite("Test support: water fixtures")
struct WaterFixtureSelfTests {
    @Test("the §9.1 fixture closes at every unit with exact data")
    func example91Closes() throws {
        let model = try WaterFixtures.example91()
        let balance = ExactBalance.solve(model, tolerance: 1e-12)
        let closing = balance.closures.filter { $0.withinTolerance }.count
        #expect(balance.undetermined.isEmpty)
        #expect(closing > 0 && closing == balance.closures.count)
    }

    @Test("the seeded generator's normals have mean 0 and variance 1")
    func normals() {
        var rng = SeededGenerator(seed: 9)
        let n = 100_000
        var sum = 0.0, squares = 0.0
        for _ in 0..<n {
            let x = rng.normal()
            sum += x
            squares += x * x
        }
        let mean = sum / Double(n), variance = squares / Double(n)
        #expect(Swift.abs(mean) < 4 / Double(n).squareRoot())
        #expect(Swift.abs(variance - 1) < 0.02)
    }
}
