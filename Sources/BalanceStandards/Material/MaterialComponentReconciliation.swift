import BalanceCore

/// Material balances whose concentrations carry uncertainties (issue 11, FORMATS.md §5.6): the flows and the
/// component values are reconciled together by ``NonlinearReconciliation`` (Σ F = 0 and Σ F·c = 0 at every unit
/// operation, a free generation term for reactive components), and each component's balance is then computed
/// from the reconciled values with first-order σ from the covariance of the last linearisation:
///
///     load_j = k_j F_j c_j,   σ²(Σ load) = gᵀ C g,   g_{F_j} = k_j c_j,  g_{c_j} = k_j F_j
///
/// (k_j the unit factor of ``ConcentrationUnit``). Values without an uncertainty are exact (σ = 0).
enum MaterialComponentReconciliation {
    /// The reconciled flows (as ``StreamValues``), the concentrations with their reconciled values, and the
    /// reconciliation with its variable layout.
    struct Outcome {
        var values: StreamValues
        var concentrations: [MaterialConcentration]
        var reconciled: NonlinearReconciliationResult
        /// Variable index of each (stream, component) pair, for the σ of loads.
        var variable: [String: Int]
        /// k_j of each (stream, component): load per unit flow of one unit of concentration.
        var factors: [String: Double]
    }

    /// `true` when some concentration has σ > 0.
    static func isNeeded(_ concentrations: [MaterialConcentration]) -> Bool {
        concentrations.contains { ($0.sigma ?? 0) > 0 }
    }

    static func solve(
        _ scaled: BalanceModel, unit: MaterialFlowUnit?, concentrations: [MaterialConcentration], options: MaterialBalanceOptions
    ) throws(MaterialError) -> Outcome {
        // Every concentration as a load per unit of flow (k_j c_j): one unit per component whatever was written
        // (%, mg/kg, mg/L …), so that Σ F·c' = 0 is the load balance; converted back after.
        var factors: [Double] = []
        var usedDensity = false
        for c in concentrations {
            guard let cu = ConcentrationUnit(c.unit) else {
                throw MaterialError(.concentration, "component '\(c.component)' of stream '\(c.stream)': unknown concentration unit "
                    + "'\(c.unit ?? "")' (write a mass fraction, %, ppm, mg/kg, g/kg, kg/t, mg/L, g/L, kg/m3)", at: c.location, stream: c.stream)
            }
            factors.append(cu.load(flow: 1, unit: unit, value: 1, density: options.density, usedDensity: &usedDensity))
        }
        // Flows and concentrations without an uncertainty are exact; reactive components get a generation term.
        let streams = scaled.streams.map { s -> BalanceStream in
            var c = s
            if c.value != nil && c.sigma == nil { c.sigma = 0 }
            return c
        }
        let reactive = Array(options.reactive).sorted()
        let nodes = scaled.nodes.map { n -> Node in
            var c = n
            c.reactiveComponents = reactive
            return c
        }
        let model: BalanceModel
        do {
            model = try BalanceModel(streams: streams, nodes: nodes, relations: scaled.relations)
        } catch {
            throw MaterialError(.other, error.message, at: error.location)
        }
        let measurements = zip(concentrations, factors).map { c, k -> ComponentMeasurement in
            var m = c
            m.value = c.value * k
            m.sigma = (c.sigma ?? 0) * k
            m.unit = "load per flow unit"
            return m
        }
        let result: NonlinearReconciliationResult
        do {
            result = try NonlinearReconciliation.reconcile(model, components: measurements, options: options.reconciliation)
        } catch {
            switch error {
            case let .invalidModel(e):
                throw MaterialError(.concentration, e.message, at: e.location)
            case let .invalidOption(text):
                throw MaterialError(.invalidOption, text)
            case .infeasible:
                throw MaterialError(.other, error.description)
            default:
                throw MaterialError(.computation, error.description)
            }
        }
        let flows = result.result.streams.prefix(result.flowCount)
        let unknown = flows.filter { $0.reconciled == nil }.map(\.id)
        guard unknown.isEmpty else {
            throw MaterialError(.undetermined(unknown), "the balances cannot determine " + unknown.joined(separator: ", ")
                + ": give a value (or more component values) for them", stream: unknown.first)
        }
        let values = StreamValues(
            values: flows.map { $0.reconciled! }, sigmas: flows.map(\.reconciledSigma),
            statuses: flows.map { .init($0.classification) },
            computedFrom: Array(repeating: nil, count: flows.count), reconciliation: result.result, exact: nil)
        var variable: [String: Int] = [:]
        for (j, v) in result.variables.enumerated() { variable[v.id] = j }
        var reconciledConcentrations: [MaterialConcentration] = []
        var scales: [String: Double] = [:]
        for (c, k) in zip(concentrations, factors) {
            var r = c
            if let j = variable["\(c.stream):\(c.component)"], let value = result.result.streams[j].reconciled, k != 0 { r.value = value / k }
            scales["\(c.stream):\(c.component)"] = k
            reconciledConcentrations.append(r)
        }
        return Outcome(values: values, concentrations: reconciledConcentrations, reconciled: result, variable: variable, factors: scales)
    }

    /// σ of Σ load over `streams` (ids) of `component`, with `loads` the loads computed from the reconciled values;
    /// `nil` when the reconciliation kept no full covariance (more than its threshold of variables).
    /// ∂(Σ load)/∂(variable) over `streams` for `component` (load_j = k_j F_j c_j: g_F = k c, g_c = k F), by the
    /// reconciliation's variable index.
    /// - Complexity: O(streams).
    static func gradient(of streams: [String], component: String, loads: [String: Double], outcome: Outcome) -> [Int: Double] {
        var gradient: [Int: Double] = [:]
        for id in streams {
            guard let load = loads[id], let f = outcome.variable[id], let c = outcome.variable["\(id):\(component)"],
                  let flow = outcome.reconciled.result.streams[f].reconciled,
                  let value = outcome.reconciled.result.streams[c].reconciled else { continue }
            let product = flow * value
            guard product != 0 else { continue }
            let k = load / product
            gradient[f, default: 0] += k * value
            gradient[c, default: 0] += k * flow
        }
        return gradient
    }

    /// σ(Σ load) over `streams` = √(gᵀ C g) with g = ``gradient(of:component:loads:outcome:)``; `nil` without a covariance.
    static func sigma(of streams: [String], component: String, loads: [String: Double], outcome: Outcome) -> Double? {
        guard let covariance = outcome.reconciled.result.solution.covariance else { return nil }
        let g = gradient(of: streams, component: component, loads: loads, outcome: outcome).filter { $0.value != 0 }
            .sorted { $0.key < $1.key }  // a fixed order: the same bits on every run
        var variance = 0.0
        for (i, gi) in g { for (j, gj) in g { variance += gi * covariance[i, j] * gj } }
        return variance > 0 ? variance.squareRoot() : 0
    }
}
