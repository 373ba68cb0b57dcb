import BalanceCore

/// The result of `balance reconcile` in the four output formats of FORMATS.md §2:
/// JSON (the contract), CSV (one row per stream, for spreadsheets), Markdown (for reports) and a
/// plain-text table for plant engineers.
public struct ReconciliationReport: Sendable {
    /// The case's model (names, units, topology).
    public var model: BalanceModel
    /// The reconciliation result.
    public var result: ReconciliationResult
    /// Case name for headings.
    public var caseName: String
    /// Warnings from reading the input, shown with the result's own.
    public var inputWarnings: [String]

    public init(model: BalanceModel, result: ReconciliationResult, caseName: String, inputWarnings: [String] = []) {
        self.model = model
        self.result = result
        self.caseName = caseName
        self.inputWarnings = inputWarnings
    }

    /// The nonlinear reconciliation behind ``result`` (component balances, equations, bounds), when it ran: the JSON
    /// then lists the flows as `streams`, each with its `components`, and adds `iterations`, `constraintResidual`,
    /// `converged` and `reactions` (FORMATS.md §2.7).
    public var nonlinear: NonlinearReconciliationResult?

    /// Report in the VDI 2048 convention: 95 % half-widths instead of σ, and the quality criterion.
    public var vdi2048 = false

    /// VDI 2048 quality criterion of a measurement: |adjustment| / (1.96 √Var(adjustment)) — ≤ 1 passes
    /// (VDI 2048 Part 1; RECONCILIATION.md §6). `nil` for streams that are not redundant.
    public func vdiQuality(_ j: Int) -> Double? {
        guard let w = result.solution.adjustmentVariances[j], w > 0, let a = result.streams[j].adjustment else { return nil }
        return abs(a) / (Self.coverage95 * w.squareRoot())
    }

    /// The identification strategy, in words, for headings.
    public var strategy: ReconciliationOptions.GrossErrorStrategy = .serial

    var strategyName: String {
        switch strategy {
        case .serial: return "serial elimination"
        case .compensation: return "serial compensation"
        case .glr: return "serial GLR, biases and leaks"
        case .none: return "none"
        }
    }

    /// Factor from a standard uncertainty to a 95 % half-width (VDI 2048, normal distribution).
    public static let coverage95 = 1.96

    private var allWarnings: [String] { inputWarnings + result.warnings }

    // MARK: JSON

    /// The JSON document of FORMATS.md §2 (keys are public API), with extensions after the documented keys.
    public func json() -> JSONValue {
        let flowCount = nonlinear?.flowCount ?? model.streams.count
        var componentsOf: [String: [JSONValue]] = [:]
        var reactions: [JSONValue] = []
        if let nonlinear {
            for (j, v) in nonlinear.variables.enumerated() where j >= flowCount {
                let r = result.streams[j]
                if let stream = v.stream, let component = v.component {
                    var members: [(String, JSONValue)] = [
                        ("component", .string(component)), ("measured", .number(r.measured)), ("sigma", .number(r.sigma)),
                        ("reconciled", .number(r.reconciled)), ("reconciledSigma", .number(r.reconciledSigma)),
                        ("adjustment", .number(r.adjustment)), ("z", .number(r.z)),
                        ("classification", .string(r.classification.rawValue)), ("flagged", .bool(r.flagged)),
                        ("unit", .string(v.unit)),
                    ]
                    if let side = v.atBound { members.append(("atBound", .string(side.rawValue))) }
                    componentsOf[stream, default: []].append(.object(members))
                } else if let node = v.node, let component = v.component {
                    reactions.append(.object([
                        ("node", .string(node)), ("component", .string(component)), ("generation", .number(r.reconciled)),
                        ("generationSigma", .number(r.reconciledSigma)), ("classification", .string(r.classification.rawValue)),
                    ]))
                }
            }
        }
        let streams: [JSONValue] = zip(model.streams.prefix(flowCount), result.streams).map { stream, r in
            var members: [(String, JSONValue)] = [
                ("id", .string(r.id)), ("measured", .number(r.measured)), ("sigma", .number(r.sigma)),
                ("reconciled", .number(r.reconciled)), ("reconciledSigma", .number(r.reconciledSigma)),
                ("adjustment", .number(r.adjustment)), ("z", .number(r.z)),
                ("classification", .string(r.classification.rawValue)), ("source", .string(r.source)),
            ]
            members.append(("flagged", .bool(r.flagged)))
            let j = model.streamIndex[r.id]!
            members.append(("u95", .number(r.sigma.map { $0 * Self.coverage95 })))
            members.append(("reconciledU95", .number(r.reconciledSigma.map { $0 * Self.coverage95 })))
            members.append(("vdiQuality", .number(vdiQuality(j))))
            if let name = stream.name { members.append(("name", .string(name))) }
            if let unit = stream.unit { members.append(("unit", .string(unit))) }
            if let nonlinear {
                if let side = nonlinear.variables[j].atBound { members.append(("atBound", .string(side.rawValue))) }
                members.append(("components", .array(componentsOf[r.id] ?? [])))
            }
            return .object(members)
        }
        let nodes: [JSONValue] = result.nodes.map { n in
            .object([
                ("id", .string(n.id)), ("imbalanceMeasured", .number(n.imbalanceMeasured)),
                ("relativeImbalance", .number(n.relativeImbalance)),
                ("imbalanceReconciled", .number(n.imbalanceReconciled)),
                ("unmeasuredStreams", .integer(n.unmeasuredStreams)), ("balanced", .bool(n.balanced)),
            ])
        }
        let grossErrors: [JSONValue] = result.grossErrors.map { g in
            let interval = g.confidenceInterval95
            return .object([
                ("stream", .string(g.stream)), ("z", .number(g.z)), ("estimatedBias", .number(g.estimatedBias)),
                ("type", .string(g.kind.rawValue)), ("node", .string(g.node)), ("statistic", .number(g.statistic)),
                ("pValue", .number(g.pValue)), ("estimatedBiasSigma", .number(g.estimatedBiasSigma)),
                ("confidenceInterval95", interval.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
                ("equivalentTo", .array(g.equivalent.map { h in
                    .object([("type", .string(h.kind.rawValue)), (h.kind == .bias ? "stream" : "node", .string(h.location))])
                })),
            ])
        }
        var members: [(String, JSONValue)] = [
            ("streams", .array(streams)), ("nodes", .array(nodes)),
            ("globalTest", Self.json(result.globalTest)), ("grossErrors", .array(grossErrors)),
            ("warnings", .array(allWarnings.map { .string($0) })),
        ]
        members.append(("measurementTest", .object([
            ("critical", .number(result.measurementTest.critical)),
            ("redundantMeasurements", .integer(result.measurementTest.redundantCount)),
        ])))
        members.append(("nodalTests", .array(result.nodalTests.map { t in
            .object([
                ("balance", .array(t.balance.map { .string($0) })), ("residual", .number(t.residual)),
                ("sigma", .number(t.sigma)), ("statistic", .number(t.statistic)), ("flagged", .bool(t.flagged)),
            ])
        })))
        members.append(("nodalCritical", .number(result.nodalCritical)))
        if let nonlinear {
            members.append(("iterations", .integer(nonlinear.iterations)))
            members.append(("constraintResidual", .number(nonlinear.constraintResidual)))
            members.append(("relativeConstraintResidual", .number(nonlinear.relativeConstraintResidual)))
            members.append(("converged", .bool(nonlinear.converged)))
            members.append(("stopReason", .string(nonlinear.stopReason)))
            members.append(("reactions", .array(reactions)))
        }
        if let after = result.afterIdentification {
            members.append(("afterGrossErrors", .object([
                ("convention", .string(after.convention.rawValue)),
                ("estimatedMagnitudes", .integer(after.estimatedMagnitudes)),
                ("globalTest", Self.json(after.globalTest)),
                ("streams", .array(zip(model.streams, zip(after.values, after.sigmas)).map { stream, pair in
                    .object([("id", .string(stream.id)), ("reconciled", .number(pair.0)), ("reconciledSigma", .number(pair.1))])
                })),
                ("leaks", .array(after.leaks.map { leak in
                    .object([("node", .string(leak.node)), ("estimate", .number(leak.estimate)), ("sigma", .number(leak.sigma))])
                })),
            ])))
        }
        return .object(members)
    }

    static func json(_ test: ReconciliationResult.GlobalTest) -> JSONValue {
        .object([
            ("statistic", .number(test.statistic)), ("dof", .integer(test.dof)), ("critical", .number(test.critical)),
            ("pValue", .number(test.pValue)), ("alpha", .number(test.alpha)), ("passed", .bool(test.passed)),
        ])
    }

    // MARK: CSV

    /// One row per stream, RFC 4180, for spreadsheets; empty cells where JSON has `null`.
    public func csv() -> String {
        var writer = CSVWriter()
        writer.writeRecord([
            "id", "name", "from", "to", "unit", "measured", "sigma", "reconciled", "reconciledSigma", "u95",
            "adjustment", "z", "classification", "flagged", "source",
        ])
        for (stream, r) in zip(model.streams, result.streams) {
            func cell(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
            writer.writeRecord([
                r.id, stream.name ?? "", stream.from ?? "", stream.to ?? "", stream.unit ?? "", cell(r.measured),
                cell(r.sigma), cell(r.reconciled), cell(r.reconciledSigma),
                cell(r.reconciledSigma.map { $0 * Self.coverage95 }), cell(r.adjustment), cell(r.z),
                r.classification.rawValue, r.flagged ? "yes" : "", r.source ?? "",
            ])
        }
        return writer.text
    }

    // MARK: Human-readable

    /// The one-line verdict of the global test, in plain words.
    public var verdict: String {
        let g = result.globalTest
        guard let critical = g.critical, let p = g.pValue else {
            return "Global test: nothing to test (no redundancy, 0 degrees of freedom)."
        }
        let stat = NumberFormatting.fixed(g.statistic, decimals: 2)
        let crit = NumberFormatting.fixed(critical, decimals: 2)
        let pText = NumberFormatting.general(p, significant: 3)
        if g.passed {
            return "Global test passed: χ² = \(stat) ≤ \(crit) (dof \(g.dof), α = \(g.alpha), p = \(pText)) — "
                + "the measurements agree with the balances."
        }
        return "Global test FAILED: χ² = \(stat) > \(crit) (dof \(g.dof), α = \(g.alpha), p = \(pText)) — "
            + "the measurements contradict the balances: look for faulty meters or leaks."
    }

    private func valueWithSigma(_ value: Double?, _ sigma: Double?) -> String {
        guard let value else { return "—" }
        guard let sigma, sigma > 0 else { return NumberFormatting.fixed(value, decimals: NumberFormatting.decimals(forValue: value)) }
        let decimals = NumberFormatting.decimals(forUncertainty: sigma)
        return NumberFormatting.fixed(value, decimals: decimals) + " ± " + NumberFormatting.fixed(sigma, decimals: decimals)
    }

    private func flag(_ r: ReconciliationResult.StreamResult) -> String {
        if result.grossErrors.contains(where: { $0.stream == r.id }) { return "SUSPECT" }
        if result.grossErrors.contains(where: { $0.equivalent.contains(GrossErrorHypothesis(kind: .bias, location: r.id)) }) {
            return "SUSPECT?"
        }
        if r.flagged { return "check" }
        return ""
    }

    private var hasNames: Bool { model.streams.contains { $0.name != nil } }
    private var hasUnits: Bool { model.streams.contains { $0.unit != nil } }

    private func streamRows() -> (headers: [String], right: Set<Int>, rows: [[String]]) {
        var headers = ["Stream"]
        if hasNames { headers.append("Name") }
        if hasUnits { headers.append("Unit") }
        let first = headers.count
        let k = vdi2048 ? Self.coverage95 : 1
        headers += vdi2048
            ? ["Measured ± u95", "Reconciled ± u95", "Adjustment", "Quality", "Class", "Flag", "Source"]
            : ["Measured ± σ", "Reconciled ± σ", "Adjustment", "z", "Class", "Flag", "Source"]
        let right: Set<Int> = [first, first + 1, first + 2, first + 3]
        let rows = zip(model.streams, result.streams).map { stream, r -> [String] in
            var row = [r.id]
            if hasNames { row.append(stream.name ?? "") }
            if hasUnits { row.append(stream.unit ?? "") }
            // A nonredundant meter is not adjusted at all: say 0, not a rounded "+0.0".
            let adjustment = r.classification == .nonredundant ? "0" : r.adjustment.map { a in
                NumberFormatting.fixed(a, decimals: NumberFormatting.decimals(forUncertainty: r.sigma ?? abs(a)))
            }
            row += [
                r.measured == nil ? "unmeasured" : valueWithSigma(r.measured, r.sigma.map { $0 * k }),
                r.reconciled == nil ? "null (unobservable)" : valueWithSigma(r.reconciled, r.reconciledSigma.map { $0 * k }),
                adjustment.map { $0 == "0" || $0.hasPrefix("-") ? $0 : "+" + $0 } ?? "",
                vdi2048
                    ? vdiQuality(model.streamIndex[r.id]!).map { NumberFormatting.fixed($0, decimals: 2) + ($0 > 1 ? " ✗" : "") } ?? ""
                    : r.z.map { NumberFormatting.fixed($0, decimals: 2) } ?? "",
                r.classification.rawValue, flag(r),
                r.source ?? "",
            ]
            return row
        }
        return (headers, right, rows)
    }

    private func describe(_ h: GrossErrorHypothesis) -> String {
        switch h.kind {
        case .bias: return "meter \(h.location)" + (model.stream(h.location)?.name.map { " (\($0))" } ?? "")
        case .leak: return "a leak at \(h.location)" + (model.node(h.location)?.name.flatMap { $0 == h.location ? nil : " (\($0))" } ?? "")
        }
    }

    /// The identified gross errors in plain words.
    /// How the dof after identification came about, for the text formats.
    var afterDofNote: String {
        guard let after = result.afterIdentification else { return "" }
        switch after.convention {
        case .compensated:
            return " = \(result.globalTest.dof) − \(after.estimatedMagnitudes) compensated"
        case .eliminated:
            return ", the meters eliminated"
        }
    }

    /// The suspect list: z is the statistic at the step the error was identified (after the errors
    /// identified before it were removed), not the measurement test's z of the stream table.
    func grossErrorLines() -> [String] {
        result.grossErrors.map { g in
            let unit: String
            switch g.kind {
            case .bias: unit = model.stream(g.location)?.unit.map { " \($0)" } ?? ""
            case .leak: unit = model.streams.first { $0.from == g.location || $0.to == g.location }?.unit.map { " \($0)" } ?? ""
            }
            var text: String
            switch g.kind {
            case .bias: text = "\(g.location)" + (model.stream(g.location)?.name.map { " (\($0))" } ?? "") + ": z at identification = \(NumberFormatting.fixed(g.z, decimals: 2))"
            case .leak: text = "Leak at \(g.location)" + (model.node(g.location)?.name.flatMap { $0 == g.location ? nil : " (\($0))" } ?? "") + ": T = \(NumberFormatting.fixed(g.statistic, decimals: 2))"
            }
            if let size = g.estimatedBias {
                let decimals = NumberFormatting.decimals(forUncertainty: g.estimatedBiasSigma ?? abs(size))
                let sigma = g.estimatedBiasSigma.map { " ± \(NumberFormatting.fixed($0, decimals: decimals))" } ?? ""
                switch g.kind {
                case .bias:
                    text += ", the meter reads \(size >= 0 ? "high" : "low") by \(NumberFormatting.fixed(abs(size), decimals: decimals))\(sigma)\(unit)"
                case .leak:
                    text += size >= 0
                        ? ", about \(NumberFormatting.fixed(size, decimals: decimals))\(sigma)\(unit) leaves the node unmetered"
                        : ", about \(NumberFormatting.fixed(-size, decimals: decimals))\(sigma)\(unit) more arrives than is metered"
                }
            } else {
                text += ", its size cannot be estimated"
            }
            if !g.equivalent.isEmpty {
                text += "; the data cannot tell this apart from " + g.equivalent.map(describe).joined(separator: ", ")
            }
            return text
        }
    }

    /// The plain-text report: heading, verdict, stream table, node closures, suspects, warnings.
    public func table() -> String {
        let nBalances = result.nodes.filter(\.balanced).count
        var out = "Reconciliation of \(caseName): \(nonlinear?.flowCount ?? model.streams.count) streams, "
        if let nonlinear {
            let components = nonlinear.variables.filter { $0.stream != nil && $0.component != nil }.count
            let generation = nonlinear.variables.filter { $0.node != nil }.count
            out += "\(components) component values, " + (generation > 0 ? "\(generation) generation terms, " : "")
        }
        out += "\(nBalances) balanced nodes, \(result.globalTest.dof) degrees of freedom\n"
        if let nonlinear {
            out += "Nonlinear reconciliation: converged in \(nonlinear.iterations) iterations, constraint residual "
                + "\(NumberFormatting.general(nonlinear.constraintResidual, significant: 2)) "
                + "(relative \(NumberFormatting.general(nonlinear.relativeConstraintResidual, significant: 2)))\n"
        }
        out += verdict + "\n\n"
        let (headers, right, rows) = streamRows()
        var table = TextTable(headers: headers, rightAligned: right)
        table.rows = rows
        out += table.render()
        if vdi2048 {
            out += "VDI 2048: u95 = 1.96 σ; quality = |adjustment| / (1.96 σ_adjustment), above 1 (✗) the measurement fails.\n"
        } else {
            out += "z: measurement test, |z| > \(NumberFormatting.fixed(result.measurementTest.critical, decimals: 2)) "
                + "(Šidák, \(result.measurementTest.redundantCount) redundant) marks a meter to check.\n"
        }
        let nodeRows = result.nodes.filter(\.balanced).map { n -> [String] in
            let name = model.node(n.id)?.name.flatMap { $0 == n.id ? nil : $0 } ?? ""
            let decimals = NumberFormatting.decimals(forValue: abs(n.imbalanceMeasured), significant: 4)
            // The closure error of a node with unmeasured streams is what those streams carry, not an error.
            let closure = n.unmeasuredStreams == 0 ? n.relativeImbalance.map { NumberFormatting.percent($0) } ?? "" : "—"
            let after = n.imbalanceReconciled.map { abs($0) < 1e-9 * max(1, abs(n.imbalanceMeasured)) ? "0" : NumberFormatting.general($0, significant: 3) } ?? "—"
            return [
                n.id, name, NumberFormatting.fixed(n.imbalanceMeasured, decimals: min(decimals, 3)), closure,
                n.unmeasuredStreams > 0 ? "\(n.unmeasuredStreams)" : "", after,
            ]
        }
        if !nodeRows.isEmpty {
            var nodes = TextTable(
                headers: ["Node", "Name", "In − out (measured)", "Closure δ", "Unmeasured", "After"], rightAligned: [2, 3, 4, 5])
            nodes.rows = nodeRows
            out += "\n" + nodes.render()
        }
        let suspects = grossErrorLines()
        if !suspects.isEmpty {
            out += "\nSuspect meters and leaks (\(strategyName)):\n" + suspects.map { "  • " + $0 }.joined(separator: "\n") + "\n"
            if let after = result.globalTestAfterIdentification {
                out += "  Without \(result.grossErrors.count == 1 ? "it" : "them") the global test \(after.passed ? "passes" : "still fails"): χ² = "
                    + "\(NumberFormatting.fixed(after.statistic, decimals: 2)) (dof \(after.dof)\(afterDofNote)).\n"
            }
        }
        if !allWarnings.isEmpty {
            out += "\nWarnings:\n" + allWarnings.map { "  ! " + $0 }.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// The Markdown report (for audit reports and README files).
    public func markdown() -> String {
        var out = "# Reconciliation of \(caseName)\n\n\(verdict)\n\n"
        let (headers, _, rows) = streamRows()
        out += Markdown.table(headers: headers, rows: rows)
        let suspects = grossErrorLines()
        if !suspects.isEmpty { out += "\n## Suspect meters and leaks (\(strategyName))\n\n" + suspects.map { "- " + $0 }.joined(separator: "\n") + "\n" }
        if !allWarnings.isEmpty { out += "\n## Warnings\n\n" + allWarnings.map { "- " + $0 }.joined(separator: "\n") + "\n" }
        return out
    }
}

/// Markdown helpers.
public enum Markdown {
    /// A pipe table; `|` in cells is escaped.
    public static func table(headers: [String], rows: [[String]]) -> String {
        func escape(_ s: String) -> String { String(s.flatMap { $0 == "|" ? ["\\", "|"] : [$0] }) }
        var out = "| " + headers.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + headers.map { _ in " --- |" }.joined() + "\n"
        for row in rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        return out
    }
}
