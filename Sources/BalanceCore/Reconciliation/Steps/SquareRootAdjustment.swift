/// The adjustment of the measurements on the reduced system G x_m = h in square-root (orthogonal)
/// form, which stays accurate when the measurement uncertainties differ by many orders of magnitude.
///
/// With V = L_v L_vᵀ (L_v = diag σ for independent errors) and z = L_v⁻¹ x_m, the problem
/// min ‖z − z_y‖² s.t. M z = h, M = G L_v, is an orthogonal projection. A column-pivoted
/// Householder QR of Mᵀ, its rows sorted by decreasing norm (Powell & Reid 1969; Cox & Higham 1998:
/// row-wise stability of Householder QR with row sorting and column pivoting),
///     P_r Mᵀ Π = [Q₁ Q₂] [R; 0],
/// gives every result without forming S = G V Gᵀ (whose condition number is the square of that
/// of M, and which loses the small variances next to a variance 10²⁴ times larger):
///     λ̃ = R⁻ᵀ Πᵀ (G y − h),   γ = ‖λ̃‖²,   x̂ = y − L_v Q₁ λ̃,
///     Cov(x̂) = (L_v Q₂)(L_v Q₂)ᵀ,   Cov(y − x̂) = W = (L_v Q₁)(L_v Q₁)ᵀ,
/// and Πᵀ S Π = Rᵀ R, so L = Rᵀ is the Cholesky factor of S in the pivoted row order that the
/// statistical tests and the gross-error engine use. Var(x̂_i) and W_ii come from Q₂ and Q₁ separately,
/// each a sum of squares: no cancellation of V_ii − W_ii.
///
/// Accuracy: checked against exact rational arithmetic for σ ratios 10⁻¹² … 10¹²
/// (`Datasets/variants/sigma-ratios`), values and σ to 1e-8 relative.
/// - Complexity: O(m_m² · p) time and O(m_m²) memory for m_m measured streams and p reduced rows
///   (the full Q is formed).
struct SquareRootAdjustment {
    /// Reconciled measured values, in the order of the measured streams.
    var values: [Double]
    /// y − x̂ as computed (L_v Q₁ λ̃), before it is rounded away in x̂.
    var adjustments: [Double]
    /// γ = rᵀ S⁻¹ r.
    var chiSquared: Double
    /// Cov(x̂) of the measured streams (m_m × m_m).
    var covariance: Matrix
    /// W_ii = Var(y_i − x̂_i).
    var adjustmentVariances: [Double]
    /// Lower Cholesky factor L of S in pivoted row order (p × p).
    var factor: Matrix
    /// The reduced rows in pivoted order: `rowOrder[k]` is the row of G that is row k of ``factor``.
    var rowOrder: [Int]
    /// r = G y − h in pivoted order.
    var residual: [Double]

    /// The measurement-error factor: σ per measured stream, or the lower Cholesky factor of V.
    enum ErrorFactor {
        case diagonal([Double])
        case full(Matrix)
    }

    /// - Parameters:
    ///   - g: the reduced constraint matrix G (p × m_m), rows independent.
    ///   - h: its right-hand side.
    ///   - y: the measured values.
    ///   - error: L_v.
    /// - Throws: ``LinearAlgebraError`` from LAPACK.
    init(g: Matrix, h: [Double], y: [Double], error: ErrorFactor) throws(LinearAlgebraError) {
        let p = g.rows, nm = g.columns
        // Mᵀ = L_vᵀ Gᵀ (m_m × p).
        var mt: Matrix
        switch error {
        case let .diagonal(sigma):
            mt = Matrix(rows: nm, columns: p)
            for k in 0..<nm { for i in 0..<p { mt[k, i] = sigma[k] * g[i, k] } }
        case let .full(lv):
            mt = try LAPACK.multiply(lv, transposeA: true, g, transposeB: true)
        }
        // Rows sorted by decreasing norm (ties by index), so that the large rows are reduced first.
        var norms = [Double](repeating: 0, count: nm)
        for k in 0..<nm { for i in 0..<p { norms[k] += mt[k, i] * mt[k, i] } }
        let order = (0..<nm).sorted { norms[$0] > norms[$1] || (norms[$0] == norms[$1] && $0 < $1) }
        var sorted = Matrix(rows: nm, columns: p)
        for (position, k) in order.enumerated() { for i in 0..<p { sorted[position, i] = mt[k, i] } }

        var residual = g.multiplied(by: y)
        for i in 0..<p { residual[i] -= h[i] }

        guard p > 0 else {
            self.values = y
            self.adjustments = [Double](repeating: 0, count: nm)
            self.chiSquared = 0
            self.adjustmentVariances = [Double](repeating: 0, count: nm)
            self.factor = Matrix(rows: 0, columns: 0)
            self.rowOrder = []
            self.residual = []
            switch error {
            case let .diagonal(sigma): self.covariance = Matrix.diagonal(sigma.map { $0 * $0 })
            case let .full(lv): self.covariance = try LAPACK.multiply(lv, lv, transposeB: true)
            }
            return
        }
        let qr = try LAPACK.pivotedQR(sorted)
        // Q (m_m × m_m) in sorted row order: Q = (Qᵀ I)ᵀ.
        var qt = Matrix.identity(nm)
        try LAPACK.applyQTranspose(qr, to: &qt)
        // R with a positive diagonal: flip row k of R and column k of Q where R_kk < 0.
        var r = Matrix(rows: p, columns: p)
        var sign = [Double](repeating: 1, count: p)
        for k in 0..<p {
            sign[k] = qr.factors[k, k] < 0 ? -1 : 1
            for j in k..<p { r[k, j] = sign[k] * qr.factors[k, j] }
        }
        // Q₁ (columns 0..<p) and Q₂ (p..<m_m), rows back in stream order.
        var q1 = Matrix(rows: nm, columns: p)
        var q2 = Matrix(rows: nm, columns: nm - p)
        for (position, k) in order.enumerated() {
            for c in 0..<p { q1[k, c] = sign[c] * qt[c, position] }
            for c in p..<nm { q2[k, c - p] = qt[c, position] }
        }
        let pivots = Array(qr.pivots[0..<p])
        let l = r.transposed
        var lambda = Matrix(rows: p, columns: 1, columnMajor: pivots.map { residual[$0] })
        try LAPACK.solveLowerTriangular(factor: l, &lambda)
        var chiSquared = 0.0
        for k in 0..<p { chiSquared += lambda.elements[k] * lambda.elements[k] }
        let dz = q1.multiplied(by: lambda.elements)

        // Back to x: multiply by L_v.
        var values = y
        var adjustments = [Double](repeating: 0, count: nm)
        var adjustmentVariances = [Double](repeating: 0, count: nm)
        let covariance: Matrix
        switch error {
        case let .diagonal(sigma):
            for k in 0..<nm {
                adjustments[k] = sigma[k] * dz[k]
                values[k] = y[k] - adjustments[k]
                var w = 0.0
                for c in 0..<p { w += q1[k, c] * q1[k, c] }
                adjustmentVariances[k] = sigma[k] * sigma[k] * w
            }
            // (L_v Q₂)ᵀ, then its Gram matrix.
            var b = Matrix(rows: nm - p, columns: nm)
            for k in 0..<nm { for c in 0..<(nm - p) { b[c, k] = sigma[k] * q2[k, c] } }
            covariance = try LAPACK.gram(b)
        case let .full(lv):
            let correction = lv.multiplied(by: dz)
            adjustments = correction
            for k in 0..<nm { values[k] = y[k] - correction[k] }
            let lq1 = try LAPACK.multiply(lv, q1)
            for k in 0..<nm {
                var w = 0.0
                for c in 0..<p { w += lq1[k, c] * lq1[k, c] }
                adjustmentVariances[k] = w
            }
            covariance = try LAPACK.gram(LAPACK.multiply(lv, q2).transposed)
        }
        self.values = values
        self.adjustments = adjustments
        self.chiSquared = chiSquared
        self.covariance = covariance
        self.adjustmentVariances = adjustmentVariances
        self.factor = l
        self.rowOrder = pivots
        self.residual = pivots.map { residual[$0] }
    }
}
