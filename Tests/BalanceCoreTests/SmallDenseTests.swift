import TestSupport
import Testing
@testable import BalanceCore

/// The small-matrix kernels (``SmallDense``) against LAPACK/OpenBLAS on random symmetric positive definite matrices of
/// every order they handle, and the refusal of a matrix that is not positive definite.
@Suite("Small dense kernels against LAPACK")
struct SmallDenseTests {
    /// Both are backward stable; on these matrices (κ ≤ about 10³) the results agree to a few ulps of the largest entry:
    /// 1e-12 relative is met with two orders of magnitude to spare (measured worst 4e-15).
    static let tolerance = 1e-12

    /// S = B Bᵀ + n I with B uniform in [−1, 1]: SPD with κ of order 10.
    static func spd(_ n: Int, seed: UInt64) -> Matrix {
        var rng = SplitMix64(seed: seed)
        var b = Matrix(rows: n, columns: n)
        for j in 0..<n { for i in 0..<n { b[i, j] = Double(rng.next() % 2001) / 1000 - 1 } }
        var s = Matrix(rows: n, columns: n)
        for j in 0..<n {
            for i in 0..<n {
                var sum = i == j ? Double(n) : 0
                for k in 0..<n { sum += b[i, k] * b[j, k] }
                s[i, j] = sum
            }
        }
        return s
    }

    static func rhs(_ n: Int, columns: Int, seed: UInt64) -> Matrix {
        var rng = SplitMix64(seed: seed &+ 77)
        var b = Matrix(rows: n, columns: columns)
        for j in 0..<columns { for i in 0..<n { b[i, j] = Double(rng.next() % 20001) / 100 - 100 } }
        return b
    }

    static func expectClose(_ a: Matrix, _ b: Matrix, lowerOnly: Bool = false) {
        #expect(a.rows == b.rows && a.columns == b.columns)
        let scale = Swift.max(b.elements.map(abs).max() ?? 0, .leastNormalMagnitude)
        var worst = 0.0
        for j in 0..<a.columns {
            for i in (lowerOnly ? j : 0)..<a.rows { worst = Swift.max(worst, abs(a[i, j] - b[i, j]) / scale) }
        }
        #expect(worst <= tolerance, "worst relative difference \(worst)")
    }

    @Test("Cholesky, solve, triangular solve and inverse agree with LAPACK for every order to the limit",
          arguments: 1...SmallDense.maximumOrder)
    func factorisations(order n: Int) throws {
        let s = Self.spd(n, seed: UInt64(n))
        var small = s, reference = s
        try LAPACK.choleskyFactor(&small, context: "test")
        try LAPACK.choleskyFactor(&reference, context: "test", kernel: .lapack)
        Self.expectClose(small, reference, lowerOnly: true)

        let b = Self.rhs(n, columns: 3, seed: UInt64(n))
        var x = b, xReference = b
        try LAPACK.choleskySolve(factor: small, &x)
        try LAPACK.choleskySolve(factor: reference, &xReference, kernel: .lapack)
        Self.expectClose(x, xReference)
        // And S x = b itself, independently of LAPACK.
        let residual = try LAPACK.multiply(s, x, kernel: .lapack)
        Self.expectClose(residual, b)

        var y = b, yReference = b
        try LAPACK.solveLowerTriangular(factor: small, &y)
        try LAPACK.solveLowerTriangular(factor: reference, &yReference, kernel: .lapack)
        Self.expectClose(y, yReference)

        let inverse = try LAPACK.inverseFromCholesky(factor: small)
        let inverseReference = try LAPACK.inverseFromCholesky(factor: reference, kernel: .lapack)
        Self.expectClose(inverse, inverseReference)
        Self.expectClose(try LAPACK.multiply(s, inverse, kernel: .lapack), Matrix.identity(n))
    }

    @Test("Products in all four transpositions agree with dgemm", arguments: [1, 2, 7, 19, 32])
    func products(size n: Int) throws {
        let a = Self.rhs(n, columns: Swift.max(1, n - 1), seed: 5), b = Self.rhs(n, columns: Swift.max(1, n - 1), seed: 9)
        for (ta, tb) in [(false, true), (true, false)] {
            let small = try LAPACK.multiply(a, transposeA: ta, b, transposeB: tb)
            let reference = try LAPACK.multiply(a, transposeA: ta, b, transposeB: tb, kernel: .lapack)
            Self.expectClose(small, reference)
        }
        let square = Self.spd(n, seed: 3)
        Self.expectClose(try LAPACK.multiply(square, a), try LAPACK.multiply(square, a, kernel: .lapack))
        Self.expectClose(
            try LAPACK.multiply(square, transposeA: true, square, transposeB: true),
            try LAPACK.multiply(square, transposeA: true, square, transposeB: true, kernel: .lapack))
    }

    @Test("A matrix that is not positive definite is refused with LAPACK's info")
    func notPositiveDefinite() throws {
        // [[4, 2, 0], [2, 1, 0], [0, 0, 1]]: the second pivot is 1 − 2²/4 = 0.
        var s = Matrix([[4, 2, 0], [2, 1, 0], [0, 0, 1]])
        var reference = s
        let small = #expect(throws: LinearAlgebraError.self) { try LAPACK.choleskyFactor(&s, context: "test") }
        let lapack = #expect(throws: LinearAlgebraError.self) {
            try LAPACK.choleskyFactor(&reference, context: "test", kernel: .lapack)
        }
        #expect(small?.routine == "dpotrf" && small?.info == 2)
        #expect(lapack?.info == small?.info)
        var nan = Matrix([[1, .nan], [.nan, 1]])
        #expect(throws: LinearAlgebraError.self) { try LAPACK.choleskyFactor(&nan, context: "test") }
    }
}
