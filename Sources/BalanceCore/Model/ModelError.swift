/// A problem with the balance data itself, in the user's terms: which stream, node or relation,
/// and where it was defined. Command-line tools map every case to exit status 65 (bad data).
public struct ModelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Sendable, Hashable {
        /// Two streams share an id.
        case duplicateStream(id: String, first: SourceLocation?)
        /// Two nodes share an id.
        case duplicateNode(id: String, first: SourceLocation?)
        /// Two relations share an id in a way that cannot be merged.
        case duplicateRelation(id: String)
        /// A stream names a node that the node list does not declare.
        case unknownNode(stream: String, node: String)
        /// A node's parent is not a declared node.
        case unknownParent(node: String, parent: String)
        /// The hierarchy of parents has a cycle.
        case parentCycle(node: String)
        /// A relation names a stream that does not exist.
        case unknownStreamInRelation(relation: String, stream: String)
        /// A number is NaN or infinite.
        case notFinite(stream: String, field: String)
        /// A standard uncertainty is negative.
        case negativeUncertainty(stream: String, sigma: Double)
        /// A measured value has no uncertainty, and the command needs one.
        case missingUncertainty(stream: String)
        /// An uncertainty is given for a stream without a value.
        case uncertaintyWithoutValue(stream: String)
        /// Lower bound above upper bound.
        case invalidBounds(stream: String, lower: Double, upper: Double)
        /// There is nothing to balance.
        case empty
        /// A stream id is empty.
        case emptyStreamId
        /// A loop (`from` = `to`) whose kind is not allowed on a loop.
        case invalidLoop(stream: String, kind: String?)
        /// A number whose magnitude is outside ``NumberRange`` (its square would overflow or underflow).
        case outOfRange(stream: String, field: String, value: Double)
        /// A stream's unit is not one the unit rules know, in a case that needs it converted.
        case unknownUnit(stream: String, unit: String)
        /// Streams of different dimensions (volume, mass, energy) meet in one balance.
        case incompatibleUnits(balance: String, streams: [String])
        /// Rates per hour, day or year meet and the operating time that converts them is not declared.
        case missingOperatingTime(streams: [String])
        /// A stream has no unit in a balance whose other streams had to be converted.
        case missingUnit(streams: [String])
        /// A row of covariance.csv that cannot hold (unknown or unmeasured stream, |ρ| > 1, conflicting or
        /// not positive definite); `streams` are the streams concerned, `problem` says what is wrong.
        case invalidCovariance(streams: [String], problem: String)
        /// A relation with a coefficient or constant that is not finite.
        case invalidRelation(relation: String)
        /// A total over the test period mixed with rates.
        case incompatibleTimeBasis(stream: String, unit: String, basis: String)
        /// A stream whose kind (water, energy, material) does not fit the network.
        case invalidKind(stream: String, problem: String)
        /// Anything else, already phrased for the user.
        /// An equation of `equations.csv` that cannot be read: what is wrong and where in the text.
        case invalidEquation(equation: String, message: String)
        /// A component value that cannot be used (missing uncertainty, mixed units …).
        case invalidComponent(stream: String, component: String, problem: String)
        case other(String)
    }

    public var kind: Kind
    /// Where the offending item was defined, when known.
    public var location: SourceLocation?

    public init(_ kind: Kind, at location: SourceLocation? = nil) {
        self.kind = kind
        self.location = location
    }

    /// The message a user sees: location first, then what is wrong and what to do.
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return prefix + message
    }

    /// The message without the location.
    public var message: String {
        switch kind {
        case let .duplicateStream(id, first):
            return "duplicate stream id '\(id)'" + (first.map { " (first defined at \($0))" } ?? "")
        case let .duplicateNode(id, first):
            return "duplicate node id '\(id)'" + (first.map { " (first defined at \($0))" } ?? "")
        case let .duplicateRelation(id):
            return "relation '\(id)' is defined twice with different constants"
        case let .unknownNode(stream, node):
            return "stream '\(stream)' names node '\(node)', which nodes.csv does not declare (a typo?)"
        case let .unknownParent(node, parent):
            return "node '\(node)' has parent '\(parent)', which is not a declared node"
        case let .parentCycle(node):
            return "the parent hierarchy has a cycle through node '\(node)'"
        case let .unknownStreamInRelation(relation, stream):
            return "relation '\(relation)' names stream '\(stream)', which streams.csv does not define"
        case let .notFinite(stream, field):
            return "stream '\(stream)': \(field) is not a finite number"
        case let .negativeUncertainty(stream, sigma):
            return "stream '\(stream)': the uncertainty \(sigma) is negative (use 0 for an exactly known value)"
        case let .missingUncertainty(stream):
            return "stream '\(stream)' has a measured value but no uncertainty (give sigma, u95 or mpe, "
                + "or give a default uncertainty for the case)"
        case let .uncertaintyWithoutValue(stream):
            return "stream '\(stream)' has an uncertainty but no value"
        case let .invalidBounds(stream, lower, upper):
            return "stream '\(stream)': lower bound \(lower) is above upper bound \(upper)"
        case .empty:
            return "the case has no streams"
        case .emptyStreamId:
            return "a stream has an empty id"
        case let .invalidLoop(stream, kind):
            return "stream '\(stream)' leaves and enters the same node; only kind 'circulating' or 'condensate' "
                + "may form a loop (kind is \(kind.map { "'\($0)'" } ?? "empty"))"
        case let .outOfRange(stream, field, value):
            return "stream '\(stream)': \(field) \(value) is outside the magnitudes this library computes with "
                + "(\(NumberRange.description)): give it in another unit"
        case let .unknownUnit(stream, unit):
            return "stream '\(stream)': unit '\(unit)' is not known (write a volume, mass or energy unit with an "
                + "optional time basis: m3/d, m3/h, L/s, 万m3/a, t/d, kg/h, kWh/d, GJ …; 立方米/天 and 吨/小时 are read too)"
        case let .incompatibleUnits(balance, streams):
            // Items are "ID (unit)": the first is the stream at fault.
            let quoted = streams.map { item -> String in
                let id = item.prefix { $0 != " " }
                return "'\(id)'" + item.dropFirst(id.count)
            }
            return "stream " + quoted.joined(separator: " and ") + " are different kinds of quantity (volume, mass, "
                + "energy) in the balance of \(balance): give them in one kind of unit"
        case let .missingOperatingTime(streams):
            return "the streams " + streams.joined(separator: ", ") + " are rates on different time bases; converting "
                + "them needs the operating time: give hours_per_day (日运行时间) or days_per_year (年运行天数) in "
                + "nodes.csv, or the command's operating-time option"
        case let .missingUnit(streams):
            return "the streams " + streams.joined(separator: ", ") + " have no unit, but other streams of their "
                + "balances are converted: give every stream of those balances its unit"
        case let .invalidCovariance(_, problem):
            return problem
        case let .invalidRelation(relation):
            return "relation '\(relation)' has a coefficient or constant that is not a finite number"
        case let .incompatibleTimeBasis(stream, unit, basis):
            return "stream '\(stream)': a total over the test period (\(unit)) cannot be added to rates (\(basis)): "
                + "give every stream of the case on one time basis"
        case let .invalidKind(_, problem):
            return problem
        case let .invalidEquation(equation, message):
            return "equation '\(equation)': \(message)"
        case let .invalidComponent(stream, component, problem):
            return "stream '\(stream)', component '\(component)': \(problem)"
        case let .other(text):
            return text
        }
    }
}
