import BalanceCore
import BalanceStandards
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Columns of `period.csv`.
enum PeriodColumn: String, TableColumn {
    static let headerLookup = makeHeaderLookup()
    case product, output, unit, energy, energyUnit, outputValue

    var aliases: [String] {
        switch self {
        case .product: return ["产品", "产品名称", "名称"]
        case .output: return ["产量", "产品产量"]
        case .unit: return ["单位", "产量单位"]
        case .energy: return ["综合能耗", "能耗", "energyTce"]
        case .energyUnit: return ["能耗单位"]
        case .outputValue: return ["产值", "工业总产值", "output value"]
        }
    }

    static var required: [PeriodColumn] { [.product, .energy] }
    static var rowNoun: String { "products" }
    static func subject(of row: Row<Self>) -> Subject { Subject(text: row.text(.product).map { "product '\($0)'" }) }
}

/// Columns of `carriers.csv` (per product and carrier, for 单项能源节能量).
enum PeriodCarrierColumn: String, TableColumn {
    static let headerLookup = makeHeaderLookup()
    case product, carrier, quantity, unit

    var aliases: [String] {
        switch self {
        case .product: return ["产品", "产品名称"]
        case .carrier: return ["能源品种", "介质"]
        case .quantity: return ["数量", "实物量", "消耗量", "value", "数值"]
        case .unit: return ["单位"]
        }
    }

    static var required: [PeriodCarrierColumn] { [.product, .carrier, .quantity, .unit] }
    static var rowNoun: String { "carrier quantities" }
    static func subject(of row: Row<Self>) -> Subject {
        Subject(text: [row.text(.product).map { "product '\($0)'" }, row.text(.carrier).map { "carrier '\($0)'" }]
            .compactMap { $0 }.joined(separator: ", "))
    }
}

/// Columns of `measures.csv` (技术措施).
enum PeriodMeasureColumn: String, TableColumn {
    static let headerLookup = makeHeaderLookup()
    case measure, before, after, output, unit, carrier

    var aliases: [String] {
        switch self {
        case .measure: return ["措施", "技术措施", "名称"]
        case .before: return ["措施前单耗", "措施前"]
        case .after: return ["措施后单耗", "措施后"]
        case .output: return ["措施后产量", "产量"]
        case .unit: return ["单耗单位", "单位"]
        case .carrier: return ["能源品种"]
        }
    }

    static var required: [PeriodMeasureColumn] { [.measure, .before, .after, .output, .unit] }
    static var rowNoun: String { "measures" }
    static func subject(of row: Row<Self>) -> Subject { Subject(text: row.text(.measure).map { "measure '\($0)'" }) }
}

/// Reads one period of `balance savings BASE REPORT` (GB/T 13234): a folder with `period.csv` and the
/// optional `carriers.csv` and `measures.csv`, or the path of a `period.csv`.
///
/// `period.csv` — one row per product:
///
/// | column | aliases | meaning |
/// |---|---|---|
/// | `product` | 产品, 产品名称 | product name, the key matched between the periods; `合计`/`total` = whole-enterprise row |
/// | `output` | 产量 | output M (required on product rows) |
/// | `unit` | 单位 | unit of the output (t, 万m, 件 …), the same in both periods |
/// | `energy` | 综合能耗, 能耗 | comprehensive energy consumption E |
/// | `energyUnit` | 能耗单位 | tce (default), kgce, 万tce |
/// | `outputValue` | 产值, 工业总产值 | output value G, 万元 at comparable prices |
///
/// The `合计`/`total` row gives the enterprise's E and G when they differ from the sums of the products
/// (auxiliary consumption, products not listed). `carriers.csv`: `product`, `carrier`, `quantity`, `unit`.
/// `measures.csv`: `measure`, `before`, `after` (unit consumption e_tq, e_th), `output` (P_th), `unit`
/// (`tce/t`, `kgce/t`, `kWh/t` …), `carrier` when the unit is physical.
public enum SavingsPeriodReader {
    /// Names of a total row.
    static let totalNames: Set<String> = ["合计", "总计", "全厂", "total", "enterprise", "*"]

    /// Reads the period at `path` (folder or `period.csv`); `name` labels it in messages.
    /// - Throws: ``InputError`` naming the file, line and column.
    public static func load(_ path: String, name: String, encoding: TextEncoding = .automatic)
        throws(InputError) -> (period: SavingsPeriod, warnings: [String])
    {
        let isDirectory = BatchInputs.isDirectory(path)
        guard BatchInputs.exists(path) else {
            throw InputError(file: path, message: "no such file or folder (\(name) period)")
        }
        let folder = isDirectory ? path : BatchInputs.parent(of: path)
        let periodPath = isDirectory ? CaseLoader.join(path, "period.csv") : path
        guard FileManager.default.fileExists(atPath: periodPath) else {
            throw InputError(file: periodPath, message: "the \(name) period folder has no period.csv")
        }
        func optional(_ file: String) throws(InputError) -> CSVInput? {
            guard let found = CaseLoader.locate(file, in: folder.isEmpty ? "." : folder) else { return nil }
            return CSVInput(name: found, bytes: try CaseLoader.read(found))
        }
        return try load(period: CSVInput(name: periodPath, bytes: try CaseLoader.read(periodPath)),
                        carriers: try optional("carriers.csv"), measures: try optional("measures.csv"), name: name,
                        encoding: encoding)
    }

    /// Reads a period from in-memory files; returns it with the reading warnings (unknown columns).
    public static func load(period: CSVInput, carriers: CSVInput? = nil, measures: CSVInput? = nil, name: String,
                            encoding: TextEncoding = .automatic) throws(InputError) -> (period: SavingsPeriod, warnings: [String]) {
        var warnings: [String] = []
        let options = CaseLoadOptions(encoding: encoding)
        let table = try CaseLoader.table(period, PeriodColumn.self, options, &warnings)
        guard !table.rows.isEmpty else { throw table.noRowsError() }
        var result = SavingsPeriod(name: name, products: [])
        for row in table.rows {
            guard let product = row.text(.product) else { throw row.error(.product, "the product is empty") }
            guard let energy = try row.number(.energy) else { throw row.error(.energy, "the energy consumption is empty") }
            var factor = 1.0
            if let text = row.text(.energyUnit) {
                guard let unit = EnergyUnit.parse(text), unit.dimension == .standardCoal else {
                    throw row.error(.energyUnit, "'\(text)' is not a standard-coal unit (tce, kgce, 万tce)")
                }
                factor = unit.factor / 1000
            }
            let outputValue = try row.number(.outputValue)
            if totalNames.contains(product.lowercased()) {
                result.totalEnergyTce = energy * factor
                result.totalOutputValue = outputValue
                continue
            }
            guard let output = try row.number(.output), output > 0 else {
                throw row.error(.output, "the output must be a positive number")
            }
            if result.product(product) != nil { throw row.error(.product, "the product is listed twice") }
            result.products.append(SavingsPeriod.Product(
                name: product, output: output, unit: row.text(.unit), energyTce: energy * factor, outputValue: outputValue,
                location: row.location()))
        }
        if let carriers {
            let table = try CaseLoader.table(carriers, PeriodCarrierColumn.self, options, &warnings)
            for row in table.rows {
                guard let product = row.text(.product), let carrier = row.text(.carrier), let unit = row.text(.unit),
                      let quantity = try row.number(.quantity)
                else { throw row.error(nil, "product, carrier, quantity and unit are all required") }
                result.carriers.append(SavingsPeriod.CarrierUse(
                    product: product, carrier: carrier, quantity: quantity, unit: unit, location: row.location()))
            }
        }
        if let measures {
            let table = try CaseLoader.table(measures, PeriodMeasureColumn.self, options, &warnings)
            for row in table.rows {
                guard let measure = row.text(.measure), let unit = row.text(.unit), let before = try row.number(.before),
                      let after = try row.number(.after), let output = try row.number(.output)
                else { throw row.error(nil, "measure, before, after, output and unit are all required") }
                result.measures.append(SavingsPeriod.Measure(
                    name: measure, before: before, after: after, output: output, unit: unit, carrier: row.text(.carrier),
                    location: row.location()))
            }
        }
        return (result, warnings)
    }
}
