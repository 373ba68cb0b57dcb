import BalanceCore

/// Options of a material balance (`balance material`).
public struct MaterialBalanceOptions: Sendable {
    /// Closure tolerance of the total and component balances: |δ| ≤ 5 % by default (the widely cited rule
    /// of the 企业清洁生产审核手册 [M]; STANDARDS.md §8). Expensive or toxic components often need tighter.
    public var tolerance: Double
    /// Per-component tolerances overriding ``tolerance`` (component name → fraction).
    public var componentTolerance: [String: Double]
    /// Components that are not conserved (COD, BOD₅, reactive species): their imbalance is reported as
    /// consumption − generation and the closure rule is not applied.
    public var reactive: Set<String>
    /// Density that bridges mass flows and mass-per-volume concentrations (and volume flows and mass
    /// fractions), kg/m³. Default 1 000 (aqueous streams) [L]; reported whenever it is used.
    public var density: Double
    /// Reconciliation options, used when uncertainties are given.
    public var reconciliation: ReconciliationOptions

    /// Creates the value from its parts (see the properties for meanings and units).
    public init(tolerance: Double = 0.05, componentTolerance: [String: Double] = [:], reactive: Set<String> = [],
                density: Double = 1000, reconciliation: ReconciliationOptions = .init()) {
        self.tolerance = tolerance
        self.componentTolerance = componentTolerance
        self.reactive = reactive
        self.density = density
        self.reconciliation = reconciliation
    }
}

/// The material balance of an audit focus unit in a cleaner-production audit (清洁生产审核 评估 stage,
/// 物料平衡(包括污染因子平衡); STANDARDS.md §8):
///
///     Σ inputs = Σ products + Σ by-products + Σ wastes + Σ losses (+ accumulation)
///     δ = (Σ inputs − Σ outputs) / Σ inputs,   accepted when |δ| ≤ 5 % (configurable)
///     component c: Σ_in F·x_c = Σ_out F·x_c (+ generation − consumption for reactive c)
///
/// δ is computed with the values as given (measured boundary streams). An unmeasured output (the
/// unaccounted loss 不明损失/跑冒滴漏, usually) is computed from the balances and carries exactly that
/// difference; with uncertainties the totals are reconciled first and the global test is reported.
/// The outputs are listed with their shares of the input: where the material — and each component —
/// goes, the basis of 废弃物产生原因分析.
public enum MaterialBalance {
    /// Computes the balance.
    /// - Throws: ``MaterialError`` for inconsistent units, unknown concentration units, streams the
    ///   balances cannot determine, bad options, numerical failure.
    public static func compute(
        _ model: BalanceModel, concentrations: [MaterialConcentration] = [], options: MaterialBalanceOptions = .init()
    ) throws(MaterialError) -> MaterialBalanceResult {
        guard options.tolerance.isFinite && options.tolerance >= 0, options.density.isFinite && options.density > 0 else {
            throw MaterialError(.invalidOption, "the tolerance must be ≥ 0 and the density > 0")
        }
        // Materials, products, wastes and losses are amounts that flow one way: never negative.
        if let negative = model.streams.first(where: { ($0.value ?? 0) < 0 }) {
            throw MaterialError(.kind, "stream '\(negative.id)': the amount \(negative.value!) is negative; a material "
                + "balance adds masses that flow one way — check the sign or the direction (from/to)",
                at: negative.location, stream: negative.id)
        }
        var notes: [String] = []
        let (unit, factors) = try commonUnit(model)
        let hasUncertainty = model.streams.contains { ($0.sigma ?? 0) > 0 }
        for stream in model.streams where stream.from == nil && stream.to == nil {
            throw MaterialError(.other, "stream '\(stream.id)' has neither from nor to: a material stream enters or leaves "
                + "a unit operation", at: stream.location, stream: stream.id)
        }
        let scaled = model.mapStreams { s in
            let f = factors[s.id]!
            var c = s
            c.value = s.value.map { $0 * f }
            c.sigma = hasUncertainty && s.value != nil ? (s.sigma ?? 0) * f : s.sigma.map { $0 * f }
            c.lower = s.lower.map { $0 * f }
            c.upper = s.upper.map { $0 * f }
            return c
        }
        let solved: StreamValues
        // Concentrations with uncertainties: flows and component values are reconciled together (nonlinear).
        var componentOutcome: MaterialComponentReconciliation.Outcome?
        var concentrations = concentrations
        if MaterialComponentReconciliation.isNeeded(concentrations) {
            let outcome = try MaterialComponentReconciliation.solve(scaled, unit: unit, concentrations: concentrations, options: options)
            componentOutcome = outcome
            concentrations = outcome.concentrations
            notes.append("the concentrations carry uncertainties: flows and component values were reconciled together "
                + "(Σ F·c balanced at every unit operation; \(outcome.reconciled.iterations) Gauss–Newton iterations)")
        }
        do throws(StreamValues.Failure) {
            if let outcome = componentOutcome {
                solved = outcome.values
            } else {
                solved = try StreamValues.solve(scaled, reconcile: hasUncertainty, options: options.reconciliation, tolerance: options.tolerance)
            }
        } catch {
            switch error {
            case let .undetermined(ids): throw undetermined(ids)
            case let .reconciliation(.invalidModel(e)): throw MaterialError(.other, e.message, at: e.location)
            case let .reconciliation(.invalidOption(text)): throw MaterialError(.invalidOption, text)
            case let .reconciliation(failure): throw MaterialError(.computation, failure.description)
            }
        }
        let values = solved.values, sigmas = solved.sigmas, computedFrom = solved.computedFrom
        let statuses = solved.statuses.map(\.rawValue)
        let reconciliation = solved.reconciliation
        var nodes: [MaterialBalanceResult.NodeClosure] = []
        if let result = solved.reconciliation {
            notes += result.warnings
            if !result.globalTest.passed {
                notes.append("the global test of the reconciliation fails (χ² = \(EnergyText.number(result.globalTest.statistic)), "
                    + "\(result.globalTest.dof) degrees of freedom): the measurements contradict the balances; run "
                    + "`balance reconcile` on the case to find the suspect meters")
            }
            nodes = result.nodes.filter(\.balanced).map { n in
                let relative = n.unmeasuredStreams == 0 ? n.relativeImbalance : nil
                return .init(node: n.id, inflow: 0, outflow: 0, relativeImbalance: relative,
                             withinTolerance: relative.map { abs($0) <= options.tolerance })
            }
        } else if let exact = solved.exact {
            nodes = exact.closures.compactMap { c in
                guard case let .node(id) = c.balance else { return nil }
                return .init(node: id, inflow: c.inflow, outflow: c.outflow,
                             relativeImbalance: c.closesByConstruction ? nil : c.relativeImbalance,
                             withinTolerance: c.closesByConstruction ? nil : c.withinTolerance)
            }
        }
        let streams: [MaterialBalanceResult.Stream] = scaled.streams.enumerated().map { j, s in
            let position: MaterialBalanceResult.Position = s.from == nil ? .input : s.to == nil ? .output : .internal
            return .init(id: s.id, name: s.name, from: s.from, to: s.to, kind: s.kind, position: position, measured: s.value,
                         value: values[j], sigma: sigmas[j], status: statuses[j], computedFrom: computedFrom[j], source: s.source)
        }
        // Node in/out with final values (filled for the reconciled case too).
        for k in nodes.indices {
            let id = nodes[k].node
            nodes[k].inflow = streams.filter { $0.to == id && $0.from != id }.reduce(0) { $0 + $1.value }
            nodes[k].outflow = streams.filter { $0.from == id && $0.to != id }.reduce(0) { $0 + $1.value }
        }
        // [negative-value]: an amount computed or reconciled below zero cannot flow; the balances around it do not close.
        for stream in streams where stream.isImpossibleNegative {
            let sigma = stream.sigma.map { " ± " + EnergyText.number($0) } ?? ""
            notes.append("[negative-value] \(stream.id) comes out as \(EnergyText.number(stream.value))\(sigma)"
                + (stream.computedFrom.map { " from the balance of \($0)" } ?? "")
                + ": a material amount cannot be negative — the balances around it do not close")
        }
        let totals = self.totals(streams, tolerance: options.tolerance, notes: &notes)
        let (inputs, outputs, byKind) = shares(streams, totals: totals)
        var components = try MaterialComponents.balances(
            streams: streams, model: model, unit: unit, concentrations: concentrations, options: options, notes: &notes)
        let budget = componentOutcome.flatMap { UncertaintyBudget(result: $0.reconciled.result) }
        if let outcome = componentOutcome {
            let inputs = streams.filter { $0.position == .input }.map(\.id), outputs = streams.filter { $0.position == .output }.map(\.id)
            for k in components.indices {
                let c = components[k]
                components[k].inputSigma = MaterialComponentReconciliation.sigma(of: inputs, component: c.component, loads: c.loads, outcome: outcome)
                components[k].outputSigma = MaterialComponentReconciliation.sigma(of: outputs, component: c.component, loads: c.loads, outcome: outcome)
                if let budget {
                    let gIn = MaterialComponentReconciliation.gradient(of: inputs, component: c.component, loads: c.loads, outcome: outcome)
                    let gOut = MaterialComponentReconciliation.gradient(of: outputs, component: c.component, loads: c.loads, outcome: outcome)
                    components[k].budgets["input"] = budget.contributions(gradient: gIn)
                    components[k].budgets["output"] = budget.contributions(gradient: gOut)
                    if c.input != 0 {
                        // δ = (I − O)/I: ∂δ = (O ∂I − I ∂O)/I².
                        var g: [Int: Double] = [:]
                        for (j, v) in gIn { g[j, default: 0] += c.output * v / (c.input * c.input) }
                        for (j, v) in gOut { g[j, default: 0] -= v / c.input }
                        components[k].budgets["relativeImbalance"] = budget.contributions(gradient: g)
                    }
                }
                components[k].reconciledConcentrations = concentrations.filter { $0.component == c.component }.map { r in
                    let key = "\(r.stream):\(r.component)"
                    let result = outcome.variable[key].map { outcome.reconciled.result.streams[$0] }
                    let k = outcome.factors[key] ?? 1
                    func back(_ x: Double?) -> Double? { k != 0 ? x.map { $0 / k } : x }
                    return .init(stream: r.stream, measured: back(result?.measured) ?? r.value, measuredSigma: back(result?.sigma),
                                 reconciled: r.value, reconciledSigma: back(result?.reconciledSigma))
                }
            }
        }
        var result = MaterialBalanceResult(
            unit: unit, streams: streams, totals: totals, outputs: outputs, outputsByKind: byKind, inputs: inputs,
            components: components, nodes: nodes, method: hasUncertainty ? "reconciled" : "exact",
            reconciliation: reconciliation, notes: notes)
        result.budget = budget
        return result
    }

    /// The unit of the first stream that has one, and every stream's factor to it.
    static func commonUnit(_ model: BalanceModel) throws(MaterialError) -> (MaterialFlowUnit?, [String: Double]) {
        var common: MaterialFlowUnit?
        var factors: [String: Double] = [:]
        for s in model.streams {
            guard let text = s.unit, !text.isEmpty else {
                if s.value != nil && model.streams.contains(where: { $0.unit?.isEmpty == false }) {
                    throw MaterialError(.unit, "stream '\(s.id)': the value has no unit while other streams have one",
                                        at: s.location, stream: s.id)
                }
                factors[s.id] = 1
                continue
            }
            guard let unit = MaterialFlowUnit(text) else {
                throw MaterialError(.unit, "stream '\(s.id)': '\(text)' is not a mass or volume unit (write t, kg, m3, "
                    + "optionally per period: t/d, kg/批)", at: s.location, stream: s.id)
            }
            guard let base = common else {
                common = unit
                factors[s.id] = 1
                continue
            }
            guard unit.amount.dimension == base.amount.dimension, unit.period == base.period else {
                throw MaterialError(.unit, "stream '\(s.id)' is in '\(unit)' but the balance is in '\(base)' (first unit "
                    + "given): convert to one dimension and period (water: 1 m3 ≈ 1 t)", at: s.location, stream: s.id)
            }
            factors[s.id] = unit.amount.factor / base.amount.factor
        }
        return (common, factors)
    }

    static func undetermined(_ ids: [String]) -> MaterialError {
        MaterialError(.undetermined(ids), "the balances do not determine the unmeasured stream(s) \(ids.joined(separator: ", ")) "
            + "(two unknowns share every balance, or they lie on a loop): measure one of them")
    }

    static func totals(_ streams: [MaterialBalanceResult.Stream], tolerance: Double, notes: inout [String])
        -> MaterialBalanceResult.Totals
    {
        let inputs = streams.filter { $0.position == .input }, outputs = streams.filter { $0.position == .output }
        let input = inputs.reduce(0) { $0 + $1.value }, output = outputs.reduce(0) { $0 + $1.value }
        let computed = (inputs + outputs).filter { $0.measured == nil }.map(\.id)
        var imbalance: Double?, relative: Double?
        if inputs.allSatisfy({ $0.measured != nil }) {
            let givenIn = inputs.reduce(0) { $0 + $1.measured! }
            let givenOut = outputs.reduce(0) { $0 + ($1.measured ?? 0) }
            imbalance = givenIn - givenOut
            relative = givenIn != 0 ? (givenIn - givenOut) / givenIn : nil
        }
        if !computed.isEmpty {
            notes.append("boundary stream(s) \(computed.joined(separator: ", ")) are not measured: they are computed from the "
                + "balance of their unit operation, and δ (given values only) includes them")
        }
        return .init(input: input, output: output, imbalance: imbalance, relativeImbalance: relative, tolerance: tolerance,
                     withinTolerance: relative.map { abs($0) <= tolerance }, computedStreams: computed)
    }

    static func shares(_ streams: [MaterialBalanceResult.Stream], totals: MaterialBalanceResult.Totals)
        -> ([MaterialBalanceResult.Share], [MaterialBalanceResult.Share], [MaterialBalanceResult.Share])
    {
        func ratio(_ x: Double, _ total: Double) -> Double? { total != 0 ? x / total : nil }
        let inputs = streams.filter { $0.position == .input }.map {
            MaterialBalanceResult.Share(key: $0.id, name: $0.name, kind: $0.kind, value: $0.value,
                                        shareOfInput: ratio($0.value, totals.input), shareOfTotal: ratio($0.value, totals.input))
        }
        var outputs = streams.filter { $0.position == .output }.map {
            MaterialBalanceResult.Share(key: $0.id, name: $0.name, kind: $0.kind, value: $0.value,
                                        shareOfInput: ratio($0.value, totals.input), shareOfTotal: ratio($0.value, totals.output))
        }
        let gap = totals.input - totals.output
        if abs(gap) > 1e-9 * max(abs(totals.input), 1) {
            outputs.append(.init(key: "unaccounted", name: nil, kind: "loss", value: gap,
                                 shareOfInput: ratio(gap, totals.input), shareOfTotal: nil))
        }
        var order: [String] = []
        var sums: [String: Double] = [:]
        for o in outputs {
            let key = o.key == "unaccounted" ? "unaccounted" : MaterialKind.key(o.kind)
            if sums[key] == nil { order.append(key) }
            sums[key, default: 0] += o.value
        }
        let byKind = order.map { k in
            MaterialBalanceResult.Share(key: k, name: nil, kind: k, value: sums[k]!, shareOfInput: ratio(sums[k]!, totals.input),
                                        shareOfTotal: ratio(sums[k]!, totals.output))
        }
        return (inputs, outputs, byKind)
    }
}
