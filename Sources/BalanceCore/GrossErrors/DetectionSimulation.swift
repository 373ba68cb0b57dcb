#if canImport(Dispatch)
import Dispatch
#endif
import RealModule

/// Monte Carlo performance of the gross-error strategies (Narasimhan & Jordache 2000, §7.6):
/// for each measurement in turn, `trials` data sets are drawn from the case's σ around true values
/// that satisfy the balances, a bias of `bias` σ is added to that measurement, and each strategy runs.
///
/// Measures (N&J's): **power** = the fraction of injected biases that a strategy identifies (an
/// identification of a hypothesis the data cannot tell apart from the injected one counts as correct);
/// **AVTI** = the average number of type-I errors (wrong identifications) per trial.
///
/// The reduced system (G, S, signatures) is the same for every trial, so a trial costs one residual
/// and a few small solves in the gross-error engine — not a re-solve. Streams are simulated in parallel;
/// each stream has its own generator seeded from (seed, stream index), so results do not depend on
/// the number of threads.
public enum DetectionSimulation {
    /// Settings.
    public struct Options: Sendable, Hashable {
        /// Bias size in units of the biased meter's σ.
        public var bias: Double
        /// Trials per measurement.
        public var trials: Int
        /// Seed of the random numbers.
        public var seed: UInt64
        /// Significance level of the tests.
        public var alpha: Double
        /// Strategies to compare.
        public var strategies: [ReconciliationOptions.GrossErrorStrategy]

        public init(bias: Double = 5, trials: Int = 1000, seed: UInt64 = 1, alpha: Double = 0.05,
                    strategies: [ReconciliationOptions.GrossErrorStrategy] = [.serial, .compensation, .glr]) {
            self.bias = bias
            self.trials = trials
            self.seed = seed
            self.alpha = alpha
            self.strategies = strategies
        }
    }

    /// Results of one strategy.
    public struct StrategyResult: Sendable, Hashable {
        /// Power and AVTI for one biased stream.
        public struct PerStream: Sendable, Hashable {
            public internal(set) var stream: String
            public internal(set) var power: Double
            public internal(set) var averageTypeI: Double
        }

        public internal(set) var strategy: ReconciliationOptions.GrossErrorStrategy
        /// Overall power: correctly identified / injected, over all streams and trials.
        public internal(set) var power: Double
        /// Average number of type-I errors per trial, over all streams and trials.
        public internal(set) var averageTypeI: Double
        /// Fraction of trials in which the strategy identified anything (with no bias: its false-alarm rate,
        /// α for elimination and GLR, whose detection is the global test).
        public internal(set) var detectionRate: Double
        /// By biased stream (redundant measurements only: a bias elsewhere cannot be seen).
        public internal(set) var perStream: [PerStream]
    }

    /// The simulation's results and what it was run on.
    public struct Result: Sendable {
        public internal(set) var strategies: [StrategyResult]
        /// Streams biased in turn (the redundant measurements).
        public internal(set) var simulatedStreams: [String]
        /// Trials in all (streams × trials).
        public internal(set) var totalTrials: Int
        /// |G x* − h| relative to the residual scale: how well the true values satisfy the balances.
        public internal(set) var truthResidual: Double
    }

    /// Runs the simulation.
    /// - Parameters:
    ///   - model: the case; every measured stream needs σ > 0.
    ///   - options: bias size, trials, seed, α and strategies.
    ///   - truth: true values in model order for the measured streams; `nil` = the case's reconciled values.
    public static func run(
        model: BalanceModel, truth: [Double?]? = nil, options: Options
    ) throws(ReconciliationError) -> Result {
        guard options.trials > 0, options.bias.isFinite else { throw .invalidOption("trials must be positive and the bias finite") }
        let problem: LinearProblem
        do { problem = try LinearProblem(model: model) } catch { throw .invalidModel(error) }
        let solution = try Reconciler.solve(problem, model: model, options: .init(alpha: options.alpha, grossErrors: .none))
        let p = solution.reduced.dimension
        let (hypotheses, signatures) = GrossErrorIdentification.hypotheses(model: model, problem: problem, solution: solution, leaks: true)
        let engine: GrossErrorEngine
        do { engine = try GrossErrorEngine(reduced: solution.reduced, signatures: signatures, hypotheses: hypotheses) } catch { throw .numerical(error) }
        let strategies = IdentificationStrategies(engine: engine, alpha: options.alpha)

        // Bias hypotheses come first, one per measured stream, in model order.
        let measured = (0..<model.streams.count).filter { if case .measured = problem.roles[$0] { return true } else { return false } }
        let sigma = measured.map { problem.sigma($0)! }
        // r = G y − h. With y = x* + noise: r = (G x* − h) + G noise; G x* − h from the base residual.
        var baseValues = measured.map { problem.value($0)! }
        let truthValues = measured.map { j in truth?[j] ?? solution.values[j]! }
        var truthResidual = solution.reduced.residual
        for (k, _) in measured.enumerated() {
            let delta = truthValues[k] - baseValues[k]
            guard delta != 0 else { continue }
            for i in 0..<p { truthResidual[i] += signatures[k][i] * delta }
        }
        baseValues = truthValues
        let scale = Swift.max(1e-300, zip(signatures.prefix(measured.count), sigma).map { f, s in f.map { abs($0) * s }.max() ?? 0 }.max() ?? 1)
        let truthError = (truthResidual.map(abs).max() ?? 0) / scale

        // Which bias hypotheses are testable (redundant): a bias elsewhere is invisible.
        let simulated = (0..<measured.count).filter { engine.gram[$0, $0] > 0 }
        // Equivalence classes (unconditional): parallel signatures.
        let equivalent: @Sendable (Int, Int) -> Bool = { h1, h2 in
            let d = engine.gram[h1, h1] * engine.gram[h2, h2]
            return d > 0 && abs(abs(engine.gram[h1, h2]) / d.squareRoot() - 1) < 1e-6
        }

        struct Tally: Sendable { var correct = 0; var wrong = 0; var detections = 0 }
        let strategyCount = options.strategies.count
        var tallies = [[Tally]](repeating: [Tally](repeating: Tally(), count: strategyCount), count: simulated.count)
        let signatureList = signatures, residualAtTruth = truthResidual, measuredCount = measured.count
        let work: @Sendable (Int) -> [Tally] = { slot in
            let target = simulated[slot]
            var rng = Xoshiro256(seed: options.seed, stream: UInt64(target))
            var local = [Tally](repeating: Tally(), count: strategyCount)
            var r = [Double](repeating: 0, count: p)
            for _ in 0..<options.trials {
                for i in 0..<p { r[i] = residualAtTruth[i] + signatureList[target][i] * options.bias * sigma[target] }
                for (k, f) in signatureList.prefix(measuredCount).enumerated() {
                    let e = sigma[k] * rng.nextNormal()
                    for i in 0..<p where f[i] != 0 { r[i] += f[i] * e }
                }
                let evidence = engine.evidence(residual: r)
                for (s, strategy) in options.strategies.enumerated() {
                    let outcome: IdentificationStrategies.Outcome
                    switch strategy {
                    case .serial: outcome = strategies.serial(evidence: evidence, leaks: false)
                    case .glr: outcome = strategies.serial(evidence: evidence, leaks: true)
                    case .compensation: outcome = strategies.compensation(evidence: evidence)
                    case .none: outcome = .init(identified: [], finalChiSquared: 0, finalDof: 0)
                    }
                    if !outcome.identified.isEmpty { local[s].detections += 1 }
                    var found = false
                    var seen = Set<Int>()
                    for item in outcome.identified where seen.insert(item.hypothesis).inserted {
                        let members = [item.hypothesis] + item.equivalents
                        if members.contains(target) || equivalent(item.hypothesis, target) {
                            found = true
                        } else {
                            local[s].wrong += 1
                        }
                    }
                    if found { local[s].correct += 1 }
                }
            }
            return local
        }
        #if canImport(Dispatch)
        let box = TallyBox(count: simulated.count, strategies: strategyCount)
        DispatchQueue.concurrentPerform(iterations: simulated.count) { slot in
            box.set(slot, work(slot).map { [$0.correct, $0.wrong, $0.detections] })
        }
        for slot in 0..<simulated.count {
            tallies[slot] = box.get(slot).map { Tally(correct: $0[0], wrong: $0[1], detections: $0[2]) }
        }
        #else
        for slot in 0..<simulated.count { tallies[slot] = work(slot) }
        #endif

        let trials = Double(options.trials)
        let results = options.strategies.enumerated().map { s, strategy -> StrategyResult in
            let perStream = simulated.enumerated().map { slot, k in
                StrategyResult.PerStream(
                    stream: model.streams[measured[k]].id, power: Double(tallies[slot][s].correct) / trials,
                    averageTypeI: Double(tallies[slot][s].wrong) / trials)
            }
            let total = Double(Swift.max(1, simulated.count)) * trials
            return StrategyResult(
                strategy: strategy, power: Double(tallies.map { $0[s].correct }.reduce(0, +)) / total,
                averageTypeI: Double(tallies.map { $0[s].wrong }.reduce(0, +)) / total,
                detectionRate: Double(tallies.map { $0[s].detections }.reduce(0, +)) / total, perStream: perStream)
        }
        return Result(
            strategies: results, simulatedStreams: simulated.map { model.streams[measured[$0]].id },
            totalTrials: simulated.count * options.trials, truthResidual: truthError)
    }
}

/// Results written by parallel workers, one slot each (slots never overlap).
private final class TallyBox: @unchecked Sendable {
    private var slots: [[[Int]]]
    private let lock = Lock()
    init(count: Int, strategies: Int) { slots = Array(repeating: Array(repeating: [0, 0, 0], count: strategies), count: count) }
    func set(_ slot: Int, _ value: [[Int]]) { lock.withLock { slots[slot] = value } }
    func get(_ slot: Int) -> [[Int]] { lock.withLock { slots[slot] } }
}

/// xoshiro256** (Blackman & Vigna 2018) seeded by SplitMix64, with polar Box–Muller normals.
struct Xoshiro256: RandomNumberGenerator, Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)
    private var spare: Double?

    init(seed: UInt64, stream: UInt64 = 0) {
        var x = seed &+ 0x9E37_79B9_7F4A_7C15 &* (stream &+ 1)
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitmix(), splitmix(), splitmix(), splitmix())
    }

    mutating func next() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = s.3 << 45 | s.3 >> 19
        return result
    }

    /// A uniform double in (−1, 1).
    private mutating func symmetricUniform() -> Double {
        Double(Int64(bitPattern: next()) >> 11) * 0x1.0p-52
    }

    /// A standard normal deviate (Marsaglia's polar method).
    mutating func nextNormal() -> Double {
        if let value = spare {
            spare = nil
            return value
        }
        while true {
            let u = symmetricUniform(), v = symmetricUniform()
            let q = u * u + v * v
            if q > 0 && q < 1 {
                let factor = (-2 * Double.log(q) / q).squareRoot()
                spare = v * factor
                return u * factor
            }
        }
    }
}
