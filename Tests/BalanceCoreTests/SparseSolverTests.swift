import TestSupport
import Testing
@testable import BalanceCore

/// One answer whatever the solver, with relations (issue 12): the sparse elimination (``SparseSolver``) gives the
/// values, σ, χ², dof and classification of the dense QR projection on random flow networks of 20 to 5,000 streams
/// with 20–30 % unmeasured streams, ratio and three-stream relations (some on unmeasured streams, so that relations
/// decide observability), fixed streams, and dependent relations (a node balance repeated as a relation, a relation
/// given twice) — a property test over seeds and sizes.
@Suite("Sparse elimination equals the dense projection")
struct SparseSolverTests {
    /// Both are backward stable here (σ 2 % of the flow): 1e-9 relative, the issue's requirement; σ relative to
    /// 1e-3 of the largest flow (a σ near 0 is compared absolutely).
    static let tolerance = 1e-9

    /// Below this share of its measured σ a reconciled σ counts as 0 (determined by fixed values and relations).
    static let determinedShare = 1e-7

    static func close(_ a: Double?, _ b: Double?, scale: Double) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return abs(x - y) <= tolerance * max(abs(y), scale)
        default: return false
        }
    }

    /// A random network with relations consistent with its true flows, some fixed streams and dependent rows.
    static func network(nodes: Int, paths: Int, unmeasured: Double, relations: Int, seed: UInt64) throws -> BalanceModel {
        let base = RandomNetwork.make(nodes: nodes, paths: paths, unmeasuredFraction: unmeasured, seed: seed)
        var rng = SplitMix64(seed: seed &+ 1000)
        var streams = base.model.streams
        let truth = { (k: Int) in base.trueValues[streams[k].id]! }
        // A few streams known exactly (σ = 0) at their true value.
        for _ in 0..<max(1, streams.count / 100) {
            let k = Int.random(in: 0..<streams.count, using: &rng)
            streams[k] = BalanceStream(id: streams[k].id, from: streams[k].from, to: streams[k].to, value: truth(k), sigma: 0)
        }
        var list: [LinearRelation] = []
        for r in 0..<relations {
            let a = Int.random(in: 0..<streams.count, using: &rng), b = Int.random(in: 0..<streams.count, using: &rng)
            let c = Int.random(in: 0..<streams.count, using: &rng)
            guard a != b && b != c && a != c else { continue }
            if r % 2 == 0 {  // x_a / x_b = t_a / t_b
                list.append(LinearRelation(id: "R\(r)", terms: [.init(stream: streams[a].id, coefficient: truth(b)),
                                                                 .init(stream: streams[b].id, coefficient: -truth(a))]))
            } else {  // x_a + x_b − k x_c = 0
                list.append(LinearRelation(id: "R\(r)", terms: [
                    .init(stream: streams[a].id, coefficient: 1), .init(stream: streams[b].id, coefficient: 1),
                    .init(stream: streams[c].id, coefficient: -(truth(a) + truth(b)) / truth(c))]))
            }
        }
        if let first = list.first {  // the same relation twice: dependent
            list.append(LinearRelation(id: first.id + "-again", terms: first.terms.map { .init(stream: $0.stream, coefficient: 2 * $0.coefficient) }))
        }
        // A node balance repeated as a relation: dependent on the node rows.
        let model0 = try BalanceModel(streams: streams)
        let system = ConstraintSystem(model0)
        if let row = system.rows.first(where: { $0.count >= 3 }) {
            list.append(LinearRelation(id: "balance-again", terms: row.map { .init(stream: streams[$0.column].id, coefficient: $0.coefficient) }))
        }
        return try BalanceModel(streams: streams, relations: list)
    }

    static func compare(_ model: BalanceModel, fullCovariance: Bool) throws {
        let problem = try LinearProblem(model: model)
        let dense = try DenseSolver.solve(problem)
        let sparse = try SparseSolver.solve(problem, fullCovariance: fullCovariance)
        let scale = (0..<problem.roles.count).compactMap { problem.value($0) }.map(abs).max() ?? 1
        #expect(abs(dense.chiSquared - sparse.chiSquared) <= tolerance * max(dense.chiSquared, 1),
                "χ² \(dense.chiSquared) vs \(sparse.chiSquared)")
        #expect(dense.degreesOfFreedom == sparse.degreesOfFreedom)
        #expect(dense.inconsistentConstraintCount == sparse.inconsistentConstraintCount)
        var classDiffer = 0, valueDiffer = 0, sigmaDiffer = 0
        for j in 0..<problem.roles.count {
            if dense.classifications[j] != sparse.classifications[j] { classDiffer += 1 }
            if !close(sparse.values[j], dense.values[j], scale: scale) { valueDiffer += 1 }
            // A stream that exact values determine (σ̂ → 0): V − W cancels to rounding, ε κ V in the variance, so σ̂
            // is compared absolutely there — both below `determinedShare` of the stream's measured σ.
            let sigmaScale = problem.sigma(j).map { $0 > 0 ? Self.determinedShare * $0 : 0 } ?? 0
            let determined = (dense.sigmas[j] ?? 1) <= sigmaScale && (sparse.sigmas[j] ?? 1) <= sigmaScale
            if !determined && !close(sparse.sigmas[j], dense.sigmas[j], scale: 1e-3 * scale) { sigmaDiffer += 1 }
        }
        #expect(classDiffer == 0 && valueDiffer == 0 && sigmaDiffer == 0,
                "\(problem.roles.count) streams: \(classDiffer) classifications, \(valueDiffer) values, \(sigmaDiffer) σ differ")
        if fullCovariance, let c = sparse.covariance, let d = dense.covariance {
            var worst = 0.0
            for i in 0..<c.rows {
                for k in 0..<c.columns where !(c[i, k].isNaN && d[i, k].isNaN) {
                    worst = max(worst, abs(c[i, k] - d[i, k]) / max(abs(d[i, k]), 1e-6 * scale * scale))
                }
            }
            #expect(worst <= 1e-8, "covariance differs by \(worst) relative")
        }
    }

    @Test("values, σ, χ², dof and classification agree to 1e-9", arguments: [
        (12, 10, 0.2, 2, UInt64(1)), (40, 60, 0.25, 4, 2), (80, 150, 0.3, 8, 3), (300, 600, 0.2, 20, 4),
        (1200, 2500, 0.2, 25, 5),
    ])
    func agree(_ nodes: Int, _ paths: Int, _ unmeasured: Double, _ relations: Int, _ seed: UInt64) throws {
        try Self.compare(Self.network(nodes: nodes, paths: paths, unmeasured: unmeasured, relations: relations, seed: seed),
                         fullCovariance: false)
    }

    @Test("the full covariance agrees with the dense one", arguments: [UInt64(7), 8, 9])
    func covariance(_ seed: UInt64) throws {
        try Self.compare(Self.network(nodes: 30, paths: 50, unmeasured: 0.25, relations: 6, seed: seed), fullCovariance: true)
    }

    @Test("relations alone decide observability: an unmeasured stream in a ratio relation is observable")
    func relationObservability() throws {
        // U splits into A and B; A unmeasured, but A = 0.25 · U: both become observable.
        let model = try BalanceModel(streams: [
            BalanceStream(id: "F", to: "U", value: 100, sigma: 2),
            BalanceStream(id: "A", from: "U"), BalanceStream(id: "B", from: "U", value: 74, sigma: 2),
        ], relations: [LinearRelation(id: "R", terms: [.init(stream: "A", coefficient: 1), .init(stream: "F", coefficient: -0.25)])])
        let problem = try LinearProblem(model: model)
        let sparse = try SparseSolver.solve(problem, fullCovariance: true)
        let dense = try DenseSolver.solve(problem)
        #expect(sparse.classifications == dense.classifications)
        #expect(sparse.classifications[1] == .observable && sparse.degreesOfFreedom == 1)
        // Independent: F = A + B, A = F/4 ⇒ B = 0.75 F; WLS with equal σ: F̂ = (y_F + y_B/0.75 · 0.5625)/(1 + 0.5625)…
        // checked against the dense projection only (the closed form is the same weighted mean).
        for j in 0..<3 { #expect(Self.close(sparse.values[j], dense.values[j], scale: 100)) }
    }

    @Test("--solver sparse takes relations; the automatic choice takes it above the dense limit")
    func throughReconciler() throws {
        let model = try Self.network(nodes: 300, paths: 600, unmeasured: 0.2, relations: 10, seed: 21)
        let sparse = try Reconciler.reconcile(model, options: .init(grossErrors: .none, solver: .sparse))
        let dense = try Reconciler.reconcile(model, options: .init(grossErrors: .none, solver: .dense))
        let automatic = try Reconciler.reconcile(model, options: .init(grossErrors: .none, denseStreamLimit: 100))
        #expect(sparse.solution.solver == .sparse && automatic.solution.solver == .sparse && dense.solution.solver == .dense)
        #expect(abs(sparse.globalTest.statistic - dense.globalTest.statistic) <= Self.tolerance * max(dense.globalTest.statistic, 1))
        #expect(sparse.nodalTests.count == dense.nodalTests.count)
        for (s, d) in zip(sparse.streams, dense.streams) {
            #expect(Self.close(s.reconciled, d.reconciled, scale: 100), "\(s.id)")
            #expect(Self.close(s.z, d.z, scale: 1), "z \(s.id)")
            #expect(s.classification == d.classification && s.flagged == d.flagged)
        }
    }

    @Test("gross-error identification on the sparse reduced system equals the dense one")
    func grossErrors() throws {
        var model = try Self.network(nodes: 40, paths: 80, unmeasured: 0.2, relations: 4, seed: 31)
        // A 30 % bias on a redundant measured stream.
        let problem = try LinearProblem(model: model)
        let probe = try DenseSolver.solve(problem)
        let target = (0..<problem.roles.count).first { probe.classifications[$0] == .redundant }!
        var streams = model.streams
        streams[target] = BalanceStream(id: streams[target].id, from: streams[target].from, to: streams[target].to,
                                        value: streams[target].value! * 1.3, sigma: streams[target].sigma)
        model = try BalanceModel(streams: streams, relations: model.relations)
        for strategy in [ReconciliationOptions.GrossErrorStrategy.serial, .glr, .compensation] {
            let sparse = try Reconciler.reconcile(model, options: .init(grossErrors: strategy, solver: .sparse))
            let dense = try Reconciler.reconcile(model, options: .init(grossErrors: strategy, solver: .dense))
            #expect(sparse.grossErrors.map(\.location) == dense.grossErrors.map(\.location), "\(strategy)")
        }
    }
}
