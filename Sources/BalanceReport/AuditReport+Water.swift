import BalanceIO

extension AuditReport {
    /// The GB/T 12452 part of the chapter from the `balance water` JSON: the indicators ± u with benchmarks,
    /// the balance table of every unit with its closure, and the enterprise's totals.
    static func waterChapter(_ chapter: JSONValue?, zh: Bool) -> JSONValue {
        guard let chapter else { return .null }
        let indicators: [JSONValue] = (chapter["indicatorDetails"]?.elements ?? []).compactMap { detail in
            guard let key = detail["key"]?.text else { return nil }
            let value = detail["value"]?.double, sigma = detail["sigma"]?.double
            let isRate = key.hasSuffix("Rate")
            let benchmark = detail["benchmark"]?.double
            let top = (detail["uncertaintyBudget"]?.elements ?? []).filter { $0["stream"]?.text != nil }.prefix(3)
            return .object([
                ("key", .string(key)), ("symbol", detail["symbol"] ?? .null),
                ("name", .string(indicatorName(detail, zh: zh))), ("formula", detail["formula"] ?? .null),
                ("value", .number(value)), ("sigma", .number(sigma)),
                ("display", .string(value == nil ? (zh ? "无法确定" : "not determinable")
                    : isRate ? ReportNumber.percentWithSigma(value, sigma) : ReportNumber.withSigma(value, sigma))),
                // The JSON's reason is English; a Chinese report prints the catalogue's Chinese.
                ("reason", detail["reason"]?.text.map { .string(MessageCatalogue.text($0, language: zh ? .zh : .en)) } ?? .null),
                ("benchmark", .number(benchmark)),
                ("benchmarkDisplay", .string(benchmark.map { isRate ? ReportNumber.percent($0) : ReportNumber.plain($0) })),
                ("meetsBenchmark", detail["meetsBenchmark"] ?? .null),
                ("contributors", .string(top.isEmpty ? nil : top.map { entry in
                    "\(entry["stream"]?.text ?? "") \(ReportNumber.percent(entry["share"]?.double))"
                }.joined(separator: zh ? "，" : ", "))),
            ])
        }
        var closures: [String: JSONValue] = [:]
        for closure in chapter["closures"]?["units"]?.elements ?? [] {
            if let node = closure["node"]?.text { closures[node] = closure }
        }
        let rows: [JSONValue] = (chapter["units"]?.elements ?? []).map { unit in
            let closure = unit["id"]?.text.flatMap { closures[$0] }
            return waterRow(unit, closure: closure)
        }
        let totals = chapter["totals"], sigmas = chapter["totalUncertainties"]
        let totalDisplays: [(String, JSONValue)] = ["intake", "reuse", "totalUse", "consumption", "discharge", "leakage"].map { key in
            (key, .string(ReportNumber.withSigma(totals?[key]?.double, sigmas?[key]?.double)))
        }
        return .object([
            ("mode", chapter["mode"] ?? .null), ("flowUnit", chapter["flowUnit"] ?? .null),
            ("indicators", .array(indicators)), ("units", .array(rows)),
            ("enterprise", chapter["enterprise"].map { waterRow($0, closure: nil) } ?? .null),
            ("totals", .object(totalDisplays)),
            ("unitTolerance", .string(ReportNumber.percent(chapter["closures"]?["unitTolerance"]?.double))),
        ])
    }

    /// One row of the balance table (GB/T 12452 用水单元水平衡测试表): the flows of a unit, formatted.
    static func waterRow(_ unit: JSONValue, closure: JSONValue?) -> JSONValue {
        var members: [(String, JSONValue)] = [("id", unit["id"] ?? .null), ("name", unit["name"] ?? .null)]
        for key in ["intake", "reuse", "totalUse", "consumption", "discharge", "leakage"] {
            members.append((key, .string(ReportNumber.flow(unit[key]?.double))))
        }
        let imbalance = closure?["relativeImbalance"]?.double
        members.append(("closure", .string(imbalance.map { ReportNumber.percent($0, decimals: 2) } ?? "–")))
        members.append(("withinTolerance", closure?["withinTolerance"] ?? .null))
        members.append(("outOfTolerance", .bool(closure?["withinTolerance"]?.flag == false && closure?["closesByConstruction"]?.flag != true)))
        return .object(members)
    }

    /// The units ranked by water lost to the process (consumption + leakage, GB/T 12452 耗水量 + 漏失水量), the
    /// input of the audit's 废弃物产生原因分析; units that lose nothing are left out.
    static func waterLosses(_ chapter: JSONValue?) -> [JSONValue] {
        let units = chapter?["units"]?.elements ?? []
        let lost: [(unit: JSONValue, loss: Double, discharge: Double)] = units.compactMap { unit in
            let loss = (unit["consumption"]?.double ?? 0) + (unit["leakage"]?.double ?? 0)
            return loss > 0 ? (unit, loss, unit["discharge"]?.double ?? 0) : nil
        }
        let total = lost.reduce(0) { $0 + $1.loss }
        // Ties keep the chapter's order: the sort is stable, so the same case gives the same ranking.
        let ranked = lost.enumerated().sorted { ($0.element.loss, -$0.offset) > ($1.element.loss, -$1.offset) }.map(\.element)
        return ranked.enumerated().map { rank, entry in
            .object([
                ("rank", .integer(rank + 1)), ("id", entry.unit["id"] ?? .null), ("name", entry.unit["name"] ?? .null),
                ("loss", .number(entry.loss)), ("lossDisplay", .string(ReportNumber.flow(entry.loss))),
                ("share", .number(total > 0 ? entry.loss / total : nil)),
                ("shareDisplay", .string(total > 0 ? ReportNumber.percent(entry.loss / total) : "–")),
                ("discharge", .string(ReportNumber.flow(entry.discharge))),
            ])
        }
    }
}
