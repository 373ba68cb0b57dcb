/// The serial identification strategies (Narasimhan & Jordache 2000, ch. 8), run on a
/// ``GrossErrorEngine`` so that a strategy costs |R| × |R| algebra per step instead of a re-solve.
///
/// - **Serial elimination** (Ripps 1965; Serth & Heenan 1986): while the global test of the remaining
///   problem fails, accept the bias with the largest conditional statistic (= the largest |z| after
///   eliminating the meters accepted so far). Bias hypotheses only.
/// - **Serial GLR** (Narasimhan & Mah 1987): the same loop over bias *and* leak hypotheses.
/// - **Serial compensation** (Narasimhan & Mah 1987, "SC"): accept the largest single-hypothesis
///   statistic, estimate its magnitude once, subtract it from the residual (compensate) and test
///   again with the dof unchanged; earlier estimates are not revised — cheaper, approximate.
/// The loops stop when the global test passes (α), when nothing testable remains, or (compensation)
/// after 2·H steps.
struct IdentificationStrategies: Sendable {
    struct Identified: Sendable {
        /// Index into the engine's hypotheses.
        var hypothesis: Int
        /// Statistic at identification (T, χ²(1)).
        var statistic: Double
        /// Signed statistic (z = ±√T, sign of the magnitude).
        var signedStatistic: Double
        /// Magnitude estimate (final joint estimate for elimination/GLR, at-identification for compensation).
        var magnitude: Double
        /// Its standard uncertainty.
        var magnitudeSigma: Double
        /// Hypotheses that the data cannot tell apart from this one.
        var equivalents: [Int]
    }

    struct Outcome: Sendable {
        var identified: [Identified]
        /// γ after the accepted errors are accounted for.
        var finalChiSquared: Double
        /// Degrees of freedom of ``finalChiSquared``.
        var finalDof: Int
    }

    let engine: GrossErrorEngine
    /// χ²_{1−α}(k) for k = 0 … p (index k); 0 at k = 0.
    let critical: [Double]
    /// Candidate hypotheses for elimination (biases) and for GLR/compensation (all).
    let biasCandidates: [Int]
    let allCandidates: [Int]

    init(engine: GrossErrorEngine, alpha: Double) {
        self.engine = engine
        self.critical = (0...engine.dimension).map { $0 == 0 ? 0 : StatisticalTests.chiSquaredCritical(dof: $0, alpha: alpha) }
        let testable = engine.hypotheses.indices.filter { engine.gram[$0, $0] > 0 }
        self.biasCandidates = testable.filter { engine.hypotheses[$0].kind == .bias }
        self.allCandidates = testable
    }

    /// Serial elimination (`leaks: false`) or serial GLR (`leaks: true`).
    func serial(evidence: GrossErrorEngine.Evidence, leaks: Bool) -> Outcome {
        let candidates = leaks ? allCandidates : biasCandidates
        var accepted = GrossErrorEngine.Accepted()
        var steps: [(index: Int, statistic: Double, numerator: Double, equivalents: [Int])] = []
        var gamma = evidence.gamma
        while accepted.count < engine.dimension && gamma > critical[engine.dimension - accepted.count] {
            var best: (index: Int, statistic: Double, numerator: Double, variance: Double)?
            var tested: [(index: Int, statistic: Double, variance: Double)] = []
            for h in candidates {
                guard let c = engine.conditional(h, given: accepted, evidence: evidence) else { continue }
                tested.append((h, c.statistic, c.variance))
                // Strictly larger wins: ties keep the first hypothesis (biases before leaks, stream order).
                if best == nil || c.statistic > best!.statistic * (1 + GrossErrorEngine.tieTolerance) {
                    best = (h, c.statistic, c.numerator, c.variance)
                }
            }
            guard let chosen = best, chosen.statistic > 0 else { break }
            let equivalents = tested.filter { other in
                other.index != chosen.index
                    && abs(other.statistic - chosen.statistic) <= GrossErrorEngine.tieTolerance * Swift.max(chosen.statistic, 1e-300)
                    && abs(abs(engine.conditionalCorrelation(chosen.index, other.index, given: accepted, v1: chosen.variance, v2: other.variance)) - 1) < 1e-6
            }.map(\.index)
            steps.append((chosen.index, chosen.statistic, chosen.numerator, equivalents))
            accepted = engine.accepting(chosen.index, into: accepted)
            gamma = engine.remainingChiSquared(accepted, evidence: evidence)
        }
        let magnitudes = engine.magnitudes(accepted, evidence: evidence)
        let k = accepted.count
        let identified = steps.enumerated().map { i, step in
            Identified(
                hypothesis: step.index, statistic: step.statistic,
                signedStatistic: (step.numerator >= 0 ? 1 : -1) * step.statistic.squareRoot(),
                magnitude: magnitudes[i], magnitudeSigma: Swift.max(0, accepted.inverse[i * k + i]).squareRoot(),
                equivalents: step.equivalents)
        }
        return Outcome(identified: identified, finalChiSquared: gamma, finalDof: engine.dimension - k)
    }

    /// Serial compensation over bias and leak hypotheses.
    func compensation(evidence: GrossErrorEngine.Evidence) -> Outcome {
        var a = evidence.a
        var gamma = evidence.gamma
        var identified: [Identified] = []
        let p = engine.dimension
        var steps = 0
        while p > 0 && gamma > critical[p] && steps < 2 * engine.hypotheses.count {
            steps += 1
            var best: (index: Int, statistic: Double)?
            for h in allCandidates {
                let t = a[h] * a[h] / engine.gram[h, h]
                if best == nil || t > best!.statistic * (1 + GrossErrorEngine.tieTolerance) { best = (h, t) }
            }
            guard let chosen = best, chosen.statistic > 0 else { break }
            let dh = engine.gram[chosen.index, chosen.index]
            let magnitude = a[chosen.index] / dh
            let equivalents = allCandidates.filter { h in
                guard h != chosen.index else { return false }
                let rho = engine.gram[chosen.index, h] / (dh * engine.gram[h, h]).squareRoot()
                return abs(abs(rho) - 1) < 1e-6
            }
            identified.append(Identified(
                hypothesis: chosen.index, statistic: chosen.statistic,
                signedStatistic: (magnitude >= 0 ? 1 : -1) * chosen.statistic.squareRoot(), magnitude: magnitude,
                magnitudeSigma: (1 / dh).squareRoot(), equivalents: equivalents))
            // Compensate: r ← r − f b̂, so a ← a − Γ[:, h] b̂ and γ ← γ − 2 b̂ a_h + b̂² d_h.
            let ah = a[chosen.index]
            gamma = Swift.max(0, gamma - 2 * magnitude * ah + magnitude * magnitude * dh)
            for h in 0..<a.count { a[h] -= engine.gram[h, chosen.index] * magnitude }
        }
        return Outcome(identified: identified, finalChiSquared: gamma, finalDof: p)
    }
}
