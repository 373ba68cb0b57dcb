import TestSupport
import Foundation
import Testing
@testable import BalanceCore

/// Properties every reconciliation must have (SWIFT.md §5.7), on the published cases and on seeded
/// random networks.
@Suite("Reconciliation properties")
struct ReconciliationPropertyTests {
    static let seeds: [UInt64] = Array(1...12)

    /// Max |A x − b| relative to the largest |A_ij x_j| of the row, over rows whose streams are all determined.
    static func worstBalanceResidual(_ model: BalanceModel, _ result: ReconciliationResult) -> Double {
        let system = ConstraintSystem(model)
        var worst = 0.0
        for i in 0..<system.matrix.rows {
            var sum = -system.constants[i], scale = 0.0, determined = true
            for j in 0..<system.matrix.columns where system.matrix[i, j] != 0 {
                guard let x = result.streams[j].reconciled else { determined = false; break }
                sum += system.matrix[i, j] * x
                scale = max(scale, abs(system.matrix[i, j] * x))
            }
            if determined && scale > 0 { worst = max(worst, abs(sum) / scale) }
        }
        return worst
    }

    @Test("reconciled values satisfy every balance to 1e-9 relative (published cases)", arguments: PublishedCase.linearNames)
    func balancesClosePublished(name: String) throws {
        let published = try PublishedCase.load(name)
        let result = try Reconciler.reconcile(published.model)
        #expect(Self.worstBalanceResidual(published.model, result) <= 1e-9)
    }

    @Test("reconciled values satisfy every balance to 1e-9 relative (random networks)", arguments: seeds)
    func balancesCloseRandom(seed: UInt64) throws {
        let network = RandomNetwork.make(nodes: 12, paths: 30, unmeasuredFraction: 0.25, seed: seed)
        let result = try Reconciler.reconcile(network.model, options: .init(grossErrors: .none))
        #expect(Self.worstBalanceResidual(network.model, result) <= 1e-9)
        // Every determined value has an uncertainty, every undetermined one has none.
        for stream in result.streams {
            #expect((stream.reconciled == nil) == (stream.reconciledSigma == nil))
            #expect((stream.reconciled == nil) == (stream.classification == .unobservable))
        }
    }

    @Test("results do not depend on the order of the streams", arguments: seeds)
    func orderInvariance(seed: UInt64) throws {
        let network = RandomNetwork.make(nodes: 10, paths: 25, unmeasuredFraction: 0.2, seed: seed)
        var rng = SplitMix64(seed: seed &* 7919)
        let shuffled = try BalanceModel(streams: network.model.streams.shuffled(using: &rng))
        let a = try Reconciler.reconcile(network.model, options: .init(grossErrors: .none))
        let b = try Reconciler.reconcile(shuffled, options: .init(grossErrors: .none))
        #expect(a.globalTest.dof == b.globalTest.dof)
        #expect(close(a.globalTest.statistic, b.globalTest.statistic, relative: 1e-9, floor: 1e-12))
        for stream in a.streams {
            let other = try #require(b.stream(stream.id))
            #expect(stream.classification == other.classification, "\(stream.id)")
            if let x = stream.reconciled, let y = other.reconciled {
                #expect(close(x, y, relative: 1e-9), "\(stream.id)")
                #expect(close(stream.reconciledSigma!, other.reconciledSigma!, relative: 1e-7, floor: 1e-9), "\(stream.id) σ")
            } else {
                #expect(stream.reconciled == nil && other.reconciled == nil)
            }
        }
    }

    @Test("scaling all values and σ by c scales the results by c and leaves the statistics unchanged", arguments: [1e-3, 7.0, 1e6])
    func scaling(c: Double) throws {
        for name in PublishedCase.linearNames {
            let published = try PublishedCase.load(name)
            let scaled = published.model.mapStreams { stream in
                var s = stream
                s.value = stream.value.map { $0 * c }
                s.sigma = stream.sigma.map { $0 * c }
                return s
            }
            let a = try Reconciler.reconcile(published.model, options: .init(grossErrors: .none))
            let b = try Reconciler.reconcile(scaled, options: .init(grossErrors: .none))
            #expect(close(a.globalTest.statistic, b.globalTest.statistic, relative: 1e-9, floor: 1e-12), "\(name)")
            for (x, y) in zip(a.streams, b.streams) {
                #expect(x.classification == y.classification)
                if let rx = x.reconciled { #expect(close(rx * c, y.reconciled!, relative: 1e-9), "\(name) \(x.id)") }
                if let sx = x.reconciledSigma { #expect(close(sx * c, y.reconciledSigma!, relative: 1e-9, floor: 1e-12)) }
                if let zx = x.z { #expect(close(zx, y.z!, relative: 1e-7, floor: 1e-9)) }
            }
        }
    }

    @Test("the estimates are unbiased on average: mean z over many noise draws is near 0")
    func zStatisticsAreStandardNormal() throws {
        // With true values balancing and Gaussian noise, each z_i ~ N(0, 1): over 400 draws the mean
        // is within 4 standard errors (4/√400 = 0.2) and the variance within [0.75, 1.3].
        var values: [Double] = []
        for seed in 1...400 {
            let network = RandomNetwork.make(nodes: 6, paths: 12, unmeasuredFraction: 0, seed: 99)
            var rng = SplitMix64(seed: UInt64(seed) &* 104729)
            let noisy = network.model.mapStreams { s in
                var t = s
                let truth = network.trueValues[s.id]!
                t.value = truth + s.sigma! * rng.normal()
                return t
            }
            let result = try Reconciler.reconcile(noisy, options: .init(grossErrors: .none))
            if let z = result.streams.first(where: { $0.z != nil })?.z { values.append(z) }
        }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
        #expect(abs(mean) < 0.2)
        #expect(variance > 0.75 && variance < 1.3)
    }
}
