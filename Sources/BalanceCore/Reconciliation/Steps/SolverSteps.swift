/// A linear reconciliation solver as steps (RECONCILIATION.md §2–4). Every solver — dense QR
/// projection, graph reduction, and the sparse and nonlinear ones to come — implements the three
/// solver-specific steps; the result is put together once, by ``SolutionAssembly``.
///
/// 1. ``project(_:)`` — projection: eliminates the unmeasured streams (and moves the fixed ones to the
///    right-hand side), classifies each measured stream as redundant or not, and keeps p independent
///    reduced balances G x_m = h.
/// 2. ``adjust(_:_:fullCovariance:)`` — factorisation, solve and covariance on the reduced system: the
///    adjusted measurements x̂_m, their adjustment variances W_ii, Cov(x̂_m), γ, and the reduced
///    system as a ``ReducedSpace`` for the tests and the gross-error engine.
/// 3. ``estimate(_:_:_:_:fullCovariance:)`` — the unmeasured streams the balances determine, their σ
///    and covariances (observability).
protocol LinearSolverSteps {
    /// What the projection leaves for the later steps.
    associatedtype Projection
    /// Solver-specific state of the factorisation that the estimation step needs.
    associatedtype Factorization

    static func project(_ problem: LinearProblem) throws(LinearAlgebraError) -> Projection

    static func adjust(
        _ problem: LinearProblem, _ projection: Projection, fullCovariance: Bool
    ) throws(LinearAlgebraError) -> (MeasuredAdjustment, Factorization)

    static func estimate(
        _ problem: LinearProblem, _ projection: Projection, _ factorization: Factorization,
        _ adjustment: MeasuredAdjustment, fullCovariance: Bool
    ) throws(LinearAlgebraError) -> UnmeasuredEstimates
}

extension LinearSolverSteps {
    /// The three steps and the one assembly.
    /// - Complexity: that of the solver's steps; the assembly is O(n) (O(n²) with the full covariance).
    static func solve(_ problem: LinearProblem, fullCovariance: Bool) throws(LinearAlgebraError) -> LinearSolution {
        let projection = try project(problem)
        let (adjustment, factorization) = try adjust(problem, projection, fullCovariance: fullCovariance)
        let estimates = try estimate(problem, projection, factorization, adjustment, fullCovariance: fullCovariance)
        return SolutionAssembly.assemble(problem, adjustment: adjustment, estimates: estimates, fullCovariance: fullCovariance)
    }
}

/// The result of the adjustment step, indexed by position among the measured streams
/// (``LinearProblem/partition`` order).
struct MeasuredAdjustment {
    /// Stream indices of the measured streams.
    var measured: [Int]
    /// Redundant (some balance checks it) or not.
    var redundant: [Bool]
    /// x̂_m.
    var values: [Double]
    /// y − x̂ as computed (0 for nonredundant streams).
    var adjustments: [Double]
    /// W_ii = Var(y_i − x̂_i) (0 for nonredundant streams).
    var adjustmentVariances: [Double]
    /// Var(x̂_i).
    var variances: [Double]
    /// Cov(x̂_m), m_m × m_m, when the full covariance was asked for.
    var covariance: Matrix?
    /// γ = rᵀ S⁻¹ r.
    var chiSquared: Double
    /// p.
    var degreesOfFreedom: Int
    /// Balances dropped as dependent whose residual does not vanish with x̂.
    var inconsistentConstraintCount: Int
    /// The balances (node or relation ids) of those inconsistent rows: a dropped row that combines
    /// several balances names all of them.
    var inconsistentBalances: [String] = []
    /// The reduced system for the tests and the gross-error engine.
    var reduced: ReducedSystem
    /// A bound on the relative error of the variances Var(x̂_i), when the solver's form can lose digits
    /// (the graph solver's V − W: ε κ(S) max_i V_i / Var(x̂_i)); 0 for the square-root form.
    var varianceErrorBound: Double = 0
}

/// The result of the estimation step: the unmeasured streams the balances determine.
struct UnmeasuredEstimates {
    /// For each determined (observable) unmeasured stream: its index, value and σ.
    var streams: [(stream: Int, value: Double, sigma: Double)]
    /// With the full covariance: Cov(û_i, x̂_m) by measured position, and Cov(û_i, û_k) by position in
    /// ``streams``; empty otherwise.
    var covarianceWithMeasured: [[Double]] = []
    var covarianceAmong: [[Double]] = []
}

/// The one place where a solver's steps become a ``LinearSolution``.
enum SolutionAssembly {
    /// Values, σ, classification and covariance in model order: fixed streams as given with σ 0;
    /// measured streams adjusted (redundant) or kept (nonredundant); observable unmeasured streams
    /// estimated; the rest unobservable (`nil`, NaN covariance).
    /// - Complexity: O(n), O(n²) with the full covariance.
    static func assemble(
        _ problem: LinearProblem, adjustment: MeasuredAdjustment, estimates: UnmeasuredEstimates, fullCovariance: Bool
    ) -> LinearSolution {
        let n = problem.roles.count
        var values = [Double?](repeating: nil, count: n)
        var sigmas = [Double?](repeating: nil, count: n)
        var classes = [StreamClassification](repeating: .unobservable, count: n)
        var wDiagonal = [Double?](repeating: nil, count: n)
        var adjustments = [Double?](repeating: nil, count: n)
        // A local matrix, written in place (an optional's `!` would check uniqueness at every entry).
        var c = Matrix(rows: fullCovariance ? n : 0, columns: fullCovariance ? n : 0, repeating: .nan)
        var fixed: [Int] = []
        for j in 0..<n {
            guard case let .fixed(value) = problem.roles[j] else { continue }
            values[j] = value
            sigmas[j] = 0
            classes[j] = .fixed
            fixed.append(j)
        }
        if fullCovariance {
            c.elements.withUnsafeMutableBufferPointer { e in
                for j in fixed { for l in 0..<n { e[j + l * n] = 0; e[l + j * n] = 0 } }
            }
        }
        let measured = adjustment.measured
        for k in measured.indices {
            let j = measured[k]
            values[j] = adjustment.values[k]
            sigmas[j] = Swift.max(0, adjustment.variances[k]).squareRoot()
            classes[j] = adjustment.redundant[k] ? .redundant : .nonredundant
            adjustments[j] = adjustment.adjustments[k]
            if adjustment.redundant[k] { wDiagonal[j] = adjustment.adjustmentVariances[k] }
        }
        if fullCovariance, let cm = adjustment.covariance {
            let nm = measured.count
            c.elements.withUnsafeMutableBufferPointer { e in
                cm.elements.withUnsafeBufferPointer { m in
                    for l in 0..<nm {
                        let column = measured[l] * n
                        for k in 0..<nm { e[measured[k] + column] = m[k + l * nm] }
                    }
                }
            }
        }
        for position in estimates.streams.indices {
            let estimate = estimates.streams[position]
            let j = estimate.stream
            values[j] = estimate.value
            sigmas[j] = estimate.sigma
            classes[j] = .observable
            guard fullCovariance, position < estimates.covarianceAmong.count else { continue }
            let row = estimates.covarianceWithMeasured[position]
            for l in measured.indices {
                c[j, measured[l]] = row[l]
                c[measured[l], j] = row[l]
            }
            for k in fixed { c[j, k] = 0; c[k, j] = 0 }
            let among = estimates.covarianceAmong[position]
            for other in estimates.streams.indices { c[j, estimates.streams[other].stream] = among[other] }
        }
        let covariance: Matrix? = fullCovariance ? c : nil
        var solution = LinearSolution(
            values: values, sigmas: sigmas, classifications: classes, adjustmentVariances: wDiagonal,
            chiSquared: adjustment.chiSquared, degreesOfFreedom: adjustment.degreesOfFreedom, covariance: covariance,
            inconsistentConstraintCount: adjustment.inconsistentConstraintCount, reduced: adjustment.reduced)
        solution.adjustmentsFromSolver = adjustments
        solution.varianceErrorBound = adjustment.varianceErrorBound
        solution.inconsistentBalances = adjustment.inconsistentBalances
        return solution
    }
}
