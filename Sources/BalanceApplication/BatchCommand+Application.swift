import BalanceCore
import BalanceIO

extension BatchCommand {
    /// The commands `balance batch --command NAME` accepts: every command that reads one case.
    public static let applicationCommands: [AuditCommand] = AuditCommand.allCases.filter(\.readsCase)

    /// The batch command that runs the use case `command` with `options` on every case: the same
    /// pipeline and renderer as the single-case command, so each result file equals the output of
    /// `balance COMMAND CASE --format FORMAT` byte for byte.
    public static func application(_ command: AuditCommand, options: AuditOptions) -> BatchCommand {
        BatchCommand(name: command.rawValue, abstract: command.abstract, formats: command.formats) { loaded, settings throws(BatchCaseError) in
            do throws(ApplicationError) {
                let outcome = try Application.run(command, case: loaded, options: options)
                return BatchCaseResult(utf8: try outcome.render(settings.format), figures: outcome.figures)
            } catch {
                throw BatchCaseError(error)
            }
        }
    }
}

extension BatchCaseError {
    /// An application error as a failed case of a batch (the same kinds, so the same exit statuses).
    public init(_ error: ApplicationError) {
        let kind: Kind
        switch error.kind {
        case .badData: kind = .badData
        case .usage: kind = .usage
        case .computation: kind = .computation
        case .output: kind = .output
        }
        self.init(kind, error.message)
    }
}
