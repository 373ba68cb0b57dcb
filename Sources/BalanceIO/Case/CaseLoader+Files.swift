import BalanceCore

// Readers for the four case files. Each takes a matched ``Table`` and returns model values;
// every error names the file, the line, the column and the stream (or node, relation).

extension CaseLoader {
    /// `streams.csv` → streams, with the default uncertainty applied.
    /// A stream with `readings` takes their mean as its value (its own value cell must be empty) and
    /// σ = √(u_B² + u_A²): u_B the stream row's uncertainty (or the default) applied to the mean, u_A = s/√n.
    static func readStreams(
        _ table: Table<StreamColumn>, defaultUncertainty: UncertaintySpec?, readings: [String: Readings] = [:],
        readingsFile: String = "readings.csv"
    ) throws(InputError) -> [BalanceStream] {
        guard !table.rows.isEmpty else { throw table.noRowsError() }
        var streams: [BalanceStream] = []
        streams.reserveCapacity(table.rows.count)
        for row in table.rows {
            guard let id = row.text(.id) else {
                throw row.error(.id, "the stream id is empty (every row of streams.csv needs an id)")
            }
            var value = try row.number(.value)
            let averaged = readings[id]
            if let averaged {
                if value != nil {
                    throw row.error(.value, "the stream has a value here and \(averaged.values.count) reading(s) in "
                        + "\(readingsFile) (line \(averaged.line)): give the value or the readings, not both")
                }
                if let readingUnit = averaged.unit, let unit = row.headerUnit ?? row.text(.unit), unit != readingUnit {
                    throw row.error(.unit, "the unit '\(unit)' differs from the unit '\(readingUnit)' of the stream's "
                        + "readings in \(readingsFile) (line \(averaged.line))")
                }
                value = averaged.mean
            }
            var sigma = try row.uncertainty(sigma: .sigma, u95: .u95, mpe: .mpe, value: value, valueColumn: .value)
            if sigma == nil, let value, let spec = defaultUncertainty {
                guard let fromDefault = spec.sigma(for: value) else {
                    throw row.error(.value, "the value is 0, so the relative default uncertainty \(spec) would fix it "
                        + "exactly: give an absolute sigma for this stream")
                }
                sigma = fromDefault
            }
            if let typeA = averaged?.typeA {
                sigma = ((sigma ?? 0) * (sigma ?? 0) + typeA * typeA).squareRoot()
            }
            // A unit in the value header (`测量值（m³/d）`) applies to every row; a unit cell that says otherwise is refused.
            var unit = row.text(.unit) ?? averaged?.unit
            if let headerUnit = row.headerUnit {
                if let cell = unit, cell != headerUnit {
                    throw row.error(.unit, "the unit '\(cell)' differs from the unit '\(headerUnit)' in the header")
                }
                unit = headerUnit
            }
            streams.append(BalanceStream(
                id: id, from: row.text(.from), to: row.text(.to), value: value, sigma: sigma,
                kind: row.text(.kind), carrier: row.text(.carrier), unit: unit, name: row.text(.name),
                source: row.text(.source), lower: try row.number(.lower), upper: try row.number(.upper),
                location: row.location()))
        }
        return streams
    }

    /// `nodes.csv` → declared nodes.
    static func readNodes(_ table: Table<NodeColumn>) throws(InputError) -> [Node] {
        var nodes: [Node] = []
        for row in table.rows {
            guard let id = row.text(.id) else {
                throw row.error(.id, "the node id is empty (every row of nodes.csv needs an id)")
            }
            var balanced = true
            if let text = row.text(.balance) {
                guard let flag = Self.parseFlag(text) else {
                    throw row.error(.balance, "'\(text)' is not yes or no (write yes, no, true, false, 1, 0, 是 or 否)")
                }
                balanced = flag
            }
            let hours = try row.number(.hoursPerDay)
            if let hours, !(hours > 0 && hours <= 24) {
                throw row.error(.hoursPerDay, "\(Text.number(hours)) is not an operating time of a day (give hours, 0 < h ≤ 24)")
            }
            let days = try row.number(.daysPerYear)
            if let days, !(days > 0 && days <= 366) {
                throw row.error(.daysPerYear, "\(Text.number(days)) is not a number of operating days in a year (0 < d ≤ 366)")
            }
            var node = Node(
                id: id, name: row.text(.name), parent: row.text(.parent), balanced: balanced,
                category: row.text(.category), stage: row.text(.stage), steam: try row.number(.steam),
                hoursPerDay: hours, daysPerYear: days, location: row.location())
            if let type = row.text(.type) {
                switch type.lowercased() {
                case "splitter", "分流", "分流器": node.isSplitter = true
                case "unit", "mixer", "node", "单元", "混合": break
                default:
                    throw row.error(.type, "'\(type)' is not a node type (write splitter/分流 for a node whose outlets keep "
                        + "the inlet's composition, or leave it empty)")
                }
            }
            if let reactions = row.text(.reactions) {
                node.reactiveComponents = reactions.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "；" || $0 == "、" || $0 == " " })
                    .map(String.init).filter { !$0.isEmpty }
            }
            nodes.append(node)
        }
        return nodes
    }

    /// yes/no/true/false/y/n/1/0/是/否, case-insensitive.
    static func parseFlag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "y", "true", "1", "是": return true
        case "no", "n", "false", "0", "否": return false
        default: return nil
        }
    }

    /// `relations.csv` → relations, in order of first appearance. Rows of one relation need not be
    /// adjacent. A row with a `constant` and neither stream nor coefficient only sets the constant;
    /// the constant may be repeated on several rows but must then be the same.
    static func readRelations(_ table: Table<RelationColumn>) throws(InputError) -> [LinearRelation] {
        var relations: [LinearRelation] = []
        var position: [String: Int] = [:]
        var constantLine: [String: Int] = [:]
        for row in table.rows {
            guard let id = row.text(.relation) else {
                throw row.error(.relation, "the relation name is empty (every row of relations.csv names its relation)")
            }
            let stream = row.text(.stream)
            let coefficient = try row.number(.coefficient)
            let constant = try row.number(.constant)
            if stream == nil && (coefficient != nil || constant == nil) {
                throw row.error(.stream, "the stream is empty (a row without a stream may only give the constant)")
            }
            if stream != nil && coefficient == nil {
                throw row.error(.coefficient, "the coefficient is empty")
            }
            let k: Int
            if let existing = position[id] {
                k = existing
            } else {
                k = relations.count
                position[id] = k
                relations.append(LinearRelation(id: id, terms: [], location: row.location()))
            }
            if let constant {
                if let line = constantLine[id], relations[k].constant != constant {
                    throw row.error(.constant, "constant \(Text.number(constant)) conflicts with constant "
                        + "\(Text.number(relations[k].constant)) "
                        + "on line \(line): give the constant once, or the same on every row of the relation")
                }
                if constantLine[id] == nil { constantLine[id] = row.line }
                relations[k].constant = constant
            }
            if let stream, let coefficient {
                relations[k].terms.append(
                    LinearRelation.Term(stream: stream, coefficient: coefficient, location: row.location(.stream)))
            }
        }
        for relation in relations where relation.terms.isEmpty {
            throw InputError(file: table.file, line: relation.location?.line, message: "relation '\(relation.id)' has "
                + "a constant but no terms (rows with stream and coefficient)")
        }
        return relations
    }

    /// `equations.csv` → equations, each with a unique id and a text (parsed by the nonlinear reconciliation).
    static func readEquations(_ table: Table<EquationColumn>) throws(InputError) -> [BalanceEquation] {
        var equations: [BalanceEquation] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            guard let id = row.text(.id) else { throw row.error(.id, "the equation id is empty") }
            if let line = seen[id] { throw row.error(.id, "equation '\(id)' is given twice (first on line \(line))") }
            seen[id] = row.line
            guard let text = row.text(.equation) else { throw row.error(.equation, "the equation is empty") }
            equations.append(BalanceEquation(id: id, text: text, location: row.location(.equation)))
        }
        return equations
    }

    /// `components.csv` → component values, each for a stream of `streamIDs`; a stream–component pair once.
    static func readComponents(_ table: Table<ComponentColumn>, streamIDs: [String: Int], streamsFile: String)
        throws(InputError) -> [ComponentMeasurement]
    {
        var components: [ComponentMeasurement] = []
        var seen: [String: [String: Int]] = [:]  // stream → component → line
        for row in table.rows {
            guard let stream = row.text(.stream) else { throw row.error(.stream, "the stream is empty") }
            guard streamIDs[stream] != nil else {
                throw row.error(.stream, "stream '\(stream)' is not defined in \(streamsFile) (a typo?)")
            }
            guard let component = row.text(.component) else { throw row.error(.component, "the component is empty") }
            if let line = seen[stream]?[component] {
                throw row.error(.component, "given twice (first on line \(line))")
            }
            seen[stream, default: [:]][component] = row.line
            let value: Double
            switch try row.numberOrPercent(.value) {
            case nil: throw row.error(.value, "the value is empty (leave out the row of a value that is not measured)")
            case let .number(x)?: value = x
            case let .percent(p)?: value = p / 100
            case .invalid?: preconditionFailure("numberOrPercent throws on invalid text")
            }
            let sigma = try row.uncertainty(sigma: .sigma, u95: .u95, mpe: .mpe, value: value, valueColumn: .value)
            components.append(ComponentMeasurement(
                stream: stream, component: component, value: value, sigma: sigma, unit: row.text(.unit),
                location: row.location()))
        }
        return components
    }
}
