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

    /// Factor from a standard uncertainty to a 95 % half-width (VDI 2048, normal distribution).
    public static let coverage95 = 1.96

    private var allWarnings: [String] { inputWarnings + result.warnings }

    // MARK: JSON

    /// The JSON document of FORMATS.md §2 (keys are public API), with extensions after the documented keys.
    public func json() -> JSONValue {
        let streams: [JSONValue] = zip(model.streams, result.streams).map { stream, r in
            var members: [(String, JSONValue)] = [
                ("id", .string(r.id)), ("measured", .number(r.measured)), ("sigma", .number(r.sigma)),
                ("reconciled", .number(r.reconciled)), ("reconciledSigma", .number(r.reconciledSigma)),
                ("adjustment", .number(r.adjustment)), ("z", .number(r.z)),
                ("classification", .string(r.classification.rawValue)), ("source", .string(r.source)),
            ]
            members.append(("flagged", .bool(r.flagged)))
            if let name = stream.name { members.append(("name", .string(name))) }
            if let unit = stream.unit { members.append(("unit", .string(unit))) }
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
            .object([
                ("stream", .string(g.stream)), ("z", .number(g.z)), ("estimatedBias", .number(g.estimatedBias)),
                ("estimatedBiasSigma", .number(g.estimatedBiasSigma)),
                ("equivalentStreams", .array(g.equivalentStreams.map { .string($0) })),
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
        if let after = result.globalTestAfterIdentification {
            members.append(("globalTestAfterGrossErrors", Self.json(after)))
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
        headers += ["Measured ± σ", "Reconciled ± σ", "Adjustment", "z", "Class", "Flag", "Source"]
        let right: Set<Int> = [first, first + 1, first + 2, first + 3]
        let rows = zip(model.streams, result.streams).map { stream, r -> [String] in
            var row = [r.id]
            if hasNames { row.append(stream.name ?? "") }
            if hasUnits { row.append(stream.unit ?? "") }
            let adjustment = r.adjustment.map { a in
                NumberFormatting.fixed(a, decimals: NumberFormatting.decimals(forUncertainty: r.sigma ?? abs(a)))
            }
            row += [
                r.measured == nil ? "unmeasured" : valueWithSigma(r.measured, r.sigma),
                r.reconciled == nil ? "null (unobservable)" : valueWithSigma(r.reconciled, r.reconciledSigma),
                adjustment.map { $0.hasPrefix("-") ? $0 : "+" + $0 } ?? "",
                r.z.map { NumberFormatting.fixed($0, decimals: 2) } ?? "", r.classification.rawValue, flag(r),
                r.source ?? "",
            ]
            return row
        }
        return (headers, right, rows)
    }

    private func grossErrorLines() -> [String] {
        result.grossErrors.map { g in
            let name = model.stream(g.stream)?.name.map { " (\($0))" } ?? ""
            let unit = model.stream(g.stream)?.unit.map { " \($0)" } ?? ""
            var text = "\(g.stream)\(name): z = \(NumberFormatting.fixed(g.z, decimals: 2))"
            if let bias = g.estimatedBias {
                let decimals = NumberFormatting.decimals(forUncertainty: g.estimatedBiasSigma ?? abs(bias))
                text += ", the meter reads \(bias >= 0 ? "high" : "low") by \(NumberFormatting.fixed(abs(bias), decimals: decimals))"
                if let s = g.estimatedBiasSigma { text += " ± \(NumberFormatting.fixed(s, decimals: decimals))" }
                text += unit
            } else {
                text += ", its bias cannot be estimated (without it the stream is unobservable)"
            }
            if !g.equivalentStreams.isEmpty {
                text += "; equally suspect, the data cannot tell them apart: \(g.equivalentStreams.joined(separator: ", "))"
            }
            return text
        }
    }

    /// The plain-text report: heading, verdict, stream table, node closures, suspects, warnings.
    public func table() -> String {
        let nBalances = result.nodes.filter(\.balanced).count
        var out = "Reconciliation of \(caseName): \(model.streams.count) streams, \(nBalances) balanced nodes, "
            + "\(result.globalTest.dof) degrees of freedom\n"
        out += verdict + "\n\n"
        let (headers, right, rows) = streamRows()
        var table = TextTable(headers: headers, rightAligned: right)
        table.rows = rows
        out += table.render()
        out += "z: measurement test, |z| > \(NumberFormatting.fixed(result.measurementTest.critical, decimals: 2)) "
            + "(Šidák, \(result.measurementTest.redundantCount) redundant) marks a meter to check.\n"
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
            out += "\nSuspect meters (serial elimination):\n" + suspects.map { "  • " + $0 }.joined(separator: "\n") + "\n"
            if let after = result.globalTestAfterIdentification {
                out += "  Without them the global test \(after.passed ? "passes" : "still fails"): χ² = "
                    + "\(NumberFormatting.fixed(after.statistic, decimals: 2)) (dof \(after.dof)).\n"
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
        if !suspects.isEmpty { out += "\n## Suspect meters\n\n" + suspects.map { "- " + $0 }.joined(separator: "\n") + "\n" }
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
