import TestSupport
import Testing
@testable import BalanceCore

/// The graph solver's σ of observable unmeasured streams (bridges) from subtree sums and Tarjan's offline LCA (the
/// path without the full covariance) equals the subtree walk of the full-covariance path and the dense QR projection,
/// on random networks with up to 40 % unmeasured streams (long unmeasured paths, many bridges) and on a chain of
/// unmeasured links with metered draw-offs — the case whose subtree walk was quadratic.
@Suite("Bridge σ from subtree sums")
struct BridgeEstimateTests {
    static let tolerance = 1e-9

    static func compare(_ model: BalanceModel) throws {
        let problem = try LinearProblem(model: model)
        let fast = try GraphSolver.solve(problem, fullCovariance: false)
        let walk = try GraphSolver.solve(problem, fullCovariance: true)
        let dense = try DenseSolver.solve(problem)
        let scale = (0..<problem.roles.count).compactMap { problem.value($0) }.map(abs).max() ?? 1
        var observable = 0, differ = 0
        for j in 0..<problem.roles.count {
            #expect(fast.classifications[j] == dense.classifications[j])
            guard fast.classifications[j] == .observable else { continue }
            observable += 1
            for other in [walk.sigmas[j], dense.sigmas[j]] {
                guard let a = fast.sigmas[j], let b = other else { differ += 1; continue }
                if abs(a - b) > tolerance * max(b, 1e-3 * scale) { differ += 1 }
            }
            if let a = fast.values[j], let b = dense.values[j], abs(a - b) > tolerance * max(abs(b), scale) { differ += 1 }
        }
        #expect(observable > 0)
        #expect(differ == 0, "\(differ) of \(observable) observable streams differ")
    }

    @Test("random networks", arguments: [(20, 30, 0.3, UInt64(1)), (60, 120, 0.4, 2), (200, 300, 0.35, 3), (400, 900, 0.3, 4)])
    func random(_ nodes: Int, _ paths: Int, _ unmeasured: Double, _ seed: UInt64) throws {
        try Self.compare(RandomNetwork.make(nodes: nodes, paths: paths, unmeasuredFraction: unmeasured, seed: seed).model)
    }

    @Test("a chain of unmeasured links with metered draw-offs, fed by a measured main and closed by a measured outlet")
    func chain() throws {
        var streams = [BalanceStream(id: "F", to: "N1", value: 1030, sigma: 20)]
        var rng = SplitMix64(seed: 5)
        for i in 1...300 {
            let draw = Double.random(in: 1...5, using: &rng)
            streams.append(BalanceStream(id: "D\(i)", from: "N\(i)", value: draw, sigma: 0.02 * draw))
            if i < 300 { streams.append(BalanceStream(id: "L\(i)", from: "N\(i)", to: "N\(i + 1)")) }
        }
        // A measured outlet at the end and a measured cross-link make the super-node's balance redundant.
        streams.append(BalanceStream(id: "OUT", from: "N300", value: 120, sigma: 3))
        streams.append(BalanceStream(id: "X", from: "N150", to: "M", value: 10, sigma: 0.5))
        streams.append(BalanceStream(id: "Y", from: "M", value: 10.2, sigma: 0.5))
        try Self.compare(BalanceModel(streams: streams))
    }
}
