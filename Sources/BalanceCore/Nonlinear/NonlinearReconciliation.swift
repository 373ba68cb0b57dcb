/// Nonlinear and bounded reconciliation (RECONCILIATION.md §10): component balances Σ F·c, splitters, reactive
/// nodes, general equations and `lower`/`upper` bounds, solved by Gauss–Newton SQP with the linear engine at every
/// step, and reported with the linear engine's classification and tests at the solution.
public enum NonlinearReconciliation {
    /// `true` when a case needs this path (component values, equations or bounds); other cases take the linear
    /// path unchanged.
    public static func isNeeded(model: BalanceModel, components: [ComponentMeasurement], equations: [BalanceEquation]) -> Bool {
        NonlinearProblem.isNeeded(model: model, components: components, equations: equations)
    }

    /// Reconciles.
    /// - Parameters:
    ///   - model: the network, with `lower`/`upper` bounds on flows and node types (splitter, reactions).
    ///   - components: measured component values (concentrations, specific properties), each with an uncertainty.
    ///   - equations: general equations of flows `[S1]` and component values `[S1:COD]`.
    ///   - covariance: correlated errors of the stream flows (component values independent); not with bounds.
    ///   - options: α, gross-error strategy, solver of each linearisation (`graph` is not allowed).
    /// - Throws: `.invalidModel` (bad component or equation, exit 65), `.infeasible` (65), `.notConverged` (1).
    /// - Complexity: iterations × the linear solve of (flows + component values) variables.
    public static func reconcile(
        _ model: BalanceModel, components: [ComponentMeasurement] = [], equations: [BalanceEquation] = [],
        covariance: MeasurementCovariance? = nil, options: ReconciliationOptions = .init()
    ) throws(ReconciliationError) -> NonlinearReconciliationResult {
        try reconcile(model, components: components, equations: equations, covariance: covariance, options: options, properties: [])
    }

    /// The same, with `properties`: components that take part in equations and splitters only (no Σ F·c balance)
    /// whatever their unit — the energy balance's quantities and heating values.
    package static func reconcile(
        _ model: BalanceModel, components: [ComponentMeasurement], equations: [BalanceEquation],
        covariance: MeasurementCovariance?, options: ReconciliationOptions, properties: Set<String>
    ) throws(ReconciliationError) -> NonlinearReconciliationResult {
        guard options.alpha > 0 && options.alpha < 1 else {
            throw .invalidOption("alpha must lie strictly between 0 and 1 (got \(options.alpha))")
        }
        let problem: NonlinearProblem
        do {
            problem = try NonlinearProblem(model: model, components: components, equations: equations, properties: properties)
        } catch {
            throw .invalidModel(error)
        }
        let n = problem.variables.count
        var fullCovariance: Matrix?
        if let covariance {
            guard covariance.fits(model) else { throw .invalidOption("the measurement covariance was built for another model") }
            if let bounded = model.streams.first(where: { $0.lower != nil || $0.upper != nil }) {
                throw .invalidModel(ModelError(.other("stream '\(bounded.id)' has a bound, and the case has covariance.csv: bounded "
                    + "reconciliation with correlated errors is not supported — remove the bounds or the covariance"), at: bounded.location))
            }
            var v = Matrix(rows: n, columns: n)
            let c = covariance.matrix
            for i in 0..<model.streams.count { for j in 0..<model.streams.count { v[i, j] = c[i, j] } }
            for j in model.streams.count..<n { if let s = problem.variables[j].role.sigma { v[j, j] = s * s } }
            fullCovariance = v
        }
        let linearOptions = options
        let outcome = try NonlinearReconciler.solve(problem, covariance: fullCovariance) { (p: LinearProblem) throws(ReconciliationError) -> LinearSolution in
            // Automatic: linearisations that are pure flow networks go to the graph solver, the rest to the dense one.
            try Reconciler.solve(p, model: nil, options: linearOptions)
        }
        // The linearised problem as a model the linear engine reports on: variables are its streams.
        var streams = model.streams
        for v in problem.variables.dropFirst(model.streams.count) {
            let role = v.role
            streams.append(BalanceStream(id: v.id, value: role.value, sigma: role.value == nil ? nil : (role.sigma ?? 0),
                                         unit: v.unit, source: v.source))
        }
        var relations = model.relations
        let linear = outcome.linearised.constraints
        let nodeRows = ConstraintSystem(model).rowCount
        for i in nodeRows..<linear.rowCount where i >= nodeRows + model.relations.count {
            relations.append(LinearRelation(
                id: linear.rowLabels[i].id,
                terms: linear.rows[i].map { .init(stream: streams[$0.column].id, coefficient: $0.coefficient) },
                constant: linear.constants[i]))
        }
        let augmented: BalanceModel
        do {
            augmented = try BalanceModel(streams: streams.map { var s = $0; s.lower = nil; s.upper = nil; return s },
                                         nodes: model.nodes, relations: relations)
        } catch {
            throw .invalidModel(error)
        }
        var final = outcome.linearised
        final.constraints = ConstraintSystem(augmented)
        var result = try Reconciler.reconcile(model: augmented, problem: final, options: linearOptions)
        // Values held at a bound: measured as given, adjusted to the bound; their measurement term enters χ².
        var extra = 0.0
        for (j, side) in outcome.active {
            guard case let .measured(y, sigma) = problem.variables[j].role else { continue }
            let bound = side == .lower ? problem.variables[j].lower! : problem.variables[j].upper!
            result.streams[j].measured = y
            result.streams[j].sigma = sigma
            result.streams[j].adjustment = bound - y
            extra += ((bound - y) / sigma) * ((bound - y) / sigma)
        }
        if !outcome.active.isEmpty {
            // dof = rank of the balances once the unmeasured are eliminated: a measured value held at its bound is
            // known either way (measured or fixed), so the engine's dof is already that of the problem with the
            // measurement free; an unmeasured value held at a bound counts as known.
            result.globalTest = StatisticalTests.global(
                chiSquared: result.globalTest.statistic + extra, dof: result.globalTest.dof, alpha: options.alpha)
            let held = outcome.active.keys.sorted().map { "\(problem.variables[$0].id) (\(outcome.active[$0]!.rawValue) bound)" }
            result.warnings.append("held at a bound: " + held.joined(separator: ", ") + " — the unbounded least-squares "
                + "solution lies outside; their σ is 0 by construction and the global test is approximate")
        }
        if outcome.determined.contains(false) {
            let named = problem.variables.indices.filter { !outcome.determined[$0] && $0 >= model.streams.count }.map { problem.variables[$0].id }
            if !named.isEmpty {
                result.warnings.append("component values or generation terms not determined by the balances: "
                    + named.joined(separator: ", ") + " (null)")
            }
        }
        let variables = problem.variables.enumerated().map { j, v -> NonlinearReconciliationResult.Variable in
            switch v.kind {
            case let .flow(stream):
                return .init(id: v.id, stream: model.streams[stream].id, unit: v.unit, atBound: outcome.active[j])
            case let .component(stream, component):
                return .init(id: v.id, stream: model.streams[stream].id, component: component, unit: v.unit, atBound: outcome.active[j])
            case let .reaction(node, component):
                return .init(id: v.id, component: component, node: node, atBound: outcome.active[j])
            }
        }
        return NonlinearReconciliationResult(
            result: result, variables: variables, flowCount: model.streams.count, iterations: outcome.iterations,
            constraintResidual: outcome.constraintResidual, relativeConstraintResidual: outcome.relativeResidual,
            converged: true, stopReason: outcome.stopReason, linearisedModel: augmented)
    }
}
