/// Converts the streams of a model to one unit before any balance adds them (issue 9: "never add
/// unconverted values"; FORMATS.md §1.4).
///
/// When every stream that has a unit has the same unit text, nothing changes. Otherwise every unit is
/// parsed (``QuantityUnit``), the most frequent one (ties: the first) becomes the basis, and each
/// other stream's value, σ and bounds are multiplied by its factor
///     f = (scale_s / scale_b) · (hours per time unit of the basis / hours per time unit of the stream),
/// with the hours of a day and the days of a year from the stream's node (`hours_per_day`,
/// `days_per_year` in nodes.csv: the node it enters, else the node it leaves) or the given defaults.
/// Relation coefficients of a converted stream are divided by f, so every relation keeps its meaning.
/// Scale-only factors are exact decimal constants; a time conversion without an operating time, a
/// total mixed with rates, two kinds of quantity in one balance (unless `volumePerMass` bridges mass
/// and volume) and an unknown unit are errors naming the streams.
public enum UnitNormalization {
    /// Where the operating times come from when a node declares none.
    public struct Defaults: Sendable, Hashable {
        /// Operating hours per day for every node without its own.
        public var hoursPerDay: Double?
        /// Operating days per year for every node without its own.
        public var daysPerYear: Double?
        /// m³ per t, to add masses to volumes (1 for water, GB/T 12452 practice); `nil`: refused.
        public var volumePerMass: Double?

        public init(hoursPerDay: Double? = nil, daysPerYear: Double? = nil, volumePerMass: Double? = nil) {
            self.hoursPerDay = hoursPerDay
            self.daysPerYear = daysPerYear
            self.volumePerMass = volumePerMass
        }
    }

    /// The conversion of one stream.
    public struct Conversion: Sendable, Hashable {
        /// The stream id.
        public var stream: String
        /// Its unit as given.
        public var from: String
        /// The basis unit.
        public var to: String
        /// The factor applied to its value and σ.
        public var factor: Double
        /// Where an operating time came from (`node X` or `default`), when one was used.
        public var operatingTime: String?

        /// `W07: m3/h → m3/d (× 24, operating time of node X)`.
        public var description: String {
            "\(stream): \(from) → \(to) (× \(factor)" + (operatingTime.map { ", operating time of \($0)" } ?? "") + ")"
        }
    }

    /// The model in one unit, and what was converted (empty when nothing needed to be).
    /// - Complexity: O(streams + relation terms).
    /// - Throws: ``ModelError`` naming the streams (and their balance) that cannot be converted.
    public static func normalize(
        _ model: BalanceModel, defaults: Defaults = .init()
    ) throws(ModelError) -> (model: BalanceModel, conversions: [Conversion]) {
        let texts = model.streams.compactMap { $0.unit.flatMap { $0.isEmpty ? nil : $0 } }
        guard let firstText = texts.first, texts.contains(where: { $0 != firstText }) else { return (model, []) }

        // Parse every unit; count the parsed units to find the basis.
        var parsed = [QuantityUnit?](repeating: nil, count: model.streams.count)
        var counts: [(unit: QuantityUnit, text: String, count: Int)] = []
        for (j, stream) in model.streams.enumerated() {
            guard let text = stream.unit, !text.isEmpty else { continue }
            guard let unit = QuantityUnit.parse(text) else {
                throw ModelError(.unknownUnit(stream: stream.id, unit: text), at: stream.location)
            }
            parsed[j] = unit
            if let k = counts.firstIndex(where: { $0.unit == unit }) { counts[k].count += 1 } else {
                counts.append((unit, text, 1))
            }
        }
        var basis = counts[0]
        for candidate in counts where candidate.count > basis.count { basis = candidate }

        var factors = [Double](repeating: 1, count: model.streams.count)
        var conversions: [Conversion] = []
        var missingTime: [String] = [], missingUnit: [String] = []
        for (j, stream) in model.streams.enumerated() {
            guard let unit = parsed[j] else {
                if model.endpoints[j].to != nil || model.endpoints[j].from != nil { missingUnit.append(stream.id) }
                continue
            }
            guard unit != basis.unit else { continue }
            var factor = unit.scale / basis.unit.scale
            if unit.dimension != basis.unit.dimension {
                switch (unit.dimension, basis.unit.dimension, defaults.volumePerMass) {
                case let (.mass, .volume, perMass?): factor *= perMass
                case let (.volume, .mass, perMass?): factor /= perMass
                default:
                    let balance = stream.to ?? stream.from ?? "the case"
                    let other = model.streams.indices.first { parsed[$0] == basis.unit }.map { model.streams[$0] }
                    throw ModelError(.incompatibleUnits(
                        balance: "node \(balance)",
                        streams: ["\(stream.id) (\(stream.unit!))"] + (other.map { ["\($0.id) (\($0.unit!))"] } ?? [])),
                        at: stream.location)
                }
            }
            var source: String?
            if unit.time != basis.unit.time {
                guard unit.time != .total && basis.unit.time != .total else {
                    throw ModelError(.incompatibleTimeBasis(stream: stream.id, unit: stream.unit!, basis: basis.text),
                                     at: stream.location)
                }
                let node = [stream.to, stream.from].compactMap { $0 }.compactMap { model.node($0) }
                let hours = node.lazy.compactMap(\.hoursPerDay).first ?? defaults.hoursPerDay
                let days = node.lazy.compactMap(\.daysPerYear).first ?? defaults.daysPerYear
                guard let time = timeFactor(from: unit.time, to: basis.unit.time, hoursPerDay: hours, daysPerYear: days) else {
                    missingTime.append("\(stream.id) (\(stream.unit!))")
                    continue
                }
                factor *= time
                source = node.first { $0.hoursPerDay != nil || $0.daysPerYear != nil }.map { "node \($0.id)" } ?? "the default"
            }
            factors[j] = factor
            conversions.append(Conversion(stream: stream.id, from: stream.unit!, to: basis.text, factor: factor, operatingTime: source))
        }
        if !missingTime.isEmpty {
            let example = model.streams.first { parsed[model.streamIndex[$0.id]!] == basis.unit }
            throw ModelError(.missingOperatingTime(
                streams: missingTime + (example.map { ["\($0.id) (\(basis.text))"] } ?? [])))
        }
        if !missingUnit.isEmpty && !conversions.isEmpty { throw ModelError(.missingUnit(streams: missingUnit)) }
        guard !conversions.isEmpty else { return (model, []) }

        var streams = model.streams
        for j in streams.indices where factors[j] != 1 {
            streams[j].value = streams[j].value.map { $0 * factors[j] }
            streams[j].sigma = streams[j].sigma.map { $0 * factors[j] }
            streams[j].lower = streams[j].lower.map { $0 * factors[j] }
            streams[j].upper = streams[j].upper.map { $0 * factors[j] }
            streams[j].unit = basis.text
        }
        var relations = model.relations
        for r in relations.indices {
            for t in relations[r].terms.indices {
                if let j = model.streamIndex[relations[r].terms[t].stream] {
                    relations[r].terms[t].coefficient /= factors[j]
                }
            }
        }
        // The nodes as they are (declared and implicit ones alike; the model was validated already).
        let converted = try BalanceModel(streams: streams, nodes: model.nodes, relations: relations)
        return (converted, conversions)
    }

    /// Hours in one unit of a time basis: 1 h, H h per day, H·D/12 per month, H·D per year.
    static func hours(_ basis: QuantityUnit.TimeBasis, hoursPerDay: Double?, daysPerYear: Double?) -> Double? {
        switch basis {
        case .perHour: return 1
        case .perDay: return hoursPerDay
        case .perMonth: return hoursPerDay.flatMap { h in daysPerYear.map { h * $0 / 12 } }
        case .perYear: return hoursPerDay.flatMap { h in daysPerYear.map { h * $0 } }
        case .total: return nil
        }
    }

    /// The factor from a rate on `from` to a rate on `to`: (hours of `to`)/(hours of `from`); only the
    /// operating times the two bases need are required (day ↔ year needs only the days per year).
    static func timeFactor(
        from: QuantityUnit.TimeBasis, to: QuantityUnit.TimeBasis, hoursPerDay: Double?, daysPerYear: Double?
    ) -> Double? {
        // Days as the common unit when neither side is per hour: then hours per day cancel.
        func days(_ basis: QuantityUnit.TimeBasis) -> Double? {
            switch basis {
            case .perDay: return 1
            case .perMonth: return daysPerYear.map { $0 / 12 }
            case .perYear: return daysPerYear
            case .perHour, .total: return nil
            }
        }
        if from != .perHour && to != .perHour, let a = days(from), let b = days(to) { return b / a }
        guard let a = hours(from, hoursPerDay: hoursPerDay, daysPerYear: daysPerYear),
              let b = hours(to, hoursPerDay: hoursPerDay, daysPerYear: daysPerYear) else { return nil }
        return b / a
    }
}
