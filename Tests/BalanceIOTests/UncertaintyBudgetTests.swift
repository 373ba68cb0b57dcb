import BalanceCore
import BalanceStandards
import Foundation
import Testing
@testable import BalanceIO
import BalanceApplication

/// The uncertainty budget (issue 15, Deliver 1): on every dataset the shares of each value sum to 1 and reproduce the
/// reported σ², and on the linear ones they equal the sensitivities found by reconciling again with one measurement
/// moved — a computation that uses no covariance at all.
@Suite("Uncertainty budget")
struct UncertaintyBudgetTests {
    static let datasets = TestDatasets.root

    /// Every case folder (a folder with streams.csv) under Datasets/, sorted.
    static let cases = TestDatasets.cases

    /// Shares sum to 1 to this (C V⁻¹ C = C holds to rounding).
    static let closure = 1e-9
    /// Finite-difference sensitivities of a linear map, moved by one σ: exact but for rounding (≈ 1e-14 here).
    static let sensitivityTolerance = 1e-7

    /// Whether the case can be reconciled: every measured value has an uncertainty (cases without are balance checks).
    static func reconcilable(_ loaded: LoadedCase) -> Bool {
        loaded.model.streams.allSatisfy { $0.value == nil || $0.sigma != nil }
    }

    static func reconcile(_ loaded: LoadedCase) throws -> (ReconciliationResult, MeasurementCovariance?, linear: Bool) {
        let covariance = try loaded.measurementCovariance()
        if NonlinearReconciliation.isNeeded(model: loaded.model, components: loaded.components, equations: loaded.equations) {
            let outcome = try NonlinearReconciliation.reconcile(
                loaded.model, components: loaded.components, equations: loaded.equations, covariance: covariance,
                options: .init(grossErrors: .none))
            return (outcome.result, covariance, false)
        }
        return (try Reconciler.reconcile(loaded.model, covariance: covariance, options: .init(grossErrors: .none)), covariance, true)
    }

    @Test("the shares of every value sum to 1 and reproduce its reported σ²", arguments: cases)
    func sharesReproduceVariance(_ folder: String) throws {
        let loaded = try CaseLoader.load(Self.datasets.appendingPathComponent(folder).path)
        guard Self.reconcilable(loaded), loaded.model.streams.count <= ReconciliationOptions().fullCovarianceThreshold else { return }
        let (result, covariance, linear) = try Self.reconcile(loaded)
        guard linear || covariance == nil else { return }  // documented: no budget for nonlinear + covariance.csv
        let budget = try #require(UncertaintyBudget(result: result, covariance: covariance), "\(folder)")
        var checked = 0
        for (k, stream) in result.streams.enumerated() {
            guard let sigma = stream.reconciledSigma, sigma > 0, stream.reconciled != nil else {
                #expect(budget.streams[k] == nil, "\(folder) \(stream.id): a budget without uncertainty")
                continue
            }
            let parts = try #require(budget.streams[k], "\(folder) \(stream.id): no budget")
            let sum = parts.reduce(0) { $0 + $1.share }
            #expect(abs(sum - 1) <= Self.closure, "\(folder) \(stream.id): shares sum to \(sum)")
            // The contributions, share × C_kk, add up to the σ² the report prints.
            let variance = try #require(result.covariance)[k, k]
            #expect(abs(variance - sigma * sigma) <= Self.closure * sigma * sigma, "\(folder) \(stream.id): C_kk \(variance) vs σ² \(sigma * sigma)")
            if covariance == nil { #expect(parts.allSatisfy { $0.share >= 0 }, "\(folder) \(stream.id): negative share without correlations") }
            #expect(zip(parts, parts.dropFirst()).allSatisfy { abs($0.share) >= abs($1.share) }, "\(folder) \(stream.id): order")
            checked += 1
        }
        #expect(checked > 0 || result.streams.allSatisfy { ($0.reconciledSigma ?? 0) == 0 }, "\(folder): nothing checked")
    }

    @Test("on linear cases the shares equal (∂x̂_k/∂y_j)² σ_j² / σ_k² from reconciling again with y_j moved by σ_j",
          arguments: cases)
    func sharesAreSensitivities(_ folder: String) throws {
        let loaded = try CaseLoader.load(Self.datasets.appendingPathComponent(folder).path)
        guard Self.reconcilable(loaded), loaded.model.streams.count <= 60 else { return }
        let (result, covariance, linear) = try Self.reconcile(loaded)
        guard linear, covariance == nil else { return }
        let budget = try #require(UncertaintyBudget(result: result))
        let n = result.streams.count
        // M_kj σ_j² … by moving each measured y_j by σ_j: Δx̂_k = M_kj σ_j.
        var moved = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)  // [j][k] = Δx̂_k
        for j in 0..<n {
            guard let y = result.streams[j].measured, let s = result.streams[j].sigma, s > 0 else { continue }
            let model = loaded.model.mapStreams { stream in
                guard stream.id == result.streams[j].id else { return stream }
                var changed = stream
                changed.value = y + s
                return changed
            }
            let again = try Reconciler.reconcile(model, options: .init(grossErrors: .none))
            for k in 0..<n {
                if let a = again.streams[k].reconciled, let b = result.streams[k].reconciled { moved[j][k] = a - b }
            }
        }
        for k in 0..<n {
            guard let parts = budget.streams[k], let sigma = result.streams[k].reconciledSigma else { continue }
            let total = sigma * sigma
            var expected = [Int: Double]()
            for j in 0..<n where moved[j][k] != 0 { expected[j] = moved[j][k] * moved[j][k] / total }
            for part in parts {
                #expect(abs(part.share - (expected[part.stream] ?? 0)) <= Self.sensitivityTolerance,
                        "\(folder) \(result.streams[k].id) ← \(result.streams[part.stream].id): \(part.share) vs \(expected[part.stream] ?? 0)")
                expected[part.stream] = nil
            }
            #expect(expected.values.allSatisfy { $0 <= Self.sensitivityTolerance }, "\(folder) \(result.streams[k].id): missing inputs \(expected)")
        }
    }

    @Test("source texts fall into the documented categories, with the meter class when named")
    func categories() {
        #expect(DataSourceCategory(source: "FT-101 二级表") == .meter)
        #expect(DataSourceCategory.meterClass(source: "FT-101 二级表") == 2)
        #expect(DataSourceCategory.meterClass(source: "FT-001 一级表") == 1)
        #expect(DataSourceCategory.meterClass(source: "FT-204 明渠流量计") == nil)
        #expect(DataSourceCategory(source: "estimated") == .estimated)
        #expect(DataSourceCategory(source: "估算（按泵额定流量）") == .estimated)
        #expect(DataSourceCategory(source: "Calculated from W03 − W05") == .calculated)
        #expect(DataSourceCategory(source: "定额") == .quota)
        #expect(DataSourceCategory(source: "design") == .design)
        #expect(DataSourceCategory(source: nil) == .unspecified)
        #expect(DataSourceCategory(source: "  ") == .unspecified)
    }

    @Test("the demo plant's JSON lists the budget with sources, categories and meter classes, summing to 1")
    func demoJSON() throws {
        let loaded = try CaseLoader.load(Self.datasets.appendingPathComponent("demo/dyeing-plant-water").path)
        let result = try Reconciler.reconcile(loaded.model)
        var report = ReconciliationReport(model: loaded.model, result: result, caseName: "demo")
        report.budget = UncertaintyBudget(result: result)
        let json = try JSONSerialization.jsonObject(with: Data(report.json().serialized().utf8)) as! [String: Any]
        let streams = json["streams"] as! [[String: Any]]
        let w02 = try #require(streams.first { $0["id"] as? String == "W02" })
        let entries = try #require(w02["uncertaintyBudget"] as? [[String: Any]])
        #expect(entries.first?["stream"] as? String == "W02")
        #expect(entries.first?["category"] as? String == "meter")
        #expect(entries.first?["meterClass"] as? Int == 2)
        #expect(entries.first?["source"] as? String == "FT-101 二级表")
        let sum = entries.reduce(0.0) { $0 + ($1["share"] as! Double) }
        #expect(abs(sum - 1) <= Self.closure)
        let byCategory = try #require(w02["uncertaintyByCategory"] as? [String: Double])
        #expect(abs(byCategory.values.reduce(0, +) - 1) <= Self.closure)
        #expect(byCategory["estimated"] ?? 0 > 0)
    }

    @Test("advise: the targets' budget sums to 1, and replacing an estimate by a meter states the σ cut it computed")
    func adviseUsesTheBudget() throws {
        var options = AuditOptions()
        options.targets = ["W22"]
        options.language = .en
        let outcome = try Application.run(
            .advise, casePath: Self.datasets.appendingPathComponent("demo/dyeing-plant-water").path, options: options)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.renderJSON())) as! [String: Any]
        let budgets = try #require(json["targetBudgets"] as? [[String: Any]])
        let entries = try #require(budgets.first?["uncertaintyBudget"] as? [[String: Any]])
        #expect(abs(entries.reduce(0.0) { $0 + ($1["share"] as! Double) } - 1) <= Self.closure)
        // W23 is an estimate: it is offered as a meter instead, with the statement and σ cut of its own numbers.
        let candidates = try #require(json["candidates"] as? [[String: Any]])
        let w23 = try #require(candidates.first { $0["stream"] as? String == "W23" })
        #expect(w23["change"] as? String == "replaced")
        let before = w23["varianceBefore"] as! Double, after = w23["varianceAfter"] as! Double
        let cut = try #require(w23["sigmaReduction"] as? Double)
        #expect(abs(cut - (1 - (after / before).squareRoot())) <= 1e-12)
        let statement = try #require(w23["statement"] as? String)
        #expect(statement.hasPrefix("Replacing the estimated value of W23 by a meter"))
        #expect(statement.contains(NumberFormatting.percent(cut, decimals: 1)))
        // Meters keep their own change.
        #expect(candidates.first { $0["stream"] as? String == "W02" }?["change"] as? String == "improved")
    }

    @Test("water indicators (GB/T 12452 R, K_l …): shares sum to 1 and equal (gᵀ M_j)² V_j / u²(f) with M from re-solving")
    func waterIndicatorBudgets() throws {
        let loaded = try CaseLoader.load(Self.datasets.appendingPathComponent("demo/dyeing-plant-water").path)
        let water = try WaterBalance.analyze(loaded.model)
        let budget = try #require(water.budget)
        let reconciliation = try #require(water.reconciliation)
        // The model the water balance reconciled: values without σ held fixed, as WaterBalance does.
        let model = loaded.model.mapStreams { s in
            var s = s
            if s.value != nil && s.sigma == nil { s.sigma = 0 }
            return s
        }
        let n = model.streams.count
        var moved = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)  // [j][k] = Δx̂_k for y_j + σ_j
        for j in 0..<n {
            guard let y = model.streams[j].value, let s = model.streams[j].sigma, s > 0 else { continue }
            let again = try Reconciler.reconcile(model.mapStreams { stream in
                guard stream.id == model.streams[j].id else { return stream }
                var changed = stream
                changed.value = y + s
                return changed
            }, options: .init(grossErrors: .none))
            for k in 0..<n {
                if let a = again.streams[k].reconciled, let b = reconciliation.streams[k].reconciled { moved[j][k] = a - b }
            }
        }
        var checked = 0
        for indicator in water.indicators {
            guard let g = indicator.gradient, let sigma = indicator.sigma, sigma > 0 else { continue }
            let parts = try #require(budget.contributions(gradient: g), "\(indicator.indicator)")
            #expect(abs(parts.reduce(0) { $0 + $1.share } - 1) <= Self.closure, "\(indicator.indicator)")
            for part in parts {
                // Δf for y_j moved by σ_j, to first order: Σ_k g_k Δx̂_k; its square over u²(f) is the share.
                let delta = g.reduce(0.0) { $0 + $1.value * moved[part.stream][$1.key] }
                #expect(abs(part.share - delta * delta / (sigma * sigma)) <= Self.sensitivityTolerance,
                        "\(indicator.indicator) ← \(model.streams[part.stream].id)")
            }
            checked += 1
        }
        #expect(checked >= 6)  // R, r_c, r_g, r_b, K_l, K_d have σ on the demo plant
    }

    @Test("energy figures (供入能量/综合能耗, 有效能量, 损失能量, 能量利用率): every budget's shares sum to 1",
          arguments: ["energy/dyeing-mill-2024", "energy/boiler-uncertain-heating-value"])
    func energyFigureBudgets(_ folder: String) throws {
        var options = AuditOptions()
        options.language = .en
        let outcome = try Application.run(.energy, casePath: Self.datasets.appendingPathComponent(folder).path, options: options)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.renderJSON())) as! [String: Any]
        let uncertainty = try #require(json["uncertainty"] as? [String: Any])
        let budgets = try #require(uncertainty["budgets"] as? [String: [String: Any]])
        #expect(Set(budgets.keys) == ["suppliedTce", "effectiveTce", "lossTce", "utilizationRate"])
        for (key, budget) in budgets {
            let entries = try #require(budget["uncertaintyBudget"] as? [[String: Any]], "\(folder) \(key)")
            #expect(abs(entries.reduce(0.0) { $0 + ($1["share"] as! Double) } - 1) <= Self.closure, "\(folder) \(key)")
            let byCategory = try #require(budget["uncertaintyByCategory"] as? [String: Double])
            #expect(abs(byCategory.values.reduce(0, +) - 1) <= Self.closure, "\(folder) \(key)")
        }
    }

    @Test("material component loads: the input and output budgets sum to 1 (flows and concentrations as contributors)")
    func materialBudgets() throws {
        var options = AuditOptions()
        options.language = .en
        let outcome = try Application.run(
            .material, casePath: Self.datasets.appendingPathComponent("material/plating-uncertain-concentrations").path, options: options)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.renderJSON())) as! [String: Any]
        let components = try #require(json["components"] as? [[String: Any]])
        #expect(!components.isEmpty)
        for component in components {
            let budgets = try #require(component["budgets"] as? [String: [String: Any]])
            for key in ["input", "output"] {
                let entries = try #require(budgets[key]?["uncertaintyBudget"] as? [[String: Any]], "\(key)")
                #expect(abs(entries.reduce(0.0) { $0 + ($1["share"] as! Double) } - 1) <= Self.closure, "\(key)")
                // A concentration is a contributor of its own, named STREAM:COMPONENT.
                #expect(entries.contains { ($0["stream"] as? String)?.contains(":") == true }, "\(key)")
            }
        }
    }
}
