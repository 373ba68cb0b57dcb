/// Where to add or improve meters (GB 24789 / GB 17167 metering plans): answers the two questions an
/// audit team asks after a reconciliation.
///
/// 1. **Observability** — for each unobservable stream, which single additional meter would make it
///    observable. Every unmeasured stream is tried as a new meter, one at a time, and the problem is
///    classified again; one classification per candidate serves all unobservable streams.
/// 2. **Uncertainty** — for chosen results (streams), which new meter (on an unmeasured stream) or
///    better meter (an existing one with its σ multiplied by a factor < 1) most reduces their variance.
///    Each candidate is solved exactly (not linearised): Var after = the reconciled variance with that
///    meter added or improved. Candidates are ranked by the relative reduction of the summed variance.
///    A candidate that makes an unobservable target observable ranks first.
///
/// - Complexity: one solve per candidate; meant for audit-sized networks (hundreds of streams).
public enum MeterAdvice {
    /// The meters that would each make an unobservable stream observable.
    public struct Observability: Sendable, Hashable {
        /// The unobservable stream.
        public internal(set) var stream: String
        /// Unmeasured streams on which one new meter makes it observable (itself first).
        public internal(set) var meters: [String]
    }

    /// A candidate meter and what it does to the targets' uncertainty.
    public struct UncertaintyCandidate: Sendable, Hashable {
        /// New meter on an unmeasured stream, or an existing meter made more accurate.
        public enum Change: String, Sendable, Hashable {
            /// A meter on an unmeasured stream.
            case newMeter = "new"
            /// An existing meter with its σ multiplied by the improvement factor.
            case improvedMeter = "improved"
            /// A meter, with a new meter's σ, where the value is an estimate, a quota or design data.
            case meterForEstimate = "replaced"
        }
        /// The stream metered.
        public internal(set) var stream: String
        public internal(set) var change: Change
        /// The σ assumed for the new or improved meter.
        public internal(set) var sigma: Double
        /// Σ Var(targets) before (∞ when a target is unobservable).
        public internal(set) var varianceBefore: Double
        /// Σ Var(targets) after.
        public internal(set) var varianceAfter: Double
        /// Targets that become observable.
        public internal(set) var madeObservable: [String]
        /// 1 − after/before (1 when it makes a target observable).
        public internal(set) var reduction: Double
    }

    /// Observability advice for every unobservable stream of `model`.
    public static func observability(_ model: BalanceModel) throws(ReconciliationError) -> [Observability] {
        let problem = try baseProblem(model)
        let base = try Reconciler.solve(problem, model: model, options: .init(grossErrors: .none))
        let unobservable = (0..<model.streams.count).filter { base.classifications[$0] == .unobservable }
        guard !unobservable.isEmpty else { return [] }
        let candidates = (0..<model.streams.count).filter { if case .unmeasured = problem.roles[$0] { return true } else { return false } }
        var helpers = [Int: [Int]]()
        for m in candidates {
            var trial = problem
            trial.roles[m] = .measured(value: 0, sigma: 1)  // classification depends on structure only
            let solution = try Reconciler.solve(trial, model: model, options: .init(grossErrors: .none))
            for u in unobservable where u == m || solution.classifications[u] == .observable {
                helpers[u, default: []].append(m)
            }
        }
        return unobservable.map { u in
            let meters = (helpers[u] ?? []).sorted { a, b in a == u ? true : (b == u ? false : a < b) }
            return Observability(stream: model.streams[u].id, meters: meters.map { model.streams[$0].id })
        }
    }

    /// Uncertainty advice for the `targets` (stream ids).
    /// - Parameters:
    ///   - model: the case; measured streams need an uncertainty.
    ///   - targets: ids of the streams whose summed variance should shrink.
    ///   - newMeterRelativeSigma: σ of a new meter as a fraction of the stream's estimated value (e.g. 0.0115,
    ///     a class-2 water meter: 2 %/√3); `nil`: every new meter has `newMeterAbsoluteSigma`.
    ///   - newMeterAbsoluteSigma: σ of a new meter where the stream has no estimate (unobservable), or of every new
    ///     meter when `newMeterRelativeSigma` is `nil`; without either such streams are not candidates.
    ///   - improvementFactor: an existing meter's σ is multiplied by this (e.g. 0.5: a class twice as good).
    ///   - estimates: ids of measured streams whose value is not a meter's (an estimate, a quota, design data): each
    ///     is tried with a new meter's σ instead (``UncertaintyCandidate/Change/meterForEstimate``) when that is
    ///     smaller than its own, else improved like a meter.
    public static func uncertainty(
        _ model: BalanceModel, targets: [String], newMeterRelativeSigma: Double? = 0.02 / 3.0.squareRoot(),
        newMeterAbsoluteSigma: Double? = nil, improvementFactor: Double = 0.5, estimates: Set<String> = []
    ) throws(ReconciliationError) -> [UncertaintyCandidate] {
        guard improvementFactor > 0, improvementFactor < 1 else { throw .invalidOption("the improvement factor must lie in (0, 1)") }
        guard newMeterRelativeSigma.map({ $0 > 0 && $0.isFinite }) ?? (newMeterAbsoluteSigma != nil) else {
            throw .invalidOption("the new meter's relative uncertainty must be positive")
        }
        if let absolute = newMeterAbsoluteSigma, !(absolute > 0 && absolute.isFinite) {
            throw .invalidOption("the new meter's uncertainty must be positive")
        }
        /// σ of a new meter on a stream whose value is (about) `value`, or `nil` when none can be given.
        func newMeterSigma(_ value: Double?) -> Double? {
            if let relative = newMeterRelativeSigma, let value, value != 0 { return abs(value) * relative }
            return newMeterAbsoluteSigma
        }
        var targetIndices: [Int] = []
        for id in targets {
            guard let j = model.streamIndex[id] else { throw .invalidOption("unknown target stream '\(id)'") }
            targetIndices.append(j)
        }
        let problem = try baseProblem(model)
        let base = try Reconciler.solve(problem, model: model, options: .init(grossErrors: .none))
        func totalVariance(_ solution: LinearSolution) -> (Double, [Int]) {
            var sum = 0.0
            var missing: [Int] = []
            for j in targetIndices {
                if let s = solution.sigmas[j] { sum += s * s } else { missing.append(j) }
            }
            return (missing.isEmpty ? sum : .infinity, missing)
        }
        let (before, unobservableTargets) = totalVariance(base)
        var candidates: [UncertaintyCandidate] = []
        for j in 0..<model.streams.count {
            var trial = problem
            let change: UncertaintyCandidate.Change
            let sigma: Double
            switch problem.roles[j] {
            case .fixed: continue
            case let .measured(value, s):
                if estimates.contains(model.streams[j].id), let meter = newMeterSigma(value), meter < s {
                    change = .meterForEstimate
                    sigma = meter
                } else {
                    change = .improvedMeter
                    sigma = s * improvementFactor
                }
                trial.roles[j] = .measured(value: value, sigma: sigma)
            case .unmeasured:
                change = .newMeter
                // No estimate to scale a relative σ by, and no absolute σ: not a candidate.
                guard let meter = newMeterSigma(base.values[j]) else { continue }
                sigma = meter
                trial.roles[j] = .measured(value: base.values[j] ?? 0, sigma: sigma)
            }
            let solution = try Reconciler.solve(trial, model: model, options: .init(grossErrors: .none))
            let (after, stillMissing) = totalVariance(solution)
            let madeObservable = unobservableTargets.filter { !stillMissing.contains($0) }.map { model.streams[$0].id }
            let reduction: Double
            if before.isInfinite { reduction = madeObservable.isEmpty ? 0 : 1 } else { reduction = before > 0 ? 1 - after / before : 0 }
            candidates.append(UncertaintyCandidate(
                stream: model.streams[j].id, change: change, sigma: sigma, varianceBefore: before, varianceAfter: after,
                madeObservable: madeObservable, reduction: reduction))
        }
        return candidates.sorted { a, b in
            if a.madeObservable.count != b.madeObservable.count { return a.madeObservable.count > b.madeObservable.count }
            if a.varianceAfter != b.varianceAfter { return a.varianceAfter < b.varianceAfter }
            return a.stream < b.stream
        }
    }

    private static func baseProblem(_ model: BalanceModel) throws(ReconciliationError) -> LinearProblem {
        do { return try LinearProblem(model: model) } catch { throw .invalidModel(error) }
    }
}
