import BalanceCore

/// The energy network of a case in tce (当量值): every stream converted to standard coal, the stages of
/// the nodes, and the balances solved (GB/T 3484-2009 statistical method; FORMATS.md §1, §4).
///
/// Solution method:
/// - **Exact data** (no stream has an uncertainty > 0): values are taken as given and each unmeasured
///   stream (typically a loss) is computed from the balance in which it is the only unknown
///   (`ExactBalance`). A node whose given values do not close keeps its closure error, which
///   the table shows as 不明损失 (unaccounted) of its stage, with a warning when |δ| exceeds the tolerance.
/// - **Uncertainties given**: the tce network is reconciled (`Reconciler`); a value without
///   an uncertainty is then taken as exact (σ = 0). Uncertainties are converted with the same factor
///   as the values (the coefficient's own uncertainty is not included).
/// Unmeasured streams that the balances cannot determine are an error: the figures would be wrong.
public struct EnergyNetwork: Sendable {
    /// How the balances were solved.
    public enum Method: String, Sendable, Hashable {
        /// Exact data; unknowns from single-unknown balances.
        case exact
        /// Weighted least-squares reconciliation.
        case reconciled
    }

    /// Streams in model order.
    public var streams: [EnergyStreamResult]
    /// The stage of each node that streams touch.
    public var stages: [String: EnergyStage]
    /// The model in tce (values and σ converted), as solved.
    public var tceModel: BalanceModel
    /// Method used.
    public var method: Method
    /// Reconciliation result, for reconciled cases.
    public var reconciliation: ReconciliationResult?
    /// Per node: Σ in − Σ out with the final values (zero up to rounding when the node closes).
    public var nodeImbalance: [String: Double]
    /// Closures of the exact balance (exact data only).
    public var closures: [ExactBalance.Closure]
    /// Plain-language notes and warnings.
    public var warnings: [String]

    /// Converts and solves.
    ///
    /// - Parameters:
    ///   - model: the case; nodes carry `stage`, streams `carrier`, `unit`, `kind`.
    ///   - heatingValues: measured heating values / enthalpies by stream id.
    ///   - settings: coefficients, electricity 等价值, steam mode.
    ///   - tolerance: relative closure tolerance for exact data (default 5 %, STANDARDS.md §3.3 [M]).
    ///   - reconciliation: options when uncertainties are given.
    /// - Throws: ``EnergyError`` naming the stream, node, file and line.
    public static func solve(
        _ model: BalanceModel, heatingValues: [String: HeatingValue] = [:], settings: EnergyConversionSettings,
        tolerance: Double = 0.05, reconciliation: ReconciliationOptions = .init()
    ) throws(EnergyError) -> EnergyNetwork {
        try settings.validate()
        var warnings: [String] = []
        let stages = try stageMap(model)
        var kinds: [EnergyStreamKind] = []
        var conversions: [StandardCoalConversion] = []
        var defaultedPurchases: [String] = []
        for stream in model.streams {
            let kind = try Self.kind(of: stream)
            if stream.from == nil && stream.kind == nil { defaultedPurchases.append(stream.id) }
            // Only a stock change (库存变化) may be negative; purchases, exports, effective energy, losses,
            // recovered energy and transfers are amounts of energy that flow one way.
            if kind != .stock, let value = stream.value, value < 0 {
                throw EnergyError(.kind, "stream '\(stream.id)' (\(kind.rawValue)): \(value) is negative; only a stock "
                    + "change (库存变化, kind stock) may be negative — check the sign or the direction of the stream",
                    at: stream.location, stream: stream.id)
            }
            kinds.append(kind)
            let conversion: StandardCoalConversion
            do throws(EnergyError) {
                conversion = try StandardCoalConversion.make(
                    carrierName: stream.carrier, unitText: stream.unit, heatingValue: heatingValues[stream.id],
                    measured: stream.value != nil, settings: settings)
            } catch {
                throw error.about(stream: stream.id, at: stream.location)
            }
            if let warning = conversion.warning { warnings.append("stream '\(stream.id)': " + warning) }
            conversions.append(conversion)
        }
        // Steam in mass units converted partly by enthalpy and partly by the fixed coefficient does not balance.
        let steamMethods = zip(model.streams, conversions).filter { $0.1.carrier?.id == "steam" && $0.1.unit.dimension == .mass }
        let byEnthalpy = steamMethods.filter { if case .heatingValue = $0.1.method { return true } else { return false } }
        if !byEnthalpy.isEmpty && byEnthalpy.count < steamMethods.count {
            let fixed = steamMethods.filter { s in !byEnthalpy.contains { $0.0.id == s.0.id } }.map(\.0.id)
            warnings.append("steam streams \(byEnthalpy.map(\.0.id).joined(separator: ", ")) are converted by their enthalpy "
                + "but \(fixed.joined(separator: ", ")) by the fixed coefficient: the steam balances mix two bases; give "
                + "every steam stream in mass units an enthalpy in components.csv")
        }
        if !defaultedPurchases.isEmpty {
            warnings.append("stream(s) \(defaultedPurchases.joined(separator: ", ")) enter from outside the boundary "
                + "without a kind: taken as purchase (购入)")
        }
        let hasUncertainty = model.streams.contains { ($0.sigma ?? 0) > 0 }
        let tceModel = model.mapStreams { stream in
            let j = model.streamIndex[stream.id]!
            let f = conversions[j].tcePerUnit
            var s = stream
            s.value = stream.value.map { $0 * f }
            s.sigma = hasUncertainty && stream.value != nil ? (stream.sigma ?? 0) * f : stream.sigma.map { $0 * f }
            s.lower = stream.lower.map { $0 * f }
            s.upper = stream.upper.map { $0 * f }
            s.unit = "tce"
            return s
        }
        var network = EnergyNetwork(
            streams: [], stages: stages, tceModel: tceModel, method: hasUncertainty ? .reconciled : .exact,
            reconciliation: nil, nodeImbalance: [:], closures: [], warnings: warnings)
        let solved: StreamValues
        // Heating values with uncertainties: quantities and heating values reconciled together (tce = k q h).
        let uncertainHeating = model.streams.indices.filter { j in
            guard case let .heatingValue(hv) = conversions[j].method, (hv.sigma ?? 0) > 0, model.streams[j].value != nil else { return false }
            return true
        }
        if !uncertainHeating.isEmpty {
            let outcome = try EnergyHeatingValueReconciliation.solve(
                tceModel: tceModel, model: model, conversions: conversions, streams: uncertainHeating, options: reconciliation)
            solved = outcome.values
            network.method = .reconciled
            var parts: [String] = []
            for j in uncertainHeating {
                guard let r = outcome.heating[j], let q = r.quantity, let h = r.heatingValue,
                      case let .heatingValue(given) = conversions[j].method else { continue }
                func text(_ x: Double, _ s: Double?) -> String { EnergyText.number(x) + (s.map { " ± " + EnergyText.number($0) } ?? "") }
                parts.append("\(model.streams[j].id): quantity \(text(q, r.quantitySigma)) \(model.streams[j].unit ?? "") (given "
                    + "\(EnergyText.number(model.streams[j].value!))), heating value \(text(h, r.heatingValueSigma)) \(given.unit ?? "") "
                    + "(given \(EnergyText.number(given.value)))")
                // The physical quantity shown in the tables is tce / tce-per-unit: per unit at the reconciled heating value.
                conversions[j].tcePerUnit *= h / given.value
                conversions[j].equivalentTcePerUnit = conversions[j].equivalentTcePerUnit.map { $0 * h / given.value }
            }
            network.warnings.append("heating values with uncertainties: quantities and heating values were reconciled together "
                + "(tce = quantity × heating value): " + parts.joined(separator: "; "))
        } else {
        do {
            solved = try StreamValues.solve(tceModel, reconcile: hasUncertainty, options: reconciliation, tolerance: tolerance)
        } catch {
            switch error {
            case let .undetermined(ids): throw undetermined(ids)
            case let .reconciliation(.invalidModel(e)): throw EnergyError(.other, e.message, at: e.location)
            case let .reconciliation(.invalidOption(text)): throw EnergyError(.invalidOption, text)
            case let .reconciliation(failure): throw EnergyError(.computation, failure.description)
            }
        }
        }
        let values = solved.values, sigmas = solved.sigmas, statuses = solved.statuses, computedFrom = solved.computedFrom
        if let result = solved.reconciliation {
            network.reconciliation = result
            network.warnings += result.warnings
        } else if let exact = solved.exact {
            network.closures = exact.closures
            for closure in exact.closures where !closure.closesByConstruction && !closure.withinTolerance {
                let delta = closure.relativeImbalance.map { EnergyText.number($0 * 100) + " %" } ?? "—"
                network.warnings.append("\(closure.balance) does not close: in − out = \(EnergyText.number(closure.imbalance)) tce "
                    + "(δ = \(delta), tolerance \(EnergyText.number(tolerance * 100)) %); the gap is shown as unaccounted loss")
            }
        }
        // A computed or reconciled amount below zero where only a stock change may be negative: flagged.
        for j in model.streams.indices
        where kinds[j] != .stock && values[j] < 0 && (model.streams[j].value == nil || solved.reconciliation != nil) {
            let sigma = sigmas[j].map { " ± " + EnergyText.number($0) } ?? ""
            network.warnings.append("[negative-value] \(model.streams[j].id) (\(kinds[j].rawValue)) comes out as "
                + "\(EnergyText.number(values[j]))\(sigma) tce: only a stock change may be negative — the balances around it do not close")
        }
        network.streams = model.streams.indices.map { j in
            let stream = model.streams[j]
            let c = conversions[j]
            return EnergyStreamResult(
                id: stream.id, name: stream.name, from: stream.from, to: stream.to, kind: kinds[j], conversion: c,
                measured: stream.value, measuredSigma: stream.sigma, tce: values[j], tceSigma: sigmas[j],
                equivalentTce: c.equivalentTcePerUnit.map { values[j] / c.tcePerUnit * $0 }, status: statuses[j],
                computedFrom: computedFrom[j], source: stream.source, location: stream.location)
        }
        network.nodeImbalance = imbalances(network.streams, nodes: Array(stages.keys))
        return network
    }

    /// The stage of every node touched by a stream (own `stage`, else the nearest ancestor's).
    static func stageMap(_ model: BalanceModel) throws(EnergyError) -> [String: EnergyStage] {
        var stages: [String: EnergyStage] = [:]
        for stream in model.streams {
            for end in [stream.from, stream.to] {
                guard let end, stages[end] == nil else { continue }
                var current = model.node(end)
                var found: EnergyStage?
                while let node = current, found == nil {
                    if let text = node.stage {
                        guard let stage = EnergyStage(text: text) else {
                            throw EnergyError(.stage(node: node.id), "node '\(node.id)': unknown stage '\(text)' (write "
                                + "purchase/购入贮存, conversion/加工转换, distribution/输送分配 or end-use/最终使用)",
                                at: node.location)
                        }
                        found = stage
                    }
                    current = node.parent.flatMap { model.node($0) }
                }
                guard let found else {
                    throw EnergyError(.stage(node: end), "node '\(end)' has no stage (环节): give it one in nodes.csv — "
                        + "purchase/购入贮存, conversion/加工转换, distribution/输送分配 or end-use/最终使用",
                        at: model.node(end)?.location ?? stream.location)
                }
                stages[end] = found
            }
        }
        return stages
    }

    /// The energy kind of a stream, checked against its position (boundary in, boundary out, internal).
    static func kind(of stream: BalanceStream) throws(EnergyError) -> EnergyStreamKind {
        var parsed: EnergyStreamKind?
        if let text = stream.kind {
            guard let kind = EnergyStreamKind(text: text) else {
                throw EnergyError(.kind, "stream '\(stream.id)': unknown kind '\(text)' (energy kinds: purchase/购入, "
                    + "stock/库存变化, export/外供, effective/有效能, loss/损失, recovered/回收; empty for an internal flow)",
                    at: stream.location, stream: stream.id)
            }
            parsed = kind
        }
        func fail(_ text: String) -> EnergyError {
            EnergyError(.kind, "stream '\(stream.id)': " + text, at: stream.location, stream: stream.id)
        }
        switch (stream.from, stream.to) {
        case (nil, nil):
            throw fail("has neither from nor to: an energy stream must enter or leave a node")
        case (nil, _):
            let kind = parsed ?? .purchase
            guard kind == .purchase || kind == .stock else {
                throw fail("enters from outside the boundary, so its kind must be purchase (购入) or stock (库存变化), "
                    + "not '\(stream.kind ?? "")'")
            }
            return kind
        case (_, nil):
            guard let kind = parsed, [.effective, .loss, .export].contains(kind) else {
                throw fail("leaves the boundary, so give its kind: effective (有效能), loss (损失) or export (外供)")
            }
            return kind
        default:
            let kind = parsed ?? .transfer
            guard kind == .transfer || kind == .recovered else {
                throw fail("flows between two nodes, so its kind is empty or recovered (回收); a \(kind.rawValue) "
                    + "stream leaves or enters the boundary (leave 'to' or 'from' empty)")
            }
            return kind
        }
    }

    static func undetermined(_ ids: [String]) -> EnergyError {
        EnergyError(.undetermined(ids), "the balances do not determine the unmeasured stream(s) \(ids.joined(separator: ", ")) "
            + "(each lies on a loop of unmeasured streams, or two unknowns share every balance): measure one of them")
    }

    /// Σ in − Σ out per node with final values; |r| ≤ 1e-9 × throughput is set to 0.
    static func imbalances(_ streams: [EnergyStreamResult], nodes: [String]) -> [String: Double] {
        var net: [String: Double] = [:]
        var scale: [String: Double] = [:]
        for node in nodes { net[node] = 0; scale[node] = 0 }
        for s in streams where !(s.from != nil && s.from == s.to) {
            if let to = s.to { net[to, default: 0] += s.tce; scale[to, default: 0] += abs(s.tce) }
            if let from = s.from { net[from, default: 0] -= s.tce; scale[from, default: 0] += abs(s.tce) }
        }
        return net.reduce(into: [:]) { out, pair in
            out[pair.key] = abs(pair.value) <= 1e-9 * (scale[pair.key] ?? 0) ? 0 : pair.value
        }
    }

    /// The streams of a kind.
    public func streams(_ kind: EnergyStreamKind) -> [EnergyStreamResult] { streams.filter { $0.kind == kind } }

    /// The stage of the node at one end of a stream (`nil` outside).
    public func stage(_ node: String?) -> EnergyStage? { node.flatMap { stages[$0] } }
}

/// Numbers in messages of the energy, savings and material modules.
enum EnergyText {
    /// `x` rounded to 6 decimals without trailing zeros (`12.5`, `-0.0031`); very large or small numbers
    /// in short scientific form.
    static func number(_ x: Double) -> String {
        let magnitude = abs(x)
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "−∞") }
        if magnitude != 0 && (magnitude >= 1e12 || magnitude < 1e-4) { return "\(Float(x))" }
        guard let micro = CheckedInteger.rounded(x * 1e6) else { return "\(x)" }
        var text = String(Double(micro) / 1e6)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
