import BalanceCore
import BalanceStandards
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The result of `balance water` (FORMATS.md §3) in the output formats: JSON (the contract), CSV for
/// spreadsheets (Excel-friendly, optional BOM), Markdown for audit reports, and plain-text tables for
/// terminals. The three tables of a 水平衡测试报告 (STANDARDS.md §1.6):
/// - 基本用水单元水平衡测试表 — per unit, in hierarchy order with workshop subtotals;
/// - 企业水平衡测试统计表 — per water-use category, with the enterprise total;
/// - 用水分析表 — the indicators with uncertainties, against an optional benchmark.
public struct WaterReport: Sendable {
    /// The computed balance.
    public var result: WaterBalanceResult
    /// Case name for headings.
    public var caseName: String
    /// Label language.
    public var language: WaterReportLanguage
    /// Optional benchmark for the analysis table.
    public var benchmark: WaterBenchmark?
    /// Warnings from reading the input.
    public var inputWarnings: [String]
    /// The flow unit of the case as written (the most common `unit` of the water streams), if any.
    public var flowUnit: String?
    /// The title of the diagram (`--title`); `nil`: the root group's name (the enterprise, 某印染有限公司), else the
    /// case name.
    public var title: String?

    /// The name the diagram is titled with: ``title``, else the root group's name, else the case name.
    public var plantName: String { title ?? result.groups.first?.name ?? caseName }

    /// A report of `result`; `caseName` for headings, `benchmark` for the analysis table.
    public init(
        result: WaterBalanceResult, caseName: String, language: WaterReportLanguage = .zh,
        benchmark: WaterBenchmark? = nil, inputWarnings: [String] = []
    ) {
        self.result = result
        self.caseName = caseName
        self.language = language
        self.benchmark = benchmark
        self.inputWarnings = inputWarnings
        var counts: [String: Int] = [:]
        for (j, s) in result.network.model.streams.enumerated() where result.network.kinds[j] != nil {
            if let unit = s.unit, !unit.isEmpty { counts[unit, default: 0] += 1 }
        }
        flowUnit = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    /// Every warning: input, network, computation, mixed units.
    public var warnings: [String] {
        var out = inputWarnings + result.warnings
        let units = Set(result.network.model.streams.enumerated().compactMap { j, s in
            result.network.kinds[j] != nil ? s.unit.flatMap { $0.isEmpty ? nil : $0 } : nil
        })
        if units.count > 1 {
            out.append("the water streams use several units (\(units.sorted().joined(separator: ", "))): all flows must be "
                + "in one unit for a balance")
        }
        return out
    }

    /// The flow unit for labels (`m³/d`), or empty when the case gives none.
    var unitText: String { flowUnit.map(WaterUnitText.pretty) ?? "" }

    /// The flow unit for notes: `m³/d`, or "as in the input" when the case gives none.
    var unitNote: String { unitText.isEmpty ? language.pick("同输入数据(未注明)", "as in the input (not given)") : unitText }

    /// The budget as the reports show it (reconciled mode).
    var budgetReport: UncertaintyBudgetReport? {
        result.budget.map {
            UncertaintyBudgetReport(budget: $0, language: language == .zh ? .zh : .en)
        }
    }

    // MARK: JSON

    /// The JSON document. Documented keys first (FORMATS.md §3: `indicators` as fractions or `null`, `totals`),
    /// then extensions: uncertainties, details with formulas and reasons, the three tables, closures, streams.
    public func json() -> JSONValue {
        let network = result.network
        let model = network.model
        let indicators = JSONValue.object(result.indicators.map { ($0.indicator.rawValue, .number($0.value)) })
        let totals = JSONValue.object(result.totals.map { ($0.key, .number($0.value)) })
        let indicatorSigmas = JSONValue.object(result.indicators.map { ($0.indicator.rawValue, .number($0.sigma)) })
        let totalSigmas = JSONValue.object(result.totals.map { ($0.key, .number($0.sigma)) })
        let details: [JSONValue] = result.indicators.map { r in
            var members: [(String, JSONValue)] = [
                ("key", .string(r.indicator.rawValue)), ("symbol", .string(r.indicator.symbol)),
                ("name", .string(r.indicator.englishName)), ("nameZh", .string(r.indicator.chineseName)),
                ("value", .number(r.value)), ("sigma", .number(r.sigma)), ("numerator", .number(r.numerator)),
                ("denominator", .number(r.denominator)), ("formula", .string(r.indicator.formula)),
                ("source", .string(r.indicator.source)),
                ("reason", .string(r.unavailable.map(WaterReportLanguage.en.reason))),
            ]
            members.append(("benchmark", .number(benchmark?.values[r.indicator])))
            members.append(("meetsBenchmark", benchmark?.meets(r.indicator, value: r.value).map { .bool($0) } ?? .null))
            if let budget = budgetReport {
                let parts = budget.json(r.gradient.flatMap(budget.budget.contributions(gradient:)))
                members.append(("uncertaintyBudget", parts.contributors))
                members.append(("uncertaintyByCategory", parts.byCategory))
            }
            return .object(members)
        }
        let streams: [JSONValue] = model.streams.enumerated().map { j, s in
            var members: [(String, JSONValue)] = [
                ("id", .string(s.id)), ("name", .string(s.name)), ("from", .string(s.from)), ("to", .string(s.to)),
                ("kind", .string(network.kinds[j]?.rawValue)), ("kindInferred", .bool(network.kindInferred[j])),
                ("measured", .number(s.value)), ("sigma", .number(s.sigma)), ("value", .number(result.values[j])),
                ("valueSigma", .number(result.sigmas[j])), ("computedFrom", .string(result.computedFrom[j])),
                ("source", .string(s.source)),
            ]
            // An intake from a non-conventional source (中水, 雨水 …) says so; other streams have no such key.
            if network.nonConventional[j] { members.append(("nonConventional", .bool(true))) }
            return .object(members)
        }
        var closures: [(String, JSONValue)] = [
            ("unitTolerance", .number(result.parameters.unitClosureTolerance)),
            ("boundaryTolerance", .number(result.parameters.boundaryClosureTolerance)),
            ("units", .array(result.unitClosures.map { c in
                .object([
                    ("node", .string(c.node)), ("inflow", .number(c.inflow)), ("outflow", .number(c.outflow)),
                    ("relativeImbalance", .number(c.relative)), ("withinTolerance", .bool(c.withinTolerance)),
                    ("closesByConstruction", .bool(c.closesByConstruction)), ("imbalanceSigma", .number(c.imbalanceSigma)),
                ])
            })),
        ]
        if let b = result.boundaryCheck {
            closures.append(("boundary", .object([
                ("meterStreams", .array(b.meterStreams.map { .string($0) })),
                ("unitStreams", .array(b.unitStreams.map { .string($0) })), ("meter", .number(b.meter)),
                ("units", .number(b.units)), ("relativeImbalance", .number(b.relative)), ("sigma", .number(b.sigma)),
                ("withinTolerance", .bool(b.withinTolerance)),
            ])))
        } else {
            closures.append(("boundary", .null))
        }
        closures.append(("passed", .bool(result.closuresPass)))
        let p = result.parameters
        return .object([
            ("indicators", indicators), ("totals", totals),
            ("case", .string(caseName)), ("mode", .string(result.mode.rawValue)), ("flowUnit", .string(flowUnit)),
            ("production", result.production.map { .object([("quantity", .number($0.quantity)), ("unit", .string($0.unit))]) } ?? .null),
            ("indicatorUncertainties", indicatorSigmas), ("totalUncertainties", totalSigmas),
            ("indicatorDetails", .array(details)),
            ("units", .array(result.units.map(Self.json))), ("groups", .array(result.groups.map(Self.json))),
            ("categories", .array(result.categories.map(Self.json))), ("enterprise", Self.json(result.enterprise)),
            ("closures", .object(closures)), ("streams", .array(streams)),
            ("parameters", .object([
                ("unitClosureTolerance", .number(p.unitClosureTolerance)),
                ("boundaryClosureTolerance", .number(p.boundaryClosureTolerance)),
                ("productionExcludedCategories", .array(p.productionExcludedCategories.sorted().map { .string($0.rawValue) })),
                ("purchasedSteamIsIntake", .bool(p.purchasedSteamIsIntake)),
                ("inferNetworkOutflowAsIntake", .bool(p.inferNetworkOutflowAsIntake)),
                ("condensateIsReuse", .bool(p.condensateIsReuse)), ("alpha", .number(p.alpha)),
            ])),
            ("benchmark", benchmark.map { .object([("name", .string($0.name)), ("source", .string($0.source))]) } ?? .null),
            ("warnings", .array(warnings.map { .string($0) })),
        ])
    }

    static func json(_ row: WaterBalanceRow) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(row.id)), ("name", .string(row.name)), ("level", .string(row.level.rawValue)),
            ("category", .string(row.category?.rawValue)), ("depth", .integer(row.depth)),
        ]
        for q in WaterQuantity.allCases { members.append((q.rawValue, .number(row[q]))) }
        members += [
            ("inflow", .number(row.inflow)), ("outflow", .number(row.outflow)), ("closure", .number(row.closure)),
            ("repeatRate", .number(row.repeatRate)), ("repeatRateSigma", .number(row.repeatRateSigma)),
        ]
        if !row.sigmas.isEmpty {
            members.append(("sigmas", .object(WaterQuantity.allCases.map { ($0.rawValue, .number(row.sigmas[$0])) })))
        }
        if row.level != .unit { members.append(("members", .array(row.members.map { .string($0) }))) }
        return .object(members)
    }
}
