/// The uncertainty budget of every reconciled or estimated value: how much of its variance each measurement
/// contributes (JCGM 100:2008, the GUM, §5.1.3 and §5.2.2: u²(x̂_i) = Σ_j Σ_k c_ij c_ik u(y_j, y_k)).
///
/// Reconciliation is linear in the measurements y (RECONCILIATION.md §3; at the solution, for the nonlinear case):
/// x̂ = M y + const, with sensitivities M = C V⁻¹, because Cov(x̂, y) = V − V Gᵀ S⁻¹ G V = Cov(x̂) = C. Input j's
/// contribution to u²(x̂_i) is the GUM's row sum over its covariances, c_ij Σ_k c_ik V_jk = M_ij (M V)_ij
/// = (C V⁻¹)_ij C_ij, and the contributions sum to (C V⁻¹ C)_ii = C_ii, the reported σ², exactly (C V⁻¹ C = C for the
/// projection). With independent errors a contribution is C_ij² / V_j ≥ 0; with correlated errors (`covariance.csv`)
/// one can be negative (a covariance that cancels part of another input's variance), and the shares still sum to 1.
///
/// A *share* is contribution / C_ii. Shares are given for the values with σ > 0; fixed values (σ = 0) and
/// unobservable streams have none (`nil`: not determinable).
///
/// Requires the full covariance of the results (``ReconciliationResult/covariance``, computed up to
/// ``ReconciliationOptions/fullCovarianceThreshold`` streams by default).
/// - Complexity: O(n · m) for m measured streams (independent errors), O(m³ + n · m²) with correlated errors.
public struct UncertaintyBudget: Sendable, Hashable {
    /// One input's part of a value's variance.
    public struct Contribution: Sendable, Hashable {
        /// The measured stream: its index in the result (``UncertaintyBudget/ids``).
        public internal(set) var stream: Int
        /// Its fraction of the value's variance (shares of one value sum to 1).
        public internal(set) var share: Double
    }

    /// Per stream (model order): the contributions in decreasing order of |share| (ties by stream index), or `nil`
    /// when the value has no uncertainty to share out (fixed, unobservable, σ = 0).
    public internal(set) var streams: [[Contribution]?]
    /// The id of every result (``ReconciliationResult/streams`` order, which a contribution's `stream` indexes).
    public let ids: [String]
    /// The `source` of every result, as the input gave it.
    public let sources: [String?]

    /// The relative tolerance to which the shares of a value must sum to 1 before it is reported: C V⁻¹ C = C holds
    /// to rounding (measured ≤ 1e-13 on every dataset); a larger gap means the covariance is not the projection's
    /// (it was computed from another V), and the budget is refused rather than printed wrong.
    static let closureTolerance = 1e-9

    /// The covariance C of all results (streams × streams).
    let covariance: Matrix
    /// The measured streams with σ > 0, the inputs the variances are shared among.
    let inputs: [Int]
    /// V restricted to the inputs: its Cholesky factor (correlated errors) or its diagonal.
    let inputVariance: InputVariance

    enum InputVariance: Sendable, Hashable {
        case diagonal([Double])
        case factor(Matrix)
    }

    /// The budget of `result`, or `nil` when the result has no full covariance (or `covariance` is not positive
    /// definite on the measured streams, which its validation excludes).
    /// - Parameters:
    ///   - result: a reconciliation with ``ReconciliationResult/covariance``.
    ///   - covariance: the measurement covariance the reconciliation used (`nil`: independent errors, V = diag σ²).
    public init?(result: ReconciliationResult, covariance: MeasurementCovariance? = nil) {
        guard let c = result.covariance, c.rows == result.streams.count else { return nil }
        let n = result.streams.count
        let inputs = (0..<n).filter { j in result.streams[j].measured != nil && (result.streams[j].sigma ?? 0) > 0 }
        self.covariance = c
        self.inputs = inputs
        ids = result.streams.map(\.id)
        sources = result.streams.map(\.source)
        if let covariance {
            var v = Matrix(rows: inputs.count, columns: inputs.count)
            for (q, l) in inputs.enumerated() { for (p, j) in inputs.enumerated() { v[p, q] = covariance.matrix[j, l] } }
            do { try LAPACK.choleskyFactor(&v, context: "measurement covariance") } catch { return nil }
            inputVariance = .factor(v)
        } else {
            inputVariance = .diagonal(inputs.map { result.streams[$0].sigma! * result.streams[$0].sigma! })
        }
        streams = []
        streams = (0..<n).map { k in
            guard result.streams[k].reconciled != nil else { return nil }
            return contributions(gradient: [k: 1])
        }
    }

    /// The budget of any differentiable figure f of the results — an indicator, a total — from its gradient
    /// g = ∂f/∂x̂ (stream index → derivative): f's sensitivity to the measurements is s = gᵀ C V⁻¹, input j contributes
    /// s_j (V s)_j = (gᵀ C)_j (V⁻¹ Cᵀ g)_j, and the contributions sum to gᵀ C g = u²(f) (GUM §5.2 to first order).
    /// - Returns: the contributions in decreasing order of |share|, or `nil` when u²(f) is 0 or not finite (a figure
    ///   of fixed values, or of an unobservable stream) or the shares do not close to 1 within `closureTolerance` (1e-9).
    /// - Complexity: O(k · m) for k streams in the gradient and m inputs, plus O(m²) with correlated errors.
    public func contributions(gradient: [Int: Double]) -> [Contribution]? {
        guard let (r, z, total) = solved(gradient: gradient) else { return nil }
        let m = inputs.count
        var parts: [Contribution] = []
        var sum = 0.0
        for p in 0..<m {
            let contribution = r[p] * z[p]
            guard contribution.isFinite else { return nil }
            sum += contribution
            if contribution != 0 { parts.append(Contribution(stream: inputs[p], share: contribution / total)) }
        }
        guard !parts.isEmpty, abs(sum - total) <= Self.closureTolerance * total else { return nil }
        parts.sort { abs($0.share) != abs($1.share) ? abs($0.share) > abs($1.share) : $0.stream < $1.stream }
        return parts
    }

    /// r = C g on the inputs, the sensitivities z = V⁻¹ r = (gᵀ C V⁻¹)ᵀ = ∂f/∂y, and u²(f) = gᵀ C g; `nil` when u²(f)
    /// is 0 or not finite.
    /// - Complexity: O(k · m) for k streams in the gradient and m inputs, plus O(m²) with correlated errors.
    func solved(gradient: [Int: Double]) -> (r: [Double], z: [Double], total: Double)? {
        let m = inputs.count
        let g = gradient.sorted { $0.key < $1.key }  // summed in stream order: the same bits on every run
        var r = [Double](repeating: 0, count: m)
        var total = 0.0
        for (k, a) in g {
            for (p, j) in inputs.enumerated() { r[p] += a * covariance[k, j] }
            for (l, b) in g { total += a * covariance[k, l] * b }
        }
        guard total.isFinite, total > 0 else { return nil }
        var z = Matrix(rows: m, columns: 1, columnMajor: r)
        switch inputVariance {
        case let .diagonal(variances): for p in 0..<m { z[p, 0] /= variances[p] }
        case let .factor(l):
            do { try LAPACK.choleskySolve(factor: l, &z) } catch { return nil }
        }
        return (r, (0..<m).map { z[$0, 0] }, total)
    }
}
