/// Why a reconciliation could not be carried out.
public enum ReconciliationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input data are wrong (exit status 65 on the command line).
    case invalidModel(ModelError)
    /// A numerical failure in LAPACK (exit status 1).
    case numerical(LinearAlgebraError)
    /// An option is out of range (exit status 64).
    case invalidOption(String)
    /// The problem needs more memory than the dense methods may take (exit status 1): the text says
    /// how much and why.
    case tooLarge(String)
    /// Bounds (`lower`/`upper`) or fixed values that no point satisfying the balances can meet (exit status
    /// 65): the text names the streams and balances.
    case infeasible(String)
    /// The nonlinear iteration stopped without meeting its convergence criteria (exit status 1): the text
    /// gives the iterations, the constraint residual and the reason.
    case notConverged(String)

    public var description: String {
        switch self {
        case let .invalidModel(error): return error.description
        case let .numerical(error): return "numerical failure: \(error)"
        case let .invalidOption(text): return text
        case let .tooLarge(text), let .infeasible(text), let .notConverged(text): return text
        }
    }
}
