// The only file of the project that talks to LAPACK / BLAS (through the CLapack system module).
//
// Conventions (SWIFT.md §1): column-major storage and LAPACK_COL_MAJOR, leading dimensions ≥ 1 even
// for empty matrices, inputs copied before LAPACK overwrites them, `_work` variants with a workspace
// query so that no hidden allocation happens inside LAPACKE, 0-based pivots on the Swift side.
import CLapack

/// Thin, typed wrappers over the LAPACK and BLAS routines the reconciliation needs.
///
/// LAPACKE and CBLAS are opened on the first call (``SharedLibrary``); every wrapper throws
/// ``LinearAlgebraError`` with routine `dlopen` when they cannot be. The Cholesky family and products of order
/// ≤ ``SmallDense/maximumOrder`` run in ``SmallDense`` instead, so that a small plant never loads them.
enum LAPACK {
    /// Which implementation a wrapper may use.
    enum Kernel: Sendable {
        /// ``SmallDense`` up to its order, LAPACK above (the default everywhere).
        case automatic
        /// LAPACK whatever the size (the reference ``SmallDense``'s tests compare with).
        case lapack

        var allowsSmall: Bool { self == .automatic }
    }

    /// The routines, looked up once in `liblapacke` (which brings LAPACK and the BLAS, OpenBLAS on Debian, as its
    /// dependencies); their types are the installed headers' (`Sources/CLapack/shim.h`).
    struct Routines: @unchecked Sendable {
        let dgeqp3: AB_dgeqp3_work_t
        let dormqr: AB_dormqr_work_t
        let dtrtrs: AB_dtrtrs_work_t
        let dpotrf: AB_dpotrf_work_t
        let dpotrs: AB_dpotrs_work_t
        let dpotri: AB_dpotri_work_t
        let dgemm: AB_dgemm_t
        let dsyrk: AB_dsyrk_t

        private init(_ lapacke: SharedLibrary) throws(SharedLibrary.LoadError) {
            dgeqp3 = try lapacke.function("LAPACKE_dgeqp3_work", as: AB_dgeqp3_work_t.self)
            dormqr = try lapacke.function("LAPACKE_dormqr_work", as: AB_dormqr_work_t.self)
            dtrtrs = try lapacke.function("LAPACKE_dtrtrs_work", as: AB_dtrtrs_work_t.self)
            dpotrf = try lapacke.function("LAPACKE_dpotrf_work", as: AB_dpotrf_work_t.self)
            dpotrs = try lapacke.function("LAPACKE_dpotrs_work", as: AB_dpotrs_work_t.self)
            dpotri = try lapacke.function("LAPACKE_dpotri_work", as: AB_dpotri_work_t.self)
            // CBLAS lives in the BLAS that LAPACK depends on; dlsym searches the handle's dependencies too.
            dgemm = try lapacke.function("cblas_dgemm", as: AB_dgemm_t.self)
            dsyrk = try lapacke.function("cblas_dsyrk", as: AB_dsyrk_t.self)
        }

        private static let loaded = SharedLibrary.routines(
            ["liblapacke.so.3", "liblapacke.so"], package: "liblapacke-dev libopenblas-dev") { (library) throws(SharedLibrary.LoadError) in
            let routines = try Routines(library)
            BLASInfo.didLoadLibrary()
            return routines
        }

        /// The routines, loading the libraries on the first call (thread-safe: a `static let`).
        static func library() throws(LinearAlgebraError) -> Routines {
            try loaded.mapError { LinearAlgebraError.libraryUnavailable($0.reason) }.get()
        }
    }

    /// A column-pivoted QR factorisation A·Π = Q·R (`dgeqp3`), with its numerical rank.
    struct PivotedQR: Sendable {
        /// R in the upper triangle, the Householder vectors of Q below it (LAPACK's compact form).
        var factors: Matrix
        /// Householder scalars.
        var tau: [Double]
        /// Column permutation Π as 0-based column indices: column k of A·Π is column `pivots[k]` of A.
        var pivots: [Int]
        /// Numerical rank: the number of |R_kk| > tolerance.
        var rank: Int
        /// The tolerance used for the rank decision.
        var tolerance: Double
    }

    /// Column-pivoted QR of `a` (`dgeqp3`) and its numerical rank.
    ///
    /// Rank rule (RECONCILIATION.md §2, the rule of numpy's `matrix_rank` applied to R):
    /// |R_kk| > max(m, n) · ε · max(|R_11|, `scale`). Column pivoting makes |R_kk| non-increasing.
    /// - Parameter scale: the size of the data `a` was computed from, when `a` is itself a product that carries
    ///   that data's rounding (G₀ = Q₂ᵀ A_m carries ε ‖A‖ of noise from the projection: a dependent relation with
    ///   coefficients in the hundreds leaves a row of 1e-13 that its own |R_11| of 2 would count as rank).
    /// - Complexity: O(m n min(m, n)).
    static func pivotedQR(_ a: Matrix, scale: Double = 0) throws(LinearAlgebraError) -> PivotedQR {
        let api = try Routines.library()
        let m = a.rows, n = a.columns
        var factors = a
        var pivots = [LapackInt](repeating: 0, count: n)
        var tau = [Double](repeating: 0, count: Swift.max(1, Swift.min(m, n)))
        if m > 0 && n > 0 {
            let lda = LapackInt(Swift.max(1, m))
            var query = 0.0
            var info = api.dgeqp3(
                LAPACK_COL_MAJOR, LapackInt(m), LapackInt(n), &factors.elements, lda, &pivots, &tau, &query, -1)
            guard info == 0 else { throw LinearAlgebraError(routine: "dgeqp3", info: Int(info), context: "workspace query") }
            var work = [Double](repeating: 0, count: Swift.max(1, Int(query)))
            info = api.dgeqp3(
                LAPACK_COL_MAJOR, LapackInt(m), LapackInt(n), &factors.elements, lda, &pivots, &tau, &work,
                LapackInt(work.count))
            guard info == 0 else {
                throw LinearAlgebraError(routine: "dgeqp3", info: Int(info), context: "column-pivoted QR")
            }
        }
        let k = Swift.min(m, n)
        let largest = k > 0 ? abs(factors[0, 0]) : 0
        let tolerance = Double(Swift.max(m, n)) * Double.ulpOfOne * Swift.max(largest, scale)
        var rank = 0
        while rank < k && abs(factors[rank, rank]) > tolerance { rank += 1 }
        return PivotedQR(
            factors: factors, tau: tau, pivots: pivots.map { Int($0) - 1 }, rank: rank, tolerance: tolerance)
    }

    /// Overwrites `c` with Qᵀ·c, Q from a QR factorisation (`dormqr`, side L, trans T).
    /// - Complexity: O(m · k · columns of c).
    static func applyQTranspose(_ qr: PivotedQR, to c: inout Matrix) throws(LinearAlgebraError) {
        let api = try Routines.library()
        let m = qr.factors.rows
        let k = Swift.min(qr.factors.rows, qr.factors.columns)
        precondition(c.rows == m, "Qᵀ·C needs C with as many rows as Q")
        guard m > 0, c.columns > 0, k > 0 else { return }
        var factors = qr.factors
        var tau = qr.tau
        let lda = LapackInt(Swift.max(1, m))
        var query = 0.0
        var info = api.dormqr(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int8(UInt8(ascii: "T")), LapackInt(m), LapackInt(c.columns),
            LapackInt(k), &factors.elements, lda, &tau, &c.elements, LapackInt(Swift.max(1, m)), &query, -1)
        guard info == 0 else { throw LinearAlgebraError(routine: "dormqr", info: Int(info), context: "workspace query") }
        var work = [Double](repeating: 0, count: Swift.max(1, Int(query)))
        info = api.dormqr(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int8(UInt8(ascii: "T")), LapackInt(m), LapackInt(c.columns),
            LapackInt(k), &factors.elements, lda, &tau, &c.elements, LapackInt(Swift.max(1, m)), &work,
            LapackInt(work.count))
        guard info == 0 else { throw LinearAlgebraError(routine: "dormqr", info: Int(info), context: "applying Qᵀ") }
    }

    /// Solves R·X = B in place, R the leading `order × order` upper triangle of `upper` (`dtrtrs`).
    /// - Complexity: O(order² · columns of b).
    static func solveUpperTriangular(
        _ upper: Matrix, order: Int, _ b: inout Matrix
    ) throws(LinearAlgebraError) {
        let api = try Routines.library()
        guard order > 0, b.columns > 0 else { return }
        precondition(b.rows == order, "right-hand side must have `order` rows")
        var r = upper
        let info = api.dtrtrs(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int8(UInt8(ascii: "N")), Int8(UInt8(ascii: "N")),
            LapackInt(order), LapackInt(b.columns), &r.elements, LapackInt(Swift.max(1, upper.rows)),
            &b.elements, LapackInt(Swift.max(1, order)))
        guard info == 0 else {
            throw LinearAlgebraError(routine: "dtrtrs", info: Int(info), context: "triangular factor is singular")
        }
    }

    /// Overwrites the lower triangle of the symmetric positive definite `s` with its Cholesky
    /// factor L, S = L·Lᵀ (`dpotrf`, uplo L). `info > 0` means S is not positive definite.
    /// - Complexity: O(n³ / 3).
    static func choleskyFactor(
        _ s: inout Matrix, context: String, kernel: Kernel = .automatic
    ) throws(LinearAlgebraError) {
        let n = s.rows
        guard n > 0 else { return }
        if kernel.allowsSmall && n <= SmallDense.maximumOrder {
            let info = SmallDense.choleskyFactor(&s.elements, order: n)
            guard info == 0 else { throw LinearAlgebraError(routine: "dpotrf", info: info, context: context) }
            return
        }
        let api = try Routines.library()
        let info = api.dpotrf(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), LapackInt(n), &s.elements, LapackInt(n))
        guard info == 0 else { throw LinearAlgebraError(routine: "dpotrf", info: Int(info), context: context) }
    }

    /// Solves S·X = B in place given the Cholesky factor from ``choleskyFactor(_:context:)`` (`dpotrs`).
    /// - Complexity: O(n² · columns of b).
    static func choleskySolve(
        factor: Matrix, _ b: inout Matrix, kernel: Kernel = .automatic
    ) throws(LinearAlgebraError) {
        let n = factor.rows
        guard n > 0, b.columns > 0 else { return }
        if kernel.allowsSmall && n <= SmallDense.maximumOrder {
            SmallDense.choleskySolve(factor: factor.elements, order: n, &b.elements, columns: b.columns)
            return
        }
        let api = try Routines.library()
        var l = factor
        let info = api.dpotrs(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), LapackInt(n), LapackInt(b.columns), &l.elements,
            LapackInt(n), &b.elements, LapackInt(n))
        guard info == 0 else { throw LinearAlgebraError(routine: "dpotrs", info: Int(info), context: "Cholesky solve") }
    }

    /// Solves L·X = B in place for the lower Cholesky factor L (`dtrtrs`, uplo L); used to form
    /// Zᵀ·Z = Bᵀ·S⁻¹·B without inverting S.
    static func solveLowerTriangular(
        factor: Matrix, _ b: inout Matrix, kernel: Kernel = .automatic
    ) throws(LinearAlgebraError) {
        let n = factor.rows
        guard n > 0, b.columns > 0 else { return }
        if kernel.allowsSmall && n <= SmallDense.maximumOrder {
            let info = SmallDense.singularDiagonal(factor.elements, order: n)
            guard info == 0 else {
                throw LinearAlgebraError(routine: "dtrtrs", info: info, context: "Cholesky factor is singular")
            }
            SmallDense.solveLowerTriangular(factor: factor.elements, order: n, &b.elements, columns: b.columns)
            return
        }
        let api = try Routines.library()
        var l = factor
        let info = api.dtrtrs(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int8(UInt8(ascii: "N")), Int8(UInt8(ascii: "N")),
            LapackInt(n), LapackInt(b.columns), &l.elements, LapackInt(n), &b.elements, LapackInt(n))
        guard info == 0 else {
            throw LinearAlgebraError(routine: "dtrtrs", info: Int(info), context: "Cholesky factor is singular")
        }
    }

    /// The inverse S⁻¹ of an SPD matrix from its Cholesky factor (`dpotri`), both triangles filled.
    /// Only for the graph solver, which needs selected entries of S⁻¹ for millions of streams.
    /// - Complexity: O(2 n³ / 3).
    static func inverseFromCholesky(
        factor: Matrix, kernel: Kernel = .automatic
    ) throws(LinearAlgebraError) -> Matrix {
        var inverse = factor
        let n = factor.rows
        guard n > 0 else { return inverse }
        if kernel.allowsSmall && n <= SmallDense.maximumOrder {
            let info = SmallDense.singularDiagonal(factor.elements, order: n)
            guard info == 0 else { throw LinearAlgebraError(routine: "dpotri", info: info, context: "inverse of S") }
            return Matrix(rows: n, columns: n, columnMajor: SmallDense.inverseFromCholesky(factor.elements, order: n))
        }
        let api = try Routines.library()
        let info = api.dpotri(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), LapackInt(n), &inverse.elements, LapackInt(n))
        guard info == 0 else { throw LinearAlgebraError(routine: "dpotri", info: Int(info), context: "inverse of S") }
        inverse.elements.withUnsafeMutableBufferPointer { e in
            for j in 0..<n { for i in 0..<j { e[i + j * n] = e[j + i * n] } }
        }
        return inverse
    }

    /// C = op(A)·op(B) (`dgemm`).
    /// - Complexity: O(m · n · k).
    static func multiply(
        _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false, kernel: Kernel = .automatic
    ) throws(LinearAlgebraError) -> Matrix {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kb, "inner dimensions must agree")
        if kernel.allowsSmall && SmallDense.isSmall(m: m, n: n, k: k) { return SmallDense.multiply(a, transposeA: transposeA, b, transposeB: transposeB) }
        let api = try Routines.library()
        var c = Matrix(rows: m, columns: n)
        guard m > 0, n > 0, k > 0 else { return c }
        api.dgemm(
            CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), 1.0, a.elements, blasint(Swift.max(1, a.rows)), b.elements,
            blasint(Swift.max(1, b.rows)), 0.0, &c.elements, blasint(Swift.max(1, m)))
        return c
    }

    /// C = Aᵀ·A, both triangles filled (`dsyrk`).
    /// - Complexity: O(n² · k / 1) for A k × n.
    static func gram(_ a: Matrix) throws(LinearAlgebraError) -> Matrix {
        let api = try Routines.library()
        let n = a.columns, k = a.rows
        var c = Matrix(rows: n, columns: n)
        guard n > 0, k > 0 else { return c }
        api.dsyrk(
            CblasColMajor, CblasLower, CblasTrans, blasint(n), blasint(k), 1.0, a.elements, blasint(Swift.max(1, k)),
            0.0, &c.elements, blasint(n))
        c.elements.withUnsafeMutableBufferPointer { e in
            for j in 0..<n { for i in 0..<j { e[i + j * n] = e[j + i * n] } }
        }
        return c
    }
}
