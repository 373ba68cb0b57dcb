/// Reconciliation of pure flow networks by graph reduction (RECONCILIATION.md §4, §8), for large
/// networks where the dense projection would cost O(m³) time and O(m n) memory.
///
/// Everything outside the boundary and every unbalanced node form one *environment* vertex.
/// 1. The end vertices of every unmeasured stream are merged (union-find) into *super-nodes*; the sum
///    of the balances of a super-node not containing the environment is free of unmeasured streams.
///    These sums span the left null space of A_u, so they are an exact replacement for Q₂ᵀ A.
/// 2. A measured stream whose two ends fall into one super-node is nonredundant (a self-loop).
/// 3. G is the incidence matrix of the contracted graph; in each connected component of it that does
///    not reach the environment one row is dependent and dropped: p = rank(G) is the dof.
/// 4. S = G V Gᵀ is a grounded weighted graph Laplacian, assembled in O(n) and factored densely
///    (`dpotrf`); W_ii = V_i² (S⁻¹_aa + S⁻¹_bb − 2 S⁻¹_ab) from S⁻¹ (`dpotri`).
/// 5. An unmeasured stream is observable iff it is a bridge of the unmeasured subgraph (it lies on no
///    cycle). Its value is the measured net flow into the side of the bridge away from the
///    environment (subtree sums of a DFS), its variance cᵀ Cov(x̂) c for the crossing streams c.
///
/// With `fullCovariance` the whole covariance is assembled from the same pieces,
/// Cov(x̂_i, x̂_j) = V_i δ_ij − V_i V_j g_iᵀ S⁻¹ g_j (g_i has at most two non-zeros), and for a
/// bridge u = ±Σ c_k x̂_k by linear propagation; otherwise only the diagonal is computed
/// (``LinearSolution/covariance`` is `nil`), which keeps memory linear for large networks.
/// Requires an incidence constraint matrix and independent measurement errors. As ``LinearSolverSteps``:
/// projection = steps 1–3, adjustment = step 4, estimation = step 5.
enum GraphSolver: LinearSolverSteps {
    /// The largest relative error of Var(x̂) accepted from the graph solver (σ then to about 5e-10):
    /// its Var(x̂_i) = V_ii − W_ii loses about ε κ(S) V_ii / Var(x̂_i) (measured: NJ with one σ 10³
    /// times the others loses four digits). Beyond it the automatic choice solves again, densely.
    static let varianceAccuracy = 1e-9
    /// |imbalance| of a dropped component above this × the largest flow makes the constraints inconsistent.
    static let consistencyTolerance = 1e-8

    static func canSolve(_ problem: LinearProblem) -> Bool {
        problem.covariance == nil && problem.constraints.isIncidence
    }

    /// Endpoints of every stream as vertex indices (0 = environment, node row k ↦ k + 1), or
    /// `nil` for a stream in no balance (loop, or both ends in the environment).
    private static func endpoints(_ problem: LinearProblem) -> [(from: Int, to: Int)?] {
        let cached = problem.constraints.incidenceEnds  // made with the model's system: shared, not rebuilt
        if cached.count == problem.constraints.columnCount { return cached }
        var ends = [(from: Int, to: Int)?](repeating: nil, count: problem.constraints.columnCount)
        for (row, entries) in problem.constraints.rows.enumerated() {
            for entry in entries {
                var e = ends[entry.column] ?? (0, 0)  // an end not in any row stays the environment (0)
                if entry.coefficient > 0 { e.to = row + 1 } else { e.from = row + 1 }
                ends[entry.column] = e
            }
        }
        return ends
    }

    /// Steps 1–3: super-nodes, the contracted measured graph, redundancy and the rows of G.
    struct Projection {
        var ends: [(from: Int, to: Int)?]
        var vertexCount: Int
        /// Vertex → super-node (−1 = environment).
        var superOf: [Int]
        var superCount: Int
        /// Super-node → row of G (−1 = dropped or environment).
        var row: [Int]
        var p: Int
        /// Constants: −(fixed flows) per super-node.
        var h: [Double]
        /// Per stream: measured with its ends in two super-nodes.
        var redundant: [Bool]
        /// Connected component (a root index) of each super-node in the contracted measured graph.
        var componentOf: [Int]
        var environmentComponent: Int
        var hasDroppedRows: Bool

        func superIndex(_ vertex: Int) -> Int { superOf[vertex] < 0 ? superCount : superOf[vertex] }

        /// The rows of G a stream enters (−1 for none).
        func rows(of j: Int) -> (a: Int, b: Int) {
            let e = ends[j]!
            let a = superIndex(e.from), b = superIndex(e.to)
            return (a < superCount ? row[a] : -1, b < superCount ? row[b] : -1)
        }
    }

    static func project(_ problem: LinearProblem) throws(LinearAlgebraError) -> Projection {
        let n = problem.constraints.columnCount
        let vertexCount = problem.constraints.rowCount + 1
        let ends = endpoints(problem)

        // Step 1: super-nodes.
        var superNodes = UnionFind(count: vertexCount)
        for j in 0..<n {
            guard case .unmeasured = problem.roles[j], let e = ends[j] else { continue }
            superNodes.union(e.from, e.to)
        }
        let environmentRoot = superNodes.find(0)
        var superOf = [Int](repeating: -1, count: vertexCount)
        var superCount = 0
        let rootIndex = ScratchBuffer(repeating: -1, count: vertexCount)  // not a dictionary: no hashing per vertex
        for v in 0..<vertexCount {
            let root = superNodes.find(v)
            if root == environmentRoot { continue }
            if rootIndex[root] >= 0 { superOf[v] = rootIndex[root] } else {
                rootIndex[root] = superCount
                superOf[v] = superCount
                superCount += 1
            }
        }

        // Steps 2–3: contracted measured graph, redundancy, rows to keep.
        var redundant = [Bool](repeating: false, count: n)
        var h = [Double](repeating: 0, count: superCount)
        var components = UnionFind(count: superCount + 1)
        func superIndex(_ vertex: Int) -> Int { superOf[vertex] < 0 ? superCount : superOf[vertex] }
        for j in 0..<n {
            guard let e = ends[j] else { continue }
            let a = superIndex(e.from), b = superIndex(e.to)
            switch problem.roles[j] {
            case .measured:
                if a != b {
                    redundant[j] = true
                    components.union(a, b)
                }
            case let .fixed(value):
                if b < superCount { h[b] -= value }
                if a < superCount { h[a] += value }
            case .unmeasured:
                break
            }
        }
        let environmentComponent = components.find(superCount)
        // rootIndex is done with: its first superCount + 1 entries (superCount < vertexCount) mark the dropped roots.
        for k in 0...superCount { rootIndex[k] = 0 }
        func isDropped(_ root: Int) -> Bool { rootIndex[root] != 0 }
        var anyDropped = false
        var row = [Int](repeating: -1, count: superCount)
        var p = 0
        for k in 0..<superCount {
            let root = components.find(k)
            if root != environmentComponent && !isDropped(root) {
                rootIndex[root] = 1  // the first super-node of a floating component is dependent
                anyDropped = true
                continue
            }
            row[k] = p
            p += 1
        }
        return Projection(
            ends: ends, vertexCount: vertexCount, superOf: superOf, superCount: superCount, row: row, p: p, h: h,
            redundant: redundant, componentOf: (0..<superCount).map { components.find($0) },
            environmentComponent: environmentComponent,
            hasDroppedRows: anyDropped)
    }

    /// Step 4: S (a grounded weighted Laplacian), its Cholesky factor, λ, x̂, W, and S⁻¹ for the estimation.
    static func adjust(
        _ problem: LinearProblem, _ projection: Projection, fullCovariance: Bool
    ) throws(LinearAlgebraError) -> (MeasuredAdjustment, LaplacianInverse) {
        try adjust(problem, projection, fullCovariance: fullCovariance, sparse: nil)
    }

    /// Step 4 with the factorisation chosen: `sparse` true (CHOLMOD), false (dense LAPACK) or `nil` (sparse when
    /// p > ``sparseOrder`` and no full covariance is asked for).
    static func adjust(
        _ problem: LinearProblem, _ projection: Projection, fullCovariance: Bool, sparse: Bool?
    ) throws(LinearAlgebraError) -> (MeasuredAdjustment, LaplacianInverse) {
        let n = problem.constraints.columnCount
        let p = projection.p
        var residual = [Double](repeating: 0, count: p)
        for k in 0..<projection.superCount where projection.row[k] >= 0 { residual[projection.row[k]] = -projection.h[k] }
        var lambda: [Double] = []  // set by the factorisation below (none when p = 0)
        var chiSquared = 0.0
        let inverse: LaplacianInverse
        var reducedFactor: ReducedSystem.Factor = .dense(Matrix(rows: 0, columns: 0))
        var rcond = 1.0
        var sparseFactorization: (cholesky: SparseCholesky, rcondEstimate: Double)?
        if p > 0 && (sparse ?? (p > sparseOrder && !fullCovariance)) {
            // Automatic choice: a fill-reducing ordering that still predicts more than `denseFillShare` p² non-zeros
            // in L (dense-like graphs) is no faster than the dense factor, which is taken while it fits in memory.
            let denseFits = 2 * Double(p) * Double(p) * 8 <= MemoryBudget.limitBytes
            let limit = sparse == true || !denseFits ? Double.infinity : denseFillShare * Double(p) * Double(p)
            var trial = residual
            do {
                sparseFactorization = try sparseLaplacian(problem, projection, residual: &trial, maximumFill: limit)
                residual = trial
            } catch where error.routine == SparseCholesky.tooMuchFill {
                sparseFactorization = nil
            }
        }
        if let factorization = sparseFactorization {
            // Large networks: S sparse, factored by CHOLMOD; σ from the Takahashi selected inverse (never dense).
            lambda = factorization.cholesky.solve(residual)
            for i in 0..<p { chiSquared += residual[i] * lambda[i] }
            inverse = .sparse(factorization.cholesky, factorization.cholesky.selectedInverse())
            reducedFactor = .sparse(factorization.cholesky)
            rcond = factorization.rcondEstimate
        } else {
            var s = Matrix(rows: p, columns: p)
            for j in 0..<n where projection.redundant[j] {
                guard case let .measured(y, sigma) = problem.roles[j] else { continue }
                let v = sigma * sigma
                let (ra, rb) = projection.rows(of: j)
                if rb >= 0 { s[rb, rb] += v; residual[rb] += y }
                if ra >= 0 { s[ra, ra] += v; residual[ra] -= y }
                if ra >= 0 && rb >= 0 { s[ra, rb] -= v; s[rb, ra] -= v }
            }
            var sInverse = Matrix(rows: 0, columns: 0)
            let norm1 = SmallDense.norm1(s.elements, order: p)  // ‖S‖₁, for the condition estimate
            if p > 0 {
                do {
                    try LAPACK.choleskyFactor(&s, context: "the grounded network Laplacian is not positive definite")
                } catch {
                    throw named(error, problem, projection)
                }
                reducedFactor = .dense(s)
                var rhs = Matrix(rows: p, columns: 1, columnMajor: residual)
                try LAPACK.choleskySolve(factor: s, &rhs)
                lambda = rhs.elements
                for i in 0..<p { chiSquared += residual[i] * lambda[i] }
                sInverse = try LAPACK.inverseFromCholesky(factor: s)
                // κ₁(S) = ‖S‖₁ ‖S⁻¹‖₁, exactly, from the inverse the estimation needs anyway (O(p²)).
                let inverseNorm = SmallDense.norm1(sInverse.elements, order: p)
                rcond = norm1 > 0 && inverseNorm > 0 ? 1 / (norm1 * inverseNorm) : 0
            }
            inverse = .dense(sInverse)
        }
        // S⁻¹ bordered by a zero row and column for the environment (index p): the loops below then read it without
        // a branch or an enum switch per entry (P14's full covariance spent a third of its time in those).
        // A `let`: a captured `var` would cost a dynamic exclusivity check per read.
        // Only the full covariance reads S⁻¹ often enough (n² times) to pay for the copy; W reads it 3 n times.
        let bordered: [Double] = {
            guard fullCovariance, case let .dense(z) = inverse else { return [] }
            var b = [Double](repeating: 0, count: (p + 1) * (p + 1))
            for c in 0..<p { for r in 0..<p { b[r + c * (p + 1)] = z[r, c] } }
            return b
        }()
        // The dense S⁻¹'s storage, read directly by W's loop (no enum switch per entry).
        let denseElements: [Double] = { if case let .dense(z) = inverse { return z.elements } else { return [] } }()
        func sInv(_ a: Int, _ b: Int) -> Double {
            if !bordered.isEmpty { return bordered[(a < 0 ? p : a) + (b < 0 ? p : b) * (p + 1)] }
            guard a >= 0 && b >= 0 else { return 0 }
            return denseElements.isEmpty ? inverse.entry(a, b) : denseElements[a + b * p]
        }
        let measured = problem.partition.measured
        let nm = measured.count
        var values = [Double](repeating: 0, count: nm), adjustments = values, w = values, variances = values
        var redundantMeasured = [Bool](repeating: false, count: nm)
        for (k, j) in measured.enumerated() {
            guard case let .measured(y, sigma) = problem.roles[j] else { continue }
            let v = sigma * sigma
            if projection.redundant[j] {
                let (ra, rb) = projection.rows(of: j)
                let gLambda = (rb >= 0 ? lambda[rb] : 0) - (ra >= 0 ? lambda[ra] : 0)
                w[k] = v * v * (sInv(ra, ra) + sInv(rb, rb) - 2 * sInv(ra, rb))
                adjustments[k] = v * gLambda
                values[k] = y - adjustments[k]
                variances[k] = Swift.max(0, v - w[k])
                redundantMeasured[k] = true
            } else {
                values[k] = y
                variances[k] = v
            }
        }
        // Full covariance of the measured streams (optional):
        // Cov(x̂_i, x̂_j) = V_i δ_ij − V_i V_j g_iᵀ S⁻¹ g_j.
        var covariance: Matrix?
        if fullCovariance {
            // Flat arrays, written in place: per entry two multiplications and four reads of the bordered S⁻¹.
            var variance = [Double](repeating: 0, count: nm), rowA = [Int](repeating: -1, count: nm), rowB = rowA
            var isRedundant = [Bool](repeating: false, count: nm)
            for (k, j) in measured.enumerated() {
                let sigma = problem.sigma(j)!
                variance[k] = sigma * sigma
                if projection.redundant[j] {
                    isRedundant[k] = true
                    let (a, b) = projection.rows(of: j)
                    rowA[k] = a
                    rowB[k] = b
                }
            }
            var elements = [Double](repeating: 0, count: nm * nm)
            elements.withUnsafeMutableBufferPointer { e in
                for p1 in 0..<nm {
                    let vi = variance[p1]
                    e[p1 + p1 * nm] = vi
                    guard isRedundant[p1] else { continue }
                    let ai = rowA[p1], bi = rowB[p1]
                    for p2 in p1..<nm where isRedundant[p2] {
                        let aj = rowA[p2], bj = rowB[p2]
                        let value = (p1 == p2 ? vi : 0)
                            - vi * variance[p2] * (sInv(bi, bj) - sInv(bi, aj) - sInv(ai, bj) + sInv(ai, aj))
                        e[p1 + p2 * nm] = value
                        e[p2 + p1 * nm] = value
                    }
                }
            }
            covariance = Matrix(rows: nm, columns: nm, columnMajor: elements)
        }
        // Consistency of the dropped rows: their super-nodes' balances must hold with x̂.
        var inconsistent = 0
        var inconsistentBalances: [String] = []
        if projection.hasDroppedRows {
            var imbalance = [Double](repeating: 0, count: projection.superCount + 1)
            var scale = 1.0
            var valueOf = [Double?](repeating: nil, count: n)
            for (k, j) in measured.enumerated() { valueOf[j] = values[k] }
            for j in 0..<n { if case let .fixed(value) = problem.roles[j] { valueOf[j] = value } }
            for j in 0..<n {
                guard let e = projection.ends[j], let x = valueOf[j] else { continue }
                imbalance[projection.superIndex(e.to)] += x
                imbalance[projection.superIndex(e.from)] -= x
                scale = Swift.max(scale, abs(x))
            }
            var componentImbalance = [Int: Double]()
            for k in 0..<projection.superCount where projection.componentOf[k] != projection.environmentComponent {
                componentImbalance[projection.componentOf[k], default: 0] += imbalance[k]
            }
            let failing = componentImbalance.filter { abs($0.value) > consistencyTolerance * scale }.keys
            inconsistent = failing.count
            // The balances of the nodes in those components, in node order.
            inconsistentBalances = (1..<projection.vertexCount).filter { v in
                let k = projection.superOf[v]
                return k >= 0 && failing.contains(projection.componentOf[k])
            }.map { problem.constraints.rowLabels[$0 - 1].id }
        }
        // Var(x̂_i) = V_i − W_ii loses about ε κ(S) V_i / Var(x̂_i) of its relative accuracy.
        var cancellation = 1.0
        for (k, j) in measured.enumerated() where redundantMeasured[k] {
            let v = problem.sigma(j)! * problem.sigma(j)!
            cancellation = Swift.max(cancellation, variances[k] > 0 ? v / variances[k] : .infinity)
        }
        var adjustment = MeasuredAdjustment(
            measured: measured, redundant: redundantMeasured, values: values, adjustments: adjustments,
            adjustmentVariances: w, variances: variances, covariance: covariance, chiSquared: chiSquared,
            degreesOfFreedom: p, inconsistentConstraintCount: inconsistent,
            reduced: ReducedSystem(
                projection: .aggregation((0..<(projection.vertexCount - 1)).map { v in
                    let k = projection.superOf[v + 1]
                    return k >= 0 ? projection.row[k] : -1
                }),
                factor: reducedFactor, residual: residual))
        adjustment.inconsistentBalances = inconsistentBalances
        adjustment.varianceErrorBound = rcond > 0 ? Double.ulpOfOne / rcond * cancellation : .infinity
        return (adjustment, inverse)
    }

    /// Step 5: observable unmeasured streams = bridges of the unmeasured subgraph.
    static func estimate(
        _ problem: LinearProblem, _ projection: Projection, _ inverse: LaplacianInverse, _ adjustment: MeasuredAdjustment,
        fullCovariance: Bool
    ) throws(LinearAlgebraError) -> UnmeasuredEstimates {
        try estimateBridges(problem: problem, projection: projection, adjustment: adjustment, inverse: inverse,
                            fullCovariance: fullCovariance)
    }

    /// Finds the bridges of the unmeasured subgraph by an iterative DFS (Tarjan's low-link), and
    /// estimates each from the measured net inflow of its subtree side.
    private static func estimateBridges(
        problem: LinearProblem, projection: Projection, adjustment: MeasuredAdjustment, inverse: LaplacianInverse,
        fullCovariance: Bool
    ) throws(LinearAlgebraError) -> UnmeasuredEstimates {
        let ends = projection.ends, vertexCount = projection.vertexCount, redundant = projection.redundant
        func rowOf(_ j: Int) -> (a: Int, b: Int) { projection.rows(of: j) }
        var estimates = UnmeasuredEstimates(streams: [])
        // Nothing to estimate (every stream measured or fixed): no work arrays at all.
        guard problem.roles.contains(where: { if case .unmeasured = $0 { true } else { false } }) else { return estimates }
        var workspace = SparseCholesky.Workspace()
        // The known values: adjusted measurements and fixed values.
        var values = [Double?](repeating: nil, count: ends.count)
        var measuredPosition = [Int](repeating: -1, count: ends.count)
        for (k, j) in adjustment.measured.enumerated() {
            values[j] = adjustment.values[k]
            measuredPosition[j] = k
        }
        for j in 0..<ends.count { if case let .fixed(value) = problem.roles[j] { values[j] = value } }
        let n = ends.count
        var adjacency = [[(vertex: Int, stream: Int)]](repeating: [], count: vertexCount)
        var hasUnmeasured = false
        for j in 0..<n {
            guard case .unmeasured = problem.roles[j], let e = ends[j] else { continue }
            adjacency[e.from].append((e.to, j))
            adjacency[e.to].append((e.from, j))
            hasUnmeasured = true
        }
        guard hasUnmeasured else { return estimates }
        // Net known inflow of every vertex: Σ in − Σ out over streams with a value (reconciled or fixed).
        var netInflow = [Double](repeating: 0, count: vertexCount)
        var touching = [[Int]](repeating: [], count: vertexCount)  // known streams at each vertex
        for j in 0..<n {
            guard let e = ends[j], problem.value(j) != nil, let x = values[j] else { continue }
            netInflow[e.to] += x
            netInflow[e.from] -= x
            touching[e.to].append(j)
            touching[e.from].append(j)
        }
        var order = [Int](repeating: -1, count: vertexCount)  // DFS discovery index
        var low = [Int](repeating: 0, count: vertexCount)
        var subtreeSum = [Double](repeating: 0, count: vertexCount)
        var parentStream = [Int](repeating: -1, count: vertexCount)
        var parentVertex = [Int](repeating: -1, count: vertexCount)
        var postorder: [Int] = []
        var counter = 0
        // Root the DFS at the environment first so that it is never inside a subtree.
        let roots = [0] + Array(1..<vertexCount)
        for root in roots where order[root] < 0 && !adjacency[root].isEmpty {
            var stack: [(vertex: Int, next: Int)] = [(root, 0)]
            order[root] = counter
            low[root] = counter
            counter += 1
            while let top = stack.last {
                let v = top.vertex
                if top.next < adjacency[v].count {
                    stack[stack.count - 1].next += 1
                    let (w, stream) = adjacency[v][top.next]
                    if stream == parentStream[v] { continue }
                    if order[w] < 0 {
                        order[w] = counter
                        low[w] = counter
                        counter += 1
                        parentStream[w] = stream
                        parentVertex[w] = v
                        stack.append((w, 0))
                    } else {
                        low[v] = Swift.min(low[v], order[w])
                    }
                } else {
                    stack.removeLast()
                    postorder.append(v)
                    if let up = stack.last { low[up.vertex] = Swift.min(low[up.vertex], low[v]) }
                }
            }
        }
        // Subtree sums in post-order; a tree edge parent→v is a bridge iff low[v] > order[parent].
        for v in postorder {
            subtreeSum[v] += netInflow[v]
            if parentVertex[v] >= 0 { subtreeSum[parentVertex[v]] += subtreeSum[v] }
        }
        // Children lists to enumerate a subtree's vertices for the variance.
        var children = [[Int]](repeating: [], count: vertexCount)
        for v in 0..<vertexCount where parentVertex[v] >= 0 { children[parentVertex[v]].append(v) }
        // Without the full covariance the variances come from subtree sums in O(n log n) (a long chain of unmeasured
        // bridges made the subtree walk below quadratic: 20,000 links took 188 s).
        if !fullCovariance {
            estimates.streams = bridgeEstimates(
                problem: problem, projection: projection, inverse: inverse, postorder: postorder, order: order,
                low: low, parentVertex: parentVertex, parentStream: parentStream, children: children,
                subtreeSum: subtreeSum)
            return estimates
        }
        var bridges: [(stream: Int, sign: Double, coefficients: [(key: Int, value: Double)])] = []
        for v in postorder {
            let stream = parentStream[v]
            guard stream >= 0, low[v] > order[parentVertex[v]] else { continue }
            // The side of the bridge away from the DFS root is the subtree of v (never the environment).
            let e = ends[stream]!
            let entersSubtree = e.to == v
            // Balance of the subtree: (± x_bridge) + subtreeSum = 0.
            let value = entersSubtree ? -subtreeSum[v] : subtreeSum[v]
            // Variance of the net measured inflow F = Σ c_i x̂_i over streams crossing the subtree boundary.
            var inSubtree = Set<Int>()
            var pending = [v]
            while let u = pending.popLast() {
                inSubtree.insert(u)
                pending.append(contentsOf: children[u])
            }
            var crossing: [Int: Double] = [:]
            for u in inSubtree {
                for j in touching[u] {
                    let f = ends[j]!
                    let toInside = inSubtree.contains(f.to), fromInside = inSubtree.contains(f.from)
                    if toInside != fromInside { crossing[j] = toInside ? 1 : -1 }
                }
            }
            // Sums run in stream order (never a dictionary's per-process order): the same bits every run.
            let coefficients = crossing.sorted { $0.key < $1.key }
            // Var(F) = Σ c_i² V_i − dᵀ S⁻¹ d, d = Σ c_i V_i G_i (redundant streams only).
            var variance = 0.0
            var dByRow: [Int: Double] = [:]
            for (j, c) in coefficients {
                guard case let .measured(_, sigma) = problem.roles[j] else { continue }
                let v = sigma * sigma
                variance += c * c * v
                if redundant[j] {
                    let (ra, rb) = rowOf(j)
                    if rb >= 0 { dByRow[rb, default: 0] += c * v }
                    if ra >= 0 { dByRow[ra, default: 0] -= c * v }
                }
            }
            let d = dByRow.sorted { $0.key < $1.key }
            variance -= inverse.quadratic(d, workspace: &workspace)
            estimates.streams.append((stream, value, Swift.max(0, variance).squareRoot()))
            bridges.append((stream, entersSubtree ? -1 : 1, coefficients))
        }
        // Covariances of the bridges with the measured streams and among themselves: u = sign · Σ c_k x̂_k.
        guard fullCovariance, let c = adjustment.covariance else { return estimates }
        let nm = adjustment.measured.count
        var rowsOfBridges: [[Double]] = []  // by measured position
        for bridge in bridges {
            var row = [Double](repeating: 0, count: nm)
            for (k, ck) in bridge.coefficients where measuredPosition[k] >= 0 {
                let pk = measuredPosition[k]
                for l in 0..<nm { row[l] += bridge.sign * ck * c[pk, l] }
            }
            rowsOfBridges.append(row)
        }
        estimates.covarianceWithMeasured = rowsOfBridges
        estimates.covarianceAmong = bridges.indices.map { b1 in
            bridges.map { other in
                var value = 0.0
                for (k, ck) in other.coefficients where measuredPosition[k] >= 0 {
                    value += other.sign * ck * rowsOfBridges[b1][measuredPosition[k]]
                }
                return value
            }
        }
        return estimates
    }
}
