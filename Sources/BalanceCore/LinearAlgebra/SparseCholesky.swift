import CCholmod

/// A sparse symmetric positive definite matrix factored by SuiteSparse CHOLMOD (Davis & Hager; simplicial
/// LDLᵀ with the AMD fill-reducing ordering): P S Pᵀ = L D Lᵀ, L unit lower triangular. The only file that
/// imports `CCholmod`.
///
/// Besides solves it gives *selected entries of the inverse* by the Takahashi recurrences (Takahashi, Fagan &
/// Chin 1973; Erisman & Tinney 1975): for the entries of Z = (P S Pᵀ)⁻¹ on the pattern of L (which contains the
/// pattern of P S Pᵀ),
///
///     Z_ij = − Σ_{k ∈ L(:,j), k > j} L_kj Z_ik          (i ∈ L(:,j), i > j)
///     Z_jj = 1/D_j − Σ_{k ∈ L(:,j), k > j} L_kj Z_kj
///
/// computed for j = n−1 … 0: every Z_ik needed lies on the pattern (the rows of a column of L form a clique of
/// the filled graph). S⁻¹_ab for a, b adjacent in S — what the variances of reconciled flows need — never
/// forms the dense inverse.
///
/// - Complexity: memory O(nnz(L)); factorisation as CHOLMOD's; the selected inverse O(Σ_j |L(:,j)|² log |L(:,j)|).
final class SparseCholesky: @unchecked Sendable {
    /// Order of S.
    let n: Int
    /// Non-zeros of L (diagonal included), for memory accounting.
    private(set) var factorNonzeros = 0
    private var common = cholmod_common()
    private var factor: UnsafeMutablePointer<cholmod_factor>?
    /// Column j of L: row indices (ascending, diagonal first) and values (D_j first), permuted indexing.
    private var columnStart: [Int] = []
    private var rows: [Int32] = []
    private var values: [Double] = []
    /// Perm[k] = original index of permuted row k; position[a] = permuted position of original a.
    private var permutation: [Int] = []
    private var position: [Int] = []

    /// Factors the symmetric matrix given by its lower triangle in compressed columns (`columnPointers` of
    /// length n + 1, `rowIndices` ≥ their column, `entries`).
    /// - Throws: ``LinearAlgebraError`` with routine `cholmod_factorize` when S is not positive definite
    ///   (info = the failing column + 1) or CHOLMOD fails (out of memory: info −1).
    init(order n: Int, columnPointers: [Int], rowIndices: [Int], entries: [Double]) throws(LinearAlgebraError) {
        self.n = n
        cholmod_start(&common)
        common.supernodal = CHOLMOD_SIMPLICIAL
        common.final_ll = 0
        common.final_monotonic = 1
        common.final_pack = 1
        common.print = 0
        guard n > 0 else { return }
        let nnz = entries.count
        // CHOLMOD's int interface: indices and counts below 2³¹ (a factor that large would not fit in memory here).
        guard nnz < Int(Int32.max) && n < Int(Int32.max) else {
            throw LinearAlgebraError(routine: "cholmod_allocate_sparse", info: -1, context: "\(nnz) entries exceed the 32-bit interface")
        }
        guard let matrix = cholmod_allocate_sparse(n, n, nnz, 1, 1, -1, CHOLMOD_REAL, &common) else {
            throw LinearAlgebraError(routine: "cholmod_allocate_sparse", info: -1, context: "out of memory for \(nnz) entries")
        }
        defer { var m: UnsafeMutablePointer<cholmod_sparse>? = matrix; cholmod_free_sparse(&m, &common) }
        let p = matrix.pointee.p.assumingMemoryBound(to: Int32.self)
        let i = matrix.pointee.i.assumingMemoryBound(to: Int32.self)
        let x = matrix.pointee.x.assumingMemoryBound(to: Double.self)
        for k in 0...n { p[k] = Int32(truncatingIfNeeded: columnPointers[k]) }
        for k in 0..<nnz {
            i[k] = Int32(truncatingIfNeeded: rowIndices[k])
            x[k] = entries[k]
        }
        guard let analysed = cholmod_analyze(matrix, &common) else {
            throw LinearAlgebraError(routine: "cholmod_analyze", info: Int(common.status), context: "ordering the reduced balances")
        }
        factor = analysed
        _ = cholmod_factorize(matrix, analysed, &common)
        if common.status == CHOLMOD_NOT_POSDEF || analysed.pointee.minor < n {
            throw LinearAlgebraError(routine: "cholmod_factorize", info: Int(analysed.pointee.minor) + 1,
                                     context: "the reduced balance matrix is not positive definite")
        }
        guard common.status == CHOLMOD_OK else {
            throw LinearAlgebraError(routine: "cholmod_factorize", info: Int(common.status), context: "sparse Cholesky failed")
        }
        readFactor(analysed.pointee)
        // LDLᵀ also factors indefinite matrices: positive definiteness is every D_j > 0.
        for j in 0..<n where !(values[columnStart[j]] > 0) {
            throw LinearAlgebraError(routine: "cholmod_factorize", info: permutation[j] + 1,
                                     context: "the reduced balance matrix is not positive definite (pivot \(values[columnStart[j]]))")
        }
    }

    deinit {
        if factor != nil { cholmod_free_factor(&factor, &common) }
        cholmod_finish(&common)
    }

    /// Copies L, D and the permutation out of CHOLMOD's simplicial factor, each column sorted by row.
    private func readFactor(_ l: cholmod_factor) {
        let p = l.p.assumingMemoryBound(to: Int32.self), i = l.i.assumingMemoryBound(to: Int32.self)
        let x = l.x.assumingMemoryBound(to: Double.self), nz = l.nz.assumingMemoryBound(to: Int32.self)
        let perm = l.Perm.assumingMemoryBound(to: Int32.self)
        columnStart = [0]
        columnStart.reserveCapacity(n + 1)
        for j in 0..<n {
            let start = Int(p[j]), count = Int(nz[j])
            var column = (0..<count).map { (row: i[start + $0], value: x[start + $0]) }
            column.sort { $0.row < $1.row }
            for entry in column {
                rows.append(entry.row)
                values.append(entry.value)
            }
            columnStart.append(rows.count)
        }
        factorNonzeros = rows.count
        permutation = (0..<n).map { Int(perm[$0]) }
        position = [Int](repeating: 0, count: n)
        for (k, a) in permutation.enumerated() { position[a] = k }
    }

    /// S⁻¹ b.
    func solve(_ b: [Double]) -> [Double] { run(CHOLMOD_A, b) }

    /// L⁻¹ P b scaled by D^{-1/2}: bᵀ S⁻¹ b = ‖whiten(b)‖².
    func whiten(_ b: [Double]) -> [Double] {
        var y = run(CHOLMOD_L, run(CHOLMOD_P, b))
        for j in 0..<n { y[j] /= values[columnStart[j]].squareRoot() }
        return y
    }

    private func run(_ system: Int32, _ b: [Double]) -> [Double] {
        guard n > 0, let factor else { return b }
        var dense = cholmod_dense()
        var copy = b
        return copy.withUnsafeMutableBufferPointer { buffer -> [Double] in
            dense.nrow = n
            dense.ncol = 1
            dense.nzmax = n
            dense.d = n
            dense.x = UnsafeMutableRawPointer(buffer.baseAddress)
            dense.xtype = CHOLMOD_REAL
            dense.dtype = CHOLMOD_DOUBLE
            // A failed solve (out of memory) gives NaN, which the callers' finiteness checks turn into an error.
            guard let solved = cholmod_solve(system, factor, &dense, &common) else { return [Double](repeating: .nan, count: n) }
            let x = solved.pointee.x.assumingMemoryBound(to: Double.self)
            let result = (0..<n).map { x[$0] }
            var free: UnsafeMutablePointer<cholmod_dense>? = solved
            cholmod_free_dense(&free, &common)
            return result
        }
    }

    /// The entries of S⁻¹ on the pattern of the factor, by the Takahashi recurrences.
    func selectedInverse() -> SelectedInverse {
        var z = [Double](repeating: 0, count: values.count)
        func find(_ row: Int32, inColumn column: Int) -> Int? {
            var low = columnStart[column], high = columnStart[column + 1] - 1
            while low <= high {
                let mid = (low + high) / 2
                if rows[mid] == row { return mid }
                if rows[mid] < row { low = mid + 1 } else { high = mid - 1 }
            }
            return nil
        }
        func zAt(_ a: Int32, _ b: Int32) -> Double {
            let (row, column) = a >= b ? (a, Int(b)) : (b, Int(a))
            return find(row, inColumn: column).map { z[$0] } ?? 0
        }
        for j in stride(from: n - 1, through: 0, by: -1) {
            let start = columnStart[j], end = columnStart[j + 1]
            // Off-diagonal entries first (they use only columns > j), then the diagonal.
            for q in (start + 1)..<max(start + 1, end) {
                var sum = 0.0
                for k in (start + 1)..<end { sum += values[k] * zAt(rows[q], rows[k]) }
                z[q] = -sum
            }
            var diagonal = 1 / values[start]
            for k in (start + 1)..<max(start + 1, end) { diagonal -= values[k] * z[k] }
            z[start] = diagonal
        }
        return SelectedInverse(columnStart: columnStart, rows: rows, z: z, position: position)
    }
}

/// Entries of S⁻¹ on the pattern of a sparse factor (``SparseCholesky/selectedInverse()``), in the original
/// indexing; `nil` off the pattern (those need a solve).
struct SelectedInverse: Sendable {
    fileprivate let columnStart: [Int]
    fileprivate let rows: [Int32]
    fileprivate let z: [Double]
    fileprivate let position: [Int]

    /// S⁻¹_ab when (a, b) lies on the factor's pattern.
    subscript(a: Int, b: Int) -> Double? {
        let pa = position[a], pb = position[b]
        let (row, column) = pa >= pb ? (Int32(pa), pb) : (Int32(pb), pa)
        var low = columnStart[column], high = columnStart[column + 1] - 1
        while low <= high {
            let mid = (low + high) / 2
            if rows[mid] == row { return z[mid] }
            if rows[mid] < row { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }
}
