import Testing
@testable import BalanceCore

/// Meter advice on networks whose answer is known by hand.
@Suite("Meter advice")
struct MeterAdviceTests {
    @Test("two parallel unmeasured streams: metering either makes the other observable")
    func parallelPair() throws {
        // S1 → A; A ⇉ B by S2 and S3 (unmeasured, a cycle with each other); B → S4; B → C by S5 (unmeasured), C → S6.
        let model = try BalanceModel(streams: [
            BalanceStream(id: "S1", to: "A", value: 100, sigma: 1),
            BalanceStream(id: "S2", from: "A", to: "B"),
            BalanceStream(id: "S3", from: "A", to: "B"),
            BalanceStream(id: "S4", from: "B", value: 40, sigma: 1),
            BalanceStream(id: "S5", from: "B", to: "C"),
            BalanceStream(id: "S6", from: "C", value: 60, sigma: 1),
        ])
        let advice = try MeterAdvice.observability(model)
        #expect(advice.map(\.stream) == ["S2", "S3"])  // S5 is observable from C's balance
        #expect(advice[0].meters == ["S2", "S3"])
        #expect(advice[1].meters == ["S3", "S2"])
    }

    @Test("a stream on two independent loops needs a meter on its own loop")
    func twoLoops() throws {
        // A → B by S2, S3 (loop 1); B → C by S5, S6 (loop 2): a meter on S2 frees S3 but not S5/S6.
        let model = try BalanceModel(streams: [
            BalanceStream(id: "S1", to: "A", value: 50, sigma: 1),
            BalanceStream(id: "S2", from: "A", to: "B"), BalanceStream(id: "S3", from: "A", to: "B"),
            BalanceStream(id: "S5", from: "B", to: "C"), BalanceStream(id: "S6", from: "B", to: "C"),
            BalanceStream(id: "S7", from: "C", value: 50, sigma: 1),
        ])
        let advice = Dictionary(uniqueKeysWithValues: try MeterAdvice.observability(model).map { ($0.stream, $0.meters) })
        #expect(advice["S3"] == ["S3", "S2"])
        #expect(advice["S5"] == ["S5", "S6"])
    }

    /// One flow of 10 metered three times in series, σ = 1, 2, 3.
    static func series() throws -> BalanceModel {
        try BalanceModel(streams: [
            BalanceStream(id: "S1", to: "A", value: 10, sigma: 1),
            BalanceStream(id: "S2", from: "A", to: "B", value: 10, sigma: 2),
            BalanceStream(id: "S3", from: "B", value: 10, sigma: 3),
        ])
    }

    @Test("the meter that most reduces a result's variance, ranked exactly (three meters in series)")
    func seriesVarianceRanking() throws {
        // One flow metered three times, σ = 1, 2, 3: Var(x̂) = 1/(1/σ1² + 1/σ2² + 1/σ3²). Halving one σ at a time:
        // S1 → 1/(4 + 1/4 + 1/9), S2 → 1/(1 + 1 + 1/9), S3 → 1/(1 + 1/4 + 4/9).
        let model = try Self.series()
        let ranked = try MeterAdvice.uncertainty(model, targets: ["S2"], improvementFactor: 0.5)
        #expect(ranked.map(\.stream) == ["S1", "S2", "S3"])
        let ninth: Double = 1.0 / 9.0
        let before: Double = 1.0 / (1.25 + ninth)
        let after: [Double] = [1.0 / (4.25 + ninth), 1.0 / (2.0 + ninth), 1.0 / (1.25 + 4.0 * ninth)]
        for (candidate, expected) in zip(ranked, after) {
            #expect(abs(candidate.varianceBefore - before) < 1e-12)
            #expect(abs(candidate.varianceAfter - expected) < 1e-12, "\(candidate.stream)")
            #expect(abs(candidate.reduction - (1 - expected / before)) < 1e-12)
        }
    }

    @Test("a new meter that makes an unobservable target observable ranks first")
    func newMeterForUnobservable() throws {
        let model = try BalanceModel(streams: [
            BalanceStream(id: "S1", to: "A", value: 100, sigma: 2),
            BalanceStream(id: "S2", from: "A", to: "B"), BalanceStream(id: "S3", from: "A", to: "B"),
            BalanceStream(id: "S4", from: "B", value: 100, sigma: 2),
        ])
        let ranked = try MeterAdvice.uncertainty(model, targets: ["S2"], newMeterAbsoluteSigma: 1)
        #expect(ranked.first?.madeObservable == ["S2"])
        #expect(Set(ranked.prefix(2).map(\.stream)) == ["S2", "S3"])
        #expect(ranked.first?.varianceBefore == .infinity)
    }

    @Test("an estimate is tried with a new meter's σ, and the exact variances follow (three values in series)")
    func estimateReplacedByMeter() throws {
        // As above, S3 (σ 3) an estimate: a new meter of 1 % of 10 gives σ 0.1, so Var(x̂) = 1/(1 + 1/4 + 100).
        let model = try Self.series()
        let ranked = try MeterAdvice.uncertainty(
            model, targets: ["S2"], newMeterRelativeSigma: 0.01, improvementFactor: 0.5, estimates: ["S3"])
        let s3 = try #require(ranked.first { $0.stream == "S3" })
        #expect(s3.change == .meterForEstimate)
        #expect(abs(s3.sigma - 0.1) < 1e-15)
        #expect(abs(s3.varianceAfter - 1.0 / (1.25 + 100)) < 1e-12)
        #expect(ranked.first?.stream == "S3")
        #expect(ranked.filter { $0.stream != "S3" }.allSatisfy { $0.change == .improvedMeter })
        // A meter no better than the estimate is not proposed as its replacement: the estimate is improved instead.
        let coarse = try MeterAdvice.uncertainty(model, targets: ["S2"], newMeterRelativeSigma: 0.5, estimates: ["S3"])
        #expect(coarse.first { $0.stream == "S3" }?.change == .improvedMeter)
    }

    @Test("an absolute new-meter σ is used for every new meter, not only where there is no estimate")
    func absoluteNewMeterSigma() throws {
        // S2 unmeasured but observable (estimate 100): before the fix its new meter got σ = 1e-300 × 100.
        let model = try BalanceModel(streams: [
            BalanceStream(id: "S1", to: "A", value: 100, sigma: 2),
            BalanceStream(id: "S2", from: "A", to: "B"),
            BalanceStream(id: "S4", from: "B", value: 100, sigma: 2),
        ])
        let ranked = try MeterAdvice.uncertainty(model, targets: ["S1"], newMeterRelativeSigma: nil, newMeterAbsoluteSigma: 5)
        let s2 = try #require(ranked.first { $0.stream == "S2" })
        #expect(s2.change == .newMeter && s2.sigma == 5)
        // Var(x̂_S1): three σ of 2, 2, 5 on one flow.
        #expect(abs(s2.varianceAfter - 1.0 / (0.25 + 0.25 + 0.04)) < 1e-12)
        #expect(throws: ReconciliationError.self) {
            try MeterAdvice.uncertainty(model, targets: ["S1"], newMeterRelativeSigma: nil)
        }
    }
}
