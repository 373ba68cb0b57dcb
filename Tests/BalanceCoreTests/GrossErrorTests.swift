import TestSupport
import Testing
@testable import BalanceCore

/// Gross-error identification (issue 3): the reduced-space engine against a literal re-solve, and
/// each strategy on networks with injected faults whose answer is known.
@Suite("Gross-error identification")
struct GrossErrorTests {
    /// Serial elimination done the slow, obvious way: re-solve with the worst meter made unmeasured.
    static func naiveSerialElimination(_ model: BalanceModel, alpha: Double = 0.05) throws -> (removed: [String], chi2: Double, dof: Int, biases: [Double]) {
        var current = model
        var removed: [String] = []
        while true {
            let result = try Reconciler.reconcile(current, options: .init(alpha: alpha, grossErrors: .none))
            if result.globalTest.passed || result.globalTest.dof == 0 {
                let biases = removed.map { id in model.stream(id)!.value! - result.stream(id)!.reconciled! }
                return (removed, result.globalTest.statistic, result.globalTest.dof, biases)
            }
            // The largest |z|; statistics equal to the engine's tie tolerance are a tie, broken by stream
            // order as the engine breaks it (P14's S5 and S6 have the same |z| up to rounding).
            let candidates = result.streams.filter { $0.z != nil }
            guard let largest = candidates.map({ abs($0.z!) }).max(),
                  let worst = candidates.first(where: { z in
                      abs(z.z!) * abs(z.z!) >= largest * largest * (1 - GrossErrorEngine.tieTolerance)
                  })
            else {
                return (removed, result.globalTest.statistic, result.globalTest.dof, [])
            }
            removed.append(worst.id)
            current = current.mapStreams { s in
                var t = s
                if s.id == worst.id { t.value = nil; t.sigma = nil }
                return t
            }
        }
    }

    @Test("the engine's serial elimination equals re-solving (P14 and random networks with biases)", arguments: Array(UInt64(0)...UInt64(12)))
    func engineEqualsResolve(seed: UInt64) throws {
        let model: BalanceModel
        if seed == 0 {
            model = try PublishedCase.load("benchmark_p14_24_streams_gross_errors").model
        } else {
            let network = RandomNetwork.make(nodes: 10, paths: 25, unmeasuredFraction: 0.15, seed: seed)
            var rng = SplitMix64(seed: seed &+ 1000)
            let measured = network.model.streams.filter { $0.value != nil }.map(\.id)
            let faulty = Set(measured.shuffled(using: &rng).prefix(2))
            model = network.model.mapStreams { s in
                var t = s
                if faulty.contains(s.id) { t.value! += 8 * s.sigma! }
                return t
            }
        }
        let naive = try Self.naiveSerialElimination(model)
        let fast = try Reconciler.reconcile(model, options: .init(grossErrors: .serial))
        // Where several meters are equivalent the choice among them is arbitrary: each naive pick must be
        // the engine's pick or one it reports as equivalent, and the remaining χ² must agree.
        #expect(fast.grossErrors.count == naive.removed.count)
        for (error, removed) in zip(fast.grossErrors, naive.removed) {
            let members = [error.location] + error.equivalent.map(\.location)
            #expect(members.contains(removed), "\(removed) not in \(members)")
        }
        if let after = fast.afterIdentification {
            #expect(after.globalTest.dof == naive.dof)
            #expect(close(after.globalTest.statistic, naive.chi2, relative: 1e-8, floor: 1e-9))
        }
        // Magnitudes are unique only when no step had equivalents.
        if fast.grossErrors.allSatisfy({ $0.equivalent.isEmpty }) {
            for (error, bias) in zip(fast.grossErrors, naive.biases) {
                #expect(close(error.estimatedBias!, bias, relative: 1e-8, floor: 1e-9), "\(error.location)")
            }
        }
    }

    /// Four units with a recycle; every unit's outlets go to other units, so a leak at B is
    /// distinguishable from any meter bias. True flows (σ = 1 %):
    /// S1 →A 100, S2 A→B 60, S3 A→C 60, S4 B→C 25, S5 B→D 35, S6 C→D 85, S7 D→ 100, S8 D→A 20.
    /// With `leakAtB` 6 units leave B unmetered and the true flows downstream shrink accordingly.
    static func chain(bias: (String, Double)? = nil, leakAtB: Bool = false) throws -> BalanceModel {
        let values: [(String, String?, String?, Double, Double)] = [
            // id, from, to, true value, true value with the leak at B
            ("S1", nil, "A", 100, 100), ("S2", "A", "B", 60, 60), ("S3", "A", "C", 60, 60), ("S4", "B", "C", 25, 22),
            ("S5", "B", "D", 35, 32), ("S6", "C", "D", 85, 82), ("S7", "D", nil, 100, 94), ("S8", "D", "A", 20, 20),
        ]
        var streams = values.map { id, from, to, clean, leaking in
            let value = leakAtB ? leaking : clean
            return BalanceStream(id: id, from: from, to: to, value: value, sigma: 0.01 * value)
        }
        if let (id, size) = bias, let k = streams.firstIndex(where: { $0.id == id }) { streams[k].value! += size }
        return try BalanceModel(streams: streams)
    }

    @Test("a single bias is identified by every strategy, with its size inside the 95 % interval",
          arguments: [ReconciliationOptions.GrossErrorStrategy.serial, .glr, .compensation])
    func singleBias(strategy: ReconciliationOptions.GrossErrorStrategy) throws {
        let model = try Self.chain(bias: ("S6", 8.5))  // σ = 0.85: a 10σ bias
        let result = try Reconciler.reconcile(model, options: .init(grossErrors: strategy))
        #expect(!result.globalTest.passed)
        let first = try #require(result.grossErrors.first)
        #expect(first.kind == .bias && first.location == "S6", "\(result.grossErrors)")
        #expect(result.grossErrors.count == 1)
        #expect(first.confidenceInterval95!.contains(8.5), "\(first)")
        #expect(result.afterIdentification?.globalTest.passed == true)
    }

    @Test("two biases are both identified", arguments: [ReconciliationOptions.GrossErrorStrategy.serial, .glr])
    func twoBiases(strategy: ReconciliationOptions.GrossErrorStrategy) throws {
        var model = try Self.chain(bias: ("S2", -6))  // σ 0.6: −10σ
        model = model.mapStreams { s in
            var t = s
            if s.id == "S7" { t.value! += 10 }  // σ 1: +10σ
            return t
        }
        let result = try Reconciler.reconcile(model, options: .init(grossErrors: strategy))
        #expect(Set(result.grossErrors.map(\.location)) == ["S2", "S7"], "\(result.grossErrors.map(\.description))")
        #expect(result.afterIdentification?.globalTest.passed == true)
    }

    @Test("GLR finds a leak at the right node and estimates it; elimination can only blame a meter")
    func leak() throws {
        let model = try Self.chain(leakAtB: true)  // 6 units leave B unmetered
        let glr = try Reconciler.reconcile(model, options: .init(grossErrors: .glr))
        let first = try #require(glr.grossErrors.first)
        #expect(first.kind == .leak && first.location == "B", "\(glr.grossErrors.map(\.description))")
        #expect(first.confidenceInterval95!.contains(6), "\(first)")
        #expect(glr.afterIdentification?.leaks.first?.node == "B")
        let serial = try Reconciler.reconcile(model, options: .init(grossErrors: .serial))
        #expect(serial.grossErrors.allSatisfy { $0.kind == .bias })
    }

    @Test("equivalent hypotheses are reported together, not picked silently")
    func equivalentSets() throws {
        // S1 and S4 touch only node A (their other ends are outside): a bias in either, or a leak at A,
        // moves the data in exactly the same way.
        let streams = [
            BalanceStream(id: "S1", to: "A", value: 100, sigma: 1),
            BalanceStream(id: "S2", from: "A", to: "B", value: 60, sigma: 1),
            BalanceStream(id: "S3", from: "B", value: 60, sigma: 1),
            BalanceStream(id: "S4", from: "A", value: 40 + 10, sigma: 1),  // reads 10 high
        ]
        let model = try BalanceModel(streams: streams)
        for strategy in [ReconciliationOptions.GrossErrorStrategy.serial, .glr, .compensation] {
            let result = try Reconciler.reconcile(model, options: .init(grossErrors: strategy))
            let first = try #require(result.grossErrors.first, "\(strategy)")
            let set = Set([first.description] + first.equivalent.map(\.description))
            #expect(set.contains("bias S1") && set.contains("bias S4"), "\(strategy): \(set)")
            if strategy != .serial { #expect(set.contains("leak A"), "\(strategy): \(set)") }
        }
    }

    @Test("no gross error is reported when the global test passes")
    func cleanData() throws {
        let result = try Reconciler.reconcile(try Self.chain(), options: .init(grossErrors: .glr))
        #expect(result.globalTest.passed)
        #expect(result.grossErrors.isEmpty && result.afterIdentification == nil)
    }
}

extension ReconciliationResult.GrossError: CustomStringConvertible {
    public var description: String { "\(kind.rawValue) \(location)" }
}

/// The benchmark P14 network (24 streams, 14 nodes) with faults injected into its published true
/// values (which satisfy the balances), plus seeded measurement noise.
@Suite("Gross errors injected into the P14 network")
struct P14InjectedFaultTests {
    /// P14's true values + seeded noise + biases (in σ). `leakAtSplitterS3`: L units leave splitter node
    /// "S3" (in S11; out S12, S13) unmetered, so the true S13 and, downstream of node "S5", S18 are L lower.
    static func data(seed: UInt64, biases: [String: Double], leakAtSplitterS3 leak: Double = 0) throws -> BalanceModel {
        let published = try PublishedCase.load("benchmark_p14_24_streams_gross_errors")
        var truth = published.json["true_values"] as! [String: Double]
        truth["S13"]! -= leak
        truth["S18"]! -= leak
        var rng = SplitMix64(seed: seed)
        let streams = published.model.streams.map { s in
            var t = s
            t.value = truth[s.id]! + s.sigma! * rng.normal() + (biases[s.id] ?? 0) * s.sigma!
            return t
        }
        return try BalanceModel(streams: streams)
    }

    @Test("two injected biases are identified by every strategy", arguments: [ReconciliationOptions.GrossErrorStrategy.serial, .compensation, .glr])
    func twoBiases(strategy: ReconciliationOptions.GrossErrorStrategy) throws {
        for seed in UInt64(1)...5 {
            // S9 and S22 are meters the balances check well (simulated power 100 % at 10 σ each).
            let model = try Self.data(seed: seed, biases: ["S9": 10, "S22": -10])
            let result = try Reconciler.reconcile(model, options: .init(grossErrors: strategy))
            let named = result.grossErrors.flatMap { [$0.location] + $0.equivalent.map(\.location) }
            #expect(named.contains("S9") && named.contains("S22"), "seed \(seed) \(strategy): \(result.grossErrors.map(\.description))")
            #expect(result.grossErrors.count <= 3, "seed \(seed) \(strategy): \(result.grossErrors.map(\.description))")
        }
    }

    @Test("a leak injected at splitter node S3 of P14 is found by GLR as a leak there")
    func leak() throws {
        var found = 0
        for seed in UInt64(1)...5 {
            let model = try Self.data(seed: seed, biases: [:], leakAtSplitterS3: 8)  // σ of S13 is 0.77
            let result = try Reconciler.reconcile(model, options: .init(grossErrors: .glr))
            let hit = result.grossErrors.contains { e in
                (e.kind == .leak && e.location == "S3") || e.equivalent.contains(GrossErrorHypothesis(kind: .leak, location: "S3"))
            }
            if hit { found += 1 }
        }
        #expect(found >= 4, "found in \(found) of 5 noisy data sets")
    }
}
