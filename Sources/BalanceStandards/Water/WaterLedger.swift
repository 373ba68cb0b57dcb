import BalanceCore

/// Rolls the streams of a ``WaterNetwork`` up into the quantities of any set of nodes — a unit, a
/// workshop's subtree, a category, the enterprise (definitions in ``WaterQuantity``).
public struct WaterLedger: Sendable {
    /// The classified network.
    public let network: WaterNetwork

    /// A ledger over a classified network.
    public init(_ network: WaterNetwork) { self.network = network }

    /// The quantities of the set `nodes` (nodes outside the boundary in it are ignored).
    /// - Complexity: O(streams).
    public func forms(for nodes: Set<String>) -> WaterQuantityForms {
        let members = nodes.filter { network.isInside($0) }
        var f: [WaterQuantity: WaterLinearForm] = [:]
        func add(_ q: WaterQuantity, _ j: Int, _ c: Double = 1) { f[q, default: .zero].add(j, c) }
        let reuseKinds: Set<WaterStreamKind> = network.parameters.condensateIsReuse ? [.series, .condensate] : [.series]
        for (j, stream) in network.model.streams.enumerated() {
            guard let kind = network.kinds[j] else { continue }
            let fromIn = stream.from.map(members.contains) ?? false
            let toIn = stream.to.map(members.contains) ?? false
            if stream.isLoop {
                guard fromIn else { continue }
                if kind == .circulating || (kind == .condensate && network.parameters.condensateIsReuse) {
                    add(.circulating, j)
                    add(.totalUse, j)
                    add(.reuse, j)
                }
                continue
            }
            // Wastewater sent to a treatment station is not reuse (the treated water it sends on is): counting both
            // would count the same water twice. It is booked like a discharge into the station.
            let reused = reuseKinds.contains(kind) && !intoTreatment(stream)
            switch (fromIn, toIn) {
            case (true, true):
                if reused {
                    add(.totalUse, j)
                    add(.reuse, j)
                }
            case (false, true):
                let fromBoundary = !network.isInside(stream.from)
                if kind == .intake || (kind == .steam && fromBoundary && network.parameters.purchasedSteamIsIntake) {
                    add(.intake, j)
                } else {
                    add(.seriesIn, j)
                    if reused { add(.reuse, j) }
                }
                add(.totalUse, j)
            case (true, false):
                switch kind {
                case .intake: add(.intake, j, -1); add(.totalUse, j, -1)
                case .consumption: add(.consumption, j)
                case .discharge: add(.discharge, j)
                case .leakage: add(.leakage, j)
                case .export: add(.export, j)
                case .series, .steam, .condensate, .circulating: add(.seriesOut, j)
                }
            case (false, false):
                continue
            }
        }
        return WaterQuantityForms(forms: f)
    }

    /// Whether a (non-loop) stream ends at a treatment station (``WaterCategory/treatment``) from another node.
    func intoTreatment(_ stream: BalanceStream) -> Bool {
        guard let to = stream.to, stream.from != to else { return false }
        return network.category(of: to) == .treatment
    }

    /// The quantities of one node alone.
    public func forms(forNode id: String) -> WaterQuantityForms { forms(for: [id]) }

    /// The quantities of a node's subtree in the `parent` hierarchy (the node and all its descendants).
    public func forms(forSubtreeOf id: String) -> WaterQuantityForms { forms(for: Set(network.subtree(of: id))) }

    /// The quantities of the enterprise: every node inside the boundary.
    public var enterprise: WaterQuantityForms { forms(for: Set(network.insideNodes)) }

    /// The nodes of a category (units only), in node order.
    public func nodes(in category: WaterCategory) -> [String] {
        network.units.filter { network.category(of: $0) == category }
    }

    /// The units without a category, in node order.
    public var unclassifiedUnits: [String] { network.units.filter { network.category(of: $0) == nil } }

    /// Σ of all `condensate` streams (loops and returns), the numerator of r_b.
    public var condensate: WaterLinearForm {
        var form = WaterLinearForm.zero
        for (j, kind) in network.kinds.enumerated() where kind == .condensate && network.isInside(network.model.streams[j].to) {
            form.add(j)
        }
        return form
    }

    /// V_w: the treated water that treatment stations send to other nodes inside the boundary (their `series` and
    /// `condensate` outflows; the numerator of the 废水回用率). `nil` when no unit is a treatment station.
    public var treatedReuse: WaterLinearForm? {
        let stations = Set(nodes(in: .treatment))
        guard !stations.isEmpty else { return nil }
        var form = WaterLinearForm.zero
        for (j, stream) in network.model.streams.enumerated() {
            guard let kind = network.kinds[j], kind == .series || kind == .condensate, let from = stream.from,
                  stations.contains(from), let to = stream.to, to != from, network.isInside(to) else { continue }
            form.add(j)
        }
        return form
    }

    /// V_u: the intake from non-conventional sources (``WaterNetwork/nonConventional``) into the boundary.
    public var nonConventionalIntake: WaterLinearForm {
        var form = WaterLinearForm.zero
        for (j, stream) in network.model.streams.enumerated()
        where network.nonConventional[j] && network.kinds[j] == .intake && !network.isInside(stream.from) && network.isInside(stream.to) {
            form.add(j)
        }
        return form
    }

    /// Whether stream j is read by a meter: measured, with a `source` that names a meter (``DataSourceCategory``;
    /// `meters.csv` completes the source).
    func isMetered(_ j: Int) -> Bool {
        let stream = network.model.streams[j]
        return stream.value != nil && DataSourceCategory(source: stream.source) == .meter
    }

    /// The form restricted to the metered streams.
    func metered(_ form: WaterLinearForm) -> WaterLinearForm {
        WaterLinearForm(constant: 0, coefficients: form.coefficients.filter { isMetered($0.key) })
    }

    /// The water entering the water-using units (二级: every stream that ends at a unit inside the boundary from
    /// another node, the supply network's own inflow excepted — that is the boundary's 一级 intake).
    public var unitInflow: WaterLinearForm {
        var form = WaterLinearForm.zero
        for (j, stream) in network.model.streams.enumerated() {
            guard let to = stream.to, stream.from != to, network.units.contains(to),
                  network.category(of: to) != .network, network.kinds[j] != nil else { continue }
            form.add(j)
        }
        return form
    }

    /// Steam produced over the period, D, the denominator of r_b (FORMATS.md §3): for every node inside,
    /// its `steam` column (蒸汽产量, in the flow unit) when `nodes.csv` gives one, else the Σ of the
    /// `steam` streams leaving it. Steam bought from outside is not produced and is not counted.
    /// `nil` when the case gives neither.
    public var steamProduction: WaterLinearForm? {
        var form = WaterLinearForm.zero
        var found = false
        for id in network.insideNodes {
            if let steam = network.model.node(id)?.steam {
                form.constant += steam
                found = true
                continue
            }
            for (j, stream) in network.model.streams.enumerated()
            where network.kinds[j] == .steam && stream.from == id && !stream.isLoop {
                form.add(j)
                found = true
            }
        }
        return found ? form : nil
    }
}
