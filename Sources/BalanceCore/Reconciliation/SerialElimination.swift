/// Serial elimination (Ripps 1965; Serth & Heenan 1986; RECONCILIATION.md §5): while the global
/// test fails, the redundant measurement with the largest |z| is turned into an unmeasured stream
/// (which may make others nonredundant) and the problem is solved again. It stops when the global
/// test passes or nothing redundant is left. The estimated bias of an identified meter is
/// y_i − x̂_i of the final solve, with variance σ_i² + Var(x̂_i) (x̂_i no longer depends on y_i).
enum SerialElimination {
    /// Relative tolerance below which two |z| values are considered equal (equivalent suspects).
    static let tieTolerance = 1e-9

    static func run(
        problem: LinearProblem, model: BalanceModel, first: LinearSolution, options: ReconciliationOptions
    ) throws(ReconciliationError) -> ([ReconciliationResult.GrossError], ReconciliationResult.GlobalTest) {
        var current = problem
        var solution = first
        var identified: [(index: Int, z: Double, equivalent: [Int])] = []
        var test = StatisticalTests.global(
            chiSquared: solution.chiSquared, dof: solution.degreesOfFreedom, alpha: options.alpha)
        while !test.passed && solution.degreesOfFreedom > 0 {
            var best: Int?
            var bestZ = 0.0
            var statistics: [(Int, Double)] = []
            for j in 0..<current.roles.count {
                guard let z = solution.z(j, measured: current.value(j)) else { continue }
                statistics.append((j, z))
                if abs(z) > abs(bestZ) {
                    bestZ = z
                    best = j
                }
            }
            guard let chosen = best, abs(bestZ) > 1e-9 else { break }
            let ties = statistics.filter {
                $0.0 != chosen && abs(abs($0.1) - abs(bestZ)) <= tieTolerance * abs(bestZ)
            }.map(\.0)
            identified.append((chosen, bestZ, ties))
            current.roles[chosen] = .unmeasured
            solution = try Reconciler.solve(current, model: model, options: options)
            test = StatisticalTests.global(
                chiSquared: solution.chiSquared, dof: solution.degreesOfFreedom, alpha: options.alpha)
        }
        let errors = identified.map { item -> ReconciliationResult.GrossError in
            let y = problem.value(item.index)!
            let sigma = problem.sigma(item.index)!
            let estimate = solution.values[item.index]
            let estimateSigma = solution.sigmas[item.index]
            return .init(
                stream: model.streams[item.index].id, z: item.z, estimatedBias: estimate.map { y - $0 },
                estimatedBiasSigma: estimateSigma.map { (sigma * sigma + $0 * $0).squareRoot() },
                equivalentStreams: item.equivalent.map { model.streams[$0].id })
        }
        return (errors, test)
    }
}
