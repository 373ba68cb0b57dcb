import RealModule

/// A parsed equation side of `equations.csv` (FORMATS.md §1.6): numbers, variables (stream flows `[S1]`,
/// component values `[S1:COD]`), `+ − * / ^`, unary minus and the functions `exp`, `ln`, `sqrt`.
///
/// Evaluation gives the value and the exact gradient by reverse-mode differentiation (one forward pass that
/// keeps every node's value, one backward pass that accumulates adjoints into a dense gradient): never finite
/// differences. Accumulation runs in the tree's fixed order, so the same input gives the same bits.
///
/// - Complexity: O(nodes) per evaluation, plus O(variables) for the gradient buffer.
package indirect enum EquationExpression: Sendable, Hashable {
    /// A binary operator.
    package enum Operator: Sendable, Hashable { case add, subtract, multiply, divide, power }
    /// A function of one argument.
    package enum Function: String, Sendable, Hashable, CaseIterable { case exp, ln, sqrt }

    case number(Double)
    /// Variable index of the nonlinear problem.
    case variable(Int)
    case negate(EquationExpression)
    case binary(Operator, EquationExpression, EquationExpression)
    case call(Function, EquationExpression)

    /// Builds `Σ coefficient · product of variables` (balances of flow × value) as a balanced tree, so that a node
    /// with thousands of streams recurses only log₂(terms) deep when evaluated.
    package static func sum(_ terms: [(Double, [Int])]) -> EquationExpression {
        func term(_ t: (Double, [Int])) -> EquationExpression {
            var e: EquationExpression = .number(t.0)
            for v in t.1 { e = .binary(.multiply, e, .variable(v)) }
            return e
        }
        func build(_ range: Range<Int>) -> EquationExpression {
            if range.count == 1 { return term(terms[range.lowerBound]) }
            let middle = range.lowerBound + range.count / 2
            return .binary(.add, build(range.lowerBound..<middle), build(middle..<range.upperBound))
        }
        return terms.isEmpty ? .number(0) : build(0..<terms.count)
    }

    /// The same expression with every variable index replaced by `map(index)`.
    package func mappingVariables(_ map: (Int) -> Int) -> EquationExpression {
        switch self {
        case .number: return self
        case let .variable(v): return .variable(map(v))
        case let .negate(a): return .negate(a.mappingVariables(map))
        case let .call(f, a): return .call(f, a.mappingVariables(map))
        case let .binary(op, a, b): return .binary(op, a.mappingVariables(map), b.mappingVariables(map))
        }
    }

    /// The height of the tree (a number or variable is 1). Computed without recursion on the left spine, so that
    /// a long sum is measured before anything recurses over it.
    package var depth: Int {
        var stack: [(EquationExpression, Int)] = [(self, 1)]
        var deepest = 0
        while let (e, d) = stack.popLast() {
            deepest = max(deepest, d)
            switch e {
            case .number, .variable: break
            case let .negate(a), let .call(_, a): stack.append((a, d + 1))
            case let .binary(_, a, b): stack.append((a, d + 1)); stack.append((b, d + 1))
            }
        }
        return deepest
    }

    /// The variables the expression reads, each once, in first-use order.
    package var variables: [Int] {
        var seen: [Int] = []
        func walk(_ e: EquationExpression) {
            switch e {
            case .number: break
            case let .variable(v): if !seen.contains(v) { seen.append(v) }
            case let .negate(a), let .call(_, a): walk(a)
            case let .binary(_, a, b): walk(a); walk(b)
            }
        }
        walk(self)
        return seen
    }

    /// The value at `x`.
    package func value(at x: [Double]) -> Double {
        switch self {
        case let .number(c): return c
        case let .variable(v): return x[v]
        case let .negate(a): return -a.value(at: x)
        case let .call(f, a): return Self.apply(f, a.value(at: x)).value
        case let .binary(op, a, b): return Self.apply(op, a.value(at: x), b.value(at: x)).value
        }
    }

    /// The value at `x`, adding `seed · ∂value/∂x_v` to `gradient[v]` for every variable (reverse mode).
    /// Non-finite values propagate (ln of a negative number is NaN): the caller checks the result.
    @discardableResult
    package func value(at x: [Double], accumulating gradient: inout [Double], seed: Double = 1) -> Double {
        switch self {
        case let .number(c):
            return c
        case let .variable(v):
            gradient[v] += seed
            return x[v]
        case let .negate(a):
            return -a.value(at: x, accumulating: &gradient, seed: -seed)
        case let .call(f, a):
            let inner = a.value(at: x)
            let (value, derivative) = Self.apply(f, inner)
            a.value(at: x, accumulating: &gradient, seed: seed * derivative)
            return value
        case let .binary(op, a, b):
            let u = a.value(at: x), w = b.value(at: x)
            let (value, du, dw) = Self.partials(op, u, w)
            if du != 0 { a.value(at: x, accumulating: &gradient, seed: seed * du) }
            if dw != 0 { b.value(at: x, accumulating: &gradient, seed: seed * dw) }
            return value
        }
    }

    static func apply(_ f: Function, _ u: Double) -> (value: Double, derivative: Double) {
        switch f {
        case .exp: let e = Double.exp(u); return (e, e)
        case .ln: return (Double.log(u), 1 / u)
        case .sqrt: let s = u.squareRoot(); return (s, 0.5 / s)
        }
    }

    static func apply(_ op: Operator, _ u: Double, _ w: Double) -> (value: Double, du: Double, dw: Double) {
        partials(op, u, w)
    }

    /// Value and partial derivatives of `u op w`. For `u^w` with a constant-looking exponent the
    /// derivative by w is `u^w ln u`, defined for u > 0 only; it is 0 when u^w does not depend on w's
    /// sign of u (caller's exponent is a number: its adjoint is never used).
    static func partials(_ op: Operator, _ u: Double, _ w: Double) -> (value: Double, du: Double, dw: Double) {
        switch op {
        case .add: return (u + w, 1, 1)
        case .subtract: return (u - w, 1, -1)
        case .multiply: return (u * w, w, u)
        case .divide: return (u / w, 1 / w, -u / (w * w))
        case .power:
            let value = Double.pow(u, w)
            let du = w == 0 ? 0 : w * Double.pow(u, w - 1)
            let dw = u > 0 ? value * Double.log(u) : 0
            return (value, du, dw)
        }
    }
}
