import BalanceCore
import BalanceIO

/// The inputs of a case that a command cannot use: refused (exit status 65) instead of being read and
/// ignored (FORMATS.md §1: "a documented input is used or refused").
enum CaseInputs {
    /// Commands that use the rows of `components.csv`.
    static let componentCommands: Set<AuditCommand> = [.energy, .material]
    /// Commands that use `covariance.csv`.
    static let covarianceCommands: Set<AuditCommand> = [.reconcile]

    /// Throws a bad-data error for `components.csv`, `covariance.csv` or stream bounds given to a
    /// command that does not use them.
    static func refuseUnused(_ loaded: LoadedCase, by command: AuditCommand) throws(ApplicationError) {
        if !loaded.components.isEmpty && !componentCommands.contains(command) {
            let file = loaded.components[0].location?.file ?? CaseLoader.componentsFile
            throw ApplicationError(.badData, "\(file): `\(command.rawValue)` does not use component values (only "
                + "`energy` and `material` do; nonlinear reconciliation of components is not implemented yet): "
                + "remove \(CaseLoader.componentsFile) from the case or run `energy`/`material`")
        }
        if !loaded.covariance.isEmpty && !covarianceCommands.contains(command) {
            let file = loaded.covariance[0].location?.file ?? CaseLoader.covarianceFile
            throw ApplicationError(.badData, "\(file): `\(command.rawValue)` does not use correlated measurement "
                + "errors (only `reconcile` does): remove \(CaseLoader.covarianceFile) from the case or run `reconcile`")
        }
        if let stream = loaded.model.streams.first(where: { $0.lower != nil || $0.upper != nil }) {
            let column = stream.lower != nil ? "lower" : "upper"
            let location = stream.location.map { "\($0): " } ?? ""
            throw ApplicationError(.badData, "\(location)stream '\(stream.id)': the \(column) bound is not used by any "
                + "command yet (bounded reconciliation is not implemented): remove the lower/upper columns")
        }
    }
}
