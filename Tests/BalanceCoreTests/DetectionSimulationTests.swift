import Foundation
import Testing
@testable import BalanceCore

/// The Monte Carlo detection-performance simulation (issue 3, item 4).
@Suite("Detection simulation")
struct DetectionSimulationTests {
    static func p14() throws -> (BalanceModel, [Double?]) {
        let published = try PublishedCase.load("benchmark_p14_24_streams_gross_errors")
        let truth = published.json["true_values"] as! [String: Double]
        return (published.model, published.model.streams.map { truth[$0.id] })
    }

    @Test("with no bias, elimination and GLR raise alarms at the rate α (the global test's size)")
    func falseAlarmRate() throws {
        let (model, truth) = try Self.p14()
        let result = try DetectionSimulation.run(model: model, truth: truth, options: .init(bias: 0, trials: 2000, seed: 7, strategies: [.serial, .glr]))
        #expect(result.truthResidual < 1e-9)  // the published true values satisfy the balances
        // 24 × 2000 independent trials: the standard error of a 5 % rate is 0.0010; allow 4 SE.
        for strategy in result.strategies {
            #expect(abs(strategy.detectionRate - 0.05) < 0.004, "\(strategy.strategy): \(strategy.detectionRate)")
        }
    }

    @Test("power rises with the bias size on P14")
    func powerRises() throws {
        let (model, truth) = try Self.p14()
        let small = try DetectionSimulation.run(model: model, truth: truth, options: .init(bias: 3, trials: 200, seed: 1))
        let large = try DetectionSimulation.run(model: model, truth: truth, options: .init(bias: 10, trials: 200, seed: 1))
        for (a, b) in zip(small.strategies, large.strategies) {
            #expect(b.power > a.power, "\(a.strategy)")
        }
    }

    @Test("power matches the analytic value for two meters in series", arguments: [2.0, 3.0, 5.0])
    func analyticPower(bias: Double) throws {
        // S1 → A → S2, σ = 1: p = 1, γ = (y1 − y2)²/2. A bias of δ σ on S1 makes (y1 − y2)/√2 ~ N(δ/√2, 1),
        // so the global test (χ²₁, α = 0.05) rejects with probability Φ(δ/√2 − 1.96) + Φ(−δ/√2 − 1.96);
        // S1 and S2 are equivalent, so every detection identifies the right set.
        let model = try BalanceModel(streams: [
            BalanceStream(id: "S1", to: "A", value: 10, sigma: 1), BalanceStream(id: "S2", from: "A", value: 10, sigma: 1),
        ])
        let z = NormalDistribution.upperQuantile(0.025)
        let shift = bias / 2.0.squareRoot()
        let expected = NormalDistribution.cdf(shift - z) + NormalDistribution.cdf(-shift - z)
        let trials = 20_000
        let result = try DetectionSimulation.run(model: model, options: .init(bias: bias, trials: trials, seed: 11, strategies: [.serial, .glr]))
        // Two streams × 20 000 trials; standard error √(P(1−P)/40 000) ≤ 0.0025: allow 4 SE.
        let tolerance = 4 * (expected * (1 - expected) / Double(2 * trials)).squareRoot()
        for strategy in result.strategies {
            #expect(abs(strategy.power - expected) < tolerance, "\(strategy.strategy): \(strategy.power) vs \(expected)")
            #expect(strategy.averageTypeI == 0 || strategy.strategy == .glr)  // GLR may also name the (equivalent) leak
        }
    }

    @Test("the same seed gives the same numbers; another seed different ones")
    func reproducible() throws {
        let (model, truth) = try Self.p14()
        let options = DetectionSimulation.Options(bias: 5, trials: 100, seed: 42)
        let a = try DetectionSimulation.run(model: model, truth: truth, options: options)
        let b = try DetectionSimulation.run(model: model, truth: truth, options: options)
        var other = options
        other.seed = 43
        let c = try DetectionSimulation.run(model: model, truth: truth, options: other)
        #expect(a.strategies == b.strategies)
        #expect(a.strategies != c.strategies)
    }

    @Test("the normal generator has mean 0 and variance 1")
    func normals() {
        var rng = Xoshiro256(seed: 3)
        let n = 200_000
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<n {
            let x = rng.nextNormal()
            sum += x
            sumSquares += x * x
        }
        let mean = sum / Double(n), variance = sumSquares / Double(n) - mean * mean
        #expect(abs(mean) < 4 / Double(n).squareRoot())
        #expect(abs(variance - 1) < 4 * (2 / Double(n)).squareRoot())
    }
}
