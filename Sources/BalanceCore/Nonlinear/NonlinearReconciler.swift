/// Nonlinear data reconciliation by successive linearisation (Gauss–Newton SQP; Knepper & Gorman 1980,
/// Crowe 1986, Pai & Fisher 1988; RECONCILIATION.md §10):
///
///     x₀ = measured values; unmeasured flows from the linear balances; unmeasured component values the mean
///          of that component's measured values; generation terms 0
///     repeat:  J = ∂g/∂x (x_k) exactly (reverse mode),  b = J x_k − g(x_k)
///              x̂ = argmin (y − x_m)ᵀ V⁻¹ (y − x_m)  s.t.  J x = b,  l ≤ x ≤ u      (the linear engine's projection
///                                                                                 and the active-set method)
///              x_{k+1} = x_k + t (x̂ − x_k),  t ∈ {1, ½, ¼ …} the first step that lowers the scaled constraint
///                                             residual h or the objective f (a two-entry filter)
///     until  h(x) ≤ residualTolerance  and  max_j |Δx_j| / max(|x_j|, σ_j) ≤ stepTolerance
///
/// h(x) = max_i |g_i(x)| / Σ_j |∂g_i/∂x_j · x_j| is relative to the size of each equation's terms. At the solution
/// the problem linearised there is reconciled once more by the linear engine: classification (observable /
/// redundant for flows and component values alike), σ and covariance, χ² with dof = rank, measurement and nodal
/// tests and gross-error identification all come from that last linearisation (first-order, as in VALI and
/// VDI 2048). Unmeasured values that the linearisation does not determine stay `null`.
package enum NonlinearReconciler {
    static let trace = false
    /// Convergence criteria and limits.
    package struct Settings: Sendable {
        /// Largest relative change of any variable in the last step.
        package var stepTolerance = 1e-10
        /// Largest relative constraint residual h(x).
        package var residualTolerance = 1e-10
        /// Iteration limit.
        package var maxIterations = 200
        package init() {}
    }

    /// The converged point and its last linearisation.
    package struct Outcome: Sendable {
        package var values: [Double]
        package var determined: [Bool]
        package var linearised: LinearProblem
        package var active: [Int: BoundSide]
        package var iterations: Int
        /// max_i |g_i(x)| in the equations' own units.
        package var constraintResidual: Double
        /// h(x), relative to the size of the terms.
        package var relativeResidual: Double
        package var stopReason: String
    }

    /// Iterates to the solution.
    /// - Throws: ``ReconciliationError/notConverged(_:)`` when the limits are reached, `.numerical` for a
    ///   non-finite equation value (ln of a negative number …) naming the equation, `.infeasible` for bounds.
    package static func solve(
        _ problem: NonlinearProblem, covariance: Matrix?, settings: Settings = .init(),
        solve linear: (LinearProblem) throws(ReconciliationError) -> LinearSolution
    ) throws(ReconciliationError) -> Outcome {
        let n = problem.variables.count
        let lower = problem.variables.map(\.lower), upper = problem.variables.map(\.upper)
        let roles = problem.variables.map(\.role)
        var x = try start(problem, solve: linear)
        // The size of each variable, fixed for the run: |measured value| or σ, else its start's magnitude, else the
        // mean magnitude of its kind — so that an equation whose terms all vanish does not look relatively violated.
        let typical = typicalMagnitudes(problem, start: x)
        func names(_ j: Int) -> String { problem.variables[j].id }
        func objective(_ x: [Double]) -> Double {
            var f = 0.0
            for (j, role) in roles.enumerated() {
                if case let .measured(y, sigma) = role { f += ((x[j] - y) / sigma) * ((x[j] - y) / sigma) }
            }
            return f
        }
        func linearise(_ x: [Double]) throws(ReconciliationError) -> (system: ConstraintSystem, residual: Double, relative: Double) {
            var rows: [[ConstraintSystem.Entry]] = [], constants: [Double] = [], labels: [ConstraintSystem.RowLabel] = []
            var gradient = [Double](repeating: 0, count: n)
            var maxResidual = 0.0, maxRelative = 0.0
            for constraint in problem.constraints {
                let used = constraint.expression.variables
                for v in used { gradient[v] = 0 }
                let g = constraint.expression.value(at: x, accumulating: &gradient)
                var row: [ConstraintSystem.Entry] = []
                var size = 0.0, largest = 0.0, dot = 0.0
                for v in used.sorted() where gradient[v] != 0 {
                    row.append(.init(column: v, coefficient: gradient[v]))
                    size += abs(gradient[v]) * max(abs(x[v]), typical[v])
                    largest = max(largest, abs(gradient[v]))
                    dot += gradient[v] * x[v]
                }
                guard g.isFinite, size.isFinite, dot.isFinite else {
                    throw .notConverged("\(constraint.label) has no finite value or derivative at the current point of the "
                        + "nonlinear iteration (ln or sqrt of a negative number, division by zero, overflow): check the equation")
                }
                maxResidual = max(maxResidual, abs(g))
                maxRelative = max(maxRelative, abs(g) / max(size, abs(g), Double.leastNormalMagnitude))
                // Row equilibration by the largest coefficient: the same solution, better rank decisions.
                let s = largest > 0 ? 1 / largest : 1
                rows.append(row.map { .init(column: $0.column, coefficient: $0.coefficient * s) })
                constants.append((dot - g) * s)
                labels.append(constraint.label)
            }
            var system = ConstraintSystem(matrix: Matrix(rows: 0, columns: n), constants: [], rowLabels: [])
            system.rows = rows
            system.constants = constants
            system.rowLabels = labels
            return (system, maxResidual, maxRelative)
        }
        var state = try linearise(x)
        var iterations = 0
        var reason = ""
        var active: [Int: BoundSide] = [:]
        // Only linear constraints (bounds, relations): the first QP is the problem itself; its solution is final.
        let allLinear = problem.constraints.allSatisfy(\.isLinear)
        while true {
            let (solution, solvedProblem, solvedActive) = try BoundedLinearSolve.solve(
                LinearProblem(constraints: state.system, roles: roles, covariance: covariance),
                lower: lower, upper: upper, names: names, initialActive: active, solve: linear)
            active = solvedActive
            iterations += 1
            if allLinear {
                let values = (0..<n).map { solution.values[$0] ?? x[$0] }
                let final = try linearise(values)
                return Outcome(
                    values: values, determined: solution.values.map { $0 != nil }, linearised: solvedProblem, active: solvedActive,
                    iterations: iterations, constraintResidual: final.residual, relativeResidual: final.relative,
                    stopReason: "linear constraints: the quadratic programme is the problem itself, solved in one step")
            }
            let target = (0..<n).map { solution.values[$0] ?? x[$0] }
            let f0 = objective(x), h0 = state.relative
            var t = 1.0
            var accepted: (x: [Double], state: (system: ConstraintSystem, residual: Double, relative: Double))?
            for _ in 0..<40 {
                let trial = (0..<n).map { x[$0] + t * (target[$0] - x[$0]) }
                if let next = try? linearise(trial), next.relative < h0 || objective(trial) < f0 || next.relative <= settings.residualTolerance {
                    accepted = (trial, next)
                    break
                }
                t /= 2
            }
            guard let accepted else {
                throw .notConverged("nonlinear reconciliation stopped after \(iterations) iteration(s): no step along the "
                    + "Gauss–Newton direction lowers the constraint residual (\(state.residual)) or the objective — the "
                    + "equations may contradict each other or the start is far from a solution")
            }
            var step = 0.0
            for j in 0..<n {
                let scale = max(abs(x[j]), abs(accepted.x[j]), typical[j])
                step = max(step, abs(accepted.x[j] - x[j]) / scale)
            }
            x = accepted.x
            state = accepted.state
            if Self.trace { print("iteration \(iterations): t \(t) step \(step) h \(state.relative) f \(objective(x)) x \(x)") }
            if state.relative <= settings.residualTolerance && step <= settings.stepTolerance {
                reason = "the relative step \(step) and the relative constraint residual \(state.relative) are below their tolerances (\(settings.stepTolerance), \(settings.residualTolerance))"
                break
            }
            if iterations >= settings.maxIterations {
                throw .notConverged("nonlinear reconciliation did not converge in \(iterations) iterations (relative step "
                    + "\(step), relative constraint residual \(state.relative)): the problem may be ill-posed, or "
                    + "the measurements far from any solution")
            }
        }
        // The last linearisation at the solution, with the final active set.
        let final = try BoundedLinearSolve.solve(
            LinearProblem(constraints: state.system, roles: roles, covariance: covariance),
            lower: lower, upper: upper, names: names, initialActive: active, solve: linear)
        return Outcome(
            values: (0..<n).map { final.solution.values[$0] ?? x[$0] }, determined: final.solution.values.map { $0 != nil },
            linearised: final.problem, active: final.active, iterations: iterations,
            constraintResidual: state.residual, relativeResidual: state.relative, stopReason: reason)
    }

    /// Per variable: max(|y|, σ) when measured or fixed; otherwise |x₀|; a zero is replaced by the mean of the
    /// non-zero magnitudes of the same kind (flows, each component, generation terms), else 1.
    static func typicalMagnitudes(_ problem: NonlinearProblem, start x: [Double]) -> [Double] {
        func group(_ kind: NonlinearProblem.Kind) -> String {
            switch kind {
            case .flow: return ""
            case let .component(_, c): return "c:" + c
            case let .reaction(_, c): return "r:" + c
            }
        }
        var magnitude = problem.variables.enumerated().map { j, v -> Double in
            var m = abs(x[j])
            if let y = v.role.value { m = max(m, abs(y)) }
            if let sigma = v.role.sigma { m = max(m, sigma) }
            return m
        }
        var sums: [String: (Double, Int)] = [:]
        for (j, v) in problem.variables.enumerated() where magnitude[j] > 0 {
            sums[group(v.kind), default: (0, 0)].0 += magnitude[j]
            sums[group(v.kind), default: (0, 0)].1 += 1
        }
        for (j, v) in problem.variables.enumerated() where magnitude[j] == 0 {
            magnitude[j] = sums[group(v.kind)].map { $0.0 / Double($0.1) } ?? 1
        }
        return magnitude
    }

    /// The starting point: measured and fixed values; unmeasured flows from the linear constraints alone where
    /// they determine them (else the mean measured flow magnitude); unmeasured component values the mean of the
    /// component's values given (else 1); generation terms 0. Clipped into the bounds.
    static func start(
        _ problem: NonlinearProblem, solve linear: (LinearProblem) throws(ReconciliationError) -> LinearSolution
    ) throws(ReconciliationError) -> [Double] {
        let n = problem.variables.count
        var x = [Double](repeating: 0, count: n)
        var flowMagnitude = 0.0, flowCount = 0
        for (j, v) in problem.variables.enumerated() {
            if let value = v.role.value {
                x[j] = value
                if case .flow = v.kind { flowMagnitude += abs(value); flowCount += 1 }
            }
        }
        let typicalFlow = flowCount > 0 && flowMagnitude > 0 ? flowMagnitude / Double(flowCount) : 1
        // Flows: the linear rows over flows only.
        let linearRows = problem.constraints.filter(\.isLinear).filter { c in
            c.expression.variables.allSatisfy { $0 < problem.flowCount }
        }
        if !linearRows.isEmpty, problem.variables.prefix(problem.flowCount).contains(where: { $0.role.value == nil }) {
            var gradient = [Double](repeating: 0, count: problem.flowCount)
            var system = ConstraintSystem(matrix: Matrix(rows: 0, columns: problem.flowCount), constants: [], rowLabels: [])
            let zero = [Double](repeating: 0, count: problem.flowCount)
            for c in linearRows {
                for v in c.expression.variables { gradient[v] = 0 }
                let g0 = c.expression.value(at: zero, accumulating: &gradient)
                system.rows.append(c.expression.variables.sorted().filter { gradient[$0] != 0 }.map { .init(column: $0, coefficient: gradient[$0]) })
                system.constants.append(-g0)
                system.rowLabels.append(c.label)
            }
            let roles = problem.variables.prefix(problem.flowCount).map(\.role)
            if let solution = try? linear(LinearProblem(constraints: system, roles: Array(roles))) {
                for j in 0..<problem.flowCount where problem.variables[j].role.value == nil {
                    x[j] = solution.values[j] ?? typicalFlow
                }
            } else {
                for j in 0..<problem.flowCount where problem.variables[j].role.value == nil { x[j] = typicalFlow }
            }
        }
        var sums: [String: (Double, Int)] = [:]
        for v in problem.variables {
            if case let .component(_, c) = v.kind, let value = v.role.value { sums[c, default: (0, 0)].0 += value; sums[c, default: (0, 0)].1 += 1 }
        }
        for (j, v) in problem.variables.enumerated() where v.role.value == nil {
            if case let .component(_, c) = v.kind { x[j] = sums[c].map { $0.0 / Double($0.1) } ?? 1 }
        }
        for (j, v) in problem.variables.enumerated() {
            if let l = v.lower, x[j] < l { x[j] = l }
            if let u = v.upper, x[j] > u { x[j] = u }
        }
        return x
    }
}

extension LinearProblem.Role {
    /// The value of a measured or fixed variable.
    package var value: Double? {
        switch self {
        case let .measured(value, _), let .fixed(value): return value
        case .unmeasured: return nil
        }
    }

    /// σ of a measured variable.
    package var sigma: Double? {
        if case let .measured(_, sigma) = self { return sigma }
        return nil
    }
}
