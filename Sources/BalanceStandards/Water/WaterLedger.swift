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
            switch (fromIn, toIn) {
            case (true, true):
                if reuseKinds.contains(kind) {
                    add(.totalUse, j)
                    add(.reuse, j)
                }
            case (false, true):
                let fromBoundary = !network.isInside(stream.from)
                if kind == .intake || (kind == .steam && fromBoundary && network.parameters.purchasedSteamIsIntake) {
                    add(.intake, j)
                } else {
                    add(.seriesIn, j)
                    if reuseKinds.contains(kind) { add(.reuse, j) }
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
