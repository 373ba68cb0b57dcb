/// The nonlinear reconciliation problem (RECONCILIATION.md §10): variables are the stream flows, the component
/// values (concentrations, mass fractions, enthalpies, temperatures …) of the streams at balanced nodes and of
/// those the equations name, and a generation term for every reactive node and component; constraints are
///
///     node balance          Σ_in F − Σ_out F = 0                       (balanced nodes)
///     relation              Σ a_j F_j − b = 0                          (relations.csv)
///     component balance     Σ_in F·c − Σ_out F·c (+ r_node,c) = 0      (balanced nodes, conserved components)
///     splitter              c_out − c_in = 0                           (type = splitter, every component)
///     equation              left − right = 0                           (equations.csv)
///
/// Components whose unit is a temperature or a pressure are properties: they take part in equations and
/// splitters but have no Σ F·c balance. Variables are ordered flows (model order), then component values
/// (components in order of first appearance in components.csv, streams in model order), then generation terms.
package struct NonlinearProblem: Sendable {
    /// What a variable stands for.
    package enum Kind: Sendable, Hashable {
        case flow(stream: Int)
        case component(stream: Int, component: String)
        case reaction(node: String, component: String)
    }

    /// One unknown of the problem with its measurement and bounds.
    package struct Variable: Sendable {
        package var id: String
        package var kind: Kind
        package var role: LinearProblem.Role
        package var lower: Double?
        package var upper: Double?
        package var unit: String?
        package var source: String?
    }

    /// One equality g(x) = 0.
    package struct Constraint: Sendable {
        package var label: ConstraintSystem.RowLabel
        package var expression: EquationExpression
        /// `true` when g is linear in x (node balances, relations): its linearisation is exact.
        package var isLinear: Bool
    }

    package private(set) var variables: [Variable]
    package private(set) var constraints: [Constraint]
    /// Component names, in order of first appearance.
    package private(set) var components: [String]
    /// Index of the flow variable of each stream (= stream index).
    package var flowCount: Int

    /// Variable index of a component value, if the problem has one.
    package func componentVariable(stream: Int, component: String) -> Int? { componentIndex[Pair(stream, component)] }

    private struct Pair: Hashable, Sendable {
        var stream: Int, component: String
        init(_ stream: Int, _ component: String) { self.stream = stream; self.component = component }
    }
    private var componentIndex: [Pair: Int] = [:]

    /// Units that make a component a property (not conserved): temperatures and pressures.
    package static let propertyUnits: Set<String> = ["°c", "℃", "degc", "c", "k", "°f", "pa", "kpa", "mpa", "bar"]

    /// `true` when the problem needs the nonlinear solver: component values, equations, or bounds.
    package static func isNeeded(model: BalanceModel, components: [ComponentMeasurement], equations: [BalanceEquation]) -> Bool {
        !components.isEmpty || !equations.isEmpty || model.streams.contains { $0.lower != nil || $0.upper != nil }
    }

    /// Builds variables and constraints.
    /// - Throws: ``ModelError`` for a component of an unknown stream, a component value without uncertainty,
    ///   mixed units of one component, an unreadable equation or one naming an unknown stream or component.
    /// - Complexity: O(streams · components + equation text).
    package init(
        model: BalanceModel, components measurements: [ComponentMeasurement], equations: [BalanceEquation],
        properties extraProperties: Set<String> = []
    ) throws(ModelError) {
        flowCount = model.streams.count
        variables = []
        constraints = []
        components = []
        for (j, stream) in model.streams.enumerated() {
            let role: LinearProblem.Role
            if let value = stream.value {
                guard let sigma = stream.sigma else { throw ModelError(.missingUncertainty(stream: stream.id), at: stream.location) }
                role = sigma == 0 ? .fixed(value: value) : .measured(value: value, sigma: sigma)
            } else {
                role = .unmeasured
            }
            variables.append(Variable(id: stream.id, kind: .flow(stream: j), role: role, lower: stream.lower, upper: stream.upper,
                                      unit: stream.unit, source: stream.source))
        }
        // Components: order, units, measurements.
        var units: [String: String?] = [:]
        var measured: [Pair: ComponentMeasurement] = [:]
        for m in measurements {
            guard let j = model.streamIndex[m.stream] else {
                throw ModelError(.invalidComponent(stream: m.stream, component: m.component, problem: "the stream is not in streams.csv"), at: m.location)
            }
            if !components.contains(m.component) { components.append(m.component) }
            let unit = m.unit.map { String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }.flatMap { $0.isEmpty ? nil : $0 }
            if let known = units[m.component] {
                if known?.lowercased() != unit?.lowercased() {
                    throw ModelError(.invalidComponent(stream: m.stream, component: m.component, problem:
                        "the unit '\(unit ?? "")' differs from '\(known ?? "")' given before for this component: give one unit per component"), at: m.location)
                }
            } else {
                units[m.component] = unit
            }
            guard m.sigma != nil else {
                throw ModelError(.invalidComponent(stream: m.stream, component: m.component, problem:
                    "the value has no uncertainty (give sigma, u95 or mpe; 0 for an exactly known value)"), at: m.location)
            }
            measured[Pair(j, m.component)] = m
        }
        let property = Set(components.filter { c in
            extraProperties.contains(c) || ((units[c] ?? nil).map { Self.propertyUnits.contains($0.lowercased()) } ?? false)
        })
        // Streams at balanced nodes carry every component; measured pairs always exist.
        var atBalancedNode = [Bool](repeating: false, count: model.streams.count)
        for (j, ends) in model.endpoints.enumerated() {
            if let k = ends.from, model.nodes[k].balanced { atBalancedNode[j] = true }
            if let k = ends.to, model.nodes[k].balanced { atBalancedNode[j] = true }
        }
        func addComponent(_ j: Int, _ c: String) -> Int {
            if let v = componentIndex[Pair(j, c)] { return v }
            let m = measured[Pair(j, c)]
            let role: LinearProblem.Role = m.map { m in m.sigma! == 0 ? .fixed(value: m.value) : .measured(value: m.value, sigma: m.sigma!) } ?? .unmeasured
            // A concentration, fraction or enthalpy of a conserved component is never negative.
            let lower: Double? = property.contains(c) ? nil : 0
            variables.append(Variable(id: "\(model.streams[j].id):\(c)", kind: .component(stream: j, component: c), role: role,
                                      lower: lower, upper: nil, unit: units[c] ?? nil, source: model.streams[j].source))
            componentIndex[Pair(j, c)] = variables.count - 1
            return variables.count - 1
        }
        // Conserved components on every stream at a balanced node; properties only where given (splitters and
        // equations add the ones they name).
        for c in components {
            for j in model.streams.indices where (atBalancedNode[j] && !property.contains(c)) || measured[Pair(j, c)] != nil {
                _ = addComponent(j, c)
            }
        }
        // Linear constraints: node balances and relations (the rows of the linear problem).
        let linear = ConstraintSystem(model)
        for (i, row) in linear.rows.enumerated() {
            var expression = EquationExpression.sum(row.map { ($0.coefficient, [$0.column]) })
            if linear.constants[i] != 0 { expression = .binary(.subtract, expression, .number(linear.constants[i])) }
            constraints.append(Constraint(label: linear.rowLabels[i], expression: expression, isLinear: true))
        }
        // Component balances and splitters.
        for (k, node) in model.nodes.enumerated() where node.balanced {
            var inlets: [Int] = [], outlets: [Int] = []
            for (j, ends) in model.endpoints.enumerated() where ends.from != ends.to {
                if ends.to == k { inlets.append(j) }
                if ends.from == k { outlets.append(j) }
            }
            guard !inlets.isEmpty || !outlets.isEmpty else { continue }
            for c in components {
                if node.isSplitter {
                    let streams = inlets + outlets
                    for j in streams.dropFirst() {
                        constraints.append(Constraint(
                            label: .relation("\(node.id):\(c):\(model.streams[j].id)=\(model.streams[streams[0]].id)"),
                            expression: .binary(.subtract, .variable(addComponent(j, c)), .variable(addComponent(streams[0], c))),
                            isLinear: true))
                    }
                    continue
                }
                guard !property.contains(c) else { continue }
                var terms: [(Double, [Int])] = []
                for j in model.streams.indices {
                    if inlets.contains(j) { terms.append((1, [j, addComponent(j, c)])) }
                    if outlets.contains(j) { terms.append((-1, [j, addComponent(j, c)])) }
                }
                var expression = EquationExpression.sum(terms)
                if node.reactiveComponents.contains(c) || node.reactiveComponents.contains("*") {
                    variables.append(Variable(id: "\(node.id):\(c):generation", kind: .reaction(node: node.id, component: c),
                                              role: .unmeasured, lower: nil, upper: nil, unit: nil, source: nil))
                    expression = .binary(.add, expression, .variable(variables.count - 1))
                }
                constraints.append(Constraint(label: .relation("\(node.id):\(c)"), expression: expression, isLinear: false))
            }
        }
        // General equations.
        let streamIndex = model.streamIndex
        let known = Set(components)
        for equation in equations {
            // The parser names (stream, component) pairs by a temporary index; they become variables after.
            final class Names: @unchecked Sendable { var pairs: [(Int, String?)] = [] }
            let names = Names()
            let parsed: EquationExpression
            do throws(EquationParser.Failure) {
                parsed = try EquationParser.parse(equation.text) { stream, component in
                    guard let j = streamIndex[stream] else { return nil }
                    if let component, !known.contains(component) { return nil }
                    names.pairs.append((j, component))
                    return names.pairs.count - 1
                }
            } catch {
                throw ModelError(.invalidEquation(equation: equation.id, message: "\(error.message) (at character \(error.offset + 1) of '\(equation.text)')"),
                                 at: equation.location)
            }
            let indices = names.pairs.map { j, c in c.map { addComponent(j, $0) } ?? j }
            let expression = parsed.mappingVariables { indices[$0] }
            constraints.append(Constraint(label: .relation(equation.id), expression: expression, isLinear: false))
        }
    }
}
