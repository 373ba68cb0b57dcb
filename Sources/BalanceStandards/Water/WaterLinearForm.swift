import BalanceCore

/// A linear function of the stream values, c + Σ aⱼ·xⱼ: every water quantity (V_f, V_r, V_d …) is one.
///
/// Keeping quantities as linear forms rather than numbers lets one code path give both the value and
/// its uncertainty: with the covariance C of the stream values (from reconciliation),
/// Var(c + aᵀx) = aᵀ C a, and a ratio f = (aᵀx + c₁)/(bᵀx + c₂) has, to first order,
/// ∇f = (a − f·b)/(bᵀx + c₂) and Var f ≈ ∇fᵀ C ∇f (GUM, JCGM 100:2008 §5.2, law of propagation of
/// uncertainty for correlated inputs).
public struct WaterLinearForm: Sendable, Hashable {
    /// The constant c (e.g. steam production from `nodes.csv`, which has no uncertainty).
    public var constant: Double
    /// Coefficients aⱼ by stream index (model order); zeros are removed.
    public var coefficients: [Int: Double]

    /// c + Σ aⱼ·xⱼ; zero coefficients are dropped.
    public init(constant: Double = 0, coefficients: [Int: Double] = [:]) {
        self.constant = constant
        self.coefficients = coefficients.filter { $0.value != 0 }
    }

    /// The form 1·xⱼ.
    public static func stream(_ j: Int) -> WaterLinearForm { WaterLinearForm(coefficients: [j: 1]) }

    /// The zero form.
    public static let zero = WaterLinearForm()

    /// Adds `coefficient`·xⱼ.
    public mutating func add(_ j: Int, _ coefficient: Double = 1) {
        let c = coefficients[j, default: 0] + coefficient
        if c == 0 { coefficients.removeValue(forKey: j) } else { coefficients[j] = c }
    }

    /// The sum of two forms.
    public static func + (lhs: WaterLinearForm, rhs: WaterLinearForm) -> WaterLinearForm {
        var out = lhs
        out.constant += rhs.constant
        for (j, c) in rhs.coefficients { out.add(j, c) }
        return out
    }

    /// The difference of two forms.
    public static func - (lhs: WaterLinearForm, rhs: WaterLinearForm) -> WaterLinearForm { lhs + (-1) * rhs }

    /// A form scaled by a number.
    public static func * (scale: Double, form: WaterLinearForm) -> WaterLinearForm {
        WaterLinearForm(constant: scale * form.constant, coefficients: form.coefficients.mapValues { scale * $0 })
    }

    /// `true` when the form is identically zero (no streams, zero constant).
    public var isZero: Bool { constant == 0 && coefficients.isEmpty }

    /// Stream indices with a non-zero coefficient, ascending.
    public var support: [Int] { coefficients.keys.sorted() }

    /// c + Σ aⱼ·xⱼ; `nil` when a stream it needs has no value.
    public func value(_ values: [Double?]) -> Double? {
        // Summed in stream order: the same bytes on every run (a dictionary's order changes per process).
        var sum = constant
        for j in support {
            guard let x = values[j] else { return nil }
            sum += coefficients[j]! * x
        }
        return sum
    }

    /// The first stream it needs that has no value (for "cannot be computed because …" messages).
    public func missing(_ values: [Double?]) -> Int? { support.first { values[$0] == nil } }

    /// aᵀ C a, the variance of the form; `nil` when an entry it needs is not finite (an unobservable stream).
    /// - Complexity: O(k²) for k streams in the form.
    public func variance(_ covariance: Matrix) -> Double? {
        Self.quadratic(coefficients, covariance)
    }

    /// gᵀ C g for a sparse vector g.
    static func quadratic(_ g: [Int: Double], _ covariance: Matrix) -> Double? {
        let entries = g.sorted { $0.key < $1.key }
        var sum = 0.0
        for (j, a) in entries {
            for (k, b) in entries {
                let c = covariance[j, k]
                guard c.isFinite else { return nil }
                sum += a * c * b
            }
        }
        return Swift.max(0, sum)
    }
}

/// A ratio of two linear forms, f = N / D — the shape of every water indicator (R, r_c, r_g, r_b, K_l,
/// K_d, V_uf) and of the closure errors δ.
public struct WaterRatio: Sendable, Hashable {
    /// The numerator N.
    public var numerator: WaterLinearForm
    /// The denominator D.
    public var denominator: WaterLinearForm

    /// The ratio N / D.
    public init(_ numerator: WaterLinearForm, over denominator: WaterLinearForm) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// N/D; `nil` when a value is missing or D = 0.
    public func value(_ values: [Double?]) -> Double? {
        guard let n = numerator.value(values), let d = denominator.value(values), d != 0 else { return nil }
        return n / d
    }

    /// The gradient g = ∂(N/D)/∂x = (a − f·b)/D by stream index; `nil` when the value is `nil`.
    /// - Complexity: O(streams in N and D).
    public func gradient(_ values: [Double?]) -> [Int: Double]? {
        guard let f = value(values), let d = denominator.value(values) else { return nil }
        var g: [Int: Double] = [:]
        for (j, a) in numerator.coefficients { g[j, default: 0] += a / d }
        for (j, b) in denominator.coefficients { g[j, default: 0] -= f * b / d }
        return g
    }

    /// First-order standard uncertainty of N/D: √(gᵀ C g), g = ``gradient(_:)`` (GUM §5.2).
    /// `nil` when the value is `nil` or a needed covariance entry is not finite.
    public func standardUncertainty(_ values: [Double?], covariance: Matrix) -> Double? {
        gradient(values).flatMap { WaterLinearForm.quadratic($0, covariance) }.map { $0.squareRoot() }
    }
}
