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
    private let api: CHOLMOD
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
    /// Thrown (as the routine name of a ``LinearAlgebraError``) when the ordering predicts more fill than allowed.
    static let tooMuchFill = "cholmod_analyze: fill"

    /// - Parameter maximumFill: the largest predicted nnz(L) accepted (CHOLMOD's `lnz` after the ordering); beyond
    ///   it the init throws with routine ``tooMuchFill`` before factoring, so that the caller can factor densely.
    /// - Parameter semidefinite: accept non-positive pivots (a positive *semi*definite S whose dependent rows the
    ///   caller finds with ``weakPivots(diagonal:tolerance:)``); only an exactly zero pivot, where CHOLMOD stops,
    ///   still throws.
    init(
        order n: Int, columnPointers: [Int], rowIndices: [Int], entries: [Double], maximumFill: Double = .infinity,
        semidefinite: Bool = false
    ) throws(LinearAlgebraError) {
        self.n = n
        api = try CHOLMOD.library()
        _ = api.start(&common)
        common.supernodal = CHOLMOD_SIMPLICIAL
        common.final_ll = 0
        common.final_monotonic = 1
        common.final_pack = 1
        common.print = 0
        // Semidefinite: an exactly zero pivot (a row repeated with the opposite sign) becomes the smallest normal
        // number instead of stopping CHOLMOD; its column is exactly zero, so the rows after it are factored as if
        // it were absent, and ``weakPivots(diagonal:tolerance:)`` reports it.
        if semidefinite { common.dbound = Double.leastNormalMagnitude }
        guard n > 0 else { return }
        let nnz = entries.count
        // CHOLMOD's int interface: indices and counts below 2³¹ (a factor that large would not fit in memory here).
        guard nnz < Int(Int32.max) && n < Int(Int32.max) else {
            throw LinearAlgebraError(routine: "cholmod_allocate_sparse", info: -1, context: "\(nnz) entries exceed the 32-bit interface")
        }
        guard let matrix = api.allocateSparse(n, n, nnz, 1, 1, -1, CHOLMOD_REAL, &common) else {
            throw LinearAlgebraError(routine: "cholmod_allocate_sparse", info: -1, context: "out of memory for \(nnz) entries")
        }
        defer { var m: UnsafeMutablePointer<cholmod_sparse>? = matrix; _ = api.freeSparse(&m, &common) }
        let p = matrix.pointee.p.assumingMemoryBound(to: Int32.self)
        let i = matrix.pointee.i.assumingMemoryBound(to: Int32.self)
        let x = matrix.pointee.x.assumingMemoryBound(to: Double.self)
        for k in 0...n { p[k] = Int32(truncatingIfNeeded: columnPointers[k]) }
        for k in 0..<nnz {
            i[k] = Int32(truncatingIfNeeded: rowIndices[k])
            x[k] = entries[k]
        }
        guard let analysed = api.analyze(matrix, &common) else {
            throw LinearAlgebraError(routine: "cholmod_analyze", info: Int(common.status), context: "ordering the reduced balances")
        }
        factor = analysed
        if common.lnz > maximumFill {
            throw LinearAlgebraError(routine: Self.tooMuchFill, info: 0, context: "the ordering predicts \(common.lnz) non-zeros in L")
        }
        _ = api.factorize(matrix, analysed, &common)
        // Semidefinite: CHOLMOD completes the LDLᵀ factor and only flags the bounded pivots (as `minor`).
        if !semidefinite && (common.status == CHOLMOD_NOT_POSDEF || analysed.pointee.minor < n) {
            // `minor` counts in the permuted order; the error names the original row (info = its index + 1).
            let minor = Swift.min(Int(analysed.pointee.minor), n - 1)
            let original = Int(analysed.pointee.Perm.assumingMemoryBound(to: Int32.self)[minor])
            throw LinearAlgebraError(routine: "cholmod_factorize", info: original + 1,
                                     context: "the reduced balance matrix is not positive definite")
        }
        // Semidefinite: the warnings CHOLMOD_NOT_POSDEF and CHOLMOD_DSMALL (a pivot bounded) are expected.
        guard common.status == CHOLMOD_OK || (semidefinite && common.status > CHOLMOD_OK) else {
            throw LinearAlgebraError(routine: "cholmod_factorize", info: Int(common.status), context: "sparse Cholesky failed")
        }
        readFactor(analysed.pointee)
        // LDLᵀ also factors indefinite matrices: positive definiteness is every D_j > 0.
        for j in 0..<n where !semidefinite && !(values[columnStart[j]] > 0) {
            throw LinearAlgebraError(routine: "cholmod_factorize", info: permutation[j] + 1,
                                     context: "the reduced balance matrix is not positive definite (pivot \(values[columnStart[j]]))")
        }
    }

    /// The lower triangle of a symmetric matrix in the compressed columns ``init(order:columnPointers:rowIndices:entries:maximumFill:semidefinite:)``
    /// takes: the diagonal first in each column, then the off-diagonal entries (row > column) sorted by row, repeated
    /// (column, row) pairs summed. Sorting first makes the sums run in the same order on every run.
    /// - Complexity: O(n + k log k) for k off-diagonal contributions.
    static func lowerColumns(
        diagonal: [Double], offDiagonal: [(column: Int, row: Int, value: Double)]
    ) -> (pointers: [Int], rows: [Int], entries: [Double]) {
        let n = diagonal.count
        let off = offDiagonal.sorted { ($0.column, $0.row) < ($1.column, $1.row) }
        var pointers = [Int](repeating: 0, count: n + 1), rows: [Int] = [], entries: [Double] = []
        rows.reserveCapacity(n + off.count)
        entries.reserveCapacity(n + off.count)
        var next = 0
        for c in 0..<n {
            rows.append(c)
            entries.append(diagonal[c])
            while next < off.count && off[next].column == c {
                let row = off[next].row
                var value = 0.0
                while next < off.count && off[next].column == c && off[next].row == row {
                    value += off[next].value
                    next += 1
                }
                rows.append(row)
                entries.append(value)
            }
            pointers[c + 1] = rows.count
        }
        return (pointers, rows, entries)
    }

    deinit {
        if factor != nil { _ = api.freeFactor(&factor, &common) }
        _ = api.finish(&common)
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

    /// min D_j / max D_j of the LDLᵀ factor: CHOLMOD's cheap reciprocal condition estimate (0 for an empty S).
    var pivotRatio: Double {
        guard n > 0 else { return 1 }
        var low = Double.infinity, high = 0.0
        for j in 0..<n { low = Swift.min(low, values[columnStart[j]]); high = Swift.max(high, values[columnStart[j]]) }
        return high > 0 ? low / high : 0
    }

    /// The original indices a whose pivot D is at most `tolerance` × S_aa (`diagonal`, in the original order): rows
    /// that depend numerically on the rows eliminated before them (a positive semidefinite S = G V Gᵀ with
    /// dependent rows of G factors with pivots of rounding size, ε κ, instead of zero).
    /// - Complexity: O(n).
    func weakPivots(diagonal: [Double], tolerance: Double) -> [Int] {
        (0..<n).filter { j in values[columnStart[j]] <= tolerance * diagonal[permutation[j]] }.map { permutation[$0] }.sorted()
    }

    /// bᵀ S⁻¹ b for a sparse b, by the forward solve y = L⁻¹ P b restricted to the columns that b reaches in the
    /// elimination tree (parent of j = the first row below the diagonal of column j): Σ y_j² / D_j.
    /// - Complexity: O(Σ |L(:,j)| over the reached columns) — the path from b's rows to the root, not all of L.
    func quadraticForm(_ b: [(index: Int, value: Double)], workspace: inout Workspace) -> Double {
        guard n > 0 else { return 0 }
        if workspace.reachMark.count != n {
            workspace.reachMark = [Int](repeating: 0, count: n)
            workspace.work = [Double](repeating: 0, count: n)
        }
        workspace.reachStamp += 1
        let reachStamp = workspace.reachStamp
        var reached: [Int] = []
        for (a, _) in b {
            var j = position[a]
            while workspace.reachMark[j] != reachStamp {
                workspace.reachMark[j] = reachStamp
                reached.append(j)
                let next = columnStart[j] + 1
                guard next < columnStart[j + 1] else { break }
                j = Int(rows[next])
            }
        }
        reached.sort()
        for j in reached { workspace.work[j] = 0 }
        for (a, v) in b { workspace.work[position[a]] += v }
        var sum = 0.0
        for j in reached {
            let x = workspace.work[j]
            sum += x * x / values[columnStart[j]]
            guard x != 0 else { continue }
            for e in (columnStart[j] + 1)..<columnStart[j + 1] { workspace.work[Int(rows[e])] -= values[e] * x }
        }
        return sum
    }

    /// Scratch of ``quadraticForm(_:workspace:)``, owned by the caller (one per thread), reused across calls.
    struct Workspace {
        fileprivate var reachMark: [Int] = []
        fileprivate var reachStamp = 0
        fileprivate var work: [Double] = []
        init() {}
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
            guard let solved = api.solve(system, factor, &dense, &common) else { return [Double](repeating: .nan, count: n) }
            let x = solved.pointee.x.assumingMemoryBound(to: Double.self)
            let result = (0..<n).map { x[$0] }
            var free: UnsafeMutablePointer<cholmod_dense>? = solved
            _ = api.freeDense(&free, &common)
            return result
        }
    }

    /// The entries of S⁻¹ on the pattern of the factor, by the Takahashi recurrences.
    ///
    /// Column j needs Z(r_q, r_k) for every pair of its rows; they lie in column min(r_q, r_k). Instead of looking
    /// each pair up, column r_q of Z is scanned once per q, and a marker array says which of its rows belong to
    /// column j: every pair is met once, and both of its terms are added then.
    /// - Complexity: O(Σ_j Σ_{q ∈ L(:,j)} |L(:,r_q)|) time, O(nnz(L) + n) memory.
    func selectedInverse() -> SelectedInverse {
        var z = [Double](repeating: 0, count: values.count)
        var mark = [Int](repeating: -1, count: n)
        var local: [Double] = []
        columnStart.withUnsafeBufferPointer { start in
            rows.withUnsafeBufferPointer { row in
                values.withUnsafeBufferPointer { l in
                    z.withUnsafeMutableBufferPointer { z in
                        for j in stride(from: n - 1, through: 0, by: -1) {
                            let first = start[j] + 1, end = start[j + 1]
                            let count = end - first
                            local.removeAll(keepingCapacity: true)
                            local.append(contentsOf: repeatElement(0, count: count))
                            for q in 0..<count { mark[Int(row[first + q])] = q }
                            for q in 0..<count {
                                let rq = Int(row[first + q]), lq = l[first + q]
                                // Column r_q of Z: its diagonal, then rows below r_q.
                                let diagonal = start[rq]
                                local[q] -= lq * z[diagonal]
                                for e in (diagonal + 1)..<start[rq + 1] {
                                    let k = mark[Int(row[e])]
                                    guard k >= 0 else { continue }
                                    let value = z[e]
                                    local[k] -= lq * value
                                    local[q] -= l[first + k] * value
                                }
                            }
                            var diagonalValue = 1 / l[start[j]]
                            for q in 0..<count {
                                z[first + q] = local[q]
                                diagonalValue -= l[first + q] * local[q]
                                mark[Int(row[first + q])] = -1
                            }
                            z[start[j]] = diagonalValue
                        }
                    }
                }
            }
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

/// The CHOLMOD routines ``SparseCholesky`` calls, looked up once in `libcholmod` (opened on first use through
/// ``SharedLibrary``; the types are the installed header's, see `Sources/CCholmod/shim.h`).
struct CHOLMOD: @unchecked Sendable {
    let start: AB_cholmod_start_t
    let finish: AB_cholmod_finish_t
    let allocateSparse: AB_cholmod_allocate_sparse_t
    let freeSparse: AB_cholmod_free_sparse_t
    let analyze: AB_cholmod_analyze_t
    let factorize: AB_cholmod_factorize_t
    let freeFactor: AB_cholmod_free_factor_t
    let solve: AB_cholmod_solve_t
    let freeDense: AB_cholmod_free_dense_t

    private init(_ library: SharedLibrary) throws(SharedLibrary.LoadError) {
        start = try library.function("cholmod_start", as: AB_cholmod_start_t.self)
        finish = try library.function("cholmod_finish", as: AB_cholmod_finish_t.self)
        allocateSparse = try library.function("cholmod_allocate_sparse", as: AB_cholmod_allocate_sparse_t.self)
        freeSparse = try library.function("cholmod_free_sparse", as: AB_cholmod_free_sparse_t.self)
        analyze = try library.function("cholmod_analyze", as: AB_cholmod_analyze_t.self)
        factorize = try library.function("cholmod_factorize", as: AB_cholmod_factorize_t.self)
        freeFactor = try library.function("cholmod_free_factor", as: AB_cholmod_free_factor_t.self)
        solve = try library.function("cholmod_solve", as: AB_cholmod_solve_t.self)
        freeDense = try library.function("cholmod_free_dense", as: AB_cholmod_free_dense_t.self)
    }

    /// The file names tried: first the soname of the CHOLMOD whose header this was compiled against
    /// (`libcholmod.so.<CHOLMOD_MAIN_VERSION>`: the `cholmod_common` layout must match), then the development
    /// link `libcholmod.so`, which points to the same library.
    private static let candidates = ["libcholmod.so.\(CHOLMOD_MAIN_VERSION)", "libcholmod.so"]

    private static let loaded = SharedLibrary.routines(candidates, package: "libsuitesparse-dev") {
        (library) throws(SharedLibrary.LoadError) in try CHOLMOD(library)
    }

    /// The routines, loading the library on the first call (thread-safe: a `static let`).
    /// - Throws: ``LinearAlgebraError`` with routine `dlopen` when CHOLMOD is missing or lacks a routine.
    static func library() throws(LinearAlgebraError) -> CHOLMOD {
        try loaded.mapError { LinearAlgebraError.libraryUnavailable($0.reason) }.get()
    }
}
