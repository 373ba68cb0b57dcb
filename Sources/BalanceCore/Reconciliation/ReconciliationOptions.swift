/// Settings of a reconciliation run.
public struct ReconciliationOptions: Sendable, Hashable {
    /// How suspect measurements are identified after the global test fails.
    public enum GrossErrorStrategy: String, Sendable, Hashable, CaseIterable {
        /// Serial elimination (RECONCILIATION.md §5): while the global test fails, treat the measurement
        /// with the largest |z| as unmeasured and solve again. Meter biases only.
        case serial
        /// Serial compensation (Narasimhan & Mah 1987): estimate the largest error once, correct the data
        /// by it and test again; biases and leaks.
        case compensation
        /// Serial GLR (Narasimhan & Mah 1987): like elimination, over bias and leak hypotheses.
        case glr
        /// No identification; the measurement test still flags |z| > z_crit.
        case none
    }

    /// Which linear-algebra path solves the problem.
    public enum Solver: String, Sendable, Hashable, CaseIterable {
        /// The graph solver for flow networks (incidence constraints, independent errors), dense otherwise.
        case automatic
        /// Column-pivoted QR projection with dense LAPACK (RECONCILIATION.md §2–3).
        case dense
        /// Graph reduction plus a grounded weighted Laplacian factored densely (RECONCILIATION.md §4, §8); flow
        /// networks only.
        case graph
        /// Sparse factorisation (CHOLMOD, Takahashi selected inverse; RECONCILIATION.md §11) whatever the size, with
        /// independent errors: graph reduction for pure flow networks, sparse elimination of the unmeasured streams
        /// with relations. `automatic` takes it for large networks.
        case sparse
    }

    /// Significance level α of the global, measurement and nodal tests (default 0.05).
    public var alpha: Double
    /// Gross-error identification strategy (default: serial elimination).
    public var grossErrors: GrossErrorStrategy
    /// Solver selection (default: automatic).
    public var solver: Solver
    /// Up to this many streams the full covariance of all results is computed by default (default 400);
    /// above it only the variances, so that memory stays linear in the network size.
    public var fullCovarianceThreshold: Int
    /// Whether to compute the full covariance of all results (needed to propagate uncertainty to
    /// indicators). `nil` = automatically: yes up to ``fullCovarianceThreshold`` streams.
    public var fullCovariance: Bool?

    /// Up to this many streams the automatic choice may take the dense solver for a flow network whose
    /// σ spread is too wide for the graph solver's accuracy (default 3000: the dense solver's O(m³)
    /// time stays below a second or so there).
    public var denseStreamLimit: Int

    public init(
        alpha: Double = 0.05, grossErrors: GrossErrorStrategy = .serial, solver: Solver = .automatic,
        fullCovarianceThreshold: Int = 400, fullCovariance: Bool? = nil, denseStreamLimit: Int = 3000
    ) {
        self.denseStreamLimit = denseStreamLimit
        self.alpha = alpha
        self.grossErrors = grossErrors
        self.solver = solver
        self.fullCovarianceThreshold = fullCovarianceThreshold
        self.fullCovariance = fullCovariance
    }
}
