/// An extra linear constraint Σ coefficientᵢ · x_streamᵢ = constant (`relations.csv`).
///
/// Relations express what node balances cannot: splitter ratios, a stream that equals the sum of
/// others metered elsewhere, a known constant consumption, or a constraint on a free variable.
public struct LinearRelation: Sendable, Hashable, Identifiable {
    /// One term coefficient · x_stream.
    public struct Term: Sendable, Hashable {
        public var stream: String
        public var coefficient: Double
        public var location: SourceLocation?
        public init(stream: String, coefficient: Double, location: SourceLocation? = nil) {
            self.stream = stream
            self.coefficient = coefficient
            self.location = location
        }
    }

    /// Relation name (`relation`).
    public var id: String
    /// The terms; a stream may appear once (repeated terms are summed by the model).
    public var terms: [Term]
    /// Right-hand side (`constant`, 0 if absent).
    public var constant: Double
    /// Where the relation's first row was, for error messages.
    public var location: SourceLocation?

    public init(id: String, terms: [Term], constant: Double = 0, location: SourceLocation? = nil) {
        self.id = id
        self.terms = terms
        self.constant = constant
        self.location = location
    }
}
