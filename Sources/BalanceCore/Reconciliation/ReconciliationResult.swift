/// Everything a reconciliation produces: per-stream results, node closures, the statistical tests,
/// identified gross errors and warnings (FORMATS.md §2).
public struct ReconciliationResult: Sendable {
    /// The result for one stream.
    public struct StreamResult: Sendable, Hashable, Identifiable {
        /// Stream id.
        public internal(set) var id: String
        /// Measured value, `nil` when unmeasured.
        public internal(set) var measured: Double?
        /// Standard uncertainty of the measurement (0 when fixed).
        public internal(set) var sigma: Double?
        /// Reconciled or estimated value; `nil` when unobservable.
        public internal(set) var reconciled: Double?
        /// Standard uncertainty of ``reconciled``; `nil` when unobservable.
        public internal(set) var reconciledSigma: Double?
        /// Adjustment made by the reconciliation, reconciled − measured.
        public internal(set) var adjustment: Double?
        /// Measurement test statistic z = (measured − reconciled)/√Var(measured − reconciled) (redundant streams only):
        /// positive when the meter reads above the balances' estimate.
        public internal(set) var z: Double?
        /// What the balances can say about the stream.
        public internal(set) var classification: StreamClassification
        /// `true` when |z| exceeds the Šidák-corrected critical value of the measurement test.
        public internal(set) var flagged: Bool
        /// Where the value came from (meter id, `calculated`, …), carried from the input.
        public internal(set) var source: String?
    }

    /// Closure of one node's balance, before and after reconciliation.
    public struct NodeBalance: Sendable, Hashable, Identifiable {
        /// Node id.
        public internal(set) var id: String
        /// Σ in − Σ out over the streams with a value (measured or fixed).
        public internal(set) var imbalanceMeasured: Double
        /// ``imbalanceMeasured`` / Σ measured inflow (δ of the audit standards); `nil` when nothing flows in.
        public internal(set) var relativeImbalance: Double?
        /// Σ in − Σ out with reconciled values; `nil` when a stream of the node is unobservable.
        public internal(set) var imbalanceReconciled: Double?
        /// Number of unmeasured streams at the node (their flows are not in ``imbalanceMeasured``).
        public internal(set) var unmeasuredStreams: Int
        /// `false` for nodes marked `balance = no`.
        public internal(set) var balanced: Bool
    }

    /// The global (χ²) test (RECONCILIATION.md §5).
    public struct GlobalTest: Sendable, Hashable {
        /// γ = rᵀ S⁻¹ r.
        public internal(set) var statistic: Double
        /// p = rank of the reduced constraints.
        public internal(set) var dof: Int
        /// χ²_{1−α}(p); `nil` when p = 0 (nothing to test).
        public internal(set) var critical: Double?
        /// P(χ²(p) ≥ γ); `nil` when p = 0.
        public internal(set) var pValue: Double?
        /// Significance level.
        public internal(set) var alpha: Double
        /// γ ≤ critical (true when there is nothing to test).
        public internal(set) var passed: Bool
    }

    /// The measurement test's critical value with the Šidák correction over the redundant measurements.
    public struct MeasurementTest: Sendable, Hashable {
        /// z_crit = Φ⁻¹(1 − β/2), β = 1 − (1 − α)^{1/n_r}.
        public internal(set) var critical: Double
        /// n_r, the number of redundant measurements.
        public internal(set) var redundantCount: Int
    }

    /// The nodal test of one balance (a node, or nodes merged along unmeasured streams, or a relation).
    public struct NodalTest: Sendable, Hashable {
        /// The nodes whose summed balance is tested (one node unless unmeasured streams join several),
        /// or the relation id.
        public internal(set) var balance: [String]
        /// Residual of the balance with the measured values.
        public internal(set) var residual: Double
        /// Its standard deviation √(a V aᵀ).
        public internal(set) var sigma: Double
        /// residual / sigma.
        public internal(set) var statistic: Double
        /// |statistic| above the Šidák-corrected critical value.
        public internal(set) var flagged: Bool
    }

    /// A gross error located by identification: a meter bias or a leak, with its size.
    public struct GrossError: Sendable, Hashable {
        /// Bias of a meter, or leak at a node.
        public internal(set) var kind: GrossErrorHypothesis.Kind
        /// The stream id (bias) or node id (leak).
        public internal(set) var location: String
        /// GLR statistic T at identification, χ²(1) under "no such error" (= z² for a bias).
        public internal(set) var statistic: Double
        /// Signed statistic ±√T (sign of the estimated magnitude).
        public internal(set) var z: Double
        /// P(χ²(1) ≥ T), without multiple-testing correction.
        public internal(set) var pValue: Double
        /// Estimated magnitude: how much the meter reads high (bias; negative = low), or the flow lost (leak).
        public internal(set) var estimatedBias: Double?
        /// Standard uncertainty of ``estimatedBias``.
        public internal(set) var estimatedBiasSigma: Double?
        /// Hypotheses the data cannot tell apart from this one (an equivalent set).
        public internal(set) var equivalent: [GrossErrorHypothesis]

        /// The suspect stream of a bias (nil for a leak).
        public var stream: String? { kind == .bias ? location : nil }
        /// The node of a leak (nil for a bias).
        public var node: String? { kind == .leak ? location : nil }
        /// 95 % confidence interval of the magnitude, estimate ± 1.96 σ.
        public var confidenceInterval95: ClosedRange<Double>? {
            guard let b = estimatedBiasSigma, let e = estimatedBias else { return nil }
            return (e - 1.96 * b)...(e + 1.96 * b)
        }
    }

    /// The reconciliation repeated with the identified gross errors accounted for.
    public struct AfterIdentification: Sendable, Hashable {
        /// An estimated leak.
        public struct Leak: Sendable, Hashable {
            public internal(set) var node: String
            public internal(set) var estimate: Double?
            public internal(set) var sigma: Double?
        }

        /// How the identified errors were accounted for, which decides the degrees of freedom.
        public enum Convention: String, Sendable, Hashable {
            /// Biased meters made unmeasured, leaks added as unmeasured outflows (elimination, GLR):
            /// the dof is the rank of the new reduced system.
            case eliminated
            /// The data corrected by the estimated magnitudes (serial compensation): the k magnitudes
            /// were estimated from the same data, so the dof is p − k (Narasimhan & Mah 1987).
            case compensated
        }

        /// How the errors were accounted for.
        public internal(set) var convention: Convention
        /// k, the number of error magnitudes estimated from the data (compensation), else the number of
        /// identified errors.
        public internal(set) var estimatedMagnitudes: Int
        /// The global test without the identified errors, with the dof of ``convention``.
        public internal(set) var globalTest: GlobalTest
        /// Reconciled values of the model's streams without the identified errors (model order).
        public internal(set) var values: [Double?]
        /// Their standard uncertainties.
        public internal(set) var sigmas: [Double?]
        /// Estimated leak flows.
        public internal(set) var leaks: [Leak]
    }

    /// Per-stream results in model order.
    public internal(set) var streams: [StreamResult]
    /// Per-node closure in model node order.
    public internal(set) var nodes: [NodeBalance]
    /// The global test on all measurements.
    public internal(set) var globalTest: GlobalTest
    /// The measurement test's critical value.
    public internal(set) var measurementTest: MeasurementTest
    /// Nodal tests with their Šidák-corrected critical value.
    public internal(set) var nodalTests: [NodalTest]
    /// Critical value of the nodal tests.
    public internal(set) var nodalCritical: Double?
    /// Gross errors identified by the chosen strategy, in order of identification.
    public internal(set) var grossErrors: [GrossError]
    /// The reconciliation without the identified gross errors (`nil` when none were identified).
    public internal(set) var afterIdentification: AfterIdentification?
    /// Global test after the identified gross errors were accounted for (`nil` when none were).
    public var globalTestAfterIdentification: GlobalTest? { afterIdentification?.globalTest }
    /// Plain-language warnings (streams in no balance, unobservable streams, …).
    public internal(set) var warnings: [String]
    /// The numerical solution, with the covariance of all results where it was computed.
    package var solution: LinearSolution

    /// The covariance of all reconciled and estimated values (streams × streams, model order): NaN rows
    /// and columns for unobservable streams, zero for fixed ones; `nil` when only the variances were
    /// computed (large networks, see ``ReconciliationOptions/fullCovariance``).
    public var covariance: Matrix? { solution.covariance }

    /// The result of the stream with the given id.
    public func stream(_ id: String) -> StreamResult? { streams.first { $0.id == id } }
}
