/// Which bound holds a value.
public enum BoundSide: String, Sendable, Hashable, Codable {
    case lower, upper
}

/// The convex QP  min (y − x_m)ᵀ V⁻¹ (y − x_m)  s.t.  A x = b,  l ≤ x ≤ u  by a primal active-set method on top
/// of the linear engine (RECONCILIATION.md §10.3): a bound in the active set is a fixed value; the most violated
/// bound (scaled by the variable's σ or magnitude) enters; a bound leaves when releasing it alone lets the
/// minimiser move strictly inside — for a convex quadratic that is exactly the sign test of its Lagrange
/// multiplier. Terminates because the objective strictly increases between distinct active sets.
///
/// - Complexity: one linear solve per change of the active set, plus one per active bound for the release test.
package enum BoundedLinearSolve {
    /// Relative slack within which a value counts as on its bound (scaled by max(|bound|, σ, |y|)).
    package static let boundTolerance = 1e-9

    /// Solves with bounds; `active` maps a variable index to the bound that holds it.
    package static func solve(
        _ problem: LinearProblem, lower: [Double?], upper: [Double?], names: (Int) -> String,
        initialActive: [Int: BoundSide] = [:],
        solve: (LinearProblem) throws(ReconciliationError) -> LinearSolution
    ) throws(ReconciliationError) -> (solution: LinearSolution, problem: LinearProblem, active: [Int: BoundSide]) {
        let hasBounds = lower.contains { $0 != nil } || upper.contains { $0 != nil }
        guard hasBounds else { return (try solve(problem), problem, [:]) }
        func scale(_ j: Int, _ bound: Double) -> Double {
            var s = max(abs(bound), 1e-300)
            if let y = problem.value(j) { s = max(s, abs(y)) }
            if let sigma = problem.sigma(j) { s = max(s, sigma) }
            return s
        }
        func fixing(_ active: [Int: BoundSide]) -> LinearProblem {
            var p = problem
            for (j, side) in active { p.roles[j] = .fixed(value: side == .lower ? lower[j]! : upper[j]!) }
            return p
        }
        // Solutions by active set: the release test of a bound often asks for a set solved before.
        var solved: [[Int]: LinearSolution] = [:]
        func key(_ active: [Int: BoundSide]) -> [Int] { active.keys.sorted().map { active[$0] == .lower ? 2 * $0 : 2 * $0 + 1 } }
        func cached(_ active: [Int: BoundSide]) throws(ReconciliationError) -> LinearSolution {
            if let known = solved[key(active)] { return known }
            let solution = try solve(fixing(active))
            solved[key(active)] = solution
            return solution
        }
        func attempt(_ active: [Int: BoundSide]) throws(ReconciliationError) -> LinearSolution {
            let solution = try cached(active)
            if solution.inconsistentConstraintCount > 0 {
                let held = active.keys.sorted().map { j in "\(names(j)) at its \(active[j]!.rawValue) bound" }
                throw .infeasible("the bounds cannot all be met: with " + held.joined(separator: ", ")
                    + " the balances " + (solution.inconsistentBalances.isEmpty ? "" : "(" + solution.inconsistentBalances.joined(separator: ", ") + ") ")
                    + "cannot be satisfied — check lower/upper and the fixed values")
            }
            return solution
        }
        // A warm start (the previous linearisation's active set) is only a first guess: every bound in it is
        // tested for release like any other.
        var active = initialActive.filter { j, side in side == .lower ? lower[j] != nil : upper[j] != nil }
        // A fixed value outside its own bounds is infeasible from the start.
        for j in problem.roles.indices {
            guard case let .fixed(value) = problem.roles[j] else { continue }
            if let l = lower[j], value < l - boundTolerance * scale(j, l) {
                throw .infeasible("\(names(j)) is fixed at \(value), below its lower bound \(l)")
            }
            if let u = upper[j], value > u + boundTolerance * scale(j, u) {
                throw .infeasible("\(names(j)) is fixed at \(value), above its upper bound \(u)")
            }
        }
        let limit = 4 * (problem.roles.count + 2)
        for _ in 0..<limit {
            let solution = try attempt(active)
            // Entering: the most violated bound, relative to its scale; ties (within a relative 1e-9, so that rounding
            // differences between solvers do not decide) to the lower index.
            var worst: (j: Int, side: BoundSide, amount: Double)?
            for j in problem.roles.indices where active[j] == nil {
                guard let x = solution.values[j] else { continue }
                if let l = lower[j], x < l - boundTolerance * scale(j, l) {
                    let amount = (l - x) / scale(j, l)
                    if worst == nil || amount > worst!.amount * (1 + 1e-9) { worst = (j, .lower, amount) }
                }
                if let u = upper[j], x > u + boundTolerance * scale(j, u) {
                    let amount = (x - u) / scale(j, u)
                    if worst == nil || amount > worst!.amount * (1 + 1e-9) { worst = (j, .upper, amount) }
                }
            }
            if let worst {
                active[worst.j] = worst.side
                continue
            }
            // Leaving: a bound whose release moves the minimiser strictly inside (wrong multiplier sign).
            var released = false
            for j in active.keys.sorted() {
                var trial = active
                let side = trial.removeValue(forKey: j)!
                let freed = try cached(trial)
                guard freed.inconsistentConstraintCount == 0, let x = freed.values[j] else { continue }
                let bound = side == .lower ? lower[j]! : upper[j]!
                let inside = side == .lower ? x > bound + boundTolerance * scale(j, bound) : x < bound - boundTolerance * scale(j, bound)
                if inside {
                    active = trial
                    released = true
                    break
                }
            }
            if !released { return (solution, fixing(active), active) }
        }
        throw .notConverged("the active-set method for the bounds did not settle in \(limit) steps")
    }
}
