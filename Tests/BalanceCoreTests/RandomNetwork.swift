@testable import BalanceCore
import TestSupport

import Foundation

/// A random flow network whose true flows balance exactly: the superposition of random paths
/// from outside through the units and back outside. Measurements carry 2 % noise.
struct RandomNetwork {
    var model: BalanceModel
    var trueValues: [String: Double]

    static func make(nodes: Int, paths: Int, unmeasuredFraction: Double, seed: UInt64) -> RandomNetwork {
        var rng = SplitMix64(seed: seed)
        var edges: [String: (from: String?, to: String?, flow: Double)] = [:]
        var order: [String] = []
        func key(_ a: String?, _ b: String?) -> String { "\(a ?? "-")>\(b ?? "-")" }
        for _ in 0..<paths {
            let length = Int.random(in: 1...4, using: &rng)
            var walk: [String?] = [nil]
            for _ in 0..<length {
                let next = "N\(Int.random(in: 1...nodes, using: &rng))"
                if walk.last! != next { walk.append(next) }
            }
            walk.append(nil)
            let flow = Double.random(in: 5...100, using: &rng)
            for (a, b) in zip(walk, walk.dropFirst()) where !(a == nil && b == nil) {
                let k = key(a, b)
                if edges[k] == nil { order.append(k); edges[k] = (a, b, 0) }
                edges[k]!.flow += flow
            }
        }
        var streams: [BalanceStream] = []
        var truth: [String: Double] = [:]
        for (i, k) in order.enumerated() {
            let e = edges[k]!
            let id = "S\(i + 1)"
            truth[id] = e.flow
            if Double.random(in: 0..<1, using: &rng) < unmeasuredFraction {
                streams.append(BalanceStream(id: id, from: e.from, to: e.to))
            } else {
                let sigma = 0.02 * e.flow
                streams.append(BalanceStream(id: id, from: e.from, to: e.to, value: e.flow + sigma * rng.normal(), sigma: sigma))
            }
        }
        return RandomNetwork(model: try! BalanceModel(streams: streams), trueValues: truth)
    }
}

import Testing

/// The generator the property tests rely on: its true flows must satisfy every balance exactly.
@Suite("Test support: random networks")
struct RandomNetworkSelfTests {
    @Test("true flows balance at every node", arguments: [UInt64(1), 2, 3])
    func trueFlowsBalance(seed: UInt64) throws {
        let network = RandomNetwork.make(nodes: 12, paths: 30, unmeasuredFraction: 0.3, seed: seed)
        let system = ConstraintSystem(network.model)
        for row in system.rows {
            let net = row.reduce(0.0) { $0 + $1.coefficient * network.trueValues[network.model.streams[$1.column].id]! }
            let scale = row.reduce(0.0) { $0 + abs(network.trueValues[network.model.streams[$1.column].id]!) }
            #expect(abs(net) <= 1e-12 * max(scale, 1))
        }
        #expect(network.model.streams.contains { $0.value == nil })
    }
}
