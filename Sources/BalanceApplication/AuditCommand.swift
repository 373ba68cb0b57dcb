/// The commands of the application layer, one use case each; the CLI's subcommands, `balance batch
/// --command` and the C interface's `ab_run` name them the same way.
public enum AuditCommand: String, Sendable, Hashable, CaseIterable {
    /// Weighted least-squares reconciliation with tests and gross-error identification.
    case reconcile
    /// Closure of every balance with the data as given.
    case check
    /// GB/T 12452 water balance.
    case water
    /// GB/T 3484 / 28751 / 2589 energy balance.
    case energy
    /// Material and component balance of an audit focus unit.
    case material
    /// GB/T 13234 energy savings between two periods (two period folders instead of a case).
    case savings
    /// Monte Carlo power of the gross-error strategies.
    case simulate
    /// Where to add or improve meters.
    case advise
    /// The change of every figure between two cases of one plant (before and after an option, two test periods).
    case compare
    /// The balance chapter of an audit report (HTML, Markdown or PDF): reconciliation and, with `--balance`, the
    /// water, energy or material balance of the case, from the same use cases as the commands above.
    case report

    /// The formats the command writes: `report` the audit report's (html, pdf, markdown, table, json), the others the
    /// tables' (json, csv, markdown, table, xlsx). Front ends refuse any other with exit 64 before reading a file.
    public var formats: [ReportFormat] {
        self == .report ? [.json, .html, .pdf, .markdown, .table] : [.json, .csv, .markdown, .table, .xlsx]
    }

    /// A usage error for `format` when the command does not write it, else `nil`.
    public func refusal(of format: ReportFormat) -> ApplicationError? {
        guard !formats.contains(format) else { return nil }
        return ApplicationError(.usage, "`\(rawValue)` does not write \(format.rawValue) (its formats: "
            + formats.map(\.rawValue).joined(separator: ", ") + ")")
    }

    /// `true` for the commands that read one balance case (all but `savings` and `compare`).
    public var readsCase: Bool { self != .savings && self != .compare }

    /// One line for help texts.
    public var abstract: String {
        switch self {
        case .reconcile: return "reconcile measured flows with the balances, find suspect meters"
        case .check: return "check that every balance closes with the data as given"
        case .water: return "water balance to GB/T 12452"
        case .energy: return "energy balance to GB/T 3484, GB/T 28751, GB/T 2589"
        case .material: return "material and component balance of an audit focus unit"
        case .savings: return "energy savings between a base and a reporting period (GB/T 13234)"
        case .simulate: return "Monte Carlo power and AVTI of the gross-error strategies"
        case .advise: return "where to add or improve meters"
        case .compare: return "the change of every figure between two cases (before and after an option), with its σ and significance"
        case .report: return "the balance chapter of an audit report (HTML, Markdown, PDF) from a template"
        }
    }
}
