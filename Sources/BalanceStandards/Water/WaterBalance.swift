import BalanceCore

/// Why a water balance could not be computed.
public enum WaterBalanceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The data are wrong (unknown kind or category, an intake leaving the boundary …): exit status 65.
    case invalidData(ModelError)
    /// Unmeasured streams that the balances do not determine (exit status 65): each lies on a loop of
    /// unmeasured streams or in no balance.
    case undetermined([String])
    /// The reconciliation failed (its own error says whether data, option or numerics).
    case reconciliation(ReconciliationError)
    /// A parameter is out of range (exit status 64).
    case invalidParameter(String)

    /// The message a user sees.
    public var description: String {
        switch self {
        case let .invalidData(error): return error.description
        case let .undetermined(ids):
            return "the balances do not determine the unmeasured stream(s) \(ids.joined(separator: ", ")) (each lies on "
                + "a loop of unmeasured streams or in no balance): measure or estimate one of them"
        case let .reconciliation(error): return error.description
        case let .invalidParameter(text): return text
        }
    }
}

/// The water balance of GB/T 12452 (水平衡测试): balance tables per unit, group and category, the
/// indicators of STANDARDS.md §1.4 with their uncertainties, and the closure checks of §1.5.
///
/// ```swift
/// let result = try WaterBalance.analyze(model, production: WaterProduction(quantity: 300, unit: "t"))
/// result.indicator(.repeatUtilizationRate).value   // 0.92103… (STANDARDS.md §9.1)
/// ```
///
/// **Values.** Without uncertainties (no stream has σ > 0) every given value is exact and each unmeasured
/// stream is computed from a balance in which it is the only unknown (`ExactBalance`). With
/// uncertainties the case is reconciled first (`Reconciler`, full covariance); a value
/// without an uncertainty is then held fixed (σ = 0, with a warning). Either way an unmeasured stream the
/// balances cannot determine is an error naming it.
///
/// **Uncertainties.** Each quantity is a linear form aᵀx and each indicator a ratio of two
/// (``WaterLinearForm``, ``WaterRatio``); with the reconciled covariance C, σ² = aᵀCa for totals and
/// σ² ≈ ∇fᵀ C ∇f for ratios (first order, GUM §5.2). Tested against Monte Carlo.
///
/// **Closures** are checked on the data as given — the audit question is whether the test data close —
/// per unit (default 5 %) and at the boundary (default 10 %); ``WaterBalanceParameters``.
public enum WaterBalance {
    /// `true` when some measured stream has an uncertainty σ > 0 (the case is then reconciled).
    public static func hasUncertainties(_ model: BalanceModel) -> Bool {
        model.streams.contains { $0.value != nil && ($0.sigma ?? 0) > 0 }
    }

    /// Computes the water balance of `model`.
    /// - Parameters:
    ///   - model: the case, with water kinds on its streams and categories on its nodes.
    ///   - parameters: tolerances and the [M]/UNCONFIRMED rules.
    ///   - production: Q for V_uf.
    ///   - requestedMode: force exact or reconciled values; `nil` = reconciled when the case has uncertainties.
    /// - Throws: ``WaterBalanceError``.
    public static func analyze(
        _ model: BalanceModel, parameters: WaterBalanceParameters = .standard, production: WaterProduction? = nil,
        mode requestedMode: WaterBalanceMode? = nil
    ) throws(WaterBalanceError) -> WaterBalanceResult {
        try validate(parameters, production)
        let network: WaterNetwork
        do { network = try WaterNetwork(model, parameters: parameters) } catch { throw .invalidData(error) }
        let ledger = WaterLedger(network)
        let exact = ExactBalance.solve(model, tolerance: parameters.unitClosureTolerance)
        let mode = requestedMode ?? (hasUncertainties(model) ? .reconciled : .exact)
        var warnings = network.warnings

        var values: [Double?]
        var sigmas = [Double?](repeating: nil, count: model.streams.count)
        var covariance: Matrix?
        var reconciliation: ReconciliationResult?
        var computedFrom = [String?](repeating: nil, count: model.streams.count)
        switch mode {
        case .exact:
            values = exact.values
            for (j, label) in exact.computedFrom.enumerated() { computedFrom[j] = label?.id }
        case .reconciled:
            let held = model.streams.filter { $0.value != nil && $0.sigma == nil }.map(\.id)
            if !held.isEmpty {
                warnings.append("\(held.joined(separator: ", ")) \(held.count == 1 ? "has" : "have") a value but no "
                    + "uncertainty: held fixed (σ = 0) in the reconciliation")
            }
            let fixedModel = model.mapStreams { s in
                var s = s
                if s.value != nil && s.sigma == nil { s.sigma = 0 }
                return s
            }
            var result: ReconciliationResult
            let options = ReconciliationOptions(alpha: parameters.alpha, grossErrors: .serial, fullCovariance: true)
            do {
                result = try Reconciler.reconcile(fixedModel, options: options)
            } catch { throw .reconciliation(error) }
            // A water volume reconciled below zero: solved again with the lower bound 0 on every water stream
            // (RECONCILIATION.md §10.3), the least-squares solution that no meter contradicts physically.
            let negative = model.streams.indices.filter { j in
                network.kinds[j] != nil && (result.solution.values[j] ?? 0) < 0 && model.streams[j].lower == nil
            }
            if !negative.isEmpty && !parameters.negativeReadingsAllowed {
                let bounded = fixedModel.mapStreams { s in
                    var s = s
                    if s.lower == nil, let j = model.streamIndex[s.id], network.kinds[j] != nil { s.lower = 0 }
                    return s
                }
                do {
                    result = try NonlinearReconciliation.reconcile(bounded, options: options).result
                } catch { throw .reconciliation(error) }
                warnings.append("the least-squares reconciliation puts " + negative.map { model.streams[$0].id }.joined(separator: ", ")
                    + " below 0, which no water volume can be: reconciled again with the lower bound 0 on every water stream")
            }
            values = result.solution.values
            sigmas = result.solution.sigmas
            covariance = result.solution.covariance
            reconciliation = result
            warnings += reconciliationWarnings(result, network: network)
        }
        let needed = model.streams.indices.filter { j in
            network.kinds[j] != nil && (network.isInside(model.streams[j].from) || network.isInside(model.streams[j].to))
        }
        let undetermined = needed.filter { values[$0] == nil }.map { model.streams[$0].id }
        guard undetermined.isEmpty else { throw .undetermined(undetermined) }
        for j in needed where computedFrom[j] != nil && values[j]! < 0 {
            warnings.append("[negative-value] \(model.streams[j].id) is computed as \(values[j]!) from the balance of "
                + "\(computedFrom[j]!): a negative flow means the data of that balance do not close")
        }
        // A reconciled or estimated water volume below zero is physically impossible: flagged, never silent.
        if let reconciliation {
            for j in needed where computedFrom[j] == nil {
                guard let v = reconciliation.solution.values[j], v < 0 else { continue }
                let sigma = reconciliation.solution.sigmas[j].map { " ± \($0)" } ?? ""
                warnings.append("[negative-value] \(model.streams[j].id) is reconciled to \(v)\(sigma): a water volume "
                    + "cannot be negative — the balances around it do not close with the given meters (check them, or a leak)")
            }
        }

        let evaluator = Evaluator(network: network, values: values, covariance: covariance)
        let units = network.units.map { id in
            evaluator.row(id: id, level: .unit, depth: depth(of: id, in: model), members: [id], forms: ledger.forms(forNode: id))
        }
        let groups = network.groups.compactMap { group -> WaterBalanceRow? in
            let members = network.subtree(of: group.id).filter { network.units.contains($0) }
            guard !members.isEmpty else { return nil }
            return evaluator.row(id: group.id, level: .group, depth: group.depth, members: members,
                                 forms: ledger.forms(forSubtreeOf: group.id))
        }
        var categories: [WaterBalanceRow] = WaterCategory.allCases.compactMap { category in
            let members = ledger.nodes(in: category)
            guard !members.isEmpty else { return nil }
            return evaluator.row(id: category.rawValue, level: .category, depth: 0, members: members,
                                 forms: ledger.forms(for: Set(members)), name: category.chineseName)
        }
        let unclassified = ledger.unclassifiedUnits
        if !unclassified.isEmpty {
            categories.append(evaluator.row(id: "unclassified", level: .category, depth: 0, members: unclassified,
                                            forms: ledger.forms(for: Set(unclassified)), name: "未分类"))
        }
        let enterpriseForms = ledger.enterprise
        let enterprise = evaluator.row(id: "enterprise", level: .enterprise, depth: 0, members: network.units,
                                       forms: enterpriseForms, name: "全厂")

        let indicators = WaterIndicator.allCases.map { indicator -> WaterIndicatorResult in
            switch ledger.ratio(for: indicator, production: production) {
            case let .failure(reason):
                return WaterIndicatorResult(indicator: indicator, unavailable: reason)
            case let .success(ratio):
                let value = ratio.value(values)
                return WaterIndicatorResult(
                    indicator: indicator, value: value,
                    sigma: covariance.flatMap { ratio.standardUncertainty(values, covariance: $0) },
                    numerator: ratio.numerator.value(values), denominator: ratio.denominator.value(values),
                    unavailable: value == nil ? .zeroDenominator : nil, gradient: ratio.gradient(values))
            }
        }
        let totalKeys: [(String, WaterQuantity)] = [
            ("intake", .intake), ("reuse", .reuse), ("consumption", .consumption), ("discharge", .discharge),
            ("leakage", .leakage), ("totalUse", .totalUse), ("circulating", .circulating), ("export", .export),
        ]
        let totals = totalKeys.map { key, q in
            WaterTotal(key: key, quantity: q, value: enterprise[q], sigma: enterprise.sigmas[q],
                       gradient: enterpriseForms[q].coefficients)
        }
        var balance = WaterBalanceResult(
            network: network, mode: mode, values: values, sigmas: sigmas, covariance: covariance,
            reconciliation: reconciliation, computedFrom: computedFrom, units: units, groups: groups,
            categories: categories, enterprise: enterprise, indicators: indicators, totals: totals,
            unitClosures: unitClosures(exact, network: network),
            boundaryCheck: boundaryCheck(exact, network: network), parameters: parameters, production: production,
            warnings: warnings)
        balance.budget = reconciliation.flatMap { UncertaintyBudget(result: $0) }
        return balance
    }

    static func validate(_ p: WaterBalanceParameters, _ production: WaterProduction?) throws(WaterBalanceError) {
        guard p.unitClosureTolerance >= 0, p.unitClosureTolerance.isFinite else {
            throw .invalidParameter("the unit closure tolerance must be a non-negative number")
        }
        guard p.boundaryClosureTolerance >= 0, p.boundaryClosureTolerance.isFinite else {
            throw .invalidParameter("the boundary closure tolerance must be a non-negative number")
        }
        guard p.alpha > 0 && p.alpha < 1 else { throw .invalidParameter("alpha must lie strictly between 0 and 1") }
        if let production, !(production.quantity > 0 && production.quantity.isFinite) {
            throw .invalidParameter("the production quantity must be a positive number")
        }
    }

    static func depth(of id: String, in model: BalanceModel) -> Int {
        var depth = 0
        var current = model.node(id)?.parent
        while let parent = current, depth <= model.nodes.count {
            depth += 1
            current = model.node(parent)?.parent
        }
        return depth
    }

    static func reconciliationWarnings(_ result: ReconciliationResult, network: WaterNetwork) -> [String] {
        let meters = Set(network.boundaryMeterStreams.map { network.model.streams[$0].id })
        var out = result.warnings.filter { w in !meters.contains { w.hasPrefix("\($0) takes part in no balance") } }
        if !result.globalTest.passed {
            let suspects = result.grossErrors.map(\.location)
            out.append("the global test fails (χ² = \(EnergyText.number(result.globalTest.statistic)), dof \(result.globalTest.dof)): "
                + (suspects.isEmpty ? "the data contain a gross error" : "suspect(s) \(suspects.joined(separator: ", "))")
                + "; the indicators use the reconciled values of all meters — check with `balance reconcile`")
        }
        return out
    }

    static func unitClosures(_ exact: ExactBalance.Result, network: WaterNetwork) -> [WaterUnitClosure] {
        let units = Set(network.units)
        let model = network.model
        return exact.closures.compactMap { c in
            guard case let .node(id) = c.balance, units.contains(id) else { return nil }
            var variance = 0.0
            var complete = !c.closesByConstruction
            for (j, s) in model.streams.enumerated() where !s.isLoop && (s.from == id || s.to == id) {
                guard exact.computedFrom[j] == nil, s.value != nil, let sigma = s.sigma else {
                    complete = false
                    break
                }
                variance += sigma * sigma
            }
            return WaterUnitClosure(
                node: id, inflow: c.inflow, outflow: c.outflow, relative: c.relativeImbalance,
                withinTolerance: c.withinTolerance, closesByConstruction: c.closesByConstruction,
                imbalanceSigma: complete && variance > 0 ? variance.squareRoot() : nil)
        }
    }

    static func boundaryCheck(_ exact: ExactBalance.Result, network: WaterNetwork) -> WaterBoundaryCheck? {
        let meters = network.boundaryMeterStreams
        let units = network.unitIntakeStreams
        guard !meters.isEmpty, !units.isEmpty else { return nil }
        var numerator = WaterLinearForm.zero
        var denominator = WaterLinearForm.zero
        for j in meters { numerator.add(j); denominator.add(j) }
        for j in units { numerator.add(j, -1) }
        let ratio = WaterRatio(numerator, over: denominator)
        guard let meter = denominator.value(exact.values), let sum = (denominator - numerator).value(exact.values) else {
            return nil
        }
        let relative = ratio.value(exact.values)
        let model = network.model
        var sigma: Double?
        let involved = meters + units
        if involved.allSatisfy({ exact.computedFrom[$0] == nil && (model.streams[$0].sigma ?? 0) > 0 }) {
            var diagonal = Matrix(rows: model.streams.count, columns: model.streams.count)
            for j in involved { diagonal[j, j] = model.streams[j].sigma! * model.streams[j].sigma! }
            sigma = ratio.standardUncertainty(exact.values, covariance: diagonal)
        }
        return WaterBoundaryCheck(
            meterStreams: meters.map { model.streams[$0].id }, unitStreams: units.map { model.streams[$0].id },
            meter: meter, units: sum, relative: relative, sigma: sigma,
            withinTolerance: abs(relative ?? 0) <= network.parameters.boundaryClosureTolerance)
    }
}

/// Evaluates linear forms into table rows.
struct Evaluator {
    let network: WaterNetwork
    let values: [Double?]
    let covariance: Matrix?

    func row(
        id: String, level: WaterBalanceRow.Level, depth: Int, members: [String], forms: WaterQuantityForms,
        name: String? = nil
    ) -> WaterBalanceRow {
        var v: [WaterQuantity: Double] = [:]
        var s: [WaterQuantity: Double] = [:]
        for q in WaterQuantity.allCases {
            v[q] = forms[q].value(values) ?? .nan
            if let covariance, let variance = forms[q].variance(covariance) { s[q] = variance.squareRoot() }
        }
        let inflow = forms.inflow.value(values) ?? .nan
        let outflow = forms.outflow.value(values) ?? .nan
        let repeatRatio = WaterRatio(forms[.reuse], over: forms[.intake] + forms[.reuse])
        return WaterBalanceRow(
            id: id, name: name ?? network.model.node(id)?.name ?? id, level: level, depth: depth,
            category: level == .unit ? network.category(of: id) : (level == .category ? WaterCategory(rawValue: id) : nil),
            members: members, values: v, sigmas: s, inflow: inflow, outflow: outflow,
            closure: inflow != 0 ? (inflow - outflow) / inflow : nil, repeatRate: repeatRatio.value(values),
            repeatRateSigma: covariance.flatMap { repeatRatio.standardUncertainty(values, covariance: $0) })
    }
}
