/// Gross-error tests in the reduced constraint space, shared by every identification strategy and
/// by the Monte Carlo simulation (RECONCILIATION.md §5).
///
/// With S = G V Gᵀ, residual r, and for each hypothesis h its signature f_h:
/// - a_h = f_hᵀ S⁻¹ r, d_h = f_hᵀ S⁻¹ f_h; the GLR statistic is T_h = a_h² / d_h ~ χ²(1) under H₀,
///   the magnitude estimate b̂_h = a_h / d_h with variance 1/d_h. For a bias T_h = z_h².
/// - Given a set R of hypotheses already accepted (their magnitudes free), with C_R = F_Rᵀ S⁻¹ F_R
///   and g_R = F_Rᵀ S⁻¹ r: the joint estimate is b̂_R = C_R⁻¹ g_R (covariance C_R⁻¹), the remaining
///   global statistic γ_R = γ − g_Rᵀ C_R⁻¹ g_R with p − |R| degrees of freedom, and the conditional
///   statistic of a further hypothesis is T_{h|R} = (a_h − c_hᵀ C_R⁻¹ g_R)² / (d_h − c_hᵀ C_R⁻¹ c_h),
///   c_h = F_Rᵀ S⁻¹ f_h. Accepting a bias is exactly eliminating that measurement, so these numbers
///   equal those of a re-solve without it, at the cost of |R| × |R| algebra.
/// - Two hypotheses whose signatures are parallel (given R) cannot be told apart by any data:
///   an *equivalent set* (Bagajewicz & Jiang 1998). They are reported together, never picked silently.
struct GrossErrorEngine: Sendable {
    /// The hypotheses, in the order given.
    let hypotheses: [GrossErrorHypothesis]
    /// p.
    let dimension: Int
    /// Signatures f_h, p × H.
    let signatures: Matrix
    /// S⁻¹ f_h, p × H.
    let solvedSignatures: Matrix
    /// Γ = Fᵀ S⁻¹ F, H × H (d_h on the diagonal).
    let gram: Matrix
    /// The reduced system (S⁻¹ products and L⁻¹ r through its interface, whatever solver made it).
    let reduced: any ReducedSpace

    /// Relative size below which a conditional variance d_h − c_hᵀ C_R⁻¹ c_h counts as zero:
    /// the hypothesis is then explained by those already accepted.
    static let dependenceTolerance = 1e-9
    /// Relative difference below which two statistics count as equal (candidates for equivalence).
    static let tieTolerance = 1e-7

    init(reduced: any ReducedSpace, signatures columns: [[Double]], hypotheses: [GrossErrorHypothesis]) throws(LinearAlgebraError) {
        let p = reduced.dimension
        let h = hypotheses.count
        var f = Matrix(rows: p, columns: h)
        for (k, column) in columns.enumerated() { for i in 0..<p { f[i, k] = column[i] } }
        var z = f
        try reduced.solve(&z)
        self.hypotheses = hypotheses
        self.dimension = p
        self.signatures = f
        self.solvedSignatures = z
        self.gram = try LAPACK.multiply(f, transposeA: true, z)
        self.reduced = reduced
    }

    /// The per-residual quantities: a = Fᵀ S⁻¹ r and γ = rᵀ S⁻¹ r.
    struct Evidence: Sendable {
        var a: [Double]
        var gamma: Double
    }

    func evidence(residual r: [Double]) -> Evidence {
        let a = solvedSignatures.transposeMultiplied(by: r)
        // γ = rᵀ S⁻¹ r = ‖L⁻¹ r‖², no inverse of S formed.
        let y = reduced.whiten(r)
        var gamma = 0.0
        for i in 0..<dimension { gamma += y[i] * y[i] }
        return Evidence(a: a, gamma: gamma)
    }

    /// The state of a serial strategy with accepted set R: C_R⁻¹ and derived quantities.
    struct Accepted: Sendable {
        var indices: [Int] = []
        /// C_R⁻¹ (k × k), row-major in a flat array.
        var inverse: [Double] = []

        var count: Int { indices.count }
    }

    /// C_R⁻¹ c for the column c of Γ of hypothesis h (restricted to R).
    private func solveAccepted(_ accepted: Accepted, _ h: Int) -> [Double] {
        let k = accepted.count
        var out = [Double](repeating: 0, count: k)
        for i in 0..<k {
            var sum = 0.0
            for j in 0..<k { sum += accepted.inverse[i * k + j] * gram[accepted.indices[j], h] }
            out[i] = sum
        }
        return out
    }

    /// Joint magnitude estimates b̂_R = C_R⁻¹ g_R.
    func magnitudes(_ accepted: Accepted, evidence: Evidence) -> [Double] {
        let k = accepted.count
        return (0..<k).map { i in
            var sum = 0.0
            for j in 0..<k { sum += accepted.inverse[i * k + j] * evidence.a[accepted.indices[j]] }
            return sum
        }
    }

    /// γ_R = γ − g_Rᵀ C_R⁻¹ g_R.
    func remainingChiSquared(_ accepted: Accepted, evidence: Evidence) -> Double {
        let b = magnitudes(accepted, evidence: evidence)
        var explained = 0.0
        for (i, h) in accepted.indices.enumerated() { explained += evidence.a[h] * b[i] }
        return Swift.max(0, evidence.gamma - explained)
    }

    /// Conditional statistic T_{h|R} and its conditional variance term; `nil` when h is explained by R.
    func conditional(_ h: Int, given accepted: Accepted, evidence: Evidence) -> (statistic: Double, numerator: Double, variance: Double)? {
        let dh = gram[h, h]
        guard dh > 0, !accepted.indices.contains(h) else { return nil }
        let v = solveAccepted(accepted, h)
        var numerator = evidence.a[h]
        var variance = dh
        let b = magnitudes(accepted, evidence: evidence)
        for (i, r) in accepted.indices.enumerated() {
            numerator -= gram[r, h] * b[i]
            variance -= gram[r, h] * v[i]
        }
        guard variance > Self.dependenceTolerance * dh else { return nil }
        return (numerator * numerator / variance, numerator, variance)
    }

    /// Conditional correlation of two hypotheses given R (±1: equivalent).
    func conditionalCorrelation(_ h1: Int, _ h2: Int, given accepted: Accepted, v1: Double, v2: Double) -> Double {
        let w = solveAccepted(accepted, h2)
        var cross = gram[h1, h2]
        for (i, r) in accepted.indices.enumerated() { cross -= gram[r, h1] * w[i] }
        return cross / (v1 * v2).squareRoot()
    }

    /// R ∪ {h}: the inverse of the bordered matrix by the Schur complement.
    func accepting(_ h: Int, into accepted: Accepted) -> Accepted {
        let k = accepted.count
        let v = solveAccepted(accepted, h)  // C_R⁻¹ c
        var schur = gram[h, h]
        for (i, r) in accepted.indices.enumerated() { schur -= gram[r, h] * v[i] }
        let n = k + 1
        var inverse = [Double](repeating: 0, count: n * n)
        for i in 0..<k {
            for j in 0..<k { inverse[i * n + j] = accepted.inverse[i * k + j] + v[i] * v[j] / schur }
            inverse[i * n + k] = -v[i] / schur
            inverse[k * n + i] = -v[i] / schur
        }
        inverse[k * n + k] = 1 / schur
        return Accepted(indices: accepted.indices + [h], inverse: inverse)
    }
}
