import BalanceCore

/// The value of every stream that a standard's figures are computed from (FORMATS.md §1): reconciled
/// values with their σ when the case carries uncertainties, otherwise the exact balance — values as
/// given, each unmeasured stream computed from the balance in which it is the only unknown.
///
/// Shared by the energy and material balances so that both treat data the same way; an unmeasured
/// stream that neither path determines is an error naming it.
public struct StreamValues: Sendable {
    /// Where a stream's value comes from.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Taken as given (exact data, no uncertainty).
        case measured
        /// Computed from the balance in which it was the only unknown (exact data).
        case computed
        /// Adjusted by reconciliation (redundant measurement).
        case reconciled
        /// Measured, but no balance checks it: kept as measured (reconciliation, nonredundant).
        case nonredundant
        /// Unmeasured, estimated by reconciliation from the balances (observable).
        case estimated
        /// Known exactly (σ = 0).
        case fixed
    }

    /// Why the values could not be determined.
    public enum Failure: Error, Sendable {
        /// Unmeasured streams that the balances do not determine.
        case undetermined([String])
        /// The reconciliation failed.
        case reconciliation(ReconciliationError)
    }

    /// Values in model order.
    public var values: [Double]
    /// Standard uncertainties (reconciled data), `nil` for exact data.
    public var sigmas: [Double?]
    /// Where each value comes from.
    public var statuses: [Status]
    /// For computed streams (exact data), the node or relation it was computed from.
    public var computedFrom: [String?]
    /// The reconciliation, when the data carried uncertainties.
    public var reconciliation: ReconciliationResult?
    /// The exact balance, when they did not.
    public var exact: ExactBalance.Result?

    /// Reconciles (`reconcile` true) or closes the balances exactly (closure tolerance `tolerance`).
    public static func solve(
        _ model: BalanceModel, reconcile: Bool, options: ReconciliationOptions, tolerance: Double
    ) throws(Failure) -> StreamValues {
        if reconcile {
            let result: ReconciliationResult
            do {
                result = try Reconciler.reconcile(model, options: options)
            } catch {
                throw .reconciliation(error)
            }
            let unknown = result.streams.filter { $0.reconciled == nil }.map(\.id)
            guard unknown.isEmpty else { throw .undetermined(unknown) }
            return StreamValues(
                values: result.streams.map { $0.reconciled! }, sigmas: result.streams.map(\.reconciledSigma),
                statuses: result.streams.map { Status($0.classification) },
                computedFrom: Array(repeating: nil, count: model.streams.count), reconciliation: result, exact: nil)
        }
        let exact = ExactBalance.solve(model, tolerance: tolerance)
        guard exact.undetermined.isEmpty else { throw .undetermined(exact.undetermined) }
        return StreamValues(
            values: exact.values.map { $0! }, sigmas: Array(repeating: nil, count: model.streams.count),
            statuses: exact.computedFrom.map { $0 == nil ? .measured : .computed }, computedFrom: exact.computedFrom.map { $0?.id },
            reconciliation: nil, exact: exact)
    }
}

extension StreamValues.Status {
    /// How a reconciled value was obtained, from its classification: redundant → reconciled, nonredundant,
    /// observable or unobservable → estimated, fixed.
    init(_ classification: StreamClassification) {
        switch classification {
        case .redundant: self = .reconciled
        case .nonredundant: self = .nonredundant
        case .observable, .unobservable: self = .estimated
        case .fixed: self = .fixed
        }
    }
}
