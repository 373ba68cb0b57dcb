import TestSupport
import Testing
@testable import BalanceCore

/// The sparse Cholesky engine (CHOLMOD) against dense LAPACK on grounded weighted graph Laplacians — the matrices
/// the graph solver factors: solves and the Takahashi selected inverse agree with the dense inverse.
@Suite("Sparse Cholesky and selected inverse")
struct SparseCholeskyTests {
    /// Both sides are backward stable on these well-conditioned matrices (κ below 1e4): 1e-10 relative to the
    /// largest entry of S⁻¹.
    static let tolerance = 1e-10

    /// A random connected graph on `n` vertices plus the ground, with weights 1/σ² … as S = G V Gᵀ.
    static func laplacian(_ n: Int, seed: UInt64) -> (dense: Matrix, edges: [(Int, Int)]) {
        var rng = SplitMix64(seed: seed)
        var s = Matrix(rows: n, columns: n)
        var edges: [(Int, Int)] = []
        func add(_ a: Int, _ b: Int, _ w: Double) {  // b = −1: the ground
            s[a, a] += w
            if b >= 0 {
                s[b, b] += w
                s[a, b] -= w
                s[b, a] -= w
                edges.append((a, b))
            }
        }
        for v in 0..<n { add(v, v == 0 ? -1 : Int(rng.next() % UInt64(v)), 0.5 + Double(rng.next() % 1000) / 500) }
        for _ in 0..<(2 * n) {
            let a = Int(rng.next() % UInt64(n)), b = Int(rng.next() % UInt64(n))
            if a != b { add(a, b, 0.5 + Double(rng.next() % 1000) / 500) }
        }
        for v in stride(from: 0, to: n, by: 7) { add(v, -1, 1) }
        return (s, edges)
    }

    static func factor(_ s: Matrix) throws -> SparseCholesky {
        var pointers = [0], rows: [Int] = [], entries: [Double] = []
        for j in 0..<s.columns {
            for i in j..<s.rows where s[i, j] != 0 {
                rows.append(i)
                entries.append(s[i, j])
            }
            pointers.append(rows.count)
        }
        return try SparseCholesky(order: s.rows, columnPointers: pointers, rowIndices: rows, entries: entries)
    }

    @Test("solve and selected inverse equal the dense inverse", arguments: [5, 40, 300])
    func againstDense(_ n: Int) throws {
        let (s, edges) = Self.laplacian(n, seed: UInt64(n))
        let sparse = try Self.factor(s)
        var l = s
        try LAPACK.choleskyFactor(&l, context: "test")
        let inverse = try LAPACK.inverseFromCholesky(factor: l)
        var largest = 0.0
        for i in 0..<n { for j in 0..<n { largest = max(largest, abs(inverse[i, j])) } }
        let selected = sparse.selectedInverse()
        for v in 0..<n {
            let z = try #require(selected[v, v])
            #expect(abs(z - inverse[v, v]) <= Self.tolerance * largest, "diagonal \(v)")
        }
        for (a, b) in edges {
            let z = try #require(selected[a, b], "edge \(a)–\(b) must lie on the pattern")
            #expect(abs(z - inverse[a, b]) <= Self.tolerance * largest, "(\(a), \(b))")
        }
        let b = (0..<n).map { Double($0 % 5) - 2 }
        let x = sparse.solve(b)
        for i in 0..<n {
            let expected = (0..<n).reduce(0) { $0 + inverse[i, $1] * b[$1] }
            #expect(abs(x[i] - expected) <= Self.tolerance * largest * Double(n))
        }
        // bᵀ S⁻¹ b = ‖whiten(b)‖².
        let w = sparse.whiten(b)
        let quadratic = zip(b, x).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(w.reduce(0) { $0 + $1 * $1 } - quadratic) <= 1e-10 * abs(quadratic))
    }

    @Test("a matrix that is not positive definite is an error naming CHOLMOD, not a trap")
    func notPositiveDefinite() {
        var s = Matrix(rows: 2, columns: 2)
        s[0, 0] = 1; s[1, 1] = 1; s[0, 1] = 2; s[1, 0] = 2
        #expect(throws: LinearAlgebraError.self) { try Self.factor(s) }
    }
}
