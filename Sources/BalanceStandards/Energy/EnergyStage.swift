/// The four stages of an enterprise's energy flow (GB/T 3484-2009; GB/T 16614-1996 diagram [H, S12];
/// STANDARDS.md §3.2): the columns of the GB/T 28751 energy balance table. A node's `stage` column
/// (环节) in `nodes.csv` names one; a node without one inherits its parent's.
public enum EnergyStage: String, Sendable, Hashable, CaseIterable, Comparable {
    /// 购入贮存: purchases, stock change, export/resale; storage and handling losses.
    case purchase
    /// 加工转换: boilers, own power plant, compressor and refrigeration stations …; conversion losses.
    case conversion
    /// 输送分配: lines, transformers, steam/gas/air networks; network losses.
    case distribution
    /// 最终使用: production processes, lighting, HVAC, transport; the rest is 有效能量.
    case endUse = "end-use"

    /// Column order.
    public var index: Int { Self.allCases.firstIndex(of: self)! }

    /// Column order.
    public static func < (lhs: EnergyStage, rhs: EnergyStage) -> Bool { lhs.index < rhs.index }

    /// 购入贮存, 加工转换, 输送分配, 最终使用.
    public var chinese: String {
        switch self {
        case .purchase: return "购入贮存"
        case .conversion: return "加工转换"
        case .distribution: return "输送分配"
        case .endUse: return "最终使用"
        }
    }

    /// Purchase & storage, Conversion, Distribution, End use.
    public var english: String {
        switch self {
        case .purchase: return "Purchase & storage"
        case .conversion: return "Conversion"
        case .distribution: return "Distribution"
        case .endUse: return "End use"
        }
    }

    /// The label in the report language.
    public func label(chinese: Bool) -> String { chinese ? self.chinese : english }

    /// Parses `purchase`/`购入贮存`/`购入`/`贮存`/`储存`, `conversion`/`加工转换`/`转换`,
    /// `distribution`/`输送分配`/`输送`/`分配`, `end-use`/`end use`/`最终使用`/`终端使用`/`使用`
    /// (case-insensitive; spaces, `_` and `-` ignored); also `1`…`4`.
    public init?(text: String) {
        switch EnergyCarrier.key(text) {
        case "purchase", "purchasestorage", "storage", "购入贮存", "购入储存", "购入", "贮存", "储存", "1": self = .purchase
        case "conversion", "加工转换", "转换", "2": self = .conversion
        case "distribution", "输送分配", "输送", "分配", "3": self = .distribution
        case "enduse", "final", "finaluse", "最终使用", "终端使用", "使用", "4": self = .endUse
        default: return nil
        }
    }
}

/// The role of a stream in the energy balance (FORMATS.md §4 `kind`).
public enum EnergyStreamKind: String, Sendable, Hashable, CaseIterable {
    /// 购入: energy bought across the boundary.
    case purchase
    /// 库存变化: opening − closing stock over the period (negative when the stock grew).
    case stock
    /// 外供: energy supplied to outside users (deducted from the supply).
    case export
    /// 有效能: energy effectively used, leaving the boundary.
    case effective
    /// 损失: losses, leaving the boundary.
    case loss
    /// 回收: recovered waste heat or energy re-used inside (not new supply).
    case recovered
    /// An internal transfer between two nodes (no kind given).
    case transfer

    /// Parses English names and the Chinese words of FORMATS.md §4 (`购入`, `外购`, `库存变化`, `库存`,
    /// `外供`, `外销`, `有效能`, `有效能量`, `有效`, `损失`, `损失能量`, `回收`, `回收利用`, `余热回收`,
    /// `transfer`/`internal`/`内部`); `nil` for anything else.
    public init?(text: String) {
        switch EnergyCarrier.key(text) {
        case "purchase", "purchased", "购入", "外购", "购进": self = .purchase
        case "stock", "stockchange", "库存变化", "库存", "库存增减": self = .stock
        case "export", "exported", "外供", "外销", "外输", "转供": self = .export
        case "effective", "useful", "有效能", "有效能量", "有效", "有效利用": self = .effective
        case "loss", "losses", "损失", "损失能量", "损耗": self = .loss
        case "recovered", "recovery", "回收", "回收利用", "余热回收", "余能回收": self = .recovered
        case "transfer", "internal", "内部", "转移", "输送": self = .transfer
        default: return nil
        }
    }

    /// 购入, 库存变化, 外供, 有效能量, 损失能量, 回收利用, 内部.
    public var chinese: String {
        switch self {
        case .purchase: return "购入"
        case .stock: return "库存变化"
        case .export: return "外供"
        case .effective: return "有效能量"
        case .loss: return "损失能量"
        case .recovered: return "回收利用"
        case .transfer: return "内部"
        }
    }
}
