import BalanceCore
import BalanceIO

/// The inputs of a case that a command cannot use: refused (exit status 65) instead of being read and
/// ignored (FORMATS.md §1: "a documented input is used or refused").
enum CaseInputs {
    /// Commands that use the rows of `components.csv`.
    static let componentCommands: Set<AuditCommand> = [.energy, .material, .reconcile, .report]
    /// Commands that use `equations.csv` and the `lower`/`upper` bounds of streams (nonlinear reconciliation).
    static let equationCommands: Set<AuditCommand> = [.reconcile, .report]
    /// Commands that use `covariance.csv`.
    static let covarianceCommands: Set<AuditCommand> = [.reconcile, .report]

    /// Commands whose balances add stream values, so that units are converted first (energy converts
    /// every carrier to tce itself).
    static let unitCommands: Set<AuditCommand> = [.reconcile, .check, .water, .material, .simulate, .advise]

    /// The case with every stream in one unit (``UnitNormalization``), the conversions added to its
    /// warnings. Water adds masses to volumes at 1 m³/t (steam and water in t, GB/T 12452 practice).
    /// - Throws: bad data naming the streams that cannot be converted, and for an absolute covariance
    ///   on a converted stream (its unit would be ambiguous).
    static func normalizingUnits(
        _ loaded: LoadedCase, for command: AuditCommand, options: AuditOptions
    ) throws(ApplicationError) -> LoadedCase {
        guard unitCommands.contains(command) else { return loaded }
        let defaults = UnitNormalization.Defaults(
            hoursPerDay: options.hoursPerDay, daysPerYear: options.daysPerYear,
            volumePerMass: command == .water ? 1 : nil)
        let result: (model: BalanceModel, conversions: [UnitNormalization.Conversion])
        do throws(ModelError) {
            result = try UnitNormalization.normalize(loaded.model, defaults: defaults)
        } catch {
            throw ApplicationError(error, file: loaded.files.first ?? loaded.name)
        }
        guard !result.conversions.isEmpty else { return loaded }
        if !loaded.equations.isEmpty {
            let location = loaded.equations[0].location.map { "\($0): " } ?? ""
            throw ApplicationError(.badData, "\(location)the case converts stream units (" + result.conversions.prefix(3).map(\.description).joined(separator: "; ")
                + "), but equations.csv is written with the flows as given: give every stream in one unit")
        }
        let converted = Set(result.conversions.map(\.stream))
        if let entry = loaded.covariance.first(where: { entry in
            if case .covariance = entry.value { return converted.contains(entry.streamA) || converted.contains(entry.streamB) }
            return false
        }) {
            throw ApplicationError(.badData, (entry.location.map { "\($0): " } ?? "") + "the covariance of "
                + "'\(entry.streamA)'–'\(entry.streamB)' is absolute, but the stream is converted to another unit: "
                + "give a correlation instead")
        }
        var normalized = loaded
        normalized.model = result.model
        normalized.warnings += result.conversions.map { "unit converted: \($0.description)" }
        return normalized
    }

    /// Throws a bad-data error for `components.csv`, `covariance.csv` or stream bounds given to a
    /// command that does not use them.
    static func refuseUnused(_ loaded: LoadedCase, by command: AuditCommand) throws(ApplicationError) {
        if !loaded.components.isEmpty && !componentCommands.contains(command) {
            let file = loaded.components[0].location?.file ?? CaseLoader.componentsFile
            throw ApplicationError(.badData, "\(file): `\(command.rawValue)` does not use component values (only "
                + "`reconcile`, `energy` and `material` do): remove \(CaseLoader.componentsFile) from the case or run "
                + "one of those")
        }
        if !loaded.covariance.isEmpty && !covarianceCommands.contains(command) {
            let file = loaded.covariance[0].location?.file ?? CaseLoader.covarianceFile
            throw ApplicationError(.badData, "\(file): `\(command.rawValue)` does not use correlated measurement "
                + "errors (only `reconcile` does): remove \(CaseLoader.covarianceFile) from the case or run `reconcile`")
        }
        if !loaded.equations.isEmpty && !equationCommands.contains(command) {
            let location = loaded.equations[0].location.map { "\($0): " } ?? "\(CaseLoader.equationsFile): "
            throw ApplicationError(.badData, "\(location)`\(command.rawValue)` does not use equations (only `reconcile` "
                + "does): remove \(CaseLoader.equationsFile) from the case or run `reconcile`")
        }
        if !equationCommands.contains(command), let node = loaded.model.nodes.first(where: { $0.isSplitter || !$0.reactiveComponents.isEmpty }) {
            let column = node.isSplitter ? "type" : "reactions"
            let location = node.location.map { "\($0): " } ?? ""
            throw ApplicationError(.badData, "\(location)node '\(node.id)': the \(column) column is used by `reconcile` only "
                + "(component balances), not by `\(command.rawValue)`: remove it or run `reconcile`")
        }
        if !equationCommands.contains(command), let stream = loaded.model.streams.first(where: { $0.lower != nil || $0.upper != nil }) {
            let column = stream.lower != nil ? "lower" : "upper"
            let location = stream.location.map { "\($0): " } ?? ""
            throw ApplicationError(.badData, "\(location)stream '\(stream.id)': the \(column) bound is used by `reconcile` "
                + "only, not by `\(command.rawValue)`: remove the lower/upper columns or run `reconcile`")
        }
    }
}
