import BalanceIO
import BalanceStandards

extension AuditReport {
    /// The figure whose uncertainty budget the meter inventory shows: the chapter's first indicator that has a
    /// budget (water: R, 重复利用率; energy: 综合能耗; material: the first component's input), with its name.
    struct KeyFigure {
        let name: String
        let budget: [JSONValue]
    }

    /// The key figure of the chapter, or `nil` (no chapter, or no budget: exact mode, no uncertainty).
    static func keyFigure(_ chapter: JSONValue?, balance: String?, zh: Bool) -> KeyFigure? {
        for figure in budgetedFigures(chapter, balance: balance, zh: zh) {
            let budget = figure.budget["uncertaintyBudget"]?.elements ?? []
            if !budget.isEmpty { return KeyFigure(name: figure.name, budget: budget) }
        }
        return nil
    }

    /// Every figure of the chapter with an uncertainty budget ({`uncertaintyBudget`, `uncertaintyByCategory`}),
    /// named in the report's language, in the chapter's order.
    static func budgetedFigures(_ chapter: JSONValue?, balance: String?, zh: Bool) -> [(name: String, budget: JSONValue)] {
        guard let chapter else { return [] }
        switch balance {
        case "water":
            return (chapter["indicatorDetails"]?.elements ?? []).compactMap { detail in
                guard let budget = detail["uncertaintyBudget"], case .array = budget, let name = indicatorName(detail, zh: zh) else {
                    return nil
                }
                return (name, .object([("uncertaintyBudget", budget), ("uncertaintyByCategory", detail["uncertaintyByCategory"] ?? .null)]))
            }
        case "energy":
            guard case let .object(budgets)? = chapter["uncertainty"]?["budgets"] else { return [] }
            return budgets.compactMap { key, budget in
                guard case .object = budget else { return nil }
                return (energyFigureName(key, zh: zh), budget)
            }
        case "material":
            return (chapter["components"]?.elements ?? []).flatMap { component -> [(String, JSONValue)] in
                guard let name = component["component"]?.text, case let .object(budgets)? = component["budgets"] else { return [] }
                return budgets.compactMap { key, budget in
                    guard case .object = budget else { return nil }
                    let side = key == "input" ? (zh ? "输入" : "input") : key == "output" ? (zh ? "输出" : "output") : (zh ? "相对不平衡" : "relative imbalance")
                    return ("\(name) \(side)", budget)
                }
            }
        default:
            return []
        }
    }

    /// A water indicator's name and symbol, e.g. `重复利用率 R`.
    static func indicatorName(_ detail: JSONValue, zh: Bool) -> String? {
        guard let name = (zh ? detail["nameZh"] : detail["name"])?.text ?? detail["name"]?.text else { return nil }
        return detail["symbol"]?.text.map { "\(name) \($0)" } ?? name
    }

    /// The name of a GB/T 3484 figure of the energy JSON.
    static func energyFigureName(_ key: String, zh: Bool) -> String {
        switch key {
        case "suppliedTce": return zh ? "供入能量（综合能耗）" : "energy supplied (comprehensive consumption)"
        case "effectiveTce": return zh ? "有效能量" : "effective energy"
        case "lossTce": return zh ? "损失能量" : "energy lost"
        case "utilizationRate": return zh ? "能量利用率" : "energy utilisation rate"
        case "comprehensiveConsumptionTce": return zh ? "综合能耗" : "comprehensive energy consumption"
        case "suppliedEquivalentTce": return zh ? "供入能量（等价值）" : "energy supplied (equivalent value)"
        case "resourceUtilizationRate": return zh ? "能源利用率" : "energy resource utilisation rate"
        default: return key
        }
    }

    /// The meter inventory: every measured stream with its source, category (DataSourceCategory), meter class,
    /// reading ± σ (with its unit when the streams have several) and its share of σ² of the key figure (FORMATS.md §5.2
    /// budget; `null` when not a contributor).
    static func meters(_ streams: [JSONValue], keyFigure: KeyFigure?, withUnits: Bool, zh: Bool) -> [JSONValue] {
        var shares: [String: Double] = [:]
        for entry in keyFigure?.budget ?? [] {
            guard let stream = entry["stream"]?.text, let share = entry["share"]?.double else { continue }
            shares[stream, default: 0] += share
        }
        return streams.compactMap { stream in
            guard let id = stream["id"]?.text, let measured = stream["measured"]?.double else { return nil }
            let source = stream["source"]?.text
            let category = DataSourceCategory(source: source)
            let sigma = stream["sigma"]?.double
            let share = shares[id]
            return .object([
                ("id", .string(id)), ("name", .string(stream["name"]?.text)), ("source", .string(source)),
                ("category", .string(category.rawValue)), ("categoryName", .string(category.name(chinese: zh))),
                ("meterClass", DataSourceCategory.meterClass(source: source).map { .integer($0) } ?? .null),
                ("measured", .number(measured)), ("sigma", .number(sigma)),
                ("relativeSigma", .number(sigma.flatMap { measured != 0 ? $0 / abs(measured) : nil })),
                ("display", .string(ReportNumber.withSigma(measured, sigma, input: measured)
                    + (withUnits ? stream["unit"]?.text.map { " " + $0 } ?? "" : ""))),
                ("relativeDisplay", .string(sigma.flatMap { measured != 0 ? ReportNumber.percent($0 / abs(measured)) : nil } ?? "–")),
                ("share", .number(share)), ("shareDisplay", .string(share.map { ReportNumber.percent($0) } ?? "–")),
            ])
        }
    }

    /// For every budgeted figure of the chapter: its σ² shared by source category, and its three largest
    /// contributors (FORMATS.md §5.2).
    static func sourceShares(_ chapter: JSONValue?, balance: String?, zh: Bool) -> [JSONValue] {
        budgetedFigures(chapter, balance: balance, zh: zh).compactMap { name, budget in
            guard case let .object(byCategory)? = budget["uncertaintyByCategory"] else { return nil }
            let categories: [JSONValue] = byCategory.compactMap { key, share in
                guard let share = share.double else { return nil }
                let label = DataSourceCategory(rawValue: key)?.name(chinese: zh) ?? (zh && key == "other" ? "其他" : key)
                return .object([("category", .string(key)), ("categoryName", .string(label)), ("share", .number(share)),
                                ("display", .string(ReportNumber.percent(share)))])
            }
            let top = (budget["uncertaintyBudget"]?.elements ?? []).filter { $0["stream"]?.text != nil }.prefix(3)
            let contributors: [JSONValue] = top.map { entry in
                .object([("stream", entry["stream"] ?? .null), ("source", entry["source"] ?? .null),
                         ("share", entry["share"] ?? .null), ("display", .string(ReportNumber.percent(entry["share"]?.double)))])
            }
            let separator = zh ? "；" : "; "
            return .object([
                ("figure", .string(name)), ("categories", .array(categories)), ("contributors", .array(contributors)),
                ("categoriesDisplay", .string(categories.map { "\($0["categoryName"]?.text ?? "") \($0["display"]?.text ?? "")" }.joined(separator: separator))),
                ("contributorsDisplay", .string(contributors.map { "\($0["stream"]?.text ?? "") \($0["display"]?.text ?? "")" }.joined(separator: separator))),
            ])
        }
    }
}
