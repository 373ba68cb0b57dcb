/// Dense kernels for small matrices (order ≤ ``maximumOrder``), used by ``LAPACK``'s wrappers instead of LAPACK and
/// the BLAS for those sizes.
///
/// Why not LAPACK here: a process that solves a plant of a few dozen streams spends ≈ 3.5 ms opening LAPACKE and
/// OpenBLAS (measured: `dlopen("liblapacke.so.3")` 3.5 ms, against a whole `balance reconcile` of P14 in ≈ 10 ms
/// without it), and each LAPACKE call on a 14 × 14 matrix costs more in dispatch than in arithmetic (issue 12, "small
/// cases at the floor"). Above ``maximumOrder`` the blocked LAPACK routines win and are always used.
///
/// The algorithms are the unblocked ones LAPACK itself uses for its diagonal blocks, in the same order of
/// operations:
/// - ``choleskyFactor(_:order:)``: `dpotf2` (Golub & Van Loan, *Matrix Computations*, 4th ed., Alg. 4.2.1, the
///   "jki" gaxpy Cholesky): l_jj = √(s_jj − Σ_{k<j} l_jk²), l_ij = (s_ij − Σ_{k<j} l_ik l_jk) / l_jj;
///   backward stable (‖ΔS‖ ≤ c n ε ‖S‖, G&VL Thm. 4.2.6);
/// - ``choleskySolve(factor:order:_:columns:)``: forward then backward substitution (`dpotrs`);
/// - ``inverseFromCholesky(_:order:)``: L⁻¹ by columns (`dtrti2`), then S⁻¹ = L⁻ᵀ L⁻¹ (`dlauu2`);
/// - ``solveLowerTriangular(factor:order:_:columns:)``: forward substitution (`dtrtrs`, uplo L);
/// - ``multiply(_:_:transposeA:_:transposeB:)``: the triple loop, summing in k order.
///
/// They agree with LAPACK/OpenBLAS to a few ulps (`SmallDenseTests`: 1e-12 relative on random SPD matrices of every
/// order to ``maximumOrder``), not bit for bit: OpenBLAS's kernels sum in another order. Storage column-major, as
/// ``Matrix``.
enum SmallDense {
    /// The largest order handled here (p of the reduced system, or m, n, k of a product).
    static let maximumOrder = 32

    /// Overwrites the lower triangle of the order-`n` SPD matrix in `a` with L, S = L Lᵀ.
    /// - Returns: 0, or the 1-based column j whose pivot s_jj − Σ l_jk² is not positive (LAPACK's `info`).
    /// - Complexity: n³/3 multiply-adds.
    static func choleskyFactor(_ a: inout [Double], order n: Int) -> Int {
        a.withUnsafeMutableBufferPointer { e -> Int in
            guard let base = e.baseAddress else { return 0 }
            for j in 0..<n {
                // Column j of S minus Σ_{k<j} l_jk · (column k of L), in k order: the same operations, in the same
                // order per entry, as the dot-product form, but the entries of a column are independent, so the
                // inner loop runs over adjacent entries without waiting on one sum (it vectorises).
                let column = base + j &* n
                for k in 0..<j {
                    let previous = base + k &* n
                    let ljk = previous[j]
                    var i = j
                    while i < n {
                        column[i] -= previous[i] * ljk
                        i &+= 1
                    }
                }
                let pivot = column[j]
                guard pivot > 0, pivot.isFinite else { return j + 1 }
                let ljj = pivot.squareRoot()
                column[j] = ljj
                var i = j &+ 1
                while i < n {
                    column[i] /= ljj
                    i &+= 1
                }
            }
            return 0
        }
    }

    /// Solves L·X = B in place (B order × `columns`, column-major), L the lower triangle of `factor`.
    /// - Complexity: n² · columns / 2.
    static func solveLowerTriangular(factor: [Double], order n: Int, _ b: inout [Double], columns: Int) {
        factor.withUnsafeBufferPointer { l in
            b.withUnsafeMutableBufferPointer { x in
                for c in 0..<columns {
                    let base = c * n
                    for i in 0..<n {
                        var sum = x[base + i]
                        for k in 0..<i { sum -= l[i + k * n] * x[base + k] }
                        x[base + i] = sum / l[i + i * n]
                    }
                }
            }
        }
    }

    /// Solves S·X = B in place given L (S = L Lᵀ): L y = b, then Lᵀ x = y.
    /// - Complexity: n² · columns.
    static func choleskySolve(factor: [Double], order n: Int, _ b: inout [Double], columns: Int) {
        solveLowerTriangular(factor: factor, order: n, &b, columns: columns)
        factor.withUnsafeBufferPointer { l in
            b.withUnsafeMutableBufferPointer { x in
                for c in 0..<columns {
                    let base = c * n
                    for i in stride(from: n - 1, through: 0, by: -1) {
                        var sum = x[base + i]
                        for k in (i + 1)..<n { sum -= l[k + i * n] * x[base + k] }
                        x[base + i] = sum / l[i + i * n]
                    }
                }
            }
        }
    }

    /// S⁻¹ (both triangles) from L in the lower triangle of `factor`.
    /// - Complexity: n³/3 for L⁻¹ plus n³/3 for L⁻ᵀ L⁻¹.
    static func inverseFromCholesky(_ factor: [Double], order n: Int) -> [Double] {
        guard n > 0 else { return [] }
        // M = L⁻¹, lower triangular, column by column: L m_j = e_j by forward substitution in column (axpy) form:
        // m_ij = (0 − Σ_{j≤k<i} l_ik m_kj) / l_ii with the terms subtracted in k order, as the dot form does, but the
        // entries below k are updated independently (no chain of dependent additions; the loop vectorises).
        let m = ScratchBuffer(repeating: 0.0, count: n * n)
        factor.withUnsafeBufferPointer { l in
            m.withUnsafeMutablePointer { mBase in
                let lBase = l.baseAddress!
                for j in 0..<n {
                    let column = mBase + j &* n
                    for k in j..<n {
                        let lColumn = lBase + k &* n
                        let mkj = k == j ? 1 / lColumn[k] : column[k] / lColumn[k]
                        column[k] = mkj
                        var i = k &+ 1
                        while i < n {
                            column[i] -= lColumn[i] * mkj
                            i &+= 1
                        }
                    }
                }
            }
        }
        // S⁻¹ = Mᵀ M: (S⁻¹)_ij = Σ_{k ≥ max(i, j)} m_ki m_kj, accumulated in k order as rank-one updates by the rows of
        // M (each entry's sum in the same order as a dot product, the entries independent). Row k of M is copied to a
        // contiguous scratch (on the stack) so that the update runs over adjacent entries.
        var s = [Double](repeating: 0, count: n * n)
        m.withUnsafeMutablePointer { mBase in
            s.withUnsafeMutableBufferPointer { out in
                let sBase = out.baseAddress!
                withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { scratch in
                    let row = scratch.baseAddress!
                    for k in 0..<n {
                        for i in 0...k { row[i] = mBase[k &+ i &* n] }
                        for j in 0...k {
                            let column = sBase + j &* n
                            let mkj = row[j]
                            var i = j
                            while i <= k {
                                column[i] += row[i] * mkj
                                i &+= 1
                            }
                        }
                    }
                }
                for j in 0..<n { for i in (j + 1)..<n { sBase[j &+ i &* n] = sBase[i &+ j &* n] } }
            }
        }
        return s
    }

    /// ‖A‖₁ = max_c Σ_r |a_rc| of a square column-major matrix of any order (`dlange` with norm '1').
    ///
    /// Each column is summed in four interleaved partial sums (rows r ≡ 0, 1, 2, 3 mod 4, added at the end), so the
    /// additions do not wait on one another: a fixed order, the same bits on every run, within a few ulps of the
    /// sequential sum — it feeds only the condition estimate κ₁(S) of the graph solver.
    /// - Complexity: n² additions.
    static func norm1(_ a: [Double], order n: Int) -> Double {
        a.withUnsafeBufferPointer { e -> Double in
            guard let base = e.baseAddress else { return 0 }
            var norm = 0.0
            for c in 0..<n {
                let column = base + c &* n
                var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                var r = 0
                while r &+ 3 < n {
                    s0 += abs(column[r])
                    s1 += abs(column[r &+ 1])
                    s2 += abs(column[r &+ 2])
                    s3 += abs(column[r &+ 3])
                    r &+= 4
                }
                while r < n {
                    s0 += abs(column[r])
                    r &+= 1
                }
                norm = Swift.max(norm, (s0 + s1) + (s2 + s3))
            }
            return norm
        }
    }

    /// C = op(A)·op(B) for small operands (every dimension ≤ ``maximumOrder``).
    /// - Complexity: m · n · k multiply-adds.
    static func multiply(_ a: Matrix, transposeA: Bool, _ b: Matrix, transposeB: Bool) -> Matrix {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        var c = Matrix(rows: m, columns: n)
        let lda = a.rows, ldb = b.rows
        a.elements.withUnsafeBufferPointer { ae in
            b.elements.withUnsafeBufferPointer { be in
                c.elements.withUnsafeMutableBufferPointer { ce in
                    for j in 0..<n {
                        for i in 0..<m {
                            var sum = 0.0
                            for p in 0..<k {
                                let x = transposeA ? ae[p + i * lda] : ae[i + p * lda]
                                let y = transposeB ? be[j + p * ldb] : be[p + j * ldb]
                                sum += x * y
                            }
                            ce[i + j * m] = sum
                        }
                    }
                }
            }
        }
        return c
    }

    /// Whether a product C (m × n) = op(A) (m × k) · op(B) is small enough for
    /// ``multiply(_:_:transposeA:_:transposeB:)``.
    static func isSmall(m: Int, n: Int, k: Int) -> Bool { m <= maximumOrder && n <= maximumOrder && k <= maximumOrder }

    /// LAPACK's `info` for a triangular factor: the 1-based index of the first zero on the diagonal of the order-`n`
    /// `factor`, or 0 (what `dtrtrs` and `dpotri` report before dividing by it).
    /// - Complexity: O(n).
    static func singularDiagonal(_ factor: [Double], order n: Int) -> Int {
        for i in 0..<n where factor[i + i * n] == 0 { return i + 1 }
        return 0
    }
}
