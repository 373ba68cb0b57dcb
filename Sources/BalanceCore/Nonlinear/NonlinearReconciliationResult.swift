/// The result of a nonlinear (or bounded) reconciliation: the linear engine's result on the problem linearised
/// at the solution — its "streams" are all variables: flows, then component values (`S1:COD`), then generation
/// terms (`U1:COD:generation`) — with what only the nonlinear solver knows.
public struct NonlinearReconciliationResult: Sendable {
    /// One variable of the problem, in the order of ``result``'s streams.
    public struct Variable: Sendable, Hashable {
        /// `S1` (flow), `S1:COD` (component value) or `U1:COD:generation` (generation − consumption in a node).
        public internal(set) var id: String
        /// The stream of a flow or component value.
        public internal(set) var stream: String?
        /// The component of a component value or generation term.
        public internal(set) var component: String?
        /// The node of a generation term.
        public internal(set) var node: String?
        /// The unit as given.
        public internal(set) var unit: String?
        /// The bound that holds the value at the solution; its σ is then 0 by construction, not a free estimate.
        public internal(set) var atBound: BoundSide?
    }

    /// The reconciliation of the problem linearised at the solution (values, σ, classification, tests, gross
    /// errors): the same structure as linear reconciliation.
    public internal(set) var result: ReconciliationResult
    /// The variables, parallel to `result.streams`.
    public internal(set) var variables: [Variable]
    /// Number of stream flows (the first variables).
    public internal(set) var flowCount: Int
    /// Gauss–Newton iterations taken.
    public internal(set) var iterations: Int
    /// max |g_i(x)| at the solution, in the equations' own units.
    public internal(set) var constraintResidual: Double
    /// The same relative to the size of each equation's terms.
    public internal(set) var relativeConstraintResidual: Double
    /// Whether the convergence criteria were met (a run that does not converge is an error, never a result).
    public internal(set) var converged: Bool
    /// Why the iteration stopped, in words.
    public internal(set) var stopReason: String
    /// The linear-engine model of the last linearisation (variables as streams), for reports.
    public internal(set) var linearisedModel: BalanceModel
}
