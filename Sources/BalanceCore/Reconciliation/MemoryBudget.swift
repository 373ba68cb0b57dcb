/// The memory the dense methods may take, checked before they allocate (issue 10: a 100,000-node chain
/// aborted allocating 80 GB). The graph solver holds the p × p Laplacian and its inverse (dense factorisation; the
/// sparse one of large networks holds O(nnz(L))), the dense
/// solver the m × n constraint matrix, the m_m × m_m orthogonal factor and the n × n covariance.
/// Beyond ``limitBytes`` the reconciliation stops with ``ReconciliationError/tooLarge(_:)`` (exit 1),
/// saying how much it would need, instead of the process dying.
enum MemoryBudget {
    /// 8 GiB: a third of the project's 24 GiB machines.
    static let limitBytes = 8.0 * 1_073_741_824

    /// Throws when the dense arrays of the chosen solver would exceed ``limitBytes``.
    /// - Complexity: O(rows) to count the node rows.
    static func check(
        _ problem: LinearProblem, solver: ReconciliationOptions.Solver, fullCovariance: Bool, denseStreamLimit: Int
    ) throws(ReconciliationError) {
        let n = Double(problem.roles.count), m = Double(problem.constraints.rowCount)
        let covariance = fullCovariance ? n * n * 8 : 0
        // S and S⁻¹ dense (p ≤ rows) — unless the sparse factorisation takes over (p > GraphSolver.sparseOrder without
        // a full covariance), whose O(nnz(L)) memory CHOLMOD reports itself when it runs out (exit 1 with its status).
        let sparse = solver == .sparse || (solver == .automatic && !fullCovariance && m > Double(GraphSolver.sparseOrder))
        let graphBytes = sparse ? 0 : 2 * m * m * 8 + covariance
        let denseBytes = (m * n + n * n + n * n) * 8 + covariance  // A, Q of the adjustment, their products
        let graphPossible = GraphSolver.canSolve(problem) && solver != .dense
        // Relations with independent errors: the sparse elimination (forced, or automatic above the dense limit)
        // keeps nothing dense but the optional covariance.
        let sparseElimination = !graphPossible && SparseSolver.canSolve(problem)
            && (solver == .sparse || (solver == .automatic && Int(n) > denseStreamLimit))
        let needed = sparseElimination ? covariance : graphPossible ? graphBytes : denseBytes
        guard needed > limitBytes else { return }
        let gib = (needed / 1_073_741_824 * 10).rounded(.up) / 10
        throw .tooLarge(
            "the \(graphPossible ? "graph" : "dense") solver would need about \(gib) GiB for \(problem.roles.count) streams and "
                + "\(problem.constraints.rowCount) balances (the limit is 8 GiB): large flow networks without relations or correlated errors take the sparse graph solver; ask for no full covariance, or split the network")
    }
}
