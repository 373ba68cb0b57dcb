import BalanceCore
import BalanceStandards

/// `meters.csv`: the meter that reads each stream, its class and the systematic part of its uncertainty (issue 15,
/// FORMATS.md §1.10).
extension CaseLoader {
    /// How far a systematic part may exceed σ by rounding alone: a systematic part given as the same percentage as
    /// σ (all of σ systematic) must not be refused because the two products round differently.
    static let systematicRounding = 1e-12

    /// `meters.csv` → one assignment per stream, in file order.
    /// - Throws: ``InputError`` for an empty stream or meter, a stream listed twice, a class that is not 1–3, a
    ///   systematic part that is not a percentage in [0, 100 %].
    static func readMeters(_ table: Table<MeterColumn>) throws(InputError) -> [MeterAssignment] {
        guard !table.rows.isEmpty else { throw table.noRowsError() }
        var meters: [MeterAssignment] = []
        var lines: [String: Int] = [:]
        for row in table.rows {
            guard let stream = row.text(.stream) else {
                throw row.error(.stream, "the stream is empty (every row of meters.csv names the stream its meter reads)")
            }
            guard let meter = row.text(.meter) else {
                throw row.error(.meter, "the meter is empty (give the instrument's id, e.g. FT-204)")
            }
            if let earlier = lines[stream] {
                throw row.error(.stream, "the stream is listed twice (also line \(earlier)): a stream is read by one meter")
            }
            lines[stream] = row.line
            var meterClass: Int?
            if let text = row.text(.class) {
                meterClass = Int(text).flatMap { (1...3).contains($0) ? $0 : nil }
                    ?? DataSourceCategory.meterClass(source: text)
                guard meterClass != nil else {
                    throw row.error(.class, "'\(text)' is not a meter class (write 1, 2 or 3, or 一级表, 二级表, 三级表)")
                }
            }
            var fraction: Double?
            switch try row.numberOrPercent(.systematic, plusMinus: true) {
            case nil: break
            case let .percent(p)?:
                guard p >= 0, p <= 100 else {
                    throw row.error(.systematic, "the systematic part \(Text.number(p)) % is not between 0 and 100 % of the reading")
                }
                fraction = p / 100
            case .number?, .invalid?:
                throw row.error(.systematic, "'\(row.text(.systematic) ?? "")' is not a percentage: give the systematic "
                    + "part of the meter's uncertainty as a percentage of its reading, e.g. 1 %")
            }
            meters.append(MeterAssignment(stream: stream, meter: meter, meterClass: meterClass,
                                          systematicFraction: fraction, location: row.location()))
        }
        return meters
    }

    /// Checks the meters against the streams and completes each stream's `source` with its meter and class, so that
    /// every budget and report sees them: the meter id is appended unless the source names it already, the class
    /// (`二级表`) unless the source names one. An empty source becomes `FT-204 二级表`.
    /// - Throws: ``InputError`` naming the row of `meters.csv` for a stream that is not in the case or not
    ///   measured, a source that says the value is not a meter reading (calculated, estimated …) or names another
    ///   class, or a systematic part larger than the stream's σ.
    static func applyMeters(_ meters: [MeterAssignment], to streams: inout [BalanceStream], streamsFile: String,
                            table: Table<MeterColumn>) throws(InputError) {
        var index: [String: Int] = [:]
        for (j, s) in streams.enumerated() { index[s.id] = j }
        for (row, meter) in zip(table.rows, meters) {
            guard let j = index[meter.stream] else {
                throw row.error(.stream, "stream '\(meter.stream)' is not defined in \(streamsFile) (a typo?)")
            }
            guard let value = streams[j].value else {
                throw row.error(.stream, "the stream is not measured (no value in \(streamsFile)): a meter reads a measured stream")
            }
            let source = streams[j].source.map(Text.trim) ?? ""
            let category = DataSourceCategory(source: source)
            guard category == .meter || category == .unspecified else {
                throw row.error(.meter, "the stream's source '\(source)' says its value is \(category.rawValue), "
                    + "not read by meter \(meter.meter): correct one of them")
            }
            if let given = meter.meterClass, let named = DataSourceCategory.meterClass(source: source), named != given {
                throw row.error(.class, "class \(given) differs from the class \(named) named by the stream's source '\(source)'")
            }
            if let fraction = meter.systematicFraction {
                let systematic = fraction * abs(value)
                let sigma = streams[j].sigma ?? 0
                guard systematic <= sigma * (1 + systematicRounding) else {
                    throw row.error(.systematic, "the systematic part \(Text.number(systematic)) is larger than the "
                        + "stream's standard uncertainty \(Text.number(sigma)): it is a part of σ, not added to it")
                }
            }
            var parts = source.isEmpty ? [] : [source]
            if !source.contains(meter.meter) { parts.append(meter.meter) }
            if let c = meter.meterClass, DataSourceCategory.meterClass(source: source) == nil {
                parts.append(["一级表", "二级表", "三级表"][c - 1])
            }
            streams[j].source = parts.joined(separator: " ")
        }
    }

    /// The covariance entries of streams read by one meter within the case: ρ_ab = σ_sys,a σ_sys,b / (σ_a σ_b),
    /// located at the second stream's row of `meters.csv`.
    /// - Complexity: O(Σ k²) for k streams per meter.
    static func meterCovariance(_ meters: [MeterAssignment], streams: [BalanceStream]) -> [CovarianceEntry] {
        var groups: [String: [MeterAssignment]] = [:]
        var order: [String] = []
        for m in meters where (m.systematicFraction ?? 0) > 0 {
            if groups[m.meter] == nil { order.append(m.meter) }
            groups[m.meter, default: []].append(m)
        }
        guard !order.isEmpty else { return [] }
        // Only the streams a shared meter reads are looked up (a park of 10⁶ streams with no meters.csv pays nothing).
        var wanted = Set(order.flatMap { groups[$0]!.map(\.stream) })
        var byID: [String: BalanceStream] = [:]
        for s in streams where wanted.remove(s.id) != nil { byID[s.id] = s }
        var entries: [CovarianceEntry] = []
        for meter in order {
            let members = groups[meter]!
            for b in members.indices { for a in 0..<b {
                let ma = members[a], mb = members[b]
                guard let sa = byID[ma.stream], let sb = byID[mb.stream], let va = sa.value, let vb = sb.value,
                      let σa = sa.sigma, let σb = sb.sigma, σa > 0, σb > 0 else { continue }
                let rho = (ma.systematicFraction! * abs(va) / σa) * (mb.systematicFraction! * abs(vb) / σb)
                entries.append(CovarianceEntry(streamA: ma.stream, streamB: mb.stream, value: .correlation(rho),
                                               location: mb.location))
            } }
        }
        return entries
    }
}
