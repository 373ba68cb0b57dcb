import BalanceCore

/// A balance model read as a GB/T 12452 water system: every stream's kind (stated or inferred), every
/// node's category, the boundary and the hierarchy (FORMATS.md §3, STANDARDS.md §1.2–1.3).
///
/// **Boundary.** A node is *inside* the water system when it balances (the default). Nodes marked
/// `balance = no` belong, with everything beyond the boundary, to the environment (as in
/// `Node`): a boundary meter's node (总表), the municipal supply, a neighbouring company.
/// A stream whose both ends are outside takes part in no water quantity; a boundary meter is such a
/// stream (see ``boundaryMeterStreams``).
///
/// **Kinds.** A stated kind is checked against the stream's topology; a missing one is inferred where
/// that is unambiguous (rules in `inferKind(from:to:)`). Everything wrong is a `ModelError` with the
/// file and line of the offending row: an unknown kind, an `intake` that leaves the boundary, a loop that
/// is neither `circulating` nor `condensate`, a loss (`consumption`, `leakage`, `export`) that ends at a
/// node inside, a stream leaving a unit for outside without a kind (ambiguous), an unknown category.
///
/// **Hierarchy.** `parent` builds unit → workshop → enterprise; quantities of a subtree are rolled up by
/// ``WaterLedger`` with the streams between nodes of the subtree internal to it.
public struct WaterNetwork: Sendable {
    /// The underlying model.
    public let model: BalanceModel
    /// The rules used.
    public let parameters: WaterBalanceParameters
    /// Kind of each stream (model order); `nil` only for free streams (no `from`, no `to`) and for
    /// streams entirely outside the boundary that have no kind.
    public let kinds: [WaterStreamKind?]
    /// `true` where the kind was inferred from the topology rather than stated.
    public let kindInferred: [Bool]
    /// `true` for an intake from a non-conventional source (`kind` 中水, 再生水, 雨水 …,
    /// ``WaterStreamKind/nonConventionalWords``): V_u of the 非常规水资源替代率.
    public let nonConventional: [Bool]
    /// Category of each node that has one, by node id.
    public let categories: [String: WaterCategory]
    /// Ids of the nodes inside the boundary (balanced), in model node order.
    public let insideNodes: [String]
    /// The water-using units: inside nodes that are an end of some stream, in model node order.
    public let units: [String]
    /// Non-fatal findings (free streams, inferred kinds that deserve a look).
    public let warnings: [String]

    private let insideSet: Set<String>
    private let childrenOf: [String: [String]]

    /// Classifies and validates `model` as a water system.
    /// - Throws: `ModelError` (`.other`, with the row's location) for the first problem;
    ///   its message counts the others.
    public init(_ model: BalanceModel, parameters: WaterBalanceParameters = .standard) throws(ModelError) {
        self.model = model
        self.parameters = parameters
        var problems: [ModelError] = []
        var categories: [String: WaterCategory] = [:]
        for node in model.nodes {
            guard let text = node.category, !text.waterTrimmed.isEmpty else { continue }
            guard let category = WaterCategory(text: text) else {
                problems.append(ModelError(.other(
                    "node '\(node.id)': unknown water-use category '\(text)' (use one of "
                        + WaterCategory.allCases.map { "\($0.rawValue) (\($0.aliases.first!))" }.joined(separator: ", ") + ")"),
                    at: node.location))
                continue
            }
            categories[node.id] = category
        }
        self.categories = categories
        let inside = Set(model.nodes.filter(\.balanced).map(\.id))
        self.insideSet = inside
        self.insideNodes = model.nodes.filter(\.balanced).map(\.id)

        var kinds: [WaterStreamKind?] = []
        var inferred: [Bool] = []
        var warnings: [String] = []
        var touched = Set<String>()
        for stream in model.streams {
            let fromInside = stream.from.map(inside.contains) ?? false
            let toInside = stream.to.map(inside.contains) ?? false
            var kind: WaterStreamKind?
            var wasInferred = false
            if let text = stream.kind, !text.waterTrimmed.isEmpty {
                kind = WaterStreamKind(text: text)
                if kind == nil {
                    problems.append(ModelError(.invalidKind(stream: stream.id, problem:
                        "stream '\(stream.id)': unknown water stream kind '\(text)' (use one of "
                            + WaterStreamKind.allCases.map { "\($0.rawValue) (\($0.aliases.first!))" }.joined(separator: ", ") + ")"),
                        at: stream.location))
                }
            } else if stream.from == nil && stream.to == nil {
                warnings.append("\(stream.id) has neither from nor to: it takes part in no water quantity")
            } else {
                switch Self.inferKind(from: stream.from, to: stream.to, inside: inside, categories: categories,
                                      parameters: parameters) {
                case let .kind(k):
                    kind = k
                    wasInferred = true
                case let .ambiguous(reason):
                    if fromInside || toInside {
                        problems.append(ModelError(.invalidKind(stream: stream.id, problem: "stream '\(stream.id)' has no kind and \(reason)"), at: stream.location))
                    }
                }
            }
            if let kind, fromInside || toInside,
               let problem = Self.check(kind, stream, fromInside: fromInside, toInside: toInside, parameters: parameters) {
                problems.append(ModelError(.invalidKind(stream: stream.id, problem: "stream '\(stream.id)' (kind \(kind.rawValue)): " + problem), at: stream.location))
            }
            if fromInside, let from = stream.from { touched.insert(from) }
            if toInside, let to = stream.to { touched.insert(to) }
            kinds.append(kind)
            inferred.append(wasInferred)
        }
        if let first = problems.first {
            guard problems.count > 1 else { throw first }
            let others = problems.dropFirst().prefix(5).map { e in e.location.map { "line \($0.line)" } ?? e.message }
            throw ModelError(.other(first.message + " (and \(problems.count - 1) more problem(s) in the water data: "
                + others.joined(separator: ", ") + (problems.count > 6 ? ", …" : "") + ")"), at: first.location)
        }
        self.kinds = kinds
        self.kindInferred = inferred
        self.nonConventional = model.streams.map { $0.kind.map(WaterStreamKind.isNonConventional) ?? false }
        self.warnings = warnings
        self.units = model.nodes.map(\.id).filter(touched.contains)
        var children: [String: [String]] = [:]
        for node in model.nodes { if let parent = node.parent { children[parent, default: []].append(node.id) } }
        self.childrenOf = children
    }

    /// `true` when `node` is inside the boundary (a balanced node); `nil` (outside) is not.
    public func isInside(_ node: String?) -> Bool { node.map(insideSet.contains) ?? false }

    /// The category of a node, if it has one.
    public func category(of node: String) -> WaterCategory? { categories[node] }

    /// Direct children of a node in the `parent` hierarchy, in node order.
    public func children(of node: String) -> [String] { childrenOf[node] ?? [] }

    /// The node and all its descendants (depth first, node order).
    public func subtree(of node: String) -> [String] {
        var out = [node]
        for child in children(of: node) { out += subtree(of: child) }
        return out
    }

    /// The nodes that have children (workshops, the enterprise …), depth first from the roots, each
    /// with its depth (0 = a root).
    public var groups: [(id: String, depth: Int)] {
        var out: [(String, Int)] = []
        func visit(_ id: String, _ depth: Int) {
            if !children(of: id).isEmpty { out.append((id, depth)) }
            for child in children(of: id) { visit(child, depth + 1) }
        }
        for node in model.nodes where node.parent == nil { visit(node.id, 0) }
        return out
    }

    /// The outcome of kind inference.
    public enum Inference: Sendable, Hashable {
        /// The topology fixes the kind.
        case kind(WaterStreamKind)
        /// It does not; the text says why and what to write.
        case ambiguous(String)
    }

    /// Infers the kind of a stream without one from its topology (FORMATS.md §3):
    /// - from outside the boundary into a node inside → `intake` (new water);
    /// - a loop (`from` = `to`) → `circulating`;
    /// - from a `network` node to another node → `intake` (distribution of new water), when
    ///   ``WaterBalanceParameters/inferNetworkOutflowAsIntake``;
    /// - anything else is ambiguous: a stream from a unit to outside may be consumption, discharge,
    ///   leakage or export, and one between units may be series water, steam, condensate or discharge to
    ///   treatment — the data must say which.
    public static func inferKind(
        from: String?, to: String?, inside: Set<String>, categories: [String: WaterCategory],
        parameters: WaterBalanceParameters
    ) -> Inference {
        let fromInside = from.map(inside.contains) ?? false
        let toInside = to.map(inside.contains) ?? false
        if let from, from == to { return .kind(.circulating) }
        if !fromInside { return .kind(.intake) }
        if !toInside {
            return .ambiguous("leaves unit '\(from!)' for outside the boundary: it may be consumption (耗水), discharge "
                + "(排水), leakage (漏失) or export (外供) — state which in the kind column")
        }
        if parameters.inferNetworkOutflowAsIntake, categories[from!] == .network { return .kind(.intake) }
        return .ambiguous("goes from unit '\(from!)' to unit '\(to!)': it may be series water (series, 串联), steam, "
            + "condensate or discharge to treatment (discharge) — state which in the kind column")
    }

    /// Checks a stated or inferred kind against the topology; returns what is wrong, or `nil`.
    static func check(
        _ kind: WaterStreamKind, _ stream: BalanceStream, fromInside: Bool, toInside: Bool,
        parameters: WaterBalanceParameters
    ) -> String? {
        let loop = stream.isLoop
        // Every water kind is a volume that flows one way: a negative reading is a sign error or a
        // meter read backwards (GB/T 12452 quantities are all non-negative).
        if let value = stream.value, value < 0, !parameters.negativeReadingsAllowed {
            return "a water volume cannot be negative (\(value)): check the sign, or the direction (from/to) of the stream"
        }
        switch kind {
        case .intake:
            if !toInside { return "new water must enter a node inside the boundary, but this stream leaves it (use discharge, export, consumption or leakage)" }
        case .circulating:
            if !loop { return "circulating water must leave and enter the same node (from = to); draw the circulating system as one node with a loop, or use series for water passed to another unit" }
        case .series:
            if !fromInside { return "series water must come from a unit inside the boundary (water from outside is intake)" }
            if !toInside { return "series water must go to a unit inside the boundary (water leaving it is discharge or export)" }
        case .condensate:
            if !fromInside || !toInside { return "condensate return must go from a unit to a boiler inside the boundary (or loop on the boiler)" }
        case .steam:
            if !toInside { return "steam leaving the boundary is export (外供) if sold, consumption (耗水) if lost — state which" }
            if !fromInside && !parameters.purchasedSteamIsIntake { return "steam from outside the boundary: state it as intake" }
        case .consumption, .leakage, .export:
            if !fromInside { return "\(kind.rawValue) must leave a unit inside the boundary" }
            if toInside { return "\(kind.rawValue) leaves the water system, so it must end outside the boundary (empty 'to'), not at node '\(stream.to!)' (water passed to another unit is series or discharge)" }
        case .discharge:
            if !fromInside { return "discharge must leave a unit inside the boundary (water entering from outside is intake)" }
            if loop { return "discharge cannot be a loop" }
        }
        return nil
    }

    /// Streams read by the boundary check (STANDARDS.md §1.5): `intake` from outside the boundary
    /// (empty `from`) into a *distribution* node — one that passes `intake` on to other nodes — whether that
    /// node is inside (a balanced network) or outside (a boundary meter node marked `balance = no`).
    public var boundaryMeterStreams: [Int] {
        let distributors = distributionNodes
        return model.streams.indices.filter { j in
            let s = model.streams[j]
            return s.from == nil && kinds[j] == .intake && s.to.map(distributors.contains) == true
        }
    }

    /// The other side of the boundary check: `intake` streams from a distribution node into inside nodes
    /// that do not distribute further — the units' intakes as measured at the units.
    public var unitIntakeStreams: [Int] {
        let distributors = distributionNodes
        return model.streams.indices.filter { j in
            let s = model.streams[j]
            guard kinds[j] == .intake, let from = s.from, distributors.contains(from), let to = s.to else { return false }
            return isInside(to) && !distributors.contains(to)
        }
    }

    /// Nodes that pass `intake` on to another node (supply networks, boundary meter nodes).
    public var distributionNodes: Set<String> {
        var out = Set<String>()
        for (j, s) in model.streams.enumerated() where kinds[j] == .intake && !s.isLoop {
            if let from = s.from, let to = s.to, from != to { out.insert(from) }
        }
        return out
    }
}
