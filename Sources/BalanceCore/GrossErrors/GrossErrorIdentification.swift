/// Gross-error identification for a solved problem: builds the bias and leak hypotheses, runs the
/// chosen strategy (``ReconciliationOptions/GrossErrorStrategy``) and re-solves the problem with the
/// identified errors accounted for, so that users also get the reconciled values without them.
enum GrossErrorIdentification {
    /// Bias hypotheses for every measured stream, then leak hypotheses for every balanced node with
    /// streams, with their reduced-space signatures.
    static func hypotheses(
        model: BalanceModel, problem: LinearProblem, solution: LinearSolution, leaks: Bool
    ) -> (hypotheses: [GrossErrorHypothesis], signatures: [[Double]]) {
        let constraints = problem.constraints
        var columnEntries = [[(row: Int, value: Double)]](repeating: [], count: constraints.columnCount)
        for (i, row) in constraints.rows.enumerated() {
            for entry in row { columnEntries[entry.column].append((i, entry.coefficient)) }
        }
        var hypotheses: [GrossErrorHypothesis] = []
        var signatures: [[Double]] = []
        for j in 0..<constraints.columnCount {
            guard case .measured = problem.roles[j] else { continue }
            hypotheses.append(GrossErrorHypothesis(kind: .bias, location: model.streams[j].id))
            signatures.append(solution.reduced.project(columnEntries[j]))
        }
        if leaks {
            for (i, label) in constraints.rowLabels.enumerated() {
                guard case let .node(id) = label, !constraints.rows[i].isEmpty else { continue }
                // A leak L leaving node k: Σ in − Σ out (metered) = L, so the residual moves by +P e_k L.
                hypotheses.append(GrossErrorHypothesis(kind: .leak, location: id))
                signatures.append(solution.reduced.project([(i, 1)]))
            }
        }
        return (hypotheses, signatures)
    }

    /// Runs the strategy and returns the identified errors and the state after accounting for them.
    static func run(
        model: BalanceModel, problem: LinearProblem, solution: LinearSolution, options: ReconciliationOptions
    ) throws(ReconciliationError) -> (errors: [ReconciliationResult.GrossError], after: ReconciliationResult.AfterIdentification?) {
        guard options.grossErrors != .none, solution.degreesOfFreedom > 0 else { return ([], nil) }
        let (hypotheses, signatures) = Self.hypotheses(
            model: model, problem: problem, solution: solution, leaks: options.grossErrors != .serial)
        let engine: GrossErrorEngine
        do {
            engine = try GrossErrorEngine(reduced: solution.reduced, signatures: signatures, hypotheses: hypotheses)
        } catch {
            throw .numerical(error)
        }
        let strategies = IdentificationStrategies(engine: engine, alpha: options.alpha)
        let evidence = engine.evidence(residual: solution.reduced.residual)
        let outcome: IdentificationStrategies.Outcome
        switch options.grossErrors {
        case .serial: outcome = strategies.serial(evidence: evidence, leaks: false)
        case .glr: outcome = strategies.serial(evidence: evidence, leaks: true)
        case .compensation: outcome = strategies.compensation(evidence: evidence)
        case .none: return ([], nil)
        }
        guard !outcome.identified.isEmpty else { return ([], nil) }
        let errors = outcome.identified.map { item -> ReconciliationResult.GrossError in
            let hypothesis = hypotheses[item.hypothesis]
            return ReconciliationResult.GrossError(
                kind: hypothesis.kind, location: hypothesis.location, statistic: item.statistic,
                z: item.signedStatistic, pValue: ChiSquaredDistribution(degreesOfFreedom: 1).survival(item.statistic),
                estimatedBias: item.magnitude, estimatedBiasSigma: item.magnitudeSigma,
                equivalent: item.equivalents.map { hypotheses[$0] })
        }
        let after = try resolve(
            model: model, problem: problem, errors: errors, compensate: options.grossErrors == .compensation,
            options: options, finalChiSquared: outcome.finalChiSquared, finalDof: outcome.finalDof)
        return (errors, after)
    }

    /// Solves again with the identified errors accounted for: a biased meter becomes unmeasured
    /// (elimination, GLR) or is corrected by its estimate (compensation); a leak becomes an unmeasured
    /// outflow of its node (or a fixed one of the estimated size, under compensation).
    static func resolve(
        model: BalanceModel, problem: LinearProblem, errors: [ReconciliationResult.GrossError], compensate: Bool,
        options: ReconciliationOptions, finalChiSquared: Double, finalDof: Int
    ) throws(ReconciliationError) -> ReconciliationResult.AfterIdentification {
        var adjusted = problem
        var leakColumns: [(node: String, column: Int)] = []
        for error in errors {
            switch error.kind {
            case .bias:
                guard let j = model.streamIndex[error.location], case let .measured(y, sigma) = adjusted.roles[j] else { continue }
                adjusted.roles[j] = compensate ? .measured(value: y - (error.estimatedBias ?? 0), sigma: sigma) : .unmeasured
            case .leak:
                guard let row = adjusted.constraints.rowLabels.firstIndex(of: .node(error.location)) else { continue }
                if compensate, let existing = leakColumns.first(where: { $0.node == error.location }) {
                    if case let .fixed(value) = adjusted.roles[existing.column] {
                        adjusted.roles[existing.column] = .fixed(value: value + (error.estimatedBias ?? 0))
                    }
                    continue
                }
                let column = adjusted.appendOutflow(atRow: row, role: compensate ? .fixed(value: error.estimatedBias ?? 0) : .unmeasured)
                leakColumns.append((error.location, column))
            }
        }
        let solution = try Reconciler.solve(adjusted, model: model, options: options)
        // Compensation keeps every meter, but its k magnitudes were estimated from these data: the
        // corrected χ² has p − k degrees of freedom (k distinct hypotheses; a leak compensated twice counts once).
        var distinct: [String] = []
        for error in errors where !distinct.contains("\(error.kind):\(error.location)") {
            distinct.append("\(error.kind):\(error.location)")
        }
        let dof = compensate ? Swift.max(0, solution.degreesOfFreedom - distinct.count) : solution.degreesOfFreedom
        let test = StatisticalTests.global(chiSquared: solution.chiSquared, dof: dof, alpha: options.alpha)
        let n = model.streams.count
        return ReconciliationResult.AfterIdentification(
            convention: compensate ? .compensated : .eliminated, estimatedMagnitudes: distinct.count,
            globalTest: test, values: Array(solution.values[0..<n]), sigmas: Array(solution.sigmas[0..<n]),
            leaks: leakColumns.map { ($0.node, solution.values[$0.column], solution.sigmas[$0.column]) }.map {
                ReconciliationResult.AfterIdentification.Leak(node: $0.0, estimate: $0.1, sigma: $0.2)
            })
    }
}

extension LinearProblem {
    /// Adds a stream leaving the node of constraint row `row` to the outside (a leak), returns its column.
    mutating func appendOutflow(atRow row: Int, role: Role) -> Int {
        let column = constraints.columnCount
        constraints.rows[row].append(ConstraintSystem.Entry(column: column, coefficient: -1))
        constraints.columnCount += 1
        roles.append(role)
        if var full = covariance {
            // Extend the covariance with a zero row/column for the new stream.
            var grown = Matrix(rows: column + 1, columns: column + 1)
            for j in 0..<column { for i in 0..<column { grown[i, j] = full[i, j] } }
            full = grown
            covariance = full
        }
        return column
    }
}
