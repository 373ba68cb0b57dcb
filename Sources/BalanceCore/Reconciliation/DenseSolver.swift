/// Linear WLS reconciliation with dense LAPACK: projection of the unmeasured streams by
/// column-pivoted QR (Crowe, Garcia Campos & Hrymak 1983; RECONCILIATION.md §2–4).
///
/// 1. A_u Π = Q [R₁₁ R₁₂; 0 0] (`dgeqp3`), rank r; G₀ = Q₂ᵀ A_m, h₀ = Q₂ᵀ (b − A_c c) (`dormqr`).
/// 2. Dependent rows of G₀ are dropped by a second pivoted QR of G₀ᵀ: p = rank(G₀) is the dof.
/// 3–4. The adjustment, γ, Cov(x̂) and W in square-root form (``SquareRootAdjustment``: QR of
///    (G L_v)ᵀ with rows sorted by size), accurate for σ ratios up to 10¹²; S is never formed.
/// 5. u₁ = R₁₁⁻¹ (Q₁ᵀ(b − A_c c) − Q₁ᵀ A_m x̂) (`dtrtrs`), propagated linearly for its covariance.
///
/// Classification: measured i is redundant iff column i of G₀ is non-zero (relative to column i of A);
/// u₂ streams are unobservable; a u₁ stream is observable iff its row of R₁₁⁻¹R₁₂ is zero.
enum DenseSolver {
    /// Relative size below which a column of G₀ (compared with the same column of A) counts as zero.
    static let redundancyTolerance = 1e-9
    /// Size below which an entry of R₁₁⁻¹R₁₂ counts as zero (relative to max(1, its largest entry)).
    static let observabilityTolerance = 1e-9

    static func solve(_ problem: LinearProblem) throws(LinearAlgebraError) -> LinearSolution {
        let a = problem.constraints.matrix
        let m = a.rows, n = a.columns
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

        // Step 1: project out the unmeasured streams.
        var g0: Matrix
        var h0: [Double]
        var top = Matrix(rows: 0, columns: nm + 1)  // Q₁ᵀ [A_m | rhs]
        var unmeasuredQR: LAPACK.PivotedQR?
        var observable = [Bool](repeating: false, count: nu)  // by position in `unmeasured`
        var u1Positions: [Int] = []  // positions (in `unmeasured`) of the u₁ streams, pivot order
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

        // Step 2: keep independent rows of G₀ (their number is the dof).
        var keptRows: [Int] = []
        if g0.rows > 0 && nm > 0 {
            let qrG = try LAPACK.pivotedQR(g0.transposed)
            keptRows = Array(qrG.pivots[0..<qrG.rank]).sorted()
        }
        let p = keptRows.count
        let g = g0.submatrix(rows: keptRows, columns: Array(0..<nm))
        let h = keptRows.map { h0[$0] }

        // Step 3: the adjustment in square-root form (no S = G V Gᵀ is formed; see SquareRootAdjustment).
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
        let adjustment = try SquareRootAdjustment(g: g, h: h, y: y, error: errorFactor)
        // The reduced rows from here on are in the factor's pivoted order.
        keptRows = adjustment.rowOrder.map { keptRows[$0] }
        var xHat = adjustment.values
        let chiSquared = adjustment.chiSquared
        let residual = adjustment.residual
        let sDiagonal = adjustment.residualVariances
        let factor = adjustment.factor
        let covMeasured = adjustment.covariance
        var wMeasured = adjustment.adjustmentVariances
        var adjustments = adjustment.adjustments
        // Nonredundant measurements are exactly unadjusted: clear rounding noise.
        for k in 0..<nm where !redundant[k] {
            xHat[k] = y[k]
            wMeasured[k] = 0
            adjustments[k] = 0
        }

        // Inconsistent constraints: rows of G₀ dropped as dependent must still be satisfied.
        var inconsistent = 0
        if g0.rows > p {
            let kept = Set(keptRows)
            let gx = g0.multiplied(by: xHat)
            let scale = Swift.max(1, xHat.reduce(0) { Swift.max($0, abs($1)) })
            for i in 0..<g0.rows where !kept.contains(i) && abs(gx[i] - h0[i]) > 1e-8 * scale { inconsistent += 1 }
        }

        // Assemble per-stream results.
        var values = [Double?](repeating: nil, count: n)
        var sigmas = [Double?](repeating: nil, count: n)
        var classes = [StreamClassification](repeating: .unobservable, count: n)
        var wDiagonal = [Double?](repeating: nil, count: n)
        var covariance = Matrix(rows: n, columns: n, repeating: .nan)
        for j in fixed {
            values[j] = problem.value(j)
            sigmas[j] = 0
            classes[j] = .fixed
            for l in 0..<n { covariance[j, l] = 0; covariance[l, j] = 0 }
        }
        for (k, j) in measured.enumerated() {
            values[j] = xHat[k]
            sigmas[j] = Swift.max(0, covMeasured[k, k]).squareRoot()
            classes[j] = redundant[k] ? .redundant : .nonredundant
            if redundant[k] { wDiagonal[j] = wMeasured[k] }
            for (l, jl) in measured.enumerated() { covariance[j, jl] = covMeasured[k, l] }
        }

        // Step 5: the observable unmeasured streams and their covariance.
        if let qr = unmeasuredQR, rank > 0 {
            // u₁ = R₁₁⁻¹ (c₁ − K₀ x̂), K₀ = Q₁ᵀ A_m, c₁ = Q₁ᵀ rhs.
            var u1 = Matrix(rows: rank, columns: 1)
            let kx = top.submatrix(rows: Array(0..<rank), columns: Array(0..<nm)).multiplied(by: xHat)
            for k in 0..<rank { u1[k, 0] = top[k, nm] - kx[k] }
            try LAPACK.solveUpperTriangular(qr.factors, order: rank, &u1)
            var j1 = top.submatrix(rows: Array(0..<rank), columns: Array(0..<nm))  // becomes R₁₁⁻¹ K₀
            try LAPACK.solveUpperTriangular(qr.factors, order: rank, &j1)
            // Cov(u₁, x̂) = −J C, Cov(u₁) = J C Jᵀ.
            let jc = LAPACK.multiply(j1, covMeasured)
            let cuu = LAPACK.multiply(jc, j1, transposeB: true)
            for k in 0..<rank {
                let position = u1Positions[k]
                guard observable[position] else { continue }
                let j = unmeasured[position]
                values[j] = u1[k, 0]
                sigmas[j] = Swift.max(0, cuu[k, k]).squareRoot()
                classes[j] = .observable
                for (l, jl) in measured.enumerated() {
                    covariance[j, jl] = -jc[k, l]
                    covariance[jl, j] = -jc[k, l]
                }
                for f in fixed { covariance[j, f] = 0; covariance[f, j] = 0 }
                for k2 in 0..<rank where observable[u1Positions[k2]] {
                    covariance[j, unmeasured[u1Positions[k2]]] = cuu[k, k2]
                }
            }
        }
        // The projection P from constraint space to the kept reduced rows: kept rows of Q₂ᵀ.
        let projection: ReducedSystem.Projection
        if let qr = unmeasuredQR {
            var qt = Matrix.identity(m)
            try LAPACK.applyQTranspose(qr, to: &qt)
            projection = .dense(qt.submatrix(rows: keptRows.map { $0 + rank }, columns: Array(0..<m)))
        } else {
            var map = [Int](repeating: -1, count: m)
            for (k, row) in keptRows.enumerated() { map[row] = k }
            projection = .aggregation(map)
        }
        var solution = LinearSolution(
            values: values, sigmas: sigmas, classifications: classes, adjustmentVariances: wDiagonal,
            chiSquared: chiSquared, degreesOfFreedom: p, unmeasuredRank: rank, covariance: covariance,
            reducedResiduals: residual, reducedResidualVariances: sDiagonal,
            inconsistentConstraintCount: inconsistent,
            reduced: ReducedSystem(projection: projection, factor: factor, residual: residual))
        var allAdjustments = [Double?](repeating: nil, count: n)
        for (k, j) in measured.enumerated() { allAdjustments[j] = adjustments[k] }
        solution.adjustmentsFromSolver = allAdjustments
        return solution
    }
}
