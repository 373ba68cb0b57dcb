/// An energy carrier (能源品种) or energy-consuming working medium (耗能工质) of GB/T 2589
/// (STANDARDS.md §5.3, §5.4), with its Chinese and English names and the accepted spellings.
///
/// The identity is the English slug ``id`` (`raw-coal`, `electricity` …); ``chinese`` is the name of
/// the standard's tables. Names are matched case-insensitively with spaces, `_` and `-` ignored, so
/// `Raw coal`, `raw_coal` and `raw-coal` are one carrier. A carrier defined only in a user
/// `coefficients.csv` gets an id equal to the name written there (see ``CoefficientTable``).
public struct EnergyCarrier: Sendable, Hashable, Identifiable, CustomStringConvertible {
    /// Broad families; they decide which units make sense and how an energy unit is converted.
    public enum Family: String, Sendable, Hashable, CaseIterable {
        case solidFuel = "solid-fuel"
        case liquidFuel = "liquid-fuel"
        case gaseousFuel = "gaseous-fuel"
        case electricity
        /// Heat-like secondary energy (热力, 蒸汽): an energy amount converts with the heat coefficient.
        case heat
        /// Energy-consuming working media (耗能工质, GB/T 2589 Annex B): valued at 等价值 only.
        case workingMedium = "working-medium"
        /// Anything else (user-defined carriers).
        case other
    }

    /// English slug, the identity (`raw-coal`).
    public var id: String
    /// Chinese name as in GB/T 2589 (`原煤`).
    public var chinese: String
    /// English name (`raw coal`).
    public var english: String
    /// Family.
    public var family: Family
    /// Dimension of the physical unit its coefficient is given per (mass for 原煤: kgce/kg).
    public var dimension: PhysicalDimension
    /// Further accepted spellings.
    public var aliases: [String]
    /// Extra advice shown when the carrier cannot be converted (e.g. 天然气 without a heating value).
    public var hint: String?

    /// Creates the value from its parts (see the properties for meanings and units).
    public init(id: String, chinese: String, english: String, family: Family, dimension: PhysicalDimension,
                aliases: [String] = [], hint: String? = nil) {
        self.id = id
        self.chinese = chinese
        self.english = english
        self.family = family
        self.dimension = dimension
        self.aliases = aliases
        self.hint = hint
    }

    /// `原煤 (raw-coal)`.
    public var description: String { chinese == id ? id : "\(chinese) (\(id))" }

    /// The name in the report language.
    public func name(chinese wantsChinese: Bool) -> String { wantsChinese ? chinese : english }

    /// The dimensions a stream of this carrier may be measured in:
    /// its own dimension, standard coal (already converted), and — except for working media, which
    /// have no calorific content — an energy amount (GJ, MJ, kcal); electricity also in energy units
    /// (1 kWh = 3.6 MJ, then the kWh coefficient).
    public var allowedDimensions: [PhysicalDimension] {
        var dims = [dimension]
        if family != .workingMedium && dimension != .energy { dims.append(.energy) }
        dims.append(.standardCoal)
        return dims
    }

    /// Normalised matching key: lower case, without white space, `_`, `-`, `·`, parentheses.
    public static func key(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter {
            !$0.properties.isWhitespace && !"_-·()（）".unicodeScalars.contains($0)
        })
    }

    /// The built-in carriers (GB/T 2589 Annex A and B, plus electricity, heat and steam).
    public static let catalog: [EnergyCarrier] = [
        .init(id: "raw-coal", chinese: "原煤", english: "raw coal", family: .solidFuel, dimension: .mass,
              aliases: ["coal", "煤炭", "燃料煤", "动力煤"]),
        .init(id: "cleaned-coal", chinese: "洗精煤", english: "cleaned coal", family: .solidFuel, dimension: .mass,
              aliases: ["精煤", "washed coal"]),
        .init(id: "middlings", chinese: "洗中煤", english: "middlings", family: .solidFuel, dimension: .mass,
              aliases: ["其他洗煤洗中煤", "中煤"]),
        .init(id: "coal-slime", chinese: "煤泥", english: "coal slime", family: .solidFuel, dimension: .mass,
              aliases: ["其他洗煤煤泥", "slime"]),
        .init(id: "coke", chinese: "焦炭", english: "coke", family: .solidFuel, dimension: .mass),
        .init(id: "crude-oil", chinese: "原油", english: "crude oil", family: .liquidFuel, dimension: .mass),
        .init(id: "fuel-oil", chinese: "燃料油", english: "fuel oil", family: .liquidFuel, dimension: .mass,
              aliases: ["重油"]),
        .init(id: "gasoline", chinese: "汽油", english: "gasoline", family: .liquidFuel, dimension: .mass,
              aliases: ["petrol"]),
        .init(id: "kerosene", chinese: "煤油", english: "kerosene", family: .liquidFuel, dimension: .mass),
        .init(id: "diesel", chinese: "柴油", english: "diesel", family: .liquidFuel, dimension: .mass,
              aliases: ["diesel oil", "轻柴油"]),
        .init(id: "coal-tar", chinese: "煤焦油", english: "coal tar", family: .liquidFuel, dimension: .mass),
        .init(id: "residual-oil", chinese: "渣油", english: "residual oil", family: .liquidFuel, dimension: .mass),
        .init(id: "lpg", chinese: "液化石油气", english: "LPG", family: .liquidFuel, dimension: .mass,
              aliases: ["liquefied petroleum gas"]),
        .init(id: "refinery-dry-gas", chinese: "炼厂干气", english: "refinery dry gas", family: .gaseousFuel,
              dimension: .mass, aliases: ["refinery gas"]),
        .init(id: "oil-field-gas", chinese: "油田天然气", english: "oil-field natural gas", family: .gaseousFuel,
              dimension: .volume, aliases: ["oil field gas", "oil-field natural gas"]),
        .init(id: "gas-field-gas", chinese: "气田天然气", english: "gas-field natural gas", family: .gaseousFuel,
              dimension: .volume, aliases: ["gas field gas", "gas-field natural gas"]),
        .init(id: "natural-gas", chinese: "天然气", english: "natural gas", family: .gaseousFuel, dimension: .volume,
              aliases: ["NG", "管道天然气"],
              hint: "GB/T 2589 lists 气田天然气 (gas-field-gas, 1.2143 kgce/m3, 8 500 kcal/m3) and 油田天然气 "
                + "(oil-field-gas, 1.3300 kgce/m3, 9 310 kcal/m3): name one of them, or give the measured heating "
                + "value of the gas in components.csv (component heating-value, e.g. 35.2 MJ/m3)"),
        .init(id: "coal-mine-methane", chinese: "煤矿瓦斯气", english: "coal-mine methane", family: .gaseousFuel,
              dimension: .volume, aliases: ["煤矿瓦斯", "瓦斯", "coal mine methane", "CMM"]),
        .init(id: "coke-oven-gas", chinese: "焦炉煤气", english: "coke-oven gas", family: .gaseousFuel,
              dimension: .volume, aliases: ["coke oven gas", "COG"]),
        .init(id: "blast-furnace-gas", chinese: "高炉煤气", english: "blast-furnace gas", family: .gaseousFuel,
              dimension: .volume, aliases: ["blast furnace gas", "BFG"]),
        .init(id: "producer-gas", chinese: "发生炉煤气", english: "producer gas", family: .gaseousFuel,
              dimension: .volume),
        .init(id: "heavy-oil-catalytic-gas", chinese: "重油催化裂解煤气", english: "heavy-oil catalytic cracking gas",
              family: .gaseousFuel, dimension: .volume),
        .init(id: "heavy-oil-thermal-gas", chinese: "重油热裂解煤气", english: "heavy-oil thermal cracking gas",
              family: .gaseousFuel, dimension: .volume),
        .init(id: "coke-gas", chinese: "焦炭制气", english: "gas made from coke", family: .gaseousFuel,
              dimension: .volume),
        .init(id: "pressure-gasification-gas", chinese: "压力气化煤气", english: "pressure gasification gas",
              family: .gaseousFuel, dimension: .volume),
        .init(id: "water-gas", chinese: "水煤气", english: "water gas", family: .gaseousFuel, dimension: .volume),
        .init(id: "crude-benzene", chinese: "粗苯", english: "crude benzene", family: .liquidFuel, dimension: .mass),
        .init(id: "methanol", chinese: "甲醇", english: "methanol (as fuel)", family: .liquidFuel, dimension: .mass,
              aliases: ["甲醇用作燃料"]),
        .init(id: "electricity", chinese: "电力", english: "electricity", family: .electricity,
              dimension: .electricity, aliases: ["电", "电能", "power"]),
        .init(id: "heat", chinese: "热力", english: "heat", family: .heat, dimension: .energy,
              aliases: ["热量", "热", "热水", "hot water"]),
        .init(id: "steam", chinese: "蒸汽", english: "steam", family: .heat, dimension: .mass,
              aliases: ["低压蒸汽", "low-pressure steam", "蒸气"]),
        .init(id: "fresh-water", chinese: "新水", english: "fresh water", family: .workingMedium, dimension: .mass,
              aliases: ["新鲜水", "水", "water", "自来水"]),
        .init(id: "softened-water", chinese: "软化水", english: "softened water", family: .workingMedium,
              dimension: .mass, aliases: ["软水"]),
        .init(id: "deaerated-water", chinese: "除氧水", english: "deaerated water", family: .workingMedium,
              dimension: .mass),
        .init(id: "compressed-air", chinese: "压缩空气", english: "compressed air", family: .workingMedium,
              dimension: .volume),
        .init(id: "blast-air", chinese: "鼓风", english: "blast air", family: .workingMedium, dimension: .volume),
        .init(id: "oxygen", chinese: "氧气", english: "oxygen", family: .workingMedium, dimension: .volume),
        .init(id: "nitrogen-by-product", chinese: "氮气(做副产品时)", english: "nitrogen (as by-product)",
              family: .workingMedium, dimension: .volume, aliases: ["氮气副产品", "nitrogen by-product"]),
        .init(id: "nitrogen-main-product", chinese: "氮气(做主产品时)", english: "nitrogen (as main product)",
              family: .workingMedium, dimension: .volume, aliases: ["氮气主产品", "nitrogen main product"]),
        .init(id: "carbon-dioxide", chinese: "二氧化碳气", english: "carbon dioxide", family: .workingMedium,
              dimension: .volume, aliases: ["二氧化碳", "CO2"]),
        .init(id: "acetylene", chinese: "乙炔", english: "acetylene", family: .workingMedium, dimension: .volume),
        .init(id: "calcium-carbide", chinese: "电石", english: "calcium carbide", family: .workingMedium,
              dimension: .mass),
    ]

    private static let index: [String: EnergyCarrier] = {
        var index: [String: EnergyCarrier] = [:]
        for carrier in catalog {
            for name in [carrier.id, carrier.chinese, carrier.english] + carrier.aliases {
                index[key(name)] = carrier
            }
        }
        return index
    }()

    /// The built-in carrier named `name` (Chinese, English, slug or alias), or `nil`.
    public static func builtIn(_ name: String) -> EnergyCarrier? { index[key(name)] }
}
