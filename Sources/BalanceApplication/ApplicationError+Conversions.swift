import BalanceCore
import BalanceIO
import BalanceStandards

// The one mapping from the library's errors to the application's kinds (and so to exit statuses).

extension ApplicationError {
    /// Bad input data, as the loader phrased it (file:line:column: message).
    public init(_ error: InputError) {
        self.init(.badData, error.description)
    }

    /// A model error in `file`, keeping its location.
    init(_ error: ModelError, file: String) {
        self.init(.badData, InputError(error, file: file).description)
    }

    /// A reconciliation error: the model is bad data (65), an option out of range usage (64), a
    /// numerical failure a computation error (1).
    init(_ error: ReconciliationError, file: String) {
        switch error {
        case let .invalidModel(modelError): self.init(modelError, file: file)
        case .invalidOption: self.init(.usage, error.description)
        case .infeasible: self.init(.badData, "\(file): \(error.description)")
        case .numerical, .tooLarge, .notConverged: self.init(.computation, error.description)
        }
    }

    /// A water-balance error.
    init(_ error: WaterBalanceError, file: String) {
        switch error {
        case let .invalidData(modelError): self.init(modelError, file: file)
        case .undetermined: self.init(.badData, "\(file): \(error.description)")
        case let .reconciliation(reconciliationError): self.init(reconciliationError, file: file)
        case .invalidParameter: self.init(.usage, error.description)
        }
    }

    /// An error of the standards (energy, savings, material): usage 64, computation 1, otherwise data 65;
    /// the case's file is named when the error has no location of its own.
    init(_ error: StandardsError, file: String) {
        let kind: Kind = error.isUsageError ? .usage : error.isComputationError ? .computation : .badData
        self.init(kind, error.location == nil && !error.isUsageError ? "\(file): \(error.message)" : error.description)
    }
}
