import BalanceCore
import BalanceIO
import BalanceStandards

/// `compare` with meters read in both periods (`meters.csv` with a systematic part, FORMATS.md §1.10, §5.12):
/// Cov(before, after) of every compared figure through those meters' systematic errors (issue 15, Deliver 2).
extension CompareUseCase {
    /// One period's reconciliation as the shared-meter covariance needs it: the budget (sensitivities), the index of
    /// every result by id, and each measured stream's meter with σ_sys = fraction · |measured|.
    struct Period {
        let budget: UncertaintyBudget
        let index: [String: Int]
        let systematic: [Int: (source: String, sigma: Double)]

        /// `nil` without a budget (no full covariance: more streams than it is computed for) or without meters that
        /// have a systematic part.
        /// - Complexity: O(streams + meters).
        init?(budget: UncertaintyBudget?, result: ReconciliationResult?, meters: [MeterAssignment]) {
            guard let budget, let result else { return nil }
            var index: [String: Int] = [:]
            for (j, s) in result.streams.enumerated() { index[s.id] = j }
            var systematic: [Int: (source: String, sigma: Double)] = [:]
            for m in meters {
                guard let fraction = m.systematicFraction, fraction > 0, let j = index[m.stream],
                      let measured = result.streams[j].measured else { continue }
                systematic[j] = (m.meter, fraction * abs(measured))
            }
            guard !systematic.isEmpty else { return nil }
            self.budget = budget
            self.index = index
            self.systematic = systematic
        }

        /// L_m for a figure of gradient g (``UncertaintyBudget/sharedErrorLoadings(gradient:systematic:)``).
        func loadings(_ gradient: [Int: Double]?) -> [String: Double]? {
            gradient.map { budget.sharedErrorLoadings(gradient: $0, systematic: systematic) }
        }

        /// L_m for one stream's reconciled value.
        func loadings(stream id: String) -> [String: Double]? { index[id].flatMap { loadings([$0: 1]) } }
    }

    /// Sets ``ComparisonReport/Entry/covariance`` and `sharedMeters` of every entry whose two values both depend on
    /// a meter read in both periods.
    /// - Complexity: O(entries · (k · m)) for m measured streams (see ``UncertaintyBudget/contributions(gradient:)``).
    static func correlate(_ entries: inout [ComparisonReport.Entry], before: Period, after: Period,
                          loadings: (ComparisonReport.Entry) -> (before: [String: Double]?, after: [String: Double]?)) {
        for k in entries.indices {
            let (lb, la) = loadings(entries[k])
            guard let lb, let la else { continue }
            let (covariance, meters) = UncertaintyBudget.sharedCovariance(lb, la)
            guard !meters.isEmpty else { continue }
            entries[k].covariance = covariance
            entries[k].sharedMeters = meters
        }
    }

    /// The meters with a systematic part that both cases list (by meter id), sorted.
    static func sharedMeterIDs(_ b: LoadedCase, _ a: LoadedCase) -> [String] {
        func ids(_ c: LoadedCase) -> Set<String> { Set(c.meters.filter { ($0.systematicFraction ?? 0) > 0 }.map(\.meter)) }
        return ids(b).intersection(ids(a)).sorted()
    }
}
