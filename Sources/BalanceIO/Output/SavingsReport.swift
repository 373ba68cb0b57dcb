import BalanceStandards

/// The result of `balance savings BASE REPORT` (GB/T 13234): JSON, a plain-text table, Markdown and CSV,
/// with the sign convention stated in every form.
///
/// JSON keys: `signConvention` (`report-minus-base` | `base-minus-report`), `signNote`,
/// `productSavingTce`, `savingRate`, `outputValueSavingTce`, `outputValueSavingRate`,
/// `productMixSavingTce`, `technicalMeasureSavingTce`, `singleCarrierSavings` [{`carrier`, `name`, `unit`,
/// `saving`, `savingTce`, `savingEquivalentTce`}], `products` [{`product`, `unit`, `baseOutput`,
/// `reportOutput`, `baseUnitConsumption`, `reportUnitConsumption`, `savingTce`, `savingRate`}],
/// `measures` [{`measure`, `saving`, `unit`, `savingTce`}], `base`/`report` {`energyTce`, `outputValue`,
/// `unitOutputValueConsumption`}, `notes`. Rates are fractions; `null` where the data do not allow a figure.
public struct SavingsReport: Sendable {
    /// The computed result.
    public var result: EnergySavings.Result
    /// Label language.
    public var language: LabelLanguage
    /// Warnings from reading the input, shown first.
    public var inputWarnings: [String]

    /// Creates the value from its parts (see the properties for meanings and units).
    public init(result: EnergySavings.Result, language: LabelLanguage = .zh, inputWarnings: [String] = []) {
        self.result = result
        self.language = language
        self.inputWarnings = inputWarnings
    }

    /// Plain-language notes (what was left out, assumptions).
    public var notes: [String] { inputWarnings + result.notes }

    /// The JSON document.
    public func json() -> JSONValue {
        let r = result
        func period(_ p: SavingsPeriod) -> JSONValue {
            .object([("energyTce", .number(p.energyTce)), ("outputValue", .number(p.outputValue)),
                     ("unitOutputValueConsumption", .number(p.unitOutputValueConsumption))])
        }
        return .object([
            ("signConvention", .string(r.sign.rawValue)), ("signNote", .string(r.sign.explanation)),
            ("productSavingTce", .number(r.productSavingTce)), ("savingRate", .number(r.savingRate)),
            ("outputValueSavingTce", .number(r.outputValueSavingTce)), ("outputValueSavingRate", .number(r.outputValueSavingRate)),
            ("productMixSavingTce", .number(r.productMixSavingTce)),
            ("technicalMeasureSavingTce", .number(r.technicalMeasureSavingTce)),
            ("singleCarrierSavings", .array(r.carriers.map { c in
                .object([("carrier", .string(c.carrier.id)), ("name", .string(c.carrier.chinese)), ("unit", .string(c.unit)),
                         ("saving", .number(c.saving)), ("savingTce", .number(c.savingTce)),
                         ("savingEquivalentTce", .number(c.savingEquivalentTce))])
            })),
            ("products", .array(r.products.map { p in
                .object([("product", .string(p.product)), ("unit", .string(p.unit)), ("baseOutput", .number(p.baseOutput)),
                         ("reportOutput", .number(p.reportOutput)), ("baseUnitConsumption", .number(p.baseUnitConsumption)),
                         ("reportUnitConsumption", .number(p.reportUnitConsumption)), ("savingTce", .number(p.savingTce)),
                         ("savingRate", .number(p.savingRate))])
            })),
            ("measures", .array(r.measures.map { m in
                .object([("measure", .string(m.measure)), ("saving", .number(m.saving)), ("unit", .string(m.unit)),
                         ("savingTce", .number(m.savingTce))])
            })),
            ("base", period(r.base)), ("report", period(r.report)),
            ("notes", .array(notes.map { .string($0) })),
        ])
    }

    private var lang: LabelLanguage { language }

    private func tce(_ x: Double?) -> String { x.map { NumberFormatting.fixed($0, decimals: 3) + " tce" } ?? "—" }
    private func rate(_ x: Double?) -> String { x.map { NumberFormatting.percent($0, decimals: 2) } ?? "—" }

    /// (label, value) lines of the summary.
    func summary() -> [(String, String)] {
        let r = result
        var lines: [(String, String)] = [
            (lang.pick("产品节能量 ΔE_c", "Product saving ΔE_c"), tce(r.productSavingTce)),
            (lang.pick("节能率 ξ", "Saving rate ξ"), rate(r.savingRate)),
            (lang.pick("产值节能量 ΔE_g", "Output-value saving ΔE_g"), tce(r.outputValueSavingTce)),
            (lang.pick("产值节能率", "Output-value saving rate"), rate(r.outputValueSavingRate)),
            (lang.pick("产品结构节能量 ΔE_cj", "Product-mix saving ΔE_cj"), tce(r.productMixSavingTce)),
            (lang.pick("技术措施节能量 ΔE_t", "Technical-measure saving ΔE_t"), tce(r.technicalMeasureSavingTce)),
        ]
        for c in r.carriers {
            lines.append((lang.pick("单项能源节能量 ", "Single-carrier saving ") + c.carrier.name(chinese: lang.isChinese),
                          NumberFormatting.fixed(c.saving, decimals: 3) + " " + c.unit + " = " + tce(c.savingTce)))
        }
        return lines
    }

    func productRows() -> (headers: [String], rows: [[String]]) {
        let headers = [
            lang.pick("产品", "Product"), lang.pick("单位", "Unit"), lang.pick("基期产量", "Base output"),
            lang.pick("报告期产量", "Report output"), lang.pick("基期单耗 tce", "Base e_j tce"),
            lang.pick("报告期单耗 tce", "Report e_b tce"), lang.pick("节能量 tce", "Saving tce"), lang.pick("节能率", "Rate"),
        ]
        let rows = result.products.map { p in
            [p.product, p.unit ?? "", NumberFormatting.fixed(p.baseOutput, decimals: 0), NumberFormatting.fixed(p.reportOutput, decimals: 0),
             NumberFormatting.fixed(p.baseUnitConsumption, decimals: 6), NumberFormatting.fixed(p.reportUnitConsumption, decimals: 6),
             NumberFormatting.fixed(p.savingTce, decimals: 3), NumberFormatting.percent(p.savingRate, decimals: 2)]
        }
        return (headers, rows)
    }

    private var heading: String { lang.pick("节能量计算 (GB/T 13234)", "Energy savings (GB/T 13234)") }

    /// The plain-text report.
    public func table() -> String {
        var out = heading + "\n" + lang.pick("符号约定: ", "Sign convention: ") + result.sign.explanation + "\n\n"
        var summary = TextTable(headers: [lang.pick("指标", "Figure"), lang.pick("数值", "Value")], rightAligned: [1])
        summary.rows = self.summary().map { [$0.0, $0.1] }
        out += summary.render()
        let (headers, rows) = productRows()
        if !rows.isEmpty {
            var products = TextTable(headers: headers, rightAligned: Set(2..<8))
            products.rows = rows
            out += "\n" + products.render()
        }
        for m in result.measures {
            out += "\n" + lang.pick("措施 ", "Measure ") + m.measure + ": " + NumberFormatting.fixed(m.saving, decimals: 3)
                + " \(m.unit) = " + tce(m.savingTce)
        }
        if !result.measures.isEmpty { out += "\n" }
        if !notes.isEmpty { out += "\n" + lang.pick("说明:", "Notes:") + "\n" + notes.map { "  ! " + MessageCatalogue.text($0, language: lang) }.joined(separator: "\n") + "\n" }
        return out
    }

    /// The Markdown report.
    public func markdown() -> String {
        var out = "# " + heading + "\n\n" + lang.pick("符号约定: ", "Sign convention: ") + result.sign.explanation + "\n\n"
        out += Markdown.table(headers: [lang.pick("指标", "Figure"), lang.pick("数值", "Value")], rows: summary().map { [$0.0, $0.1] })
        let (headers, rows) = productRows()
        if !rows.isEmpty { out += "\n" + Markdown.table(headers: headers, rows: rows) }
        if !notes.isEmpty { out += "\n" + notes.map { "- " + MessageCatalogue.text($0, language: lang) }.joined(separator: "\n") + "\n" }
        return out
    }

    /// CSV: one row per quantity (`quantity,value,unit`), the sign convention first.
    public func csv(includeByteOrderMark: Bool = false) -> String {
        var writer = CSVWriter(includeByteOrderMark: includeByteOrderMark)
        writer.writeRecord(["quantity", "value", "unit"])
        writer.writeRecord(["signConvention", result.sign.rawValue, ""])
        func row(_ key: String, _ x: Double?, _ unit: String) { writer.writeRecord([key, x.map { "\($0)" } ?? "", unit]) }
        row("productSavingTce", result.productSavingTce, "tce")
        row("savingRate", result.savingRate, "fraction")
        row("outputValueSavingTce", result.outputValueSavingTce, "tce")
        row("outputValueSavingRate", result.outputValueSavingRate, "fraction")
        row("productMixSavingTce", result.productMixSavingTce, "tce")
        row("technicalMeasureSavingTce", result.technicalMeasureSavingTce, "tce")
        for c in result.carriers {
            row("singleCarrierSaving:\(c.carrier.id)", c.saving, c.unit)
            row("singleCarrierSavingTce:\(c.carrier.id)", c.savingTce, "tce")
        }
        for p in result.products { row("productSavingTce:\(p.product)", p.savingTce, "tce") }
        return writer.text
    }
}
