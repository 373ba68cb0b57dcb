import TestSupport
import BalanceCore
import Testing
@testable import BalanceStandards

/// First-order uncertainty of the water indicators against Monte Carlo.
///
/// The propagation (``WaterRatio/standardUncertainty(_:covariance:)``) uses the reconciled covariance and the
/// gradient of each indicator at the reconciled values. The Monte Carlo experiment is independent of both:
/// it draws every measurement from N(true value, σ²), reconciles each sample from scratch and computes the
/// indicators from the reconciled values, then takes the sample standard deviation.
///
/// Sampling error: for N normal samples the relative standard error of a standard deviation is
/// 1/√(2(N − 1)) = 1.29 % for N = 3 000. The comparison allows 4 of those (5.2 %); the generator is seeded,
/// so the test is repeatable. Every indicator is linear in its numerator; the linearisation error comes from
/// the denominators, whose coefficients of variation here are ≤ 1.5 %, so it is of order CV² ≈ 0.02 %, far
/// below the allowance.
///
/// Observed: with this seed and N = 3 000 the ratios MC σ / first-order σ are 0.979 (R), 0.989 (r_c), 0.987 (r_g),
/// 1.003 (r_b), 0.968 (K_l), 0.962 (K_d), 0.983 (V_uf) — all within 3 standard errors; a run with
/// N = 8 000 (seed 7; SE 0.79 %) gave 0.992 (R), 1.009 (r_c), 1.000 (r_g), 0.999 (r_b), 1.005 (K_l), 1.010 (K_d),
/// 0.998 (V_uf). Measurements are drawn from normal distributions; only their covariance enters both methods.
@Suite("Water balance — indicator uncertainty vs Monte Carlo")
struct WaterUncertaintyTests {
    static let samples = 3_000
    static var relativeStandardError: Double { 1 / (2 * Double(samples - 1)).squareRoot() }

    @Test func firstOrderSigmaMatchesMonteCarlo() throws {
        let truth = try WaterFixtures.dyeingPlant()
        let production = WaterProduction(quantity: 250, unit: "t")
        // The first-order figures at the true values. With the true values as measurements the
        // reconciliation closes every balance without adjustment, so this is the linearisation point.
        // An output value and a staff count, so that V_wf and V_lf are checked against the Monte Carlo too.
        var figures = WaterBalanceParameters()
        figures.outputValue = 12.5
        figures.staff = 420
        let reference = try WaterBalance.analyze(truth, parameters: figures, production: production, mode: .reconciled)

        var generator = SeededGenerator(seed: 20_241_122)
        var sums = [WaterIndicator: (n: Int, sum: Double, sumSquares: Double)]()
        var intakeSamples: [Double] = []
        for _ in 0..<Self.samples {
            let sample = truth.mapStreams { stream in
                var s = stream
                if let v = s.value, let sigma = s.sigma { s.value = v + sigma * generator.normal() }
                return s
            }
            // Noise on the small consumption streams can draw a negative reading: a simulation, not audit data.
            var parameters = figures
            parameters.negativeReadingsAllowed = true
            let result = try WaterBalance.analyze(sample, parameters: parameters, production: production, mode: .reconciled)
            for r in result.indicators {
                guard let v = r.value else { continue }
                var acc = sums[r.indicator] ?? (0, 0, 0)
                acc.n += 1
                acc.sum += v
                acc.sumSquares += v * v
                sums[r.indicator] = acc
            }
            intakeSamples.append(result.total("intake")!.value)
        }
        let allowance = 4 * Self.relativeStandardError
        var checked = 0
        // The GB/T 7119 indicators this plant cannot have (no treatment station; no sources, so no metering rate) and
        // the exact ones (no non-conventional water: 0 ± 0) are left out.
        for r in reference.indicators where r.value != nil && r.sigma != 0 {
            checked += 1
            let sigma = try #require(r.sigma, "\(r.indicator.rawValue) has a first-order σ")
            let acc = try #require(sums[r.indicator])
            #expect(acc.n == Self.samples)
            let mean = acc.sum / Double(acc.n)
            let sd = ((acc.sumSquares - Double(acc.n) * mean * mean) / Double(acc.n - 1)).squareRoot()
            #expect(abs(sd / sigma - 1) <= allowance,
                    "\(r.indicator.rawValue): first-order σ \(sigma), Monte Carlo \(sd) (allowance \(allowance))")
            // The mean lies within 4 standard errors of the value at the truth (unbiased to first order).
            #expect(abs(mean - r.value!) <= 4 * sigma / Double(acc.n).squareRoot() + 1e-3 * sigma,
                    "\(r.indicator.rawValue): mean \(mean) vs \(r.value!)")
        }
        #expect(checked >= 6, "the GB/T 12452 ratios of the plant")
        // A linear quantity: the enterprise intake.
        let n = Double(intakeSamples.count)
        let mean = intakeSamples.reduce(0, +) / n
        let sd = (intakeSamples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)).squareRoot()
        let sigma = try #require(reference.total("intake")?.sigma)
        #expect(abs(sd / sigma - 1) <= allowance, "intake: σ \(sigma), Monte Carlo \(sd)")
    }

    @Test func sigmaFollowsRedundancy() throws {
        let result = try WaterBalance.analyze(try WaterFixtures.dyeingPlant(), mode: .reconciled)
        let model = result.network.model
        // The boundary meter W01 is nonredundant (the network's leakage W07 is unmeasured): the intake keeps
        // the meter's σ.
        let meterSigma = try #require(model.stream("W01")?.sigma)
        #expect(waterClose(result.total("intake")?.sigma, meterSigma, relative: 1e-9))
        // The outfall W22 is checked by the wastewater plant's balance: reconciliation narrows it.
        let outfallSigma = try #require(model.stream("W22")?.sigma)
        let discharge = try #require(result.total("discharge")?.sigma)
        #expect(discharge < outfallSigma)
        #expect(discharge > 0)
    }

    @Test func exactIndicatorHasNoSigma() throws {
        let result = try WaterBalance.analyze(try WaterFixtures.dyeingPlant(), mode: .exact)
        #expect(result.indicators.allSatisfy { $0.sigma == nil })
        #expect(result.indicator(.repeatUtilizationRate).value != nil)
    }

    @Test func ratioGradientMatchesFiniteDifferences() throws {
        // R = V_r/(V_f + V_r) on a two-stream covariance: analytic vs numeric gradient.
        let ratio = WaterRatio(.stream(1), over: .stream(0) + .stream(1))
        let values: [Double?] = [428, 4992]
        let covariance = Matrix([[16, 3], [3, 100]])
        let sigma = try #require(ratio.standardUncertainty(values, covariance: covariance))
        let h = 1e-3
        func f(_ x0: Double, _ x1: Double) -> Double { x1 / (x0 + x1) }
        let g0 = (f(428 + h, 4992) - f(428 - h, 4992)) / (2 * h)
        let g1 = (f(428, 4992 + h) - f(428, 4992 - h)) / (2 * h)
        let numeric = (g0 * g0 * 16 + 2 * g0 * g1 * 3 + g1 * g1 * 100).squareRoot()
        #expect(waterClose(sigma, numeric, relative: 1e-6))
    }
}
