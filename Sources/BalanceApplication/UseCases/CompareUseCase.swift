import BalanceCore
import BalanceIO
import BalanceStandards

/// `compare`: two cases of one plant — before and after an option, or two test periods — reconciled each, and the
/// change of every stream and (with `--balance water|energy`) of every indicator and total, with σ, z, p and a
/// significance statement (``ComparisonReport``; FORMATS.md §5.12).
///
/// The figures are taken from the JSON documents of the two runs, so a compared value is exactly the value the
/// command reports for that case on its own.
enum CompareUseCase {
    /// The balances whose indicators can be compared.
    static let balances = ["water", "energy", "material"]

    /// - Complexity: two reconciliations (and two standard balances), plus O(streams + indicators).
    static func run(before: String, after: String, options: AuditOptions) throws(ApplicationError) -> AuditOutcome {
        let b = try Application.load(before, options: options)
        let a = try Application.load(after, options: options)
        return try run(before: b, after: a, options: Application.resolvingLanguage(options, for: .compare, case: b))
    }

    /// `compare` on two cases already loaded, with the options as resolved (language included).
    /// - Complexity: as ``run(before:after:options:)``.
    static func run(before b: LoadedCase, after a: LoadedCase, options: AuditOptions) throws(ApplicationError) -> AuditOutcome {
        // The runs it compares return their documents (the comparison's own format is the caller's) and know
        // nothing of the other case (the mapping is the comparison's).
        let recorded = options
        var options = options
        options.format = nil
        options.streamMap = nil
        // The AFTER case's own production and output value, when they differ.
        var afterOptions = options
        afterOptions.production = options.afterProduction ?? options.production
        afterOptions.outputValue = options.afterOutputValue ?? options.outputValue
        var warnings: [String] = []
        let pairs = try streamMap(recorded, before: b, after: a)
        let shared = sharedMeterIDs(b, a)
        var streams: [ComparisonReport.Entry], onlyBefore: [String], onlyAfter: [String]
        var indicators: [ComparisonReport.Entry] = []
        if options.comparedBalance == "energy" {
            // Carriers in different units: the streams are compared as the energy balance reconciles them, in tce
            // (`reconcile` cannot add tonnes to kWh).
            let eb = try Application.run(.energy, case: b, options: options)
            let ea = try Application.run(.energy, case: a, options: afterOptions)
            (streams, onlyBefore, onlyAfter) = compareStreams(eb.json(), ea.json(), map: pairs, value: "tce", sigma: "tceSigma")
            indicators = energyFigures(eb.json(), ea.json(), language: options.language)
            if !shared.isEmpty {
                if case let .energy(rb) = eb.document, case let .energy(ra) = ea.document,
                   let pb = Period(budget: rb.result.figures.budget, result: rb.result.network.reconciliation, meters: b.meters),
                   let pa = Period(budget: ra.result.figures.budget, result: ra.result.network.reconciliation, meters: a.meters) {
                    correlate(&streams, before: pb, after: pa) { (pb.loadings(stream: $0.id), pa.loadings(stream: $0.afterID ?? $0.id)) }
                    correlate(&indicators, before: pb, after: pa) {
                        (pb.loadings(rb.result.figures.uncertainty?.gradients[$0.id]),
                         pa.loadings(ra.result.figures.uncertainty?.gradients[$0.id]))
                    }
                } else {
                    warnings.append(uncorrelatedWarning(shared, figures: "energy figures"))
                }
            }
            indicators += savings(indicators, options: options)
        } else {
            let reconcileBefore = try Application.run(.reconcile, case: b, options: options)
            let reconcileAfter = try Application.run(.reconcile, case: a, options: options)
            (streams, onlyBefore, onlyAfter) = compareStreams(reconcileBefore.json(), reconcileAfter.json(), map: pairs)
            if !shared.isEmpty {
                if case let .reconciliation(rb) = reconcileBefore.document, case let .reconciliation(ra) = reconcileAfter.document,
                   let pb = Period(budget: rb.budget, result: rb.result, meters: b.meters),
                   let pa = Period(budget: ra.budget, result: ra.result, meters: a.meters) {
                    correlate(&streams, before: pb, after: pa) { (pb.loadings(stream: $0.id), pa.loadings(stream: $0.afterID ?? $0.id)) }
                } else {
                    warnings.append(uncorrelatedWarning(shared, figures: "streams"))
                }
            }
        }
        if options.comparedBalance == "material" {
            let mb = try Application.run(.material, case: b, options: options)
            let ma = try Application.run(.material, case: a, options: afterOptions)
            indicators = materialFigures(mb.json(), ma.json(), language: options.language)
            if !shared.isEmpty {
                warnings.append("meters.csv names meters read in both periods (\(shared.joined(separator: ", "))) but the "
                    + "material figures are compared as independent periods (their component reconciliation keeps no "
                    + "sensitivities to the meters): their changeSigma overstates where a shared meter's systematic error cancels")
            }
        }
        if options.comparedBalance == "water" {
            let wb = try Application.run(.water, case: b, options: options)
            let wa = try Application.run(.water, case: a, options: afterOptions)
            indicators = waterIndicators(wb.json(), wa.json(), language: options.language)
            if !shared.isEmpty {
                if case let .water(rb) = wb.document, case let .water(ra) = wa.document,
                   let pb = Period(budget: rb.result.budget, result: rb.result.reconciliation, meters: b.meters),
                   let pa = Period(budget: ra.result.budget, result: ra.result.reconciliation, meters: a.meters) {
                    func gradient(_ r: WaterBalanceResult, _ id: String) -> [Int: Double]? {
                        if id.hasPrefix("totals.") { return r.totals.first { "totals." + $0.key == id }?.gradient }
                        return r.indicators.first { $0.indicator.rawValue == id }?.gradient
                    }
                    correlate(&indicators, before: pb, after: pa) {
                        (pb.loadings(gradient(rb.result, $0.id)), pa.loadings(gradient(ra.result, $0.id)))
                    }
                } else {
                    warnings.append(uncorrelatedWarning(shared, figures: "water figures"))
                }
            }
        }
        if streams.isEmpty {
            warnings.append("the two cases have no stream id in common: nothing to compare stream by stream")
        }
        let report = ComparisonReport(
            beforeCase: b.name, afterCase: a.name, alpha: options.alpha, language: options.language, streams: streams,
            indicators: indicators, balance: options.comparedBalance, onlyBefore: onlyBefore, onlyAfter: onlyAfter,
            warnings: b.warnings.map { "\(b.name): \($0)" } + a.warnings.map { "\(a.name): \($0)" } + warnings)
        var run = RunRecord(command: .compare)
        run.mode = "reconciled"
        run.alpha = options.alpha
        run.grossErrors = options.grossErrors
        run.solverRequested = options.solver
        return AuditOutcome(
            command: .compare, options: recorded, run: run, document: .comparison(report),
            figures: BatchFigures(streams: streams.count), csvWarnings: report.warnings, model: nil)
    }

    /// The warning when meters are shared but a period has no full covariance to correlate them with.
    static func uncorrelatedWarning(_ meters: [String], figures: String) -> String {
        "meters.csv names meters read in both periods (\(meters.joined(separator: ", "))) but the \(figures) have no "
            + "full covariance (more streams than it is computed for, or no reconciliation): their changeSigma treats "
            + "the periods as independent, which overstates it where a shared meter's systematic error cancels"
    }

    /// The pairs of the options' mapping file, each id checked against its case.
    /// - Throws: bad data (65) naming the file, line and stream for an id that is not in its case.
    static func streamMap(_ options: AuditOptions, before: LoadedCase, after: LoadedCase) throws(ApplicationError) -> [StreamMapFile.Pair] {
        guard let path = options.streamMap else { return [] }
        let pairs: [StreamMapFile.Pair]
        do throws(InputError) {
            pairs = try StreamMapFile.load(path, encoding: options.encoding)
        } catch {
            throw ApplicationError(error)
        }
        for pair in pairs {
            for (id, loaded, side) in [(pair.before, before, "BEFORE"), (pair.after, after, "AFTER")] where loaded.model.streamIndex[id] == nil {
                throw ApplicationError(.badData, "\(pair.location): stream '\(id)' is not in the \(side) case (\(loaded.name))")
            }
        }
        return pairs
    }

    /// Streams in both runs, in BEFORE's order: their `value` and `sigma` (reconcile's reconciled values; the energy
    /// balance's tce). A stream of AFTER is the BEFORE stream of its
    /// own id, or the one `map` pairs it with; an AFTER stream whose id names a BEFORE stream mapped elsewhere is
    /// matched to nothing (it is another stream now).
    static func compareStreams(_ before: JSONValue, _ after: JSONValue, map: [StreamMapFile.Pair] = [],
                               value: String = "reconciled", sigma: String = "reconciledSigma")
        -> (entries: [ComparisonReport.Entry], onlyBefore: [String], onlyAfter: [String])
    {
        func streams(_ json: JSONValue) -> [(id: String, item: JSONValue)] {
            guard let items = json["streams"]?.elements else { return [] }
            return items.compactMap { item in item["id"]?.text.map { ($0, item) } }
        }
        let b = streams(before), a = streams(after)
        var afterByID: [String: JSONValue] = [:]
        for (id, item) in a { afterByID[id] = item }
        var counterpart: [String: String] = [:]
        for pair in map { counterpart[pair.before] = pair.after }
        let mappedAfter = Set(map.map(\.after))
        var matchedAfter = Set<String>()
        var entries: [ComparisonReport.Entry] = []
        var onlyBefore: [String] = []
        for (id, item) in b {
            let afterID = counterpart[id] ?? id
            // An AFTER id that a pair claims belongs to that pair only.
            guard counterpart[id] != nil || !mappedAfter.contains(id), let other = afterByID[afterID] else {
                onlyBefore.append(id)
                continue
            }
            matchedAfter.insert(afterID)
            var entry = ComparisonReport.Entry(
                id: id, name: item["name"]?.text ?? other["name"]?.text,
                before: item[value]?.double, beforeSigma: item[sigma]?.double,
                after: other[value]?.double, afterSigma: other[sigma]?.double)
            if afterID != id { entry.afterID = afterID }
            entries.append(entry)
        }
        return (entries, onlyBefore, a.map(\.id).filter { !matchedAfter.contains($0) })
    }

    /// GB/T 12452 indicators (``indicatorDetails``: value, σ) and totals (``totals`` with ``totalUncertainties``).
    static func waterIndicators(_ before: JSONValue, _ after: JSONValue, language: LabelLanguage) -> [ComparisonReport.Entry] {
        var entries: [ComparisonReport.Entry] = []
        if case let .array(items)? = before["indicatorDetails"], case let .array(others)? = after["indicatorDetails"] {
            for item in items {
                guard let key = item["key"]?.text,
                      let other = others.first(where: { $0["key"]?.text == key }) else { continue }
                let name = item[language == .zh ? "nameZh" : "name"]?.text
                entries.append(ComparisonReport.Entry(
                    id: key, name: name, before: item["value"]?.double, beforeSigma: item["sigma"]?.double,
                    after: other["value"]?.double, afterSigma: other["sigma"]?.double))
            }
        }
        if case let .object(totals)? = before["totals"] {
            let sb = before["totalUncertainties"], ta = after["totals"], sa = after["totalUncertainties"]
            for (key, value) in totals {
                entries.append(ComparisonReport.Entry(
                    id: "totals." + key, name: language == .zh ? Spreadsheet.label(key, language: .zh) : nil,
                    before: value.double, beforeSigma: sb?[key]?.double,
                    after: ta?[key]?.double, afterSigma: sa?[key]?.double))
            }
        }
        return entries
    }

    /// The material balance's figures with an uncertainty: each component's input and output (`input` ±
    /// `inputSigma`, `output` ± `outputSigma`), ids `<component>.input` and `<component>.output`, in the BEFORE
    /// case's order; a component of one case only is left out.
    /// - Complexity: O(components²).
    static func materialFigures(_ before: JSONValue, _ after: JSONValue, language: LabelLanguage) -> [ComparisonReport.Entry] {
        let others = after["components"]?.elements ?? []
        return (before["components"]?.elements ?? []).flatMap { item -> [ComparisonReport.Entry] in
            guard let component = item["component"]?.text,
                  let other = others.first(where: { $0["component"]?.text == component }) else { return [] }
            let unit = item["unit"]?.text.map { " (\($0))" } ?? ""
            return [("input", "输入", "input"), ("output", "输出", "output")].map { key, zh, en in
                ComparisonReport.Entry(
                    id: "\(component).\(key)", name: "\(component) " + language.pick(zh, en) + unit,
                    before: item[key]?.double, beforeSigma: item[key + "Sigma"]?.double,
                    after: other[key]?.double, afterSigma: other[key + "Sigma"]?.double)
            }
        }
    }

    /// GB/T 13234 savings as compared figures (STANDARDS.md §7, formulas [M]; the `savings` command's
    /// ``EnergySavings`` for one product), from the 综合能耗 E (suppliedTce) of the two periods: the product saving
    /// ΔE_c = (e_a − e_b) · P_a = E_a − E_b · P_a/P_b (the base unit consumption at the reporting output) with both
    /// productions, the output-value saving ΔE_g = E_a − E_b · G_a/G_b with both output values; report − base, so
    /// negative = saved (GB/T 13234-2009's convention).
    /// Each is an entry whose `before` is the adjusted baseline E_b · r (σ_b · r), `after` E_a, Cov = r · Cov(E_b, E_a):
    /// its change is the saving (negative = energy saved) with σ, z and p.
    /// - Complexity: O(entries).
    static func savings(_ figures: [ComparisonReport.Entry], options: AuditOptions) -> [ComparisonReport.Entry] {
        guard let supplied = figures.first(where: { $0.id == "suppliedTce" }) else { return [] }
        let zh = options.language == .zh
        let ratios: [(String, String, String, Double?, Double?)] = [
            ("productSavingTce", "产品节能量（GB/T 13234）", "product energy saving (GB/T 13234)",
             options.production, options.afterProduction),
            ("outputValueSavingTce", "产值节能量（GB/T 13234）", "output-value energy saving (GB/T 13234)",
             options.outputValue, options.afterOutputValue),
        ]
        return ratios.compactMap { id, nameZh, name, before, after in
            guard let before, let after else { return nil }
            let r = after / before
            var entry = ComparisonReport.Entry(
                id: id, name: zh ? nameZh : name, before: supplied.before.map { $0 * r },
                beforeSigma: supplied.beforeSigma.map { $0 * r }, after: supplied.after, afterSigma: supplied.afterSigma)
            entry.covariance = r * supplied.covariance
            entry.sharedMeters = supplied.sharedMeters
            return entry
        }
    }

    /// GB/T 3484 figures that carry an uncertainty (``uncertainty``: suppliedTce, effectiveTce, lossTce,
    /// utilizationRate), their values from the top level.
    static func energyFigures(_ before: JSONValue, _ after: JSONValue, language: LabelLanguage) -> [ComparisonReport.Entry] {
        guard case let .object(sigmas)? = before["uncertainty"] else { return [] }
        let afterSigmas = after["uncertainty"]
        return sigmas.compactMap { key, sigma in
            // Each figure's σ; `budgets` (an object) holds their uncertainty budgets, no figure.
            if case .object = sigma { return nil }
            return ComparisonReport.Entry(
                id: key, name: EnergyLabels.figure(key, language), before: before[key]?.double, beforeSigma: sigma.double,
                after: after[key]?.double, afterSigma: afterSigmas?[key]?.double)
        }
    }
}
