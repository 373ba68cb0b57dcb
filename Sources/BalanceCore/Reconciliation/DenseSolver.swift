/// Linear WLS reconciliation with dense LAPACK: projection of the unmeasured streams by
/// column-pivoted QR (Crowe, Garcia Campos & Hrymak 1983; RECONCILIATION.md §2–4), as
/// ``LinearSolverSteps``.
///
/// 1. Projection: A_u Π = Q [R₁₁ R₁₂; 0 0] (`dgeqp3`), rank r; G₀ = Q₂ᵀ A_m, h₀ = Q₂ᵀ (b − A_c c)
///    (`dormqr`); dependent rows of G₀ dropped by a second pivoted QR of G₀ᵀ: p = rank(G₀) is the dof.
/// 2. Adjustment: γ, x̂, Cov(x̂) and W in square-root form (``SquareRootAdjustment``: QR of (G L_v)ᵀ with
///    rows sorted by size), accurate for σ ratios up to 10¹²; S is never formed.
/// 3. Estimation: u₁ = R₁₁⁻¹ (Q₁ᵀ(b − A_c c) − Q₁ᵀ A_m x̂) (`dtrtrs`), propagated linearly for its covariance.
///
/// Classification: measured i is redundant iff column i of G₀ is non-zero (relative to column i of A);
/// u₂ streams are unobservable; a u₁ stream is observable iff its row of R₁₁⁻¹R₁₂ is zero.
/// - Complexity: O(m n²) time, O(m n) memory (the full Q of the adjustment is m_m × m_m).
enum DenseSolver: LinearSolverSteps {
    /// Relative size below which a column of G₀ (compared with the same column of A) counts as zero.
    static let redundancyTolerance = 1e-9
    /// Size below which an entry of R₁₁⁻¹R₁₂ counts as zero (relative to max(1, its largest entry)).
    static let observabilityTolerance = 1e-9
    /// |residual| of a dropped row above this × max(1, |x̂|) makes the constraints inconsistent.
    static let consistencyTolerance = 1e-8

    /// What the QR projection leaves.
    struct Projection {
        var measured: [Int], unmeasured: [Int], fixed: [Int]
        /// Rows of A.
        var rowCount: Int
        /// G₀ = Q₂ᵀ A_m and h₀ (all rows below the rank).
        var g0: Matrix
        var h0: [Double]
        /// Q₁ᵀ [A_m | b − A_c c] (rank × (m_m + 1)).
        var top: Matrix
        /// The QR of A_u (`nil` without unmeasured streams) and its rank.
        var unmeasuredQR: LAPACK.PivotedQR?
        var rank: Int
        /// Per position in `unmeasured`: its row of R₁₁⁻¹R₁₂ is zero.
        var observable: [Bool]
        /// Positions (in `unmeasured`) of the u₁ streams, pivot order.
        var u1Positions: [Int]
        /// Per measured position.
        var redundant: [Bool]
        /// The independent rows of G₀ (ascending), the reduced G and h.
        var keptRows: [Int]
        var g: Matrix
        var h: [Double]
        var y: [Double]
    }

    static func solve(_ problem: LinearProblem) throws(LinearAlgebraError) -> LinearSolution {
        try solve(problem, fullCovariance: true)
    }

    static func project(_ problem: LinearProblem) throws(LinearAlgebraError) -> Projection {
        let a = problem.constraints.matrix
        let m = a.rows
        let (measured, unmeasured, fixed) = problem.partition
        let nm = measured.count, nu = unmeasured.count

        // Right-hand side with the fixed streams moved over: b − A_c c.
        var rhs = problem.constraints.constants
        for j in fixed {
            guard let c = problem.value(j), c != 0 else { continue }
            for i in 0..<m { rhs[i] -= a[i, j] * c }
        }
        let am = a.columns(measured)
        let y = measured.map { problem.value($0)! }

        var g0: Matrix
        var h0: [Double]
        var top = Matrix(rows: 0, columns: nm + 1)
        var unmeasuredQR: LAPACK.PivotedQR?
        var observable = [Bool](repeating: false, count: nu)
        var u1Positions: [Int] = []
        var rank = 0
        if nu > 0 {
            let qr = try LAPACK.pivotedQR(a.columns(unmeasured))
            rank = qr.rank
            var combined = Matrix(rows: m, columns: nm + 1)
            combined.elements.replaceSubrange(0..<(m * nm), with: am.elements)
            for i in 0..<m { combined[i, nm] = rhs[i] }
            try LAPACK.applyQTranspose(qr, to: &combined)
            let lower = Array(rank..<m)
            g0 = combined.submatrix(rows: lower, columns: Array(0..<nm))
            h0 = lower.map { combined[$0, nm] }
            top = combined.submatrix(rows: Array(0..<rank), columns: Array(0..<(nm + 1)))
            u1Positions = Array(qr.pivots[0..<rank])
            if rank > 0 {
                // T = R₁₁⁻¹ R₁₂; a zero row means the u₁ stream does not depend on the free u₂.
                var t = qr.factors.submatrix(rows: Array(0..<rank), columns: Array(rank..<nu))
                try LAPACK.solveUpperTriangular(qr.factors, order: rank, &t)
                let scale = Swift.max(1, t.maxAbs)
                for k in 0..<rank {
                    var zeroRow = true
                    for c in 0..<t.columns where abs(t[k, c]) > observabilityTolerance * scale {
                        zeroRow = false
                        break
                    }
                    observable[qr.pivots[k]] = zeroRow
                }
            }
            unmeasuredQR = qr
        } else {
            g0 = am
            h0 = rhs
        }

        // Classification of the measured streams from the columns of G₀.
        var redundant = [Bool](repeating: false, count: nm)
        for k in 0..<nm {
            var gNorm = 0.0, aNorm = 0.0
            for i in 0..<g0.rows { gNorm += g0[i, k] * g0[i, k] }
            for i in 0..<m { aNorm += am[i, k] * am[i, k] }
            redundant[k] = aNorm > 0 && gNorm.squareRoot() > redundancyTolerance * aNorm.squareRoot()
        }

        // Independent rows of G₀ (their number is the dof).
        var keptRows: [Int] = []
        if g0.rows > 0 && nm > 0 {
            // The rank of G₀ against the size of A itself (|R_11| of A_u's QR, the largest column of A_m): G₀ holds
            // ε ‖A‖ of projection noise in the directions of dependent rows.
            var dataScale = unmeasuredQR.map { $0.factors.rows > 0 && $0.factors.columns > 0 ? abs($0.factors[0, 0]) : 0 } ?? 0
            for k in 0..<nm {
                var norm = 0.0
                for i in 0..<m { norm += am[i, k] * am[i, k] }
                dataScale = Swift.max(dataScale, norm.squareRoot())
            }
            let qrG = try LAPACK.pivotedQR(g0.transposed, scale: dataScale)
            keptRows = Array(qrG.pivots[0..<qrG.rank]).sorted()
        }
        return Projection(
            measured: measured, unmeasured: unmeasured, fixed: fixed, rowCount: m, g0: g0, h0: h0, top: top,
            unmeasuredQR: unmeasuredQR, rank: rank, observable: observable, u1Positions: u1Positions,
            redundant: redundant, keptRows: keptRows,
            g: g0.submatrix(rows: keptRows, columns: Array(0..<nm)), h: keptRows.map { h0[$0] }, y: y)
    }

    static func adjust(
        _ problem: LinearProblem, _ projection: Projection, fullCovariance: Bool
    ) throws(LinearAlgebraError) -> (MeasuredAdjustment, Matrix) {
        let measured = projection.measured, nm = measured.count
        let errorFactor: SquareRootAdjustment.ErrorFactor
        if let full = problem.covariance {
            var lv = full.submatrix(rows: measured, columns: measured)
            try LAPACK.choleskyFactor(&lv, context: "the measurement covariance is not positive definite")
            lv.elements.withUnsafeMutableBufferPointer { e in
                for j in 0..<nm { for i in 0..<j { e[i + j * nm] = 0 } }  // dpotrf leaves the upper part as it was
            }
            errorFactor = .full(lv)
        } else {
            errorFactor = .diagonal(measured.map { problem.sigma($0)! })
        }
        let root = try SquareRootAdjustment(g: projection.g, h: projection.h, y: projection.y, error: errorFactor)
        // The reduced rows from here on are in the factor's pivoted order.
        let keptRows = root.rowOrder.map { projection.keptRows[$0] }
        var xHat = root.values
        var w = root.adjustmentVariances
        var adjustments = root.adjustments
        // Nonredundant measurements are exactly unadjusted: clear rounding noise.
        for k in 0..<nm where !projection.redundant[k] {
            xHat[k] = projection.y[k]
            w[k] = 0
            adjustments[k] = 0
        }
        // Qᵀ of the unmeasured streams' QR (rows of G₀ are its rows below the rank, combinations of balances).
        var qt = Matrix(rows: 0, columns: 0)
        if let qr = projection.unmeasuredQR {
            qt = Matrix.identity(projection.rowCount)
            try LAPACK.applyQTranspose(qr, to: &qt)
        }
        // Inconsistent constraints: rows of G₀ dropped as dependent must still be satisfied; each names
        // the balances it combines.
        var inconsistent = 0
        var inconsistentBalances: [String] = []
        if projection.g0.rows > keptRows.count {
            let kept = Set(keptRows)
            let gx = projection.g0.multiplied(by: xHat)
            let scale = Swift.max(1, xHat.reduce(0) { Swift.max($0, abs($1)) })
            for i in 0..<projection.g0.rows where !kept.contains(i) && abs(gx[i] - projection.h0[i]) > consistencyTolerance * scale {
                inconsistent += 1
                let labels = problem.constraints.rowLabels
                if projection.unmeasuredQR == nil {
                    inconsistentBalances.append(labels[i].id)
                } else {
                    let row = i + projection.rank
                    var largest = 0.0
                    for c in 0..<projection.rowCount { largest = Swift.max(largest, abs(qt[row, c])) }
                    for c in 0..<projection.rowCount where abs(qt[row, c]) > 1e-9 * largest { inconsistentBalances.append(labels[c].id) }
                }
            }
        }
        // The projection P from constraint space to the kept reduced rows: kept rows of Q₂ᵀ.
        let reducedProjection: ReducedSystem.Projection
        if projection.unmeasuredQR != nil {
            reducedProjection = .dense(qt.submatrix(rows: keptRows.map { $0 + projection.rank }, columns: Array(0..<projection.rowCount)))
        } else {
            var map = [Int](repeating: -1, count: projection.rowCount)
            for (k, row) in keptRows.enumerated() { map[row] = k }
            reducedProjection = .aggregation(map)
        }
        var adjustment = MeasuredAdjustment(
            measured: measured, redundant: projection.redundant, values: xHat, adjustments: adjustments,
            adjustmentVariances: w, variances: root.covariance.diagonal,
            covariance: root.covariance, chiSquared: root.chiSquared, degreesOfFreedom: keptRows.count,
            inconsistentConstraintCount: inconsistent,
            reduced: ReducedSystem(projection: reducedProjection, factor: root.factor, residual: root.residual))
        var seen = Set<String>()
        adjustment.inconsistentBalances = inconsistentBalances.filter { seen.insert($0).inserted }
        return (adjustment, root.covariance)
    }

    static func estimate(
        _ problem: LinearProblem, _ projection: Projection, _ covMeasured: Matrix, _ adjustment: MeasuredAdjustment,
        fullCovariance: Bool
    ) throws(LinearAlgebraError) -> UnmeasuredEstimates {
        guard let qr = projection.unmeasuredQR, projection.rank > 0 else { return UnmeasuredEstimates(streams: []) }
        let rank = projection.rank, nm = projection.measured.count
        // u₁ = R₁₁⁻¹ (c₁ − K₀ x̂), K₀ = Q₁ᵀ A_m, c₁ = Q₁ᵀ rhs.
        var u1 = Matrix(rows: rank, columns: 1)
        let k0 = projection.top.submatrix(rows: Array(0..<rank), columns: Array(0..<nm))
        let kx = k0.multiplied(by: adjustment.values)
        for k in 0..<rank { u1[k, 0] = projection.top[k, nm] - kx[k] }
        try LAPACK.solveUpperTriangular(qr.factors, order: rank, &u1)
        var j1 = k0  // becomes R₁₁⁻¹ K₀
        try LAPACK.solveUpperTriangular(qr.factors, order: rank, &j1)
        // Cov(u₁, x̂) = −J C, Cov(u₁) = J C Jᵀ.
        let jc = try LAPACK.multiply(j1, covMeasured)
        let cuu = try LAPACK.multiply(jc, j1, transposeB: true)
        var estimates = UnmeasuredEstimates(streams: [])
        let rows = (0..<rank).filter { projection.observable[projection.u1Positions[$0]] }
        for k in rows {
            estimates.streams.append((projection.unmeasured[projection.u1Positions[k]], u1[k, 0], Swift.max(0, cuu[k, k]).squareRoot()))
            if fullCovariance {
                estimates.covarianceWithMeasured.append((0..<nm).map { -jc[k, $0] })
                estimates.covarianceAmong.append(rows.map { cuu[k, $0] })
            }
        }
        return estimates
    }
}
