import BalanceCore
import BalanceStandards

/// Columns of a user `coefficients.csv` (the `--coefficients FILE.csv` table).
enum CoefficientColumn: String, TableColumn {
    static let headerLookup = makeHeaderLookup()
    case carrier, value, unit, equivalent, heatingValue, source, confirmed

    var aliases: [String] {
        switch self {
        case .carrier: return ["能源品种", "能源名称", "介质", "名称"]
        case .value: return ["折标准煤系数", "系数", "当量值", "coefficient"]
        case .unit: return ["单位"]
        case .equivalent: return ["等价值", "等价系数"]
        case .heatingValue: return ["热值", "平均低位发热量", "低位发热量", "heating value"]
        case .source: return ["来源", "数据来源", "依据"]
        case .confirmed: return ["已确认", "确认"]
        }
    }

    static var required: [CoefficientColumn] { [.carrier, .value, .unit] }
    static var rowNoun: String { "coefficients" }
    static func subject(of row: Row<Self>) -> Subject { Subject(text: row.text(.carrier).map { "carrier '\($0)'" }) }
}

/// Reads a user coefficient table, `coefficients.csv` (FORMATS.md §4 `--coefficients FILE.csv`):
///
/// | column | aliases | meaning |
/// |---|---|---|
/// | `carrier` | 能源品种, 能源名称, 名称 | a GB/T 2589 carrier (Chinese or English) or a new one (生物质 …) |
/// | `value` | 折标准煤系数, 系数, 当量值 | the coefficient (当量值), a number or a range `a–b` |
/// | `unit` | 单位 | `kgce/kg`, `kgce/t`, `kgce/m3`, `tce/万m3`, `kgce/kWh`, `tce/万kWh`, `kgce/MJ`, `tce/GJ` … |
/// | `equivalent` | 等价值 | optional 等价值 in the same unit (e.g. electricity's generation coal rate) |
/// | `heatingValue` | 热值, 平均低位发热量 | optional text, reported with the coefficient |
/// | `source` | 来源, 依据 | where the number comes from (reported) |
/// | `confirmed` | 已确认 | yes/no (default yes: the user vouches for the number) |
///
/// The rows are laid over a published edition (default GB/T 2589-2020): they replace that edition's
/// coefficients of the same carriers and add new carriers, whose dimension is that of the unit. Every
/// coefficient used is listed in the report with its source, so an override is never silent.
public enum CoefficientsReader {
    /// Reads `path` and lays it over `base`.
    /// - Throws: ``InputError`` naming the file, line and column.
    public static func load(_ path: String, over base: CoefficientTable = .edition(.gbt2589_2020),
                            encoding: TextEncoding = .automatic) throws(InputError) -> (CoefficientTable, [String]) {
        let bytes = try CaseLoader.read(path)
        return try load(CSVInput(name: path, bytes: bytes), over: base, encoding: encoding)
    }

    /// Reads an in-memory `coefficients.csv` and lays it over `base`; returns the table and the warnings.
    public static func load(_ input: CSVInput, over base: CoefficientTable = .edition(.gbt2589_2020),
                            encoding: TextEncoding = .automatic) throws(InputError) -> (CoefficientTable, [String]) {
        var warnings: [String] = []
        let table = try CaseLoader.table(input, CoefficientColumn.self, CaseLoadOptions(encoding: encoding), &warnings)
        guard !table.rows.isEmpty else { throw table.noRowsError() }
        var coefficients: [EnergyCoefficient] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            guard let name = row.text(.carrier) else { throw row.error(.carrier, "the carrier is empty") }
            guard let valueText = row.text(.value) else { throw row.error(.value, "the coefficient is empty") }
            guard EnergyCoefficient.isValidPublished(valueText) else {
                throw row.error(.value, "'\(valueText)' is not a positive number or a range such as 0.2857–0.4286")
            }
            guard let unitText = row.text(.unit) else {
                throw row.error(.unit, "the unit is empty (write kgce/kg, kgce/m3, kgce/kWh, tce/万kWh, kgce/MJ …)")
            }
            let (numerator, perUnit) = try parseUnit(unitText, row)
            let carrier = EnergyCarrier.builtIn(name) ?? .userDefined(name: name, dimension: perUnit.dimension)
            if carrier.dimension != perUnit.dimension {
                throw row.error(.unit, "\(carrier) is measured in \(carrier.dimension.words), so its coefficient must be "
                    + "per such a unit, not per \(perUnit.symbol)")
            }
            if let line = seen[carrier.id] {
                throw row.error(.carrier, "\(carrier) is given twice (first on line \(line))")
            }
            seen[carrier.id] = row.line
            var equivalent: Double?
            if let text = row.text(.equivalent) {
                guard let x = Double(text), x.isFinite, x > 0 else {
                    throw row.error(.equivalent, "'\(text)' is not a positive number")
                }
                equivalent = x * numerator.factor
            }
            var confirmed = true
            if let text = row.text(.confirmed) {
                guard let flag = CaseLoader.parseFlag(text) else {
                    throw row.error(.confirmed, "'\(text)' is not yes or no")
                }
                confirmed = flag
            }
            let source = (row.text(.source).map { $0 + "; " } ?? "") + "user table \(input.name):\(row.line)"
            coefficients.append(EnergyCoefficient(
                carrier: carrier, published: valueText, perUnit: perUnit, numerator: numerator,
                heatingValue: row.text(.heatingValue), basis: .calorific, equivalentValue: equivalent, source: source,
                confidence: confirmed ? .high : .unconfirmed))
        }
        return (base.overriding(with: coefficients, name: "\(input.name) over \(base.name)"), warnings)
    }

    /// `kgce/kg` → (kgce, kg); the numerator must be a standard-coal unit, the denominator a physical one.
    static func parseUnit(_ text: String, _ row: Row<CoefficientColumn>) throws(InputError) -> (EnergyUnit, EnergyUnit) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let top = EnergyUnit.parse(String(parts[0])), top.dimension == .standardCoal,
              let bottom = EnergyUnit.parse(String(parts[1])), bottom.dimension != .standardCoal
        else {
            throw row.error(.unit, "'\(text)' is not standard coal per physical unit (write kgce/kg, kgce/t, kgce/m3, "
                + "tce/万m3, kgce/kWh, tce/万kWh, kgce/MJ, tce/GJ …)")
        }
        return (top, bottom)
    }
}

// Adapters from the rows of components.csv to the energy and material modules.
extension LoadedCase {
    /// The rows of `components.csv` that are concentrations for material and pollutant balances
    /// (``/BalanceStandards/MaterialBalance``); heating values are left to the energy balance.
    public var materialConcentrations: [MaterialConcentration] {
        components.filter { !HeatingValue.isHeatingValue(component: $0.component) }
    }

    /// The measured heating values (低位发热量) and steam enthalpies of `components.csv`, by stream
    /// (components named `heating-value`, `calorific-value`, `发热量`, `低位发热量`, `热值`, `enthalpy`, `焓`).
    public var heatingValues: [String: HeatingValue] {
        var values: [String: HeatingValue] = [:]
        for c in components where HeatingValue.isHeatingValue(component: c.component) {
            values[c.stream] = HeatingValue(stream: c.stream, value: c.value, unit: c.unit, sigma: c.sigma, location: c.location)
        }
        return values
    }
}
