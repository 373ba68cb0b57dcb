import BalanceCore

/// The concentration of a component in a stream, as read from `components.csv`: the core model's
/// `ComponentMeasurement` (value in `ComponentMeasurement.unit`: `mg/L`, `%`, empty = mass fraction).
public typealias MaterialConcentration = ComponentMeasurement

/// The material balance of an audit focus unit (审核重点): totals, where the outputs and losses go,
/// component balances, unit-operation closures (STANDARDS.md §8).
public struct MaterialBalanceResult: Sendable {
    /// Where a stream sits.
    public enum Position: String, Sendable, Hashable { case input, output, `internal` }

    /// One stream with its final value.
    public struct Stream: Sendable, Hashable {
        /// Identifier.
        public var id: String
        /// Label (名称).
        public var name: String?
        /// Node the stream leaves (`nil`: outside).
        public var from: String?
        /// Node the stream enters (`nil`: outside).
        public var to: String?
        /// Kind as written (原料, 产品, 废水 …).
        public var kind: String?
        /// Input, output or internal.
        public var position: Position
        /// Value as given, in the common unit; `nil` when unmeasured.
        public var measured: Double?
        /// Final value (given, computed or reconciled) in the common unit.
        public var value: Double
        /// Standard uncertainty of ``value`` (reconciled cases).
        public var sigma: Double?
        /// `measured`, `computed`, `reconciled`, `nonredundant`, `estimated` or `fixed`.
        public var status: String
        /// Node whose balance gave a computed stream.
        public var computedFrom: String?
        /// Data source (meter id, `calculated` …), from the input.
        public var source: String?

        /// `true` when the final value is below zero although it was computed or reconciled: a material amount
        /// cannot be negative (given negative amounts are refused), so the balances around the stream do not close.
        /// Reported as a `[negative-value]` note and marked next to the figure in the tables.
        public var isImpossibleNegative: Bool { value < 0 && status != "measured" && status != "fixed" }
    }

    /// A part of a total: an output (or input) and its shares.
    public struct Share: Sendable, Hashable {
        /// Stream id, or a kind, or `unaccounted`.
        public var key: String
        /// Label (名称).
        public var name: String?
        /// Kind as written (原料, 产品, 废水 …).
        public var kind: String?
        /// Amount (total balance) or load (component balance, kg per period).
        public var value: Double
        /// value / Σ inputs.
        public var shareOfInput: Double?
        /// value / Σ outputs (or Σ inputs for an input share).
        public var shareOfTotal: Double?
    }

    /// The total balance of the boundary.
    public struct Totals: Sendable, Hashable {
        /// Σ inputs (final values).
        public var input: Double
        /// Σ outputs (final values).
        public var output: Double
        /// Σ inputs − Σ outputs with the given values (measured boundary streams only).
        public var imbalance: Double?
        /// imbalance / Σ measured inputs: δ of the ±5 % rule.
        public var relativeImbalance: Double?
        /// The tolerance of the rule.
        public var tolerance: Double
        /// |δ| ≤ tolerance; `nil` when boundary streams were computed (they close the balance by construction).
        public var withinTolerance: Bool?
        /// Boundary streams computed from the balances (they carry the residual).
        public var computedStreams: [String]
    }

    /// The balance of one component over the boundary: Σ F·x in and out.
    public struct Component: Sendable, Hashable {
        /// Component name as in components.csv (Cr, COD, 水 …).
        public var component: String
        /// Unit of the loads (`kg/d`).
        public var unit: String
        /// Σ F·x over the inputs (kg per period), or Σ in of the node.
        public var input: Double
        /// Σ F·x over the outputs (kg per period).
        public var output: Double
        /// input − output (for a reactive component: consumption − generation).
        public var imbalance: Double
        /// imbalance / input.
        public var relativeImbalance: Double?
        /// `nil` for a reactive component (no closure rule) or without input.
        public var withinTolerance: Bool?
        /// Declared reactive (COD, BOD …): not conserved, so the closure rule does not apply.
        public var reactive: Bool
        /// Inputs with their shares.
        public var inputs: [Share]
        /// Outputs (and the unaccounted rest) with their shares.
        public var outputs: [Share]
        /// Boundary streams without a value of this component (counted as 0).
        public var missing: [String]
        /// Per unit operation where every stream of it has a value: Σ F·x in − out.
        public var nodes: [NodeImbalance]
        /// The load of every stream (boundary and internal) that has a value of the component.
        public var loads: [String: Double]
        /// σ of ``input`` when the concentrations carry uncertainties (first order, from the reconciliation's
        /// covariance); `nil` otherwise or when no full covariance was kept.
        public var inputSigma: Double? = nil
        /// σ of ``output``, likewise.
        public var outputSigma: Double? = nil
        /// The concentrations as measured and reconciled, when they carry uncertainties (empty otherwise).
        public var reconciledConcentrations: [Concentration] = []
        /// The uncertainty budgets (issue 15) of ``input``, ``output`` and ``relativeImbalance`` (the ±5 % closure), by
        /// those names, when the concentrations carry uncertainties; contributors are indexed as in
        /// ``MaterialBalanceResult/budget``.
        public var budgets: [String: [UncertaintyBudget.Contribution]] = [:]
    }

    /// The keys of ``Component/budgets`` in the order the reports list them.
    public static let budgetKeys = ["input", "output", "relativeImbalance"]

    /// The budget of the reconciled flows and concentrations (their ids and sources name the contributors of every
    /// component's budgets), when the concentrations carry uncertainties.
    public var budget: UncertaintyBudget?

    /// A concentration of one stream, measured and reconciled.
    public struct Concentration: Sendable, Hashable {
        /// Stream id.
        public var stream: String
        /// Value as given.
        public var measured: Double
        /// Its σ as given (0: exact).
        public var measuredSigma: Double?
        /// Reconciled value.
        public var reconciled: Double
        /// Its σ after reconciliation.
        public var reconciledSigma: Double?
    }

    /// The component imbalance of one unit operation.
    public struct NodeImbalance: Sendable, Hashable {
        /// Unit operation (node) id.
        public var node: String
        /// Σ F·x over the inputs (kg per period), or Σ in of the node.
        public var input: Double
        /// Σ in − Σ out.
        public var imbalance: Double
        /// (Σ in − Σ out) / Σ in; `nil` when nothing flows in.
        public var relativeImbalance: Double?
    }

    /// A unit operation's closure.
    public struct NodeClosure: Sendable, Hashable {
        /// Unit operation (node) id.
        public var node: String
        /// Σ in with the final values.
        public var inflow: Double
        /// Σ out with the final values.
        public var outflow: Double
        /// With the given values (measured streams only); `nil` when the node has computed streams.
        public var relativeImbalance: Double?
        /// |δ| ≤ tolerance; `nil` when the node closes by construction (computed stream).
        public var withinTolerance: Bool?
    }

    /// Common flow unit (`kg/d`), when the streams give one.
    public var unit: MaterialFlowUnit?
    /// Streams in model order.
    public var streams: [Stream]
    /// The total balance of the boundary (±5 % rule).
    public var totals: Totals
    /// Outputs (and the unaccounted rest) with their shares: where the material goes.
    public var outputs: [Share]
    /// Outputs grouped by kind.
    public var outputsByKind: [Share]
    /// Inputs with their shares.
    public var inputs: [Share]
    /// Component balances in order of first appearance in components.csv.
    public var components: [Component]
    /// Unit-operation closures.
    public var nodes: [NodeClosure]
    /// `exact` or `reconciled`.
    public var method: String
    /// The reconciliation result, when uncertainties were given.
    public var reconciliation: ReconciliationResult?
    /// Plain-language notes (what was left out, assumptions).
    public var notes: [String]
}
