import BalanceCore

/// Several readings of a meter over the test period (GB/T 12452 practice: e.g. three 24-hour periods, averaged;
/// STANDARDS.md §1.5), turned into one value and its uncertainty per stream (FORMATS.md §1.9).
extension CaseLoader {
    /// The readings of one stream, in file order.
    struct Readings {
        var values: [Double] = []
        /// Line of the first reading, for messages.
        var line: Int
        var unit: String?

        /// x̄ = Σ xᵢ / n.
        var mean: Double { values.reduce(0, +) / Double(values.count) }

        /// The type-A standard uncertainty of the mean, u_A = s / √n with s² = Σ (xᵢ − x̄)² / (n − 1) (GUM 4.2);
        /// `nil` for a single reading, whose spread is unknown.
        var typeA: Double? {
            guard values.count >= 2 else { return nil }
            let m = mean
            let s2 = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
            return (s2 / Double(values.count)).squareRoot()
        }
    }

    /// `readings.csv` → the readings of each stream (stream id → readings).
    /// - Throws: ``InputError`` for an empty stream or value, a value that is not a number, or units that differ
    ///   within one stream's readings.
    static func readReadings(_ table: Table<ReadingColumn>) throws(InputError) -> [String: Readings] {
        guard !table.rows.isEmpty else { throw table.noRowsError() }
        var readings: [String: Readings] = [:]
        for row in table.rows {
            guard let stream = row.text(.stream) else {
                throw row.error(.stream, "the stream is empty (every reading names its stream)")
            }
            guard let value = try row.number(.value) else {
                throw row.error(.value, "the reading is empty (leave out the row of a day without a reading)")
            }
            var unit = row.text(.unit)
            if let headerUnit = row.headerUnit {
                if let cell = unit, cell != headerUnit {
                    throw row.error(.unit, "the unit '\(cell)' differs from the unit '\(headerUnit)' in the header")
                }
                unit = headerUnit
            }
            var entry = readings[stream] ?? Readings(line: row.line, unit: unit)
            if entry.unit != unit {
                throw row.error(.unit, "the unit '\(unit ?? "(none)")' differs from '\(entry.unit ?? "(none)")' of the "
                    + "stream's first reading (line \(entry.line)): give all readings of a meter in one unit")
            }
            entry.values.append(value)
            readings[stream] = entry
        }
        return readings
    }

    /// A note for the report on how many streams were averaged (`nil` when none).
    static func readingsNote(_ readings: [String: Readings], file: String) -> String? {
        guard !readings.isEmpty else { return nil }
        let counts = readings.values.map(\.values.count)
        let range = counts.min() == counts.max() ? "\(counts[0])" : "\(counts.min()!)–\(counts.max()!)"
        return "\(file): \(readings.count) stream\(readings.count == 1 ? "" : "s") take the mean of their readings "
            + "(\(range) each); σ combines the meter's uncertainty with the spread of the readings, "
            + "σ² = u_meter² + s²/n"
    }
}
