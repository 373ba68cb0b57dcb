import BalanceIO
import BalanceStandards

extension AuditReport {
    /// The figures of an energy or material chapter, each `name`, `display` (value ± σ), for the report's table of
    /// results: GB/T 3484 figures in tce, or each component's input, output and closure.
    static func figures(_ chapter: JSONValue?, balance: String?, zh: Bool) -> [JSONValue] {
        guard let chapter else { return [] }
        switch balance {
        case "energy":
            let sigmas = chapter["uncertainty"]
            return ["suppliedTce", "effectiveTce", "lossTce", "utilizationRate", "comprehensiveConsumptionTce",
                    "suppliedEquivalentTce", "resourceUtilizationRate"].compactMap { key in
                guard let value = chapter[key]?.double else { return nil }
                // 综合能耗 is the energy supplied (FORMATS.md §4): its σ is that of suppliedTce.
                let sigma = sigmas?[key]?.double ?? (key == "comprehensiveConsumptionTce" ? sigmas?["suppliedTce"]?.double : nil)
                let isRate = key.hasSuffix("Rate")
                return .object([
                    ("key", .string(key)), ("name", .string(energyFigureName(key, zh: zh))), ("value", .number(value)),
                    ("sigma", .number(sigma)),
                    ("display", .string(isRate ? ReportNumber.percentWithSigma(value, sigma) : ReportNumber.withSigma(value, sigma) + " tce")),
                ])
            }
        case "material":
            return (chapter["components"]?.elements ?? []).flatMap { component -> [JSONValue] in
                guard let name = component["component"]?.text else { return [] }
                let unit = component["unit"]?.text.map { " " + $0 } ?? ""
                let input = component["input"]?.double, output = component["output"]?.double
                let closure = component["relativeImbalance"]?.double
                return [
                    .object([("key", .string("\(name):input")), ("name", .string("\(name) \(zh ? "输入" : "input")")),
                             ("value", .number(input)), ("sigma", component["inputSigma"] ?? .null),
                             ("display", .string(ReportNumber.withSigma(input, component["inputSigma"]?.double) + unit))]),
                    .object([("key", .string("\(name):output")), ("name", .string("\(name) \(zh ? "输出" : "output")")),
                             ("value", .number(output)), ("sigma", component["outputSigma"] ?? .null),
                             ("display", .string(ReportNumber.withSigma(output, component["outputSigma"]?.double) + unit))]),
                    .object([("key", .string("\(name):closure")), ("name", .string("\(name) \(zh ? "闭合差" : "closure")")),
                             ("value", .number(closure)), ("sigma", .null),
                             ("display", .string(ReportNumber.percent(closure, decimals: 2)))]),
                ]
            }
        default:
            return []
        }
    }

    /// The material chapter's losses: for each component, its outputs to waste or loss (MaterialKind.isWaste:
    /// wastewater, waste gas, solid waste, losses) ranked by amount, with their share of the component's input — the
    /// input of 废弃物产生原因分析. Outputs of zero, and the closure residual, are left out.
    static func materialLosses(_ chapter: JSONValue?, zh: Bool) -> [JSONValue] {
        (chapter?["components"]?.elements ?? []).flatMap { component -> [JSONValue] in
            let name = component["component"]?.text ?? ""
            let unit = component["unit"]?.text.map { " " + $0 } ?? ""
            let wastes = (component["outputs"]?.elements ?? []).enumerated().filter { _, output in
                // The closure residual (`unaccounted`) is no stream: the table of figures shows it as the closure.
                guard output["stream"]?.text != "unaccounted", let kind = output["kind"]?.text,
                      let value = output["value"]?.double else { return false }
                return value > 0 && MaterialKind(text: kind)?.isWaste == true
            }
            // Largest first; ties keep the chapter's order.
            let ranked = wastes.sorted { lhs, rhs in
                let a = lhs.element["value"]?.double ?? 0, b = rhs.element["value"]?.double ?? 0
                return a != b ? a > b : lhs.offset < rhs.offset
            }.map(\.element)
            return ranked.enumerated().map { rank, output in
                let value = output["value"]?.double, share = output["shareOfInput"]?.double
                return .object([
                    ("rank", .integer(rank + 1)), ("component", .string(name)), ("id", output["stream"] ?? .null),
                    ("name", output["name"] ?? .null), ("kind", output["kind"] ?? .null), ("loss", .number(value)),
                    ("lossDisplay", .string(ReportNumber.flow(value) + unit)), ("share", .number(share)),
                    ("shareDisplay", .string(ReportNumber.percent(share))),
                ])
            }
        }
    }

    /// The energy chapter's losses: every loss stream of the energy balance (kind `loss`: a unit's losses, line and
    /// transformer losses, pipe-network losses) ranked by tce, with its σ and its share of the balance's lossTce
    /// (GB/T 3484 §5: 损失能量) — where the energy goes, the input of 废弃物产生原因分析. Losses of zero are left out.
    static func energyLosses(_ chapter: JSONValue?) -> [JSONValue] {
        let total = chapter?["lossTce"]?.double
        let losses = (chapter?["streams"]?.elements ?? []).enumerated().filter { _, stream in
            stream["kind"]?.text == "loss" && (stream["tce"]?.double ?? 0) > 0
        }
        // Largest first; ties keep the chapter's order.
        let ranked = losses.sorted { lhs, rhs in
            let a = lhs.element["tce"]?.double ?? 0, b = rhs.element["tce"]?.double ?? 0
            return a != b ? a > b : lhs.offset < rhs.offset
        }.map(\.element)
        return ranked.enumerated().map { rank, stream in
            let tce = stream["tce"]?.double
            let share = total.flatMap { t in tce.flatMap { t > 0 ? $0 / t : nil } }
            return .object([
                ("rank", .integer(rank + 1)), ("id", stream["id"] ?? .null), ("name", stream["name"] ?? .null),
                ("node", .string(stream["from"]?.text ?? "–")), ("status", stream["status"] ?? .null),
                ("loss", .number(tce)), ("lossSigma", .number(stream["tceSigma"]?.double)),
                ("lossDisplay", .string(ReportNumber.withSigma(tce, stream["tceSigma"]?.double) + " tce")),
                ("share", .number(share)), ("shareDisplay", .string(ReportNumber.percent(share))),
            ])
        }
    }

    /// The option's verified performance from the `balance compare` JSON: every indicator, and the streams whose
    /// change is significant, with change ± σ, z, p and the statement.
    static func comparison(_ json: JSONValue) -> JSONValue {
        func row(_ entry: JSONValue) -> JSONValue {
            .object([
                ("id", entry["id"] ?? .null), ("name", entry["name"] ?? entry["id"] ?? .null),
                ("before", .string(ReportNumber.withSigma(entry["before"]?.double, entry["beforeSigma"]?.double))),
                ("after", .string(ReportNumber.withSigma(entry["after"]?.double, entry["afterSigma"]?.double))),
                ("change", .string(ReportNumber.withSigma(entry["change"]?.double, entry["changeSigma"]?.double))),
                ("z", .string(entry["z"]?.double.map { NumberFormatting.fixed($0, decimals: 2) } ?? "–")),
                ("pValue", .string(entry["pValue"]?.double.map { NumberFormatting.general($0, significant: 3) } ?? "–")),
                ("significant", entry["significant"] ?? .null), ("statement", entry["statement"] ?? .null),
            ])
        }
        let streams = (json["streams"]?.elements ?? []).filter { $0["significant"]?.flag == true }
        return .object([
            ("before", json["before"] ?? .null), ("after", json["after"] ?? .null), ("alpha", json["alpha"] ?? .null),
            ("indicators", .array((json["indicators"]?.elements ?? []).map(row))),
            ("streams", .array(streams.map(row))),
            ("streamsCompared", .integer(json["streams"]?.elements.count ?? 0)),
        ])
    }
}
