/// Parses the `equation` cell of `equations.csv` (FORMATS.md §1.6) into `left − right` as an
/// ``EquationExpression``:
///
///     equation := expr [ "=" expr ]          (no "=" means "= 0")
///     expr     := term { ("+" | "-" | "−") term }
///     term     := unary { ("*" | "×" | "/") unary }
///     unary    := ("-" | "−" | "+") unary | power
///     power    := atom [ "^" unary ]          (right-associative: 2^3^2 = 2^9)
///     atom     := number | "[" name [ ":" component ] "]" | function "(" expr ")" | "(" expr ")"
///
/// Numbers are decimal with an optional exponent (`1.5e-3`). A name in brackets is a stream flow; `name:component`
/// a component value of that stream. The caller resolves names to variable indices and refuses unknown ones.
///
/// - Complexity: O(length of the text).
package struct EquationParser {
    /// Why a text is not an equation, with the character offset (0-based) where reading stopped.
    package struct Failure: Error, Sendable, Hashable {
        package var message: String
        package var offset: Int
    }

    /// Resolves `[stream]` (component `nil`) or `[stream:component]` to a variable index; `nil`: unknown.
    package typealias Resolver = (_ stream: String, _ component: String?) -> Int?

    /// The deepest expression tree accepted (parentheses, operators and function calls together): evaluation and
    /// differentiation recurse over the tree, and a batch worker thread has a small stack. An engineer's equation
    /// is a few levels deep; 200 leaves room for a sum of a few hundred terms.
    package static let maximumDepth = 200
    /// The longest equation text accepted, in characters.
    package static let maximumLength = 20_000

    private let characters: [Character]
    private var position = 0
    private var depth = 0
    private let resolve: Resolver

    /// Parses `text`; throws ``Failure`` naming what was expected and where.
    package static func parse(_ text: String, resolve: @escaping Resolver) throws(Failure) -> EquationExpression {
        guard text.count <= maximumLength else {
            throw Failure(message: "the equation is longer than \(maximumLength) characters", offset: maximumLength)
        }
        var parser = EquationParser(characters: Array(text), resolve: resolve)
        let expression = try parser.equation()
        guard expression.depth <= maximumDepth else {
            throw Failure(message: "the equation nests deeper than \(maximumDepth) levels (split it, or sum fewer terms in one equation)", offset: 0)
        }
        return expression
    }

    private init(characters: [Character], resolve: @escaping Resolver) {
        self.characters = characters
        self.resolve = resolve
    }

    private mutating func equation() throws(Failure) -> EquationExpression {
        skipSpace()
        guard position < characters.count else { throw fail("the equation is empty") }
        let left = try expression()
        skipSpace()
        var result = left
        if peek == "=" {
            position += 1
            skipSpace()
            guard position < characters.count else { throw fail("nothing after '='") }
            let right = try expression()
            result = .binary(.subtract, left, right)
            skipSpace()
            if peek == "=" { throw fail("more than one '=': an equation has one") }
        }
        skipSpace()
        if let c = peek { throw fail("unexpected '\(c)'") }
        return result
    }

    private mutating func expression() throws(Failure) -> EquationExpression {
        var left = try term()
        while true {
            skipSpace()
            guard let c = peek, c == "+" || c == "-" || c == "−" else { return left }
            position += 1
            let right = try term()
            left = .binary(c == "+" ? .add : .subtract, left, right)
        }
    }

    private mutating func term() throws(Failure) -> EquationExpression {
        var left = try unary()
        while true {
            skipSpace()
            guard let c = peek, c == "*" || c == "×" || c == "/" else { return left }
            position += 1
            let right = try unary()
            left = .binary(c == "/" ? .divide : .multiply, left, right)
        }
    }

    private mutating func unary() throws(Failure) -> EquationExpression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw fail("the equation nests deeper than \(Self.maximumDepth) levels") }
        skipSpace()
        if let c = peek, c == "-" || c == "−" {
            position += 1
            return .negate(try unary())
        }
        if peek == "+" {
            position += 1
            return try unary()
        }
        let base = try atom()
        skipSpace()
        if peek == "^" {
            position += 1
            return .binary(.power, base, try unary())
        }
        return base
    }

    private mutating func atom() throws(Failure) -> EquationExpression {
        skipSpace()
        guard let c = peek else { throw fail("an expression ends too early") }
        if c == "(" {
            position += 1
            let inner = try expression()
            skipSpace()
            guard peek == ")" else { throw fail("')' expected") }
            position += 1
            return inner
        }
        if c == "[" { return try variable() }
        if c.isNumber || c == "." { return try number() }
        if c.isLetter {
            let start = position
            while let l = peek, l.isLetter { position += 1 }
            let name = String(characters[start..<position])
            guard let function = EquationExpression.Function(rawValue: name.lowercased()) else {
                position = start
                throw fail("unknown name '\(name)' (streams are written in brackets, [S1] or [S1:COD]; functions: exp, ln, sqrt)")
            }
            skipSpace()
            guard peek == "(" else { throw fail("'(' expected after \(name)") }
            position += 1
            let argument = try expression()
            skipSpace()
            guard peek == ")" else { throw fail("')' expected") }
            position += 1
            return .call(function, argument)
        }
        throw fail("unexpected '\(c)'")
    }

    private mutating func variable() throws(Failure) -> EquationExpression {
        let start = position
        position += 1
        var inside = ""
        while let c = peek, c != "]" {
            inside.append(c)
            position += 1
        }
        guard peek == "]" else {
            position = start
            throw fail("'[' without ']'")
        }
        position += 1
        let parts = inside.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            .map { $0.trimmingSpaces }
        let stream = parts[0], component = parts.count > 1 ? parts[1] : nil
        guard !stream.isEmpty, component?.isEmpty != true else {
            position = start
            throw fail("'[\(inside)]' names no stream (write [S1] or [S1:COD])")
        }
        guard let index = resolve(stream, component) else {
            position = start
            let what = component.map { "'\(stream):\($0)': stream '\(stream)' has no component '\($0)' in components.csv" }
                ?? "'\(stream)' is not a stream of streams.csv"
            throw fail(what)
        }
        return .variable(index)
    }

    private mutating func number() throws(Failure) -> EquationExpression {
        let start = position
        while let c = peek, c.isASCII && (c.isNumber || c == ".") { position += 1 }
        if let e = peek, e == "e" || e == "E" {
            let mark = position
            position += 1
            if let s = peek, s == "+" || s == "-" { position += 1 }
            if let d = peek, d.isASCII && d.isNumber {
                while let d = peek, d.isASCII && d.isNumber { position += 1 }
            } else {
                position = mark
            }
        }
        let text = String(characters[start..<position])
        guard let value = Double(text), value.isFinite, NumberRange.contains(value) else {
            position = start
            throw fail("'\(text)' is not a number in the accepted range (0 or 1e-100 … 1e100 in magnitude)")
        }
        return .number(value)
    }

    private var peek: Character? { position < characters.count ? characters[position] : nil }

    private mutating func skipSpace() {
        while let c = peek, c.isWhitespace { position += 1 }
    }

    private func fail(_ message: String) -> Failure { Failure(message: message, offset: position) }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
