import BalanceCore

/// Component and pollutant balances (污染因子平衡; STANDARDS.md §8 step 3): loads Σ F·x over the
/// boundary and over each unit operation, from the final (given, computed or reconciled) flows and the
/// concentrations of `components.csv`.
///
/// Load of a stream: F × x × unit factor, in kg per the flows' period (``ConcentrationUnit``). A boundary
/// stream without a value of the component counts as 0 and is listed in ``MaterialBalanceResult/Component/missing``
/// (give 0 explicitly to silence it). Concentrations are taken as given here: exact, or — when they carry
/// uncertainties — already reconciled by ``MaterialComponentReconciliation``, which adds the σ of the totals.
enum MaterialComponents {
    static func balances(
        streams: [MaterialBalanceResult.Stream], model: BalanceModel, unit: MaterialFlowUnit?,
        concentrations: [MaterialConcentration], options: MaterialBalanceOptions, notes: inout [String]
    ) throws(MaterialError) -> [MaterialBalanceResult.Component] {
        var order: [String] = []
        var byComponent: [String: [String: MaterialConcentration]] = [:]
        for c in concentrations where !HeatingValue.isHeatingValue(component: c.component) {
            if byComponent[c.component] == nil { order.append(c.component) }
            byComponent[c.component, default: [:]][c.stream] = c
        }
        var usedDensity = false
        let loadUnit = unit?.loadUnit ?? "kg"
        var result: [MaterialBalanceResult.Component] = []
        let reactive = Set(options.reactive.map { $0.lowercased() })
        for name in order {
            let values = byComponent[name]!
            var loads: [String: Double] = [:]
            for s in streams {
                guard let c = values[s.id] else { continue }
                guard let cu = ConcentrationUnit(c.unit) else {
                    throw MaterialError(.concentration, "component '\(name)' of stream '\(s.id)': unknown concentration unit "
                        + "'\(c.unit ?? "")' (write a mass fraction, %, ppm, mg/kg, g/kg, kg/t, mg/L, g/L, kg/m3)",
                        at: c.location, stream: s.id)
                }
                // A concentration is never negative, and a mass fraction never above 1 (100 %).
                if c.value < 0 {
                    throw MaterialError(.concentration, "component '\(name)' of stream '\(s.id)': the concentration "
                        + "\(c.value) is negative", at: c.location, stream: s.id)
                }
                if cu.basis == .mass && c.value * cu.factor > 1 {
                    throw MaterialError(.concentration, "component '\(name)' of stream '\(s.id)': a mass fraction of "
                        + "\(c.value)\(cu.text.isEmpty ? "" : " " + cu.text) is more than the whole (over 1, or 100 %)",
                        at: c.location, stream: s.id)
                }
                loads[s.id] = cu.load(flow: s.value, unit: unit, value: c.value, density: options.density, usedDensity: &usedDensity)
            }
            let inputs = streams.filter { $0.position == .input }, outputs = streams.filter { $0.position == .output }
            let missing = (inputs + outputs).filter { loads[$0.id] == nil }.map(\.id)
            let input = inputs.reduce(0) { $0 + (loads[$1.id] ?? 0) }
            let output = outputs.reduce(0) { $0 + (loads[$1.id] ?? 0) }
            let isReactive = reactive.contains(name.lowercased())
            let relative = input != 0 ? (input - output) / input : nil
            let tolerance = options.componentTolerance[name] ?? options.tolerance
            func ratio(_ x: Double, _ total: Double) -> Double? { total != 0 ? x / total : nil }
            var outputShares = outputs.map { s in
                MaterialBalanceResult.Share(key: s.id, name: s.name, kind: s.kind, value: loads[s.id] ?? 0,
                                            shareOfInput: ratio(loads[s.id] ?? 0, input), shareOfTotal: ratio(loads[s.id] ?? 0, output))
            }
            if abs(input - output) > 1e-12 * max(abs(input), abs(output)) {
                outputShares.append(.init(key: isReactive ? "consumed" : "unaccounted", name: nil, kind: "loss",
                                          value: input - output, shareOfInput: ratio(input - output, input), shareOfTotal: nil))
            }
            let inputShares = inputs.map { s in
                MaterialBalanceResult.Share(key: s.id, name: s.name, kind: s.kind, value: loads[s.id] ?? 0,
                                            shareOfInput: ratio(loads[s.id] ?? 0, input), shareOfTotal: ratio(loads[s.id] ?? 0, input))
            }
            var nodeImbalances: [MaterialBalanceResult.NodeImbalance] = []
            for node in model.nodes where node.balanced {
                let touching = streams.filter { ($0.from == node.id || $0.to == node.id) && $0.from != $0.to }
                guard !touching.isEmpty, touching.allSatisfy({ loads[$0.id] != nil }) else { continue }
                let nodeIn = touching.filter { $0.to == node.id }.reduce(0) { $0 + loads[$1.id]! }
                let nodeOut = touching.filter { $0.from == node.id }.reduce(0) { $0 + loads[$1.id]! }
                nodeImbalances.append(.init(node: node.id, input: nodeIn, imbalance: nodeIn - nodeOut,
                                            relativeImbalance: nodeIn != 0 ? (nodeIn - nodeOut) / nodeIn : nil))
            }
            if !missing.isEmpty {
                notes.append("component '\(name)': no value for boundary stream(s) \(missing.joined(separator: ", ")), "
                    + "counted as 0 (give 0 explicitly in components.csv when that is meant)")
            }
            result.append(.init(
                component: name, unit: loadUnit, input: input, output: output, imbalance: input - output,
                relativeImbalance: relative, withinTolerance: isReactive ? nil : relative.map { abs($0) <= tolerance },
                reactive: isReactive, inputs: inputShares, outputs: outputShares, missing: missing, nodes: nodeImbalances,
                loads: loads))
        }
        if usedDensity {
            notes.append("a density of \(options.density) kg/m3 was used to combine mass flows with mass-per-volume "
                + "concentrations (or volume flows with mass fractions); change the density")
        }
        let unknownReactive = options.reactive.filter { r in !order.contains { $0.lowercased() == r.lowercased() } }
        if !unknownReactive.isEmpty {
            notes.append("reactive component(s) \(unknownReactive.sorted().joined(separator: ", ")) do not appear in components.csv")
        }
        return result
    }
}
