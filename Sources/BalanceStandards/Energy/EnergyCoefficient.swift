/// How sure the project is of a published number (STANDARDS.md §0.1).
public enum Confidence: String, Sendable, Hashable, CaseIterable {
    /// [H] seen in a source text, or an exact arithmetic identity.
    case high = "H"
    /// [M] fits partial evidence; the standard's own clause was not read.
    case medium = "M"
    /// [L] recollection only.
    case low = "L"
    /// UNCONFIRMED: could not be verified.
    case unconfirmed = "UNCONFIRMED"

    /// `[H]`, `[M]`, `[L]` or `UNCONFIRMED`, the way STANDARDS.md writes it.
    public var tag: String { self == .unconfirmed ? "UNCONFIRMED" : "[\(rawValue)]" }
}

/// What a coefficient values: the calorific content (当量值) or the primary energy spent to make the
/// carrier (等价值) (GB/T 2589 §3, STANDARDS.md §4.2 rule 1).
public enum ValueBasis: String, Sendable, Hashable, CaseIterable {
    /// 当量值: the carrier's own calorific content (Annex A 折标准煤系数).
    case calorific
    /// 等价值: primary energy consumed to produce one unit (Annex B working media; electricity at the
    /// generation coal rate).
    case equivalent
}

/// One standard-coal conversion coefficient (折标准煤系数) of a versioned table: the value exactly as
/// published, the unit it applies to, the heating-value basis and where it comes from.
///
/// Formula: E [kgce] = e [physical unit] × p [kgce per physical unit] (GB/T 2589 §5.2 [M]);
/// tce = kgce / 1 000.
///
/// Values are stored as the published text (4 decimals) and converted to `Double` once, so no
/// rounding happens between the standard and the computation (STANDARDS.md §5.5, NOTES). A *ranged*
/// coefficient (煤泥 0.2857–0.4286, 焦炉煤气, 煤矿瓦斯气) has ``range`` instead of one value: it needs a
/// measured heating value; without one the midpoint is used with a warning (STANDARDS.md §5.5).
public struct EnergyCoefficient: Sendable, Hashable {
    /// The carrier.
    public var carrier: EnergyCarrier
    /// The number as published: `0.7143`, or `0.2857–0.4286` for a range.
    public var published: String
    /// The value in kgce per ``perUnit`` (for a range: `nil`).
    public var value: Double?
    /// The published range, for ranged coefficients.
    public var range: ClosedRange<Double>?
    /// The physical unit the coefficient is per (kg for kgce/kg, m3, kWh, MJ, t …).
    public var perUnit: EnergyUnit
    /// The standard-coal unit of the published number: kgce in GB/T 2589; a user table may write tce
    /// (`tce/万kWh`). ``value`` and ``range`` are always in kgce per ``perUnit``.
    public var numerator: EnergyUnit
    /// Heating-value basis as published (`5 000 kcal/kg`), if any.
    public var heatingValue: String?
    /// Calorific (Annex A) or equivalent (Annex B) value.
    public var basis: ValueBasis
    /// 等价值 in kgce per ``perUnit`` when it differs from the calorific value (user tables; electricity
    /// gets it from the ``EnergyConversionSettings/electricityEquivalent`` parameter instead).
    public var equivalentValue: Double?
    /// Where the number comes from: edition, annex, STANDARDS.md section and source id.
    public var source: String
    /// Confidence tag of the number.
    public var confidence: Confidence

    /// Creates the value from its parts (see the properties for meanings and units).
    public init(
        carrier: EnergyCarrier, published: String, perUnit: EnergyUnit, numerator: EnergyUnit = .kgce,
        heatingValue: String? = nil, basis: ValueBasis = .calorific, equivalentValue: Double? = nil, source: String,
        confidence: Confidence
    ) {
        precondition(numerator.dimension == .standardCoal, "a coefficient's numerator is a standard-coal unit")
        self.carrier = carrier
        self.published = published
        self.perUnit = perUnit
        self.numerator = numerator
        self.heatingValue = heatingValue
        self.basis = basis
        self.equivalentValue = equivalentValue
        self.source = source
        self.confidence = confidence
        let parts = published.split(whereSeparator: { $0 == "–" || $0 == "~" || $0 == "～" })
            .map { trimmed($0) }
        if parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]), low <= high {
            self.value = nil
            self.range = (low * numerator.factor)...(high * numerator.factor)
        } else {
            // Published text is parsed exactly once; a malformed literal is a programmer error.
            guard let number = Double(trimmed(published)) else {
                preconditionFailure("coefficient '\(published)' of \(carrier.id) is not a number")
            }
            self.value = number * numerator.factor
            self.range = nil
        }
    }

    /// `true` for the [H] numbers (seen in a source); other numbers are reported as unconfirmed.
    public var confirmed: Bool { confidence == .high }

    /// The midpoint of a range, or the value.
    public var midpoint: Double {
        if let value { return value }
        let range = range!
        return (range.lowerBound + range.upperBound) / 2
    }

    /// The unit of ``published``: `kgce/kg`, `kgce/m3`, `tce/万kWh` ….
    public var unitText: String { "\(numerator.symbol)/\(perUnit.symbol)" }

    /// `true` when `text` is a number or a range `a–b` (`a~b`) with a ≤ b, the forms ``published`` accepts.
    public static func isValidPublished(_ text: String) -> Bool {
        let parts = text.split(whereSeparator: { $0 == "–" || $0 == "~" || $0 == "～" }).map { trimmed($0) }
        if parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]) {
            return low.isFinite && high.isFinite && low > 0 && low <= high
        }
        guard parts.count == 1, let x = Double(parts[0]) else { return false }
        return x.isFinite && x > 0
    }
}

/// `text` without leading and trailing white space.
private func trimmed<S: StringProtocol>(_ text: S) -> String {
    var s = Substring(text)
    while s.first?.isWhitespace == true { s.removeFirst() }
    while s.last?.isWhitespace == true { s.removeLast() }
    return String(s)
}
