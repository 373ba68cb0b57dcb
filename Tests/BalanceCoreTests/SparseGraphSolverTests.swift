import Testing
@testable import BalanceCore

/// One answer whatever the factorisation (issue 12): the graph solver with CHOLMOD and the Takahashi selected
/// inverse gives the values, σ, χ², dof and classification of the dense factorisation, on random networks of
/// 20 to 5,000 streams with unmeasured streams (so with bridges to estimate) — a property test.
@Suite("Sparse graph solver equals the dense one")
struct SparseGraphSolverTests {
    /// Both factorisations are backward stable on these networks (σ 2 % of the flow, κ below about 1e6):
    /// 1e-9 relative, the requirement.
    static let tolerance = 1e-9

    static func close(_ a: Double?, _ b: Double?, scale: Double) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return abs(x - y) <= tolerance * max(abs(y), scale)
        default: return false
        }
    }

    @Test("values, σ, χ², dof and classification agree to 1e-9", arguments: [
        (12, 10, 0.0, UInt64(1)), (40, 60, 0.2, 2), (300, 600, 0.3, 3), (1200, 2500, 0.25, 4), (2000, 5000, 0.2, 5),
    ])
    func agree(_ nodes: Int, _ paths: Int, _ unmeasured: Double, _ seed: UInt64) throws {
        let network = RandomNetwork.make(nodes: nodes, paths: paths, unmeasuredFraction: unmeasured, seed: seed)
        let problem = try LinearProblem(model: network.model)
        let dense = try GraphSolver.solve(problem, fullCovariance: false, sparse: false)
        let sparse = try GraphSolver.solve(problem, fullCovariance: false, sparse: true)
        let scale = network.trueValues.values.max() ?? 1
        #expect(abs(dense.chiSquared - sparse.chiSquared) <= Self.tolerance * max(dense.chiSquared, 1))
        #expect(dense.degreesOfFreedom == sparse.degreesOfFreedom)
        #expect(dense.classifications == sparse.classifications)
        for j in 0..<problem.roles.count {
            #expect(Self.close(sparse.values[j], dense.values[j], scale: scale), "value \(j)")
            #expect(Self.close(sparse.sigmas[j], dense.sigmas[j], scale: 1e-3 * scale), "σ \(j): \(String(describing: sparse.sigmas[j])) vs \(String(describing: dense.sigmas[j]))")
        }
    }

    @Test("gross-error tests on the sparse reduced system equal the dense ones")
    func reducedSpace() throws {
        let network = RandomNetwork.make(nodes: 60, paths: 120, unmeasuredFraction: 0.2, seed: 9)
        let problem = try LinearProblem(model: network.model)
        let dense = try GraphSolver.solve(problem, fullCovariance: false, sparse: false)
        let sparse = try GraphSolver.solve(problem, fullCovariance: false, sparse: true)
        // rᵀ S⁻¹ r through whiten (L⁻¹ r) is χ² in both; a solve with S⁻¹ agrees column by column.
        let rDense = dense.reduced.whiten(dense.reduced.residual), rSparse = sparse.reduced.whiten(sparse.reduced.residual)
        let chiDense = rDense.reduce(0) { $0 + $1 * $1 }, chiSparse = rSparse.reduce(0) { $0 + $1 * $1 }
        #expect(abs(chiDense - chiSparse) <= Self.tolerance * max(chiDense, 1))
        var bDense = Matrix(rows: dense.reduced.dimension, columns: 1, columnMajor: dense.reduced.residual)
        var bSparse = bDense
        try dense.reduced.solve(&bDense)
        try sparse.reduced.solve(&bSparse)
        for i in 0..<bDense.rows { #expect(abs(bDense[i, 0] - bSparse[i, 0]) <= 1e-8 * max(1, abs(bDense[i, 0]))) }
    }

    @Test("--solver sparse through Reconciler equals --solver graph and dense on a flow network; the automatic choice names it")
    func throughReconciler() throws {
        let network = RandomNetwork.make(nodes: 300, paths: 600, unmeasuredFraction: 0.2, seed: 11)
        let sparse = try Reconciler.reconcile(network.model, options: .init(grossErrors: .none, solver: .sparse))
        let graph = try Reconciler.reconcile(network.model, options: .init(grossErrors: .none, solver: .graph))
        let dense = try Reconciler.reconcile(network.model, options: .init(grossErrors: .none, solver: .dense))
        #expect(sparse.solution.solver == .sparse && graph.solution.solver == .graph && dense.solution.solver == .dense)
        #expect(abs(sparse.globalTest.statistic - dense.globalTest.statistic) <= Self.tolerance * max(dense.globalTest.statistic, 1))
        for (s, d) in zip(sparse.streams, dense.streams) {
            #expect(Self.close(s.reconciled, d.reconciled, scale: 100), "\(s.id)")
            #expect(Self.close(s.reconciledSigma, d.reconciledSigma, scale: 0.1), "σ \(s.id)")
            #expect(s.classification == d.classification)
        }
        for (s, g) in zip(sparse.streams, graph.streams) { #expect(Self.close(s.reconciled, g.reconciled, scale: 100)) }
    }
}
