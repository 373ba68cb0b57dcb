import Testing
@testable import BalanceCore

/// The graph solver (RECONCILIATION.md §4, §8) must give the dense QR projection's answer: same
/// classification and dof, values and χ² to 1e-9 relative, σ to 1e-8 relative.
@Suite("Graph solver agrees with the dense solver")
struct GraphSolverTests {
    static func compare(_ model: BalanceModel, _ label: String) throws {
        let dense = try Reconciler.reconcile(model, options: .init(grossErrors: .none, solver: .dense))
        let graph = try Reconciler.reconcile(model, options: .init(grossErrors: .none, solver: .graph, fullCovariance: true))
        // Full covariance: same NaN pattern (undetermined streams), entries to 1e-8 of the largest variance.
        let cd = try #require(dense.solution.covariance), cg = try #require(graph.solution.covariance)
        let scale = max(cd.diagonal.filter { !$0.isNaN }.max() ?? 1, 1e-300)
        for i in 0..<cd.rows {
            for j in 0..<cd.columns {
                #expect(cd[i, j].isNaN == cg[i, j].isNaN, "\(label) cov(\(i),\(j)) NaN pattern")
                if !cd[i, j].isNaN { #expect(abs(cd[i, j] - cg[i, j]) <= 1e-8 * scale, "\(label) cov(\(i),\(j)) \(cd[i, j]) vs \(cg[i, j])") }
            }
        }
        #expect(dense.globalTest.dof == graph.globalTest.dof, "\(label) dof")
        #expect(close(dense.globalTest.statistic, graph.globalTest.statistic, relative: 1e-9, floor: 1e-12), "\(label) χ²")
        for (d, g) in zip(dense.streams, graph.streams) {
            #expect(d.classification == g.classification, "\(label) \(d.id): \(d.classification) vs \(g.classification)")
            if let x = d.reconciled {
                let y = try #require(g.reconciled, "\(label) \(d.id)")
                #expect(close(x, y, relative: 1e-9, floor: 1e-9), "\(label) \(d.id) value \(x) vs \(y)")
                #expect(close(d.reconciledSigma!, g.reconciledSigma!, relative: 1e-8, floor: 1e-10), "\(label) \(d.id) σ \(d.reconciledSigma!) vs \(g.reconciledSigma!)")
            } else {
                #expect(g.reconciled == nil, "\(label) \(d.id)")
            }
            if let z = d.z { #expect(close(z, g.z ?? .nan, relative: 1e-7, floor: 1e-9), "\(label) \(d.id) z") }
        }
    }

    @Test("on every published case", arguments: PublishedCase.linearNames)
    func published(name: String) throws {
        try Self.compare(try PublishedCase.load(name).model, name)
    }

    @Test("on random networks with many unmeasured streams", arguments: Array(UInt64(1)...UInt64(30)))
    func random(seed: UInt64) throws {
        let fraction = [0.1, 0.3, 0.5][Int(seed % 3)]
        let network = RandomNetwork.make(nodes: 15, paths: 40, unmeasuredFraction: fraction, seed: seed)
        try Self.compare(network.model, "seed \(seed)")
    }

    @Test("with fixed streams and unbalanced nodes")
    func fixedAndUnbalanced() throws {
        let network = RandomNetwork.make(nodes: 10, paths: 30, unmeasuredFraction: 0.2, seed: 77)
        var streams = network.model.streams
        for k in stride(from: 0, to: streams.count, by: 7) where streams[k].value != nil { streams[k].sigma = 0 }
        let nodes = [Node(id: "N3", balanced: false)] + (1...10).filter { $0 != 3 }.map { Node(id: "N\($0)") }
        let model = try BalanceModel(streams: streams, nodes: nodes)
        try Self.compare(model, "fixed+unbalanced")
    }
}
