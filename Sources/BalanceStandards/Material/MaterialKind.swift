/// Roles of streams in the material balance of an audit focus (STANDARDS.md §8, FORMATS.md §1 `kind`):
/// canonical keys for grouping the outputs by where the material goes, with Chinese and English names.
/// Any other kind text is kept as written.
public enum MaterialKind: String, Sendable, Hashable, CaseIterable {
    case rawMaterial = "raw-material", auxiliary, water, product, byProduct = "by-product", wastewater
    case wasteGas = "waste-gas", solidWaste = "solid-waste", loss, recycle

    /// Parses English and Chinese names (原料/原材料, 辅料, 水/新水, 产品/成品, 副产品, 废水/污水, 废气, 固废/固体废物/
    /// 废渣/污泥, 损失/无组织/跑冒滴漏, 回用/循环); `nil` for other text.
    public init?(text: String) {
        switch EnergyCarrier.key(text) {
        case "rawmaterial", "raw", "原料", "原材料", "主料": self = .rawMaterial
        case "auxiliary", "辅料", "辅助材料", "辅材": self = .auxiliary
        case "water", "水", "新水", "freshwater", "intake": self = .water
        case "product", "产品", "成品": self = .product
        case "byproduct", "副产品", "副产物": self = .byProduct
        case "wastewater", "废水", "污水", "discharge", "排水": self = .wastewater
        case "wastegas", "废气", "exhaust", "排气", "尾气": self = .wasteGas
        case "solidwaste", "固废", "固体废物", "废渣", "污泥", "sludge", "废物": self = .solidWaste
        case "loss", "losses", "损失", "无组织", "无组织排放", "跑冒滴漏", "不明损失", "evaporation", "蒸发": self = .loss
        case "recycle", "回用", "循环", "recovered", "回收": self = .recycle
        default: return nil
        }
    }

    /// 原料, 辅料, 水, 产品, 副产品, 废水, 废气, 固废, 损失, 回用.
    public var chinese: String {
        switch self {
        case .rawMaterial: return "原料"
        case .auxiliary: return "辅料"
        case .water: return "水"
        case .product: return "产品"
        case .byProduct: return "副产品"
        case .wastewater: return "废水"
        case .wasteGas: return "废气"
        case .solidWaste: return "固废"
        case .loss: return "损失"
        case .recycle: return "回用"
        }
    }

    /// `true` for outputs that are wastes or losses (drawn red in diagrams).
    public var isWaste: Bool { [.wastewater, .wasteGas, .solidWaste, .loss].contains(self) }

    /// The canonical key of a kind text: the enum's raw value, or the text itself; `unspecified` for none.
    public static func key(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "unspecified" }
        return MaterialKind(text: text)?.rawValue ?? text
    }
}
