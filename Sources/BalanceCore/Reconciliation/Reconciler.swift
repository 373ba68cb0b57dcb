/// Linear data reconciliation of a balance model: the library's main entry point.
///
/// ```swift
/// let model = try BalanceModel(streams: [
///     BalanceStream(id: "F1", to: "U1", value: 100, sigma: 2),
///     BalanceStream(id: "F2", from: "U1", value: 96, sigma: 2),
/// ])
/// let result = try Reconciler.reconcile(model)
/// result.stream("F1")?.reconciled   // 98.0
/// ```
public enum Reconciler {
    /// Reconciles the model's measurements by weighted least squares subject to its balances,
    /// estimates the unmeasured streams, classifies every stream, and runs the global, measurement
    /// and nodal tests and the chosen gross-error identification.
    ///
    /// - Parameters:
    ///   - model: the network; every measured stream needs an uncertainty (σ = 0: fixed).
    ///   - covariance: correlated measurement errors, validated for this model; `nil` = independent errors.
    ///   - options: α, strategy, solver.
    /// - Throws: ``ReconciliationError``.
    public static func reconcile(
        _ model: BalanceModel, covariance: MeasurementCovariance? = nil, options: ReconciliationOptions = .init()
    ) throws(ReconciliationError) -> ReconciliationResult {
        if let covariance, !covariance.fits(model) {
            throw .invalidOption("the measurement covariance was built for another model (its streams differ)")
        }
        guard options.alpha > 0 && options.alpha < 1 else {
            throw .invalidOption("alpha must lie strictly between 0 and 1 (got \(options.alpha))")
        }
        let problem: LinearProblem
        do {
            problem = try LinearProblem(model: model, covariance: covariance?.matrix)
        } catch {
            throw .invalidModel(error)
        }
        return try reconcile(model: model, problem: problem, options: options)
    }

    /// Reconciles a prepared problem (the model supplies ids, nodes and sources).
    package static func reconcile(
        model: BalanceModel, problem: LinearProblem, options: ReconciliationOptions = .init()
    ) throws(ReconciliationError) -> ReconciliationResult {
        let solution = try solve(problem, model: model, options: options)
        let global = StatisticalTests.global(
            chiSquared: solution.chiSquared, dof: solution.degreesOfFreedom, alpha: options.alpha)
        let redundantCount = solution.classifications.reduce(0) { $0 + ($1 == .redundant ? 1 : 0) }
        let zCritical = StatisticalTests.sidakCritical(alpha: options.alpha, count: redundantCount)

        var streams: [ReconciliationResult.StreamResult] = []
        streams.reserveCapacity(model.streams.count)
        for j in model.streams.indices {
            let measured = problem.value(j)
            let z = solution.z(j, measured: measured)
            let reconciled = solution.values[j]
            streams.append(
                .init(
                    id: model.streams[j].id, measured: measured, sigma: problem.sigma(j), reconciled: reconciled,
                    reconciledSigma: solution.sigmas[j],
                    adjustment: measured.flatMap { y in reconciled.map { $0 - y } }, z: z,
                    classification: solution.classifications[j], flagged: z.map { abs($0) > zCritical } ?? false,
                    source: model.streams[j].source))
        }
        let (nodalTests, nodalCritical) = NodalTests.run(model: model, problem: problem, alpha: options.alpha)

        var grossErrors: [ReconciliationResult.GrossError] = []
        var after: ReconciliationResult.AfterIdentification?
        if options.grossErrors != .none && !global.passed {
            (grossErrors, after) = try GrossErrorIdentification.run(
                model: model, problem: problem, solution: solution, options: options)
        }
        return ReconciliationResult(
            streams: streams, nodes: nodeBalances(model: model, problem: problem, solution: solution),
            globalTest: global, measurementTest: .init(critical: zCritical, redundantCount: redundantCount),
            nodalTests: nodalTests, nodalCritical: nodalCritical, grossErrors: grossErrors,
            afterIdentification: after,
            warnings: warnings(model: model, problem: problem, solution: solution), solution: solution)
    }

    /// Solves the linear problem with the solver the options select.
    static func solve(
        _ problem: LinearProblem, model: BalanceModel?, options: ReconciliationOptions
    ) throws(ReconciliationError) -> LinearSolution {
        let wantsCovariance = options.fullCovariance ?? (problem.roles.count <= options.fullCovarianceThreshold)
        try MemoryBudget.check(
            problem, solver: options.solver, fullCovariance: wantsCovariance, denseStreamLimit: options.denseStreamLimit)
        func named(_ error: LinearAlgebraError) -> ReconciliationError {
            var named = error
            named.streams = error.streamIndices.map { model?.streams[$0].id ?? "variable \($0 + 1)" }
            return .numerical(named)
        }
        func dense() throws(ReconciliationError) -> LinearSolution {
            do {
                var solution = try DenseSolver.solve(problem)
                solution.solver = .dense
                return solution
            } catch {
                throw named(error)
            }
        }
        switch options.solver {
        case .dense:
            return try dense()
        case .sparse:
            guard SparseSolver.canSolve(problem) else {
                throw .invalidOption("the sparse solver needs independent errors (a covariance.csv needs the dense solver)")
            }
            do {
                // Flow networks: graph reduction with the sparse factor; with relations: sparse elimination.
                var solution = GraphSolver.canSolve(problem)
                    ? try GraphSolver.solve(problem, fullCovariance: wantsCovariance, sparse: true)
                    : try SparseSolver.solve(problem, fullCovariance: wantsCovariance)
                solution.solver = .sparse
                return solution
            } catch {
                throw named(error)
            }
        case .graph:
            guard GraphSolver.canSolve(problem) else {
                throw .invalidOption("the graph solver needs a pure flow network (no relations) with independent errors")
            }
            do {
                var solution = try GraphSolver.solve(problem, fullCovariance: wantsCovariance, sparse: false)
                solution.solver = .graph
                return solution
            } catch {
                throw named(error)
            }
        case .automatic:
            // Flow networks go to the graph solver (exact, structural rank) — unless its Var(x̂) = V − W
            // would lose digits (an a-posteriori bound ε κ(S) max V/Var(x̂) above the accuracy the
            // results promise, or S not even factorable), in which case the dense solver's square-root
            // form solves again while the network is small enough for it. Relations and correlated
            // errors need the dense projection; large problems with relations (and independent errors) take the
            // sparse elimination, whose cost grows with the network instead of its cube.
            let small = problem.roles.count <= options.denseStreamLimit
            guard GraphSolver.canSolve(problem) else {
                guard !small && SparseSolver.canSolve(problem) else { return try dense() }
                do {
                    var solution = try SparseSolver.solve(problem, fullCovariance: wantsCovariance)
                    solution.solver = .sparse
                    return solution
                } catch {
                    throw named(error)
                }
            }
            let graph: LinearSolution
            do throws(LinearAlgebraError) {
                graph = try GraphSolver.solve(problem, fullCovariance: wantsCovariance)
            } catch {
                if small { return try dense() }
                throw named(error)
            }
            if small && graph.varianceErrorBound > GraphSolver.varianceAccuracy { return try dense() }
            var solution = graph
            solution.solver = graph.reduced.isSparse ? .sparse : .graph
            return solution
        }
    }

    /// A relative error as a short percentage text (no integer conversion of an unbounded number).
    static func percentText(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "all" }
        let percent = fraction * 100
        return percent >= 0.01 ? "\((percent * 100).rounded() / 100) %" : "\(percent) %"
    }

    /// The closure of every node with streams, before and after reconciliation.
    /// - Complexity: O(streams + nodes), two allocations (the sums, a scratch buffer, and the result): this runs on every solve.
    static func nodeBalances(
        model: BalanceModel, problem: LinearProblem, solution: LinearSolution
    ) -> [ReconciliationResult.NodeBalance] {
        struct Sums {
            var inflow = 0.0, outflow = 0.0, reconciled = 0.0
            var unmeasured = 0
            var undetermined = false, attached = false
        }
        let count = model.nodes.count
        let sums = ScratchBuffer(repeating: Sums(), count: count)
        var attachedCount = 0
        do {
            for (j, ends) in model.endpoints.enumerated() where ends.from == nil || ends.from != ends.to {
                let value = problem.value(j)
                let estimate = solution.values[j]
                if let k = ends.to {
                    if !sums[k].attached { sums[k].attached = true; attachedCount += 1 }
                    if let value { sums[k].inflow += value } else { sums[k].unmeasured += 1 }
                    if let estimate { sums[k].reconciled += estimate } else { sums[k].undetermined = true }
                }
                if let k = ends.from {
                    if !sums[k].attached { sums[k].attached = true; attachedCount += 1 }
                    if let value { sums[k].outflow += value } else { sums[k].unmeasured += 1 }
                    if let estimate { sums[k].reconciled -= estimate } else { sums[k].undetermined = true }
                }
            }
        }
        // Nodes without streams (pure hierarchy levels) have no balance to report.
        var balances: [ReconciliationResult.NodeBalance] = []
        balances.reserveCapacity(attachedCount)
        for k in 0..<count where sums[k].attached {
            let node = sums[k]
            let imbalance = node.inflow - node.outflow
            balances.append(.init(
                id: model.nodes[k].id, imbalanceMeasured: imbalance,
                relativeImbalance: node.inflow > 0 ? imbalance / node.inflow : nil,
                imbalanceReconciled: node.undetermined ? nil : node.reconciled, unmeasuredStreams: node.unmeasured,
                balanced: model.nodes[k].balanced))
        }
        return balances
    }

    static func warnings(model: BalanceModel, problem: LinearProblem, solution: LinearSolution) -> [String] {
        var warnings: [String] = []
        let used = ScratchBuffer(repeating: false, count: problem.constraints.columnCount)  // columns some row uses
        for row in problem.constraints.rows { for entry in row { used[entry.column] = true } }
        var unobservable: [String] = []
        for j in model.streams.indices {
            let isLoop = model.endpoints[j].from != nil && model.endpoints[j].from == model.endpoints[j].to
            if !used[j] && problem.value(j) != nil && !isLoop {
                warnings.append("\(model.streams[j].id) takes part in no balance: it is reported as measured, not adjusted")
            }
            if solution.classifications[j] == .unobservable { unobservable.append(model.streams[j].id) }
        }
        if !unobservable.isEmpty {
            warnings.append(
                "\(unobservable.joined(separator: ", ")) cannot be determined from the balances (unobservable): "
                    + "their values are null; more meters are needed (see `balance advise`)")
        }
        if solution.degreesOfFreedom == 0 {
            warnings.append("no redundancy: the balances cannot check any measurement (0 degrees of freedom)")
        }
        if (solution.solver == .graph || solution.solver == .sparse) && solution.varianceErrorBound > GraphSolver.varianceAccuracy {
            var smallest: (Int, Double)?, largest: (Int, Double)?
            for (j, role) in problem.roles.enumerated() {
                guard case let .measured(_, sigma) = role else { continue }
                if smallest == nil || sigma < smallest!.1 { smallest = (j, sigma) }
                if largest == nil || sigma > largest!.1 { largest = (j, sigma) }
            }
            warnings.append(
                "the uncertainties differ widely (σ of \(model.streams[smallest!.0].id) to \(model.streams[largest!.0].id)): "
                    + "the \(solution.solver.rawValue) solver's σ may be off by up to \(Self.percentText(solution.varianceErrorBound / 2)) of their "
                    + "value; the dense solver is exact to 1e-8 but was not chosen for this size")
        }
        if solution.inconsistentConstraintCount > 0 {
            let names = solution.inconsistentBalances.isEmpty ? "" : " (" + solution.inconsistentBalances.joined(separator: ", ") + ")"
            warnings.append(
                "\(solution.inconsistentConstraintCount) balance(s) cannot be satisfied\(names): the fixed values (σ = 0) "
                    + "or relation constants contradict each other")
        }
        return warnings
    }
}
