import BalanceCore

/// The columns of `covariance.csv` (an extension of FORMATS.md §1): long format, one row per pair of
/// correlated measurements, with either a covariance or a correlation.
enum CovarianceColumn: String, TableColumn {
    static let headerLookup = makeHeaderLookup()
    case streamA = "stream_a", streamB = "stream_b", covariance, correlation

    var aliases: [String] {
        switch self {
        case .streamA: return ["流股A", "流股1"]
        case .streamB: return ["流股B", "流股2"]
        case .covariance: return ["协方差"]
        case .correlation: return ["相关系数"]
        }
    }

    static var required: [CovarianceColumn] { [.streamA, .streamB] }
    static var rowNoun: String { "covariances" }

    static func subject(of row: Row<Self>) -> Subject {
        Subject(text: row.text(.streamA).map { a in "pair '\(a)'–'\(row.text(.streamB) ?? "?")'" }, stream: row.text(.streamA))
    }
}

extension CaseLoader {
    /// The optional covariance file of a case.
    public static let covarianceFile = "covariance.csv"

    /// Reads `covariance.csv` rows into entries; each row gives exactly one of `covariance`, `correlation`.
    static func readCovariance(_ table: Table<CovarianceColumn>) throws(InputError) -> [CovarianceEntry] {
        var entries: [CovarianceEntry] = []
        for row in table.rows {
            guard let a = row.text(.streamA), let b = row.text(.streamB) else {
                throw row.error(row.text(.streamA) == nil ? .streamA : .streamB, "both streams of a pair must be given")
            }
            let covariance = try row.number(.covariance)
            let correlation = try row.number(.correlation)
            let value: CovarianceEntry.Value
            switch (covariance, correlation) {
            case let (c?, nil): value = .covariance(c)
            case let (nil, r?): value = .correlation(r)
            case (nil, nil): throw row.error(.covariance, "give a covariance or a correlation")
            case (_?, _?): throw row.error(.correlation, "give a covariance or a correlation, not both")
            }
            entries.append(CovarianceEntry(streamA: a, streamB: b, value: value, location: row.location()))
        }
        return entries
    }
}
