/// A balance network: streams between nodes, the nodes, and extra linear relations.
///
/// The model is validated on construction (unique ids, known nodes, finite numbers, non-negative
/// uncertainties) so that everything downstream can assume well-formed data.
///
/// Balances (RECONCILIATION.md §1, FORMATS.md §1): every balanced node *k* gives
/// Σ_{streams entering k} x − Σ_{streams leaving k} x = 0; every relation gives Σ cᵢ xᵢ = b.
/// Loops (`from` = `to`) are in no node balance.
public struct BalanceModel: Sendable, Hashable {
    public static func == (lhs: BalanceModel, rhs: BalanceModel) -> Bool {
        lhs.streams == rhs.streams && lhs.nodes == rhs.nodes && lhs.relations == rhs.relations
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(streams)
        hasher.combine(nodes)
        hasher.combine(relations)
    }

    /// Streams in input order.
    public private(set) var streams: [BalanceStream]
    /// Nodes: the declared ones in input order, then those only named by streams, in order of appearance.
    public private(set) var nodes: [Node]
    /// Extra linear relations.
    public private(set) var relations: [LinearRelation]
    /// Index of a stream id in ``streams``.
    public private(set) var streamIndex: [String: Int]
    /// Index of a node id in ``nodes``.
    public private(set) var nodeIndex: [String: Int]
    /// For each stream, the indices in ``nodes`` of the node it leaves and the node it enters
    /// (`nil` = outside the boundary), so that hot paths never hash node names.
    public private(set) var endpoints: [(from: Int?, to: Int?)]
    /// The balances A·x = b of the model, built once with it (they depend on its topology only, which
    /// ``mapStreams(_:)`` keeps), so that every reconciliation of the model shares them instead of building them.
    public private(set) var constraints: ConstraintSystem

    /// Builds and validates a model.
    ///
    /// - Parameters:
    ///   - streams: the streams; ids must be unique and non-empty.
    ///   - nodes: declared nodes (from `nodes.csv`); may be empty.
    ///   - relations: extra linear relations.
    ///   - requireDeclaredNodes: when `true` (a `nodes.csv` was given), a stream that names an
    ///     undeclared node is an error — almost always a typo.
    /// - Throws: ``ModelError`` naming the offending stream, node or relation and its location.
    public init(
        streams: [BalanceStream], nodes: [Node] = [], relations: [LinearRelation] = [],
        requireDeclaredNodes: Bool = false
    ) throws(ModelError) {
        guard !streams.isEmpty else { throw ModelError(.empty) }
        var streamIndex: [String: Int] = [:]
        streamIndex.reserveCapacity(streams.count)
        for (i, stream) in streams.enumerated() {
            guard !stream.id.isEmpty else { throw ModelError(.emptyStreamId, at: stream.location) }
            if let first = streamIndex[stream.id] {
                throw ModelError(.duplicateStream(id: stream.id, first: streams[first].location), at: stream.location)
            }
            streamIndex[stream.id] = i
            try Self.validateNumbers(of: stream)
            if stream.isLoop, let kind = stream.kind, !Self.loopKinds.contains(kind.lowercased()) {
                throw ModelError(.invalidLoop(stream: stream.id, kind: kind), at: stream.location)
            }
        }
        var allNodes: [Node] = []
        var nodeIndex: [String: Int] = [:]
        for node in nodes {
            if let first = nodeIndex[node.id] {
                throw ModelError(.duplicateNode(id: node.id, first: allNodes[first].location), at: node.location)
            }
            nodeIndex[node.id] = allNodes.count
            allNodes.append(node)
        }
        for stream in streams {
            for end in [stream.from, stream.to] {
                guard let end, nodeIndex[end] == nil else { continue }
                if requireDeclaredNodes {
                    throw ModelError(.unknownNode(stream: stream.id, node: end), at: stream.location)
                }
                nodeIndex[end] = allNodes.count
                allNodes.append(Node(id: end))
            }
        }
        for node in allNodes {
            if let parent = node.parent, nodeIndex[parent] == nil {
                throw ModelError(.unknownParent(node: node.id, parent: parent), at: node.location)
            }
        }
        try Self.checkHierarchy(allNodes, nodeIndex)
        for relation in relations {
            for term in relation.terms where streamIndex[term.stream] == nil {
                throw ModelError(
                    .unknownStreamInRelation(relation: relation.id, stream: term.stream),
                    at: term.location ?? relation.location)
            }
            guard relation.constant.isFinite, relation.terms.allSatisfy({ $0.coefficient.isFinite }) else {
                throw ModelError(.invalidRelation(relation: relation.id),
                                 at: relation.location)
            }
        }
        let endpoints = streams.map { (from: $0.from.flatMap { nodeIndex[$0] }, to: $0.to.flatMap { nodeIndex[$0] }) }
        self.constraints = ConstraintSystem(
            nodes: allNodes, endpoints: endpoints, relations: relations, streamIndex: streamIndex,
            streamCount: streams.count)
        self.endpoints = endpoints
        self.streams = streams
        self.nodes = allNodes
        self.relations = relations
        self.streamIndex = streamIndex
        self.nodeIndex = nodeIndex
    }

    /// Kinds allowed on a loop (`from` = `to`, FORMATS.md §1): circulating water and condensate returned
    /// to the same boiler, in English and Chinese. A loop without a kind is allowed.
    public static let loopKinds: Set<String> = ["circulating", "condensate", "循环", "循环水", "冷凝水", "冷凝水回用"]

    private static func validateNumbers(of stream: BalanceStream) throws(ModelError) {
        let fields: [(String, Double?)] = [
            ("value", stream.value), ("sigma", stream.sigma), ("lower", stream.lower), ("upper", stream.upper),
        ]
        for (field, number) in fields {
            if let number, !number.isFinite {
                throw ModelError(.notFinite(stream: stream.id, field: field), at: stream.location)
            }
            if let number, !NumberRange.contains(number) {
                throw ModelError(.outOfRange(stream: stream.id, field: field, value: number), at: stream.location)
            }
        }
        if let sigma = stream.sigma {
            if sigma < 0 { throw ModelError(.negativeUncertainty(stream: stream.id, sigma: sigma), at: stream.location) }
            if stream.value == nil {
                throw ModelError(.uncertaintyWithoutValue(stream: stream.id), at: stream.location)
            }
        }
        if let lower = stream.lower, let upper = stream.upper, lower > upper {
            throw ModelError(.invalidBounds(stream: stream.id, lower: lower, upper: upper), at: stream.location)
        }
    }

    private static func checkHierarchy(_ nodes: [Node], _ index: [String: Int]) throws(ModelError) {
        // Follow parents from every node; a path longer than the node count has a cycle.
        for node in nodes {
            var current = node.parent
            var steps = 0
            while let parent = current {
                steps += 1
                if steps > nodes.count || parent == node.id {
                    throw ModelError(.parentCycle(node: node.id), at: node.location)
                }
                current = index[parent].flatMap { nodes[$0].parent }
            }
        }
    }

    /// The node with the given id, if any.
    public func node(_ id: String) -> Node? { nodeIndex[id].map { nodes[$0] } }
    /// The stream with the given id, if any.
    public func stream(_ id: String) -> BalanceStream? { streamIndex[id].map { streams[$0] } }

    /// `true` when node `id` contributes a balance constraint: it exists and is not marked `balance = no`.
    public func isBalanced(_ id: String) -> Bool { node(id)?.balanced ?? false }

    /// Returns a copy where the streams have been replaced by `transform(stream)`; ids must be kept.
    /// Topology fields (`id`, `from`, `to`) must be kept; the change is checked in debug builds.
    public func mapStreams(_ transform: (BalanceStream) -> BalanceStream) -> BalanceModel {
        var copy = self
        copy.streams = streams.map(transform)
        assert(zip(streams, copy.streams).allSatisfy { $0.id == $1.id && $0.from == $1.from && $0.to == $1.to },
               "mapStreams must not change ids or topology")
        return copy
    }
}
