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
public struct UncertaintyBudget: Sendable {
    /// One input's part of a value's variance.
    public struct Contribution: Sendable, Hashable {
        /// The measured stream (model index).
        public internal(set) var stream: Int
        /// Its fraction of the value's variance (shares of one value sum to 1).
        public internal(set) var share: Double
    }

    /// Per stream (model order): the contributions in decreasing order of |share| (ties by stream index), or `nil`
    /// when the value has no uncertainty to share out (fixed, unobservable, σ = 0).
    public internal(set) var streams: [[Contribution]?]

    /// The relative tolerance to which the shares of a value must sum to 1 before it is reported: C V⁻¹ C = C holds
    /// to rounding (measured ≤ 1e-13 on every dataset); a larger gap means the covariance is not the projection's
    /// (it was computed from another V), and the budget is refused rather than printed wrong.
    static let closureTolerance = 1e-9

    /// The budget of `result`, or `nil` when the result has no full covariance.
    /// - Parameters:
    ///   - result: a reconciliation with ``ReconciliationResult/covariance``.
    ///   - covariance: the measurement covariance the reconciliation used (`nil`: independent errors, V = diag σ²).
    public init?(result: ReconciliationResult, covariance: MeasurementCovariance? = nil) {
        guard let c = result.covariance, c.rows == result.streams.count else { return nil }
        let n = result.streams.count
        // The inputs: measured values with σ > 0.
        let inputs = (0..<n).filter { j in
            result.streams[j].measured != nil && (result.streams[j].sigma ?? 0) > 0
        }
        let m = inputs.count
        // R (m × n): R_jk = C_{k, input j}; Z = V⁻¹ R; contribution of input j to value k = R_jk Z_jk.
        var r = Matrix(rows: m, columns: n)
        for k in 0..<n { for (p, j) in inputs.enumerated() { r[p, k] = c[k, j] } }
        var z = r
        if let covariance {
            var v = Matrix(rows: m, columns: m)
            for (q, l) in inputs.enumerated() { for (p, j) in inputs.enumerated() { v[p, q] = covariance.matrix[j, l] } }
            do {
                try LAPACK.choleskyFactor(&v, context: "measurement covariance")
                // NaN columns (unobservable values) stay NaN and are skipped below.
                try LAPACK.choleskySolve(factor: v, &z)
            } catch {
                return nil
            }
        } else {
            for (p, j) in inputs.enumerated() {
                let variance = result.streams[j].sigma! * result.streams[j].sigma!
                for k in 0..<n { z[p, k] /= variance }
            }
        }
        var streams: [[Contribution]?] = Array(repeating: nil, count: n)
        for k in 0..<n {
            let total = c[k, k]
            guard total.isFinite, total > 0, result.streams[k].reconciled != nil else { continue }
            var parts: [Contribution] = []
            var sum = 0.0
            for p in 0..<m {
                let contribution = r[p, k] * z[p, k]
                guard contribution.isFinite else { parts = []; break }
                sum += contribution
                if contribution != 0 { parts.append(Contribution(stream: inputs[p], share: contribution / total)) }
            }
            guard !parts.isEmpty, abs(sum - total) <= Self.closureTolerance * total else { continue }
            parts.sort { abs($0.share) != abs($1.share) ? abs($0.share) > abs($1.share) : $0.stream < $1.stream }
            streams[k] = parts
        }
        self.streams = streams
    }
}
