import BalanceCore
import BalanceStandards

/// The result of `balance energy` in JSON (FORMATS.md §4, the contract), CSV, Markdown and a plain-text
/// table, with Chinese or English labels.
///
/// JSON keys of FORMATS.md §4 come first in the documented order — `suppliedTce`, `effectiveTce`,
/// `lossTce`, `utilizationRate`, `suppliedEquivalentTce`, `resourceUtilizationRate`,
/// `comprehensiveConsumptionTce`, `stageEfficiency` {`purchase`, `conversion`, `distribution`, `end-use`},
/// `streams`, `table` — then the extensions: the 等价 variant of 综合能耗, unit consumptions
/// (`--production`, `--output-value`), recovered/exported/unaccounted energy, uncertainties, the
/// method, the coefficients used with their sources, and the notes. Rates are fractions; `null` where a
/// figure cannot be determined (e.g. 等价 figures without the electricity 等价值).
public struct EnergyReport: Sendable {
    /// The computed balance.
    public var result: EnergyBalanceResult
    /// Case name for headings.
    public var caseName: String
    /// Label language.
    public var language: LabelLanguage
    /// Warnings from reading the input.
    public var inputWarnings: [String]

    /// Creates the value from its parts (see the properties for meanings and units).
    public init(result: EnergyBalanceResult, caseName: String, language: LabelLanguage = .zh, inputWarnings: [String] = []) {
        self.result = result
        self.caseName = caseName
        self.language = language
        self.inputWarnings = inputWarnings
    }

    /// Every note: input warnings first, then the computation's.
    public var notes: [String] { inputWarnings + result.notes }

    // MARK: JSON

    /// The JSON document.
    public func json() -> JSONValue {
        let f = result.figures
        var members: [(String, JSONValue)] = [
            ("suppliedTce", .number(f.suppliedTce)), ("effectiveTce", .number(f.effectiveTce)),
            ("lossTce", .number(f.lossTce)), ("utilizationRate", .number(f.utilizationRate)),
            ("suppliedEquivalentTce", .number(f.suppliedEquivalentTce)),
            ("resourceUtilizationRate", .number(f.resourceUtilizationRate)),
            ("comprehensiveConsumptionTce", .number(f.comprehensiveConsumptionTce)),
            ("stageEfficiency", .object(EnergyStage.allCases.map { ($0.rawValue, .number(f.stageEfficiency[$0])) })),
            ("streams", .array(result.network.streams.map(streamJSON))),
            ("table", tableJSON()),
        ]
        members += [
            ("comprehensiveConsumptionEquivalentTce", .number(f.comprehensiveConsumptionEquivalentTce)),
            ("recoveredTce", .number(f.recoveredTce)), ("exportTce", .number(f.exportTce)),
            ("unaccountedTce", .number(f.unaccountedTce)),
            ("production", .number(f.production)), ("outputValue", .number(f.outputValue)),
            ("unitProductConsumptionKgce", .number(f.unitProductConsumptionKgce)),
            ("unitProductConsumptionEquivalentKgce", .number(f.unitProductConsumptionEquivalentKgce)),
            ("unitOutputValueConsumptionTce", .number(f.unitOutputValueConsumptionTce)),
            ("unitOutputValueConsumptionEquivalentTce", .number(f.unitOutputValueConsumptionEquivalentTce)),
            ("enterpriseClosureResidual", .number(f.enterpriseClosureResidual)),
            ("method", .string(result.network.method.rawValue)),
        ]
        if let u = f.uncertainty {
            var uncertainty: [(String, JSONValue)] = [
                ("suppliedTce", .number(u.suppliedTce)), ("effectiveTce", .number(u.effectiveTce)),
                ("lossTce", .number(u.lossTce)), ("utilizationRate", .number(u.utilizationRate)),
            ]
            if let budget = f.budget {
                // Each figure's budget (issue 15); comprehensiveConsumptionTce (综合能耗) is suppliedTce's.
                let report = UncertaintyBudgetReport(budget: budget, language: language)
                uncertainty.append(("budgets", .object(EnergyFigures.budgetKeys.map { key in
                    let parts = report.json(u.gradients[key].flatMap(budget.contributions(gradient:)))
                    return (key, .object([("uncertaintyBudget", parts.contributors), ("uncertaintyByCategory", parts.byCategory)]))
                })))
            }
            members.append(("uncertainty", .object(uncertainty)))
        }
        if let r = result.network.reconciliation {
            members.append(("globalTest", ReconciliationReport.json(r.globalTest)))
        }
        members.append(("coefficients", .object([
            ("table", .string(result.tableName)),
            ("electricityEquivalent", .number(result.electricityEquivalent)),
            ("used", .array(result.coefficientsUsed.map(coefficientJSON))),
        ])))
        members.append(("notes", .array(notes.map { .string($0) })))
        return .object(members)
    }

    static func coefficientJSON(_ c: EnergyCoefficient) -> JSONValue {
        .object([
            ("carrier", .string(c.carrier.id)), ("name", .string(c.carrier.chinese)), ("value", .string(c.published)),
            ("unit", .string(c.unitText)), ("heatingValue", .string(c.heatingValue)), ("basis", .string(c.basis.rawValue)),
            ("source", .string(c.source)), ("confidence", .string(c.confidence.rawValue)), ("confirmed", .bool(c.confirmed)),
        ])
    }

    private func coefficientJSON(_ c: EnergyCoefficient) -> JSONValue { Self.coefficientJSON(c) }

    private func streamJSON(_ s: EnergyStreamResult) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(s.id)), ("name", .string(s.name)), ("from", .string(s.from)), ("to", .string(s.to)),
            ("kind", .string(s.kind.rawValue)), ("carrier", .string(s.carrier?.id)), ("unit", .string(s.unit.symbol)),
            ("measured", .number(s.measured)), ("physical", .number(s.physical)), ("tce", .number(s.tce)),
            ("tceSigma", .number(s.tceSigma)), ("equivalentTce", .number(s.equivalentTce)),
            ("status", .string(s.status.rawValue)),
        ]
        if let from = s.computedFrom { members.append(("computedFrom", .string(from))) }
        members.append(("tcePerUnit", .number(s.conversion.tcePerUnit)))
        switch s.conversion.method {
        case let .heatingValue(hv):
            members.append(("heatingValue", .string("\(hv.value) \(hv.unit ?? "")")))
        case let .midpoint(c):
            members.append(("coefficient", .string(c.published + " " + c.unitText + " (midpoint)")))
        case let .coefficient(c):
            members.append(("coefficient", .string(c.published + " " + c.unitText)))
        case .standardCoal, .energyUnit:
            break
        }
        members.append(("source", .string(s.source)))
        return .object(members)
    }

    /// The GB/T 28751 table as JSON: the 购入贮存 block and one row per line of the table, each with its
    /// values per stage (`null` where the table has no entry).
    public func tableJSON() -> JSONValue {
        let table = result.table
        let purchase: [JSONValue] = table.purchase.map { p in
            .object([
                ("carrier", .string(p.row.key.isEmpty ? nil : p.row.key)), ("name", .string(p.row.label(chinese: language.isChinese))),
                ("physical", .number(p.physical)), ("physicalUnit", .string(p.physicalUnit.symbol)),
                ("equivalentTce", .number(p.equivalentTce)), ("calorificTce", .number(p.calorificTce)),
            ])
        }
        let rows: [JSONValue] = tableRows().map { row in
            .object([
                ("row", .string(row.key)), ("carrier", .string(row.carrier)), ("label", .string(row.label)),
                ("values", .object(EnergyStage.allCases.map { ($0.rawValue, .number(row.values[$0.index])) })),
            ])
        }
        return .object([
            ("unit", .string("tce")), ("basis", .string("calorific (当量值); 购入贮存 also in 实物量 and 等价值")),
            ("stages", .array(EnergyStage.allCases.map { .string($0.rawValue) })),
            ("purchase", .array(purchase)), ("rows", .array(rows)),
        ])
    }

    /// One line of the table: key (`input`, `inputTotal`, `output`, `effective`, `export`, `recovered`,
    /// `loss`, `lossTotal`, `unaccounted`, `total`, `closureResidual`, `efficiency`), carrier for per-carrier
    /// lines, label, and one value per stage.
    struct TableRow {
        var key: String
        var carrier: String?
        var label: String
        var values: [Double?]
    }

    func tableRows() -> [TableRow] {
        let table = result.table
        let lang = language
        var rows: [TableRow] = []
        func perCarrier(_ key: String, _ pick: (EnergyBalanceTable.Column) -> [String: Double]) {
            for carrier in table.rows where table.columns.contains(where: { pick($0)[carrier.key] != nil }) {
                rows.append(TableRow(key: key, carrier: carrier.key.isEmpty ? nil : carrier.key,
                                     label: carrier.label(chinese: lang.isChinese), values: table.columns.map { pick($0)[carrier.key] }))
            }
        }
        func total(_ key: String, _ value: (EnergyBalanceTable.Column) -> Double, always: Bool = false) {
            let values = table.columns.map(value)
            guard always || values.contains(where: { $0 != 0 }) else { return }
            rows.append(TableRow(key: key, carrier: nil, label: EnergyLabels.row(key, lang), values: values))
        }
        perCarrier("input") { $0.input }
        total("inputTotal", \.inputTotal, always: true)
        total("output", \.outputTotal, always: true)
        perCarrier("effective") { $0.effective }
        total("export", \.exportTotal)
        total("recovered", \.recoveredTotal)
        perCarrier("loss") { $0.loss }
        total("lossTotal", \.lossTotal, always: true)
        total("unaccounted", \.unaccounted)
        total("total", \.outgoingTotal, always: true)
        total("closureResidual", \.closureResidual, always: true)
        rows.append(TableRow(key: "efficiency", carrier: nil, label: EnergyLabels.row("efficiency", lang),
                             values: table.columns.map(\.efficiency)))
        return rows
    }
}
