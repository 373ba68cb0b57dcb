/// The enterprise energy balance table of GB/T 28751 (企业能量平衡表): carriers down, the four stages
/// across, in tce at 当量值, with the 购入贮存 block also in 实物量 and 等价值 (STANDARDS.md §4.2).
///
/// The layout is a reconstruction (**UNCONFIRMED** in detail, principles [M]); the arithmetic is exact.
/// How a stream of final value v (tce) is booked, with F/T the stages of its from/to nodes:
/// - entering from outside (purchase, stock) → input of 购入贮存; if it enters a node of a later stage T,
///   it passes 购入贮存 unchanged (input and output there) and is an input of T;
/// - between nodes of different stages → output of F, input of T; a recovered (回收) stream → 回收利用 of F
///   and input of T, even within one stage; other flows inside a stage cancel;
/// - leaving the boundary → 有效能量, 外供 or 损失 of F by kind.
/// - 不明损失 (unaccounted) of a stage = Σ over its nodes of (Σ in − Σ out): non-zero only when exact data
///   do not close (STANDARDS.md §4.2 rule 4).
/// Then every column closes: input = output + effective + export + recovered + loss + unaccounted
/// (``Column/closureResidual`` is zero up to rounding), and η_k = (input − loss − unaccounted) / input.
public struct EnergyBalanceTable: Sendable {
    /// A row key: a carrier, or none (streams without a carrier: losses in tce, …).
    public struct CarrierRow: Sendable, Hashable {
        /// Carrier id, or "" for streams without a carrier.
        public var key: String
        /// The carrier.
        public var carrier: EnergyCarrier?

        /// The row label: the carrier's name, else 其他 / other.
        public func label(chinese: Bool) -> String {
            carrier?.name(chinese: chinese) ?? (chinese ? "其他(未注明)" : "other (no carrier)")
        }
    }

    /// The 购入贮存 block of one carrier: purchases plus stock change.
    public struct PurchaseRow: Sendable, Hashable {
        /// The carrier row.
        public var row: CarrierRow
        /// 实物量 in ``physicalUnit`` (purchase + stock change); `nil` when the streams' units cannot be added.
        public var physical: Double?
        /// The unit of the first purchase stream of the carrier.
        public var physicalUnit: EnergyUnit
        /// 等价值 in tce; `nil` when it needs the electricity 等价值.
        public var equivalentTce: Double?
        /// 当量值 in tce.
        public var calorificTce: Double
    }

    /// One stage column; all values in tce (当量值), by carrier key where a dictionary.
    public struct Column: Sendable, Hashable {
        /// The stage of this column.
        public var stage: EnergyStage
        /// 供入能量 by carrier.
        public var input: [String: Double] = [:]
        /// Energy passed on to other stages (产出) by carrier.
        public var output: [String: Double] = [:]
        /// 有效能量 by carrier.
        public var effective: [String: Double] = [:]
        /// 外供 by carrier.
        public var export: [String: Double] = [:]
        /// 回收利用 by carrier.
        public var recovered: [String: Double] = [:]
        /// 损失能量 by carrier.
        public var loss: [String: Double] = [:]
        /// 不明损失: closure gap of the stage's nodes.
        public var unaccounted = 0.0

        /// 供入能量小计: Σ input over carriers, tce.
        /// Σ of a column's entries in the order of their carrier keys (never a dictionary's own order,
        /// which changes from process to process and would change the last bits of the sum).
        static func total(_ entries: [String: Double]) -> Double {
            entries.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
        }

        public var inputTotal: Double { Self.total(input) }
        /// 产出: Σ energy passed on to other stages, tce.
        public var outputTotal: Double { Self.total(output) }
        /// 有效能量: Σ effective energy leaving the boundary from this stage, tce.
        public var effectiveTotal: Double { Self.total(effective) }
        /// 外供: Σ energy exported from this stage, tce.
        public var exportTotal: Double { Self.total(export) }
        /// 回收利用: Σ recovered energy sent back from this stage, tce.
        public var recoveredTotal: Double { Self.total(recovered) }
        /// 损失能量: Σ losses of this stage, tce.
        public var lossTotal: Double { Self.total(loss) }
        /// 合计 of the output side: output + effective + export + recovered + loss + unaccounted.
        public var outgoingTotal: Double {
            outputTotal + effectiveTotal + exportTotal + recoveredTotal + lossTotal + unaccounted
        }
        /// input − outgoing: zero up to rounding.
        public var closureResidual: Double { inputTotal - outgoingTotal }
        /// |residual| / input (0 when nothing enters).
        public var relativeClosure: Double { inputTotal == 0 ? abs(closureResidual) : abs(closureResidual) / abs(inputTotal) }
        /// η = (input − loss − unaccounted)/input; `nil` when nothing enters the stage.
        public var efficiency: Double? {
            inputTotal > 0 ? (inputTotal - lossTotal - unaccounted) / inputTotal : nil
        }
    }

    /// Carrier rows in order: purchased carriers first, then the others in stream order.
    public var rows: [CarrierRow]
    /// The 购入贮存 block, one row per purchased carrier.
    public var purchase: [PurchaseRow]
    /// The four stage columns in order.
    public var columns: [Column]

    /// The column of a stage.
    public func column(_ stage: EnergyStage) -> Column { columns[stage.index] }

    /// Builds the table from a solved network.
    public init(network: EnergyNetwork) {
        var rows: [CarrierRow] = []
        var seen = Set<String>()
        func key(_ s: EnergyStreamResult) -> String {
            let k = s.carrier?.id ?? ""
            if seen.insert(k).inserted { rows.append(CarrierRow(key: k, carrier: s.carrier)) }
            return k
        }
        let boundaryIn = network.streams.filter { $0.from == nil && $0.to != nil }
        for s in boundaryIn { _ = key(s) }
        var columns = EnergyStage.allCases.map { Column(stage: $0) }
        for s in network.streams where !(s.from != nil && s.from == s.to) {
            let c = key(s)
            let v = s.tce
            let fromStage = network.stage(s.from)
            let toStage = network.stage(s.to)
            if let t = toStage {
                if s.from == nil {
                    columns[0].input[c, default: 0] += v
                    if t != .purchase {
                        columns[0].output[c, default: 0] += v
                        columns[t.index].input[c, default: 0] += v
                    }
                } else if fromStage != t || s.kind == .recovered {
                    columns[t.index].input[c, default: 0] += v
                }
            }
            if let f = fromStage {
                if s.to == nil {
                    switch s.kind {
                    case .effective: columns[f.index].effective[c, default: 0] += v
                    case .export: columns[f.index].export[c, default: 0] += v
                    default: columns[f.index].loss[c, default: 0] += v
                    }
                } else if s.kind == .recovered {
                    columns[f.index].recovered[c, default: 0] += v
                } else if toStage != f {
                    columns[f.index].output[c, default: 0] += v
                }
            }
        }
        for (node, imbalance) in network.nodeImbalance.sorted(by: { $0.key < $1.key }) {
            if let stage = network.stages[node] { columns[stage.index].unaccounted += imbalance }
        }
        self.rows = rows
        self.columns = columns
        self.purchase = Self.purchaseBlock(boundaryIn, rows: rows)
    }

    private static func purchaseBlock(_ streams: [EnergyStreamResult], rows: [CarrierRow]) -> [PurchaseRow] {
        rows.compactMap { row -> PurchaseRow? in
            let members = streams.filter { ($0.carrier?.id ?? "") == row.key }
            guard let first = members.first else { return nil }
            let unit = first.unit
            var physical: Double? = 0
            var equivalent: Double? = 0
            var calorific = 0.0
            for s in members {
                if let p = physical, let converted = s.unit.convert(s.physical, to: unit) {
                    physical = p + converted
                } else {
                    physical = nil
                }
                if let e = equivalent, let se = s.equivalentTce { equivalent = e + se } else { equivalent = nil }
                calorific += s.tce
            }
            return PurchaseRow(row: row, physical: physical, physicalUnit: unit, equivalentTce: equivalent,
                               calorificTce: calorific)
        }
    }
}
