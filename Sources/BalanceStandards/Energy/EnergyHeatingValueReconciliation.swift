import BalanceCore

/// Energy balances whose heating values (低位发热量, enthalpies) carry uncertainties (issue 11): the tce of such a
/// stream is the product of two measurements,
///
///     tce_j = k_j · q_j · h_j        (k_j = tce per unit of quantity and unit of heating value, GB/T 2589)
///
/// so the balances in tce are bilinear in the measured quantities and heating values. They are reconciled together by
/// ``NonlinearReconciliation``: tce_j becomes an unmeasured flow, q_j and h_j measured properties of the stream
/// (no balance of their own), and the equation above ties them. Quantities without an uncertainty are exact. The
/// other streams keep their tce value and σ as before.
enum EnergyHeatingValueReconciliation {
    /// The reconciled quantity and heating value of one stream, with their σ (`nil`: not determined).
    struct Reconciled {
        var quantity: Double?, quantitySigma: Double?, heatingValue: Double?, heatingValueSigma: Double?
    }

    /// Property names of the quantity and heating value variables.
    static let quantity = "quantity", heatingValue = "heating-value"

    static func solve(
        tceModel: BalanceModel, model: BalanceModel, conversions: [StandardCoalConversion], streams: [Int],
        options: ReconciliationOptions
    ) throws(EnergyError) -> (values: StreamValues, heating: [Int: Reconciled]) {
        let uncertain = Set(streams)
        let tceStreams = tceModel.streams.enumerated().map { j, s -> BalanceStream in
            var c = s
            if uncertain.contains(j) {
                c.value = nil
                c.sigma = nil
            } else if c.value != nil && c.sigma == nil {
                c.sigma = 0
            }
            return c
        }
        let bilinear: BalanceModel
        do {
            bilinear = try BalanceModel(streams: tceStreams, nodes: tceModel.nodes, relations: tceModel.relations)
        } catch {
            throw EnergyError(.other, error.message, at: error.location)
        }
        var components: [ComponentMeasurement] = []
        var equations: [BalanceEquation] = []
        for j in streams {
            let stream = model.streams[j]
            guard case let .heatingValue(hv) = conversions[j].method, let q = stream.value else { continue }
            guard !stream.id.contains("[") && !stream.id.contains("]") && !stream.id.contains(":") else {
                throw EnergyError(.other, "stream '\(stream.id)': an id with '[', ']' or ':' cannot take part in the reconciliation "
                    + "of heating values; rename it", at: stream.location, stream: stream.id)
            }
            components.append(ComponentMeasurement(stream: stream.id, component: quantity, value: q, sigma: stream.sigma ?? 0,
                                                   unit: stream.unit, location: stream.location))
            components.append(ComponentMeasurement(stream: stream.id, component: heatingValue, value: hv.value, sigma: hv.sigma ?? 0,
                                                   unit: hv.unit, location: hv.location))
            let k = conversions[j].tcePerUnit / hv.value
            equations.append(BalanceEquation(id: "tce of \(stream.id)", text: "[\(stream.id)] = \(k) * [\(stream.id):\(quantity)] * [\(stream.id):\(heatingValue)]"))
        }
        let result: NonlinearReconciliationResult
        do {
            result = try NonlinearReconciliation.reconcile(
                bilinear, components: components, equations: equations, covariance: nil, options: options,
                properties: [quantity, heatingValue])
        } catch {
            switch error {
            case let .invalidModel(e): throw EnergyError(.other, e.message, at: e.location)
            case let .invalidOption(text): throw EnergyError(.invalidOption, text)
            default: throw EnergyError(.computation, error.description)
            }
        }
        let flows = result.result.streams.prefix(result.flowCount)
        let unknown = flows.filter { $0.reconciled == nil }.map(\.id)
        guard unknown.isEmpty else {
            throw EnergyError(.undetermined(unknown), "the balances cannot determine " + unknown.joined(separator: ", "))
        }
        var heating: [Int: Reconciled] = [:]
        var index: [String: Int] = [:]
        for (v, variable) in result.variables.enumerated() { index[variable.id] = v }
        for j in streams {
            let id = model.streams[j].id
            let q = index["\(id):\(quantity)"].map { result.result.streams[$0] }
            let h = index["\(id):\(heatingValue)"].map { result.result.streams[$0] }
            heating[j] = Reconciled(quantity: q?.reconciled, quantitySigma: q?.reconciledSigma,
                                    heatingValue: h?.reconciled, heatingValueSigma: h?.reconciledSigma)
        }
        let values = StreamValues(
            values: flows.map { $0.reconciled! }, sigmas: flows.map(\.reconciledSigma),
            statuses: flows.enumerated().map { j, r in uncertain.contains(j) ? .reconciled : .init(r.classification) },
            computedFrom: Array(repeating: nil, count: flows.count), reconciliation: result.result, exact: nil)
        return (values, heating)
    }
}
