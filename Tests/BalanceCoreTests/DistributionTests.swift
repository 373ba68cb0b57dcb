import Testing
import BalanceCore

// Reference values: computed with mpmath 1.3.0 at mp.mp.dps = 50 for the exact double inputs written here, printed
// with 17 significant digits (mp.nstr(v, 17)). The expressions:
//   Φ(x)          mp.ncdf(x)
//   Φ⁻¹(p)        mp.findroot(lambda x: mp.log(mp.ncdf(x)) - mp.log(p), x0) for p < ½,
//                 −Φ⁻¹(1 − p) for p > ½
//   P(a, x)       x < a: mp.exp(a*mp.log(x) - x - mp.loggamma(a+1)) * mp.hyp1f1(1, a+1, x, maxterms=10**7)
//                 x ≥ a: 1 − Q(a, x)
//   Q(a, x)       x ≥ a: mp.gammainc(a, x, mp.inf, regularized=True) (Legendre continued fraction at 70 digits
//                 where mpmath's series gives up); x < a: 1 − P(a, x)
//                 (spot-checked against mp.quad of the integrand and against the same at mp.dps = 90)
//   χ² cdf, sf    P(k/2, x/2), Q(k/2, x/2);  density  x**(k/2-1) * mp.exp(-x/2) / (2**(k/2) * mp.gamma(k/2))
//   χ² quantiles  x = exp(u) with mp.findroot(lambda u: mp.log(T(mp.exp(u))) - mp.log(t), (u0 - 1e-4, u0 + 1e-4)),
//                 T = Q and t = α for upper quantiles with α ≤ ½, otherwise T = P and t = 1 − α (resp. p)
// The requirement is 1e-10 relative; the implementation measures about 1e-13 or better on all of these.

/// The relative tolerance of every comparison with a reference value.
private let tolerance = 1e-10

/// |actual − expected| / |expected| (0 when both are 0; infinite when only expected is 0).
private func relativeError(_ actual: Double, _ expected: Double) -> Double {
    if actual == expected { return 0 }
    return Swift.abs(actual - expected) / Swift.abs(expected)
}

/// The distribution tests, grouped so that `swift test --filter DistributionTests` runs all of them.
@Suite("Probability distributions")
struct DistributionTests {}

extension DistributionTests {
    @Suite("Normal distribution")
    struct NormalDistributionTests {
        /// (x, Φ(x)).
        static let cdfCases: [(Double, Double)] = [
            (-37.5, 4.6053530095819548e-308),
            (-30.0, 4.9067139271481871e-198),
            (-20.0, 2.7536241186062337e-89),
            (-10.0, 7.6198530241605261e-24),
            (-8.0, 6.2209605742717841e-16),
            (-5.0, 2.8665157187919391e-7),
            (-3.0, 0.0013498980316300945),
            (-1.959963984540054, 0.025000000000000011),
            (-1.0, 0.15865525393145705),
            (-0.5, 0.30853753872598690),
            (-1e-08, 0.49999999601057720),
            (0.0, 0.50000000000000000),
            (1e-08, 0.50000000398942280),
            (0.5, 0.69146246127401310),
            (1.0, 0.84134474606854295),
            (1.6448536269514722, 0.94999999999999995),
            (1.959963984540054, 0.97499999999999999),
            (3.0, 0.99865010196836991),
            (5.0, 0.99999971334842812),
            (8.0, 0.99999999999999938),
        ]

        /// (p, Φ⁻¹(p)), including both tails and both sides of the AS 241 region boundaries |p − ½| = 0.425.
        static let quantileCases: [(Double, Double)] = [
            (1e-300, -37.047096299361199),
            (1e-200, -30.205594179579643),
            (1e-100, -21.273453560965324),
            (1e-50, -14.933337534788489),
            (1e-20, -9.2623400897984076),
            (1e-10, -6.3613409024040562),
            (1e-05, -4.2648907939228246),
            (0.001, -3.0902323061678135),
            (0.01, -2.3263478740408411),
            (0.025, -1.9599639845400542),
            (0.05, -1.6448536269514727),
            (0.0749, -1.4402382675279637),
            (0.0751, -1.4388253927525400),
            (0.1, -1.2815515655446004),
            (0.25, -0.67448975019608174),
            (0.4, -0.25334710313579974),
            (0.49, -0.025068908258711058),
            (0.5, 0.0),
            (0.51, 0.025068908258711058),
            (0.6, 0.25334710313579974),
            (0.75, 0.67448975019608174),
            (0.9, 1.2815515655446006),
            (0.95, 1.6448536269514723),
            (0.975, 1.9599639845400539),
            (0.99, 2.3263478740408408),
            (0.999, 3.0902323061678133),
            (0.99999, 4.2648907939238408),
            (0.9999999999, 6.3613408896974219),
        ]

        /// (q, Φ⁻¹(1 − q)).
        static let upperQuantileCases: [(Double, Double)] = [
            (1e-300, 37.047096299361199),
            (1e-100, 21.273453560965324),
            (1e-20, 9.2623400897984076),
            (1e-12, 7.0344838253011319),
            (1e-06, 4.7534243088228990),
            (0.0005, 3.2905267314918948),
            (0.025, 1.9599639845400542),
            (0.05, 1.6448536269514727),
            (0.3, 0.52440051270804082),
        ]

        /// (m, β = 1 − 0.95^(1/m) rounded to double, Φ⁻¹(1 − β/2)): Šidák-corrected two-sided critical values
        /// for m simultaneous tests at overall α = 0.05 (m = 24 is a typical network of measured streams).
        static let sidakCases: [(Int, Double, Double)] = [
            (1, 0.050000000000000044, 1.9599639845400539),
            (2, 0.02532056551910363, 2.2364766445577920),
            (5, 0.010206218313011505, 2.5687631680113970),
            (24, 0.0021349383697015466, 3.0707891774990095),
            (100, 0.0005128014162622926, 3.4739788691540481),
            (1000, 5.129197890901785e-05, 4.0496605495544256),
        ]

        @Test("Φ matches mpmath", arguments: cdfCases)
        func cdf(x: Double, expected: Double) {
            #expect(relativeError(NormalDistribution.cdf(x), expected) <= tolerance)
        }

        @Test("1 − Φ(x) = Φ(−x) matches mpmath", arguments: cdfCases)
        func survival(x: Double, expected: Double) {
            #expect(relativeError(NormalDistribution.survival(-x), expected) <= tolerance)
        }

        @Test("Φ⁻¹ matches mpmath", arguments: quantileCases)
        func quantile(p: Double, expected: Double) {
            #expect(relativeError(NormalDistribution.quantile(p), expected) <= tolerance)
        }

        @Test("Φ⁻¹(1 − q) matches mpmath", arguments: upperQuantileCases)
        func upperQuantile(q: Double, expected: Double) {
            #expect(relativeError(NormalDistribution.upperQuantile(q), expected) <= tolerance)
        }

        @Test("Šidák critical values Φ⁻¹(1 − β/2)", arguments: sidakCases)
        func sidak(m: Int, beta: Double, expected: Double) {
            #expect(relativeError(NormalDistribution.upperQuantile(beta / 2), expected) <= tolerance)
        }

        @Test("Density φ(x) = exp(−x²/2)/√(2π)")
        func density() {
            // mp.npdf(x)
            #expect(relativeError(NormalDistribution.density(0), 0.39894228040143268) <= tolerance)
            #expect(relativeError(NormalDistribution.density(-1.5), 0.12951759566589173) <= tolerance)
            #expect(relativeError(NormalDistribution.density(30), 1.4736461348785475e-196) <= tolerance)
            #expect(NormalDistribution.density(.infinity) == 0)
            #expect(NormalDistribution.density(.nan).isNaN)
        }

        @Test("Round trip: Φ⁻¹(Φ(x)) = x on the lower side, Φ⁻¹(1 − (1 − Φ(x))) = x on the upper side")
        func roundTrip() {
            for step in -148...148 {
                let x = Double(step) / 4  // −37 … 37
                let back = x <= 0
                    ? NormalDistribution.quantile(NormalDistribution.cdf(x))
                    : NormalDistribution.upperQuantile(NormalDistribution.survival(x))
                #expect(Swift.abs(back - x) <= tolerance * Swift.max(Swift.abs(x), 1), "x = \(x)")
            }
        }

        @Test("Symmetry and monotonicity")
        func symmetry() {
            var previous = 0.0
            for step in -80...80 {
                let x = Double(step) / 10
                let value = NormalDistribution.cdf(x)
                #expect(Swift.abs(value + NormalDistribution.cdf(-x) - 1) <= 4 * Double.ulpOfOne)
                #expect(value >= previous)
                previous = value
                // For p ≥ ½ both p − ½ and 1 − p are exact, so the reflection is exact too.
                let p = 0.5 + Double(step + 80) / 322
                if p < 1 { #expect(NormalDistribution.quantile(p) == -NormalDistribution.quantile(1 - p)) }
            }
        }

        @Test("Edge cases and invalid input")
        func edgeCases() {
            #expect(NormalDistribution.cdf(-.infinity) == 0)
            #expect(NormalDistribution.cdf(.infinity) == 1)
            #expect(NormalDistribution.cdf(-40) == 0)  // Φ(−40) ≈ 3.7e-350 underflows
            #expect(NormalDistribution.cdf(.nan).isNaN)
            #expect(NormalDistribution.survival(.nan).isNaN)
            #expect(NormalDistribution.quantile(0) == -.infinity)
            #expect(NormalDistribution.quantile(1) == .infinity)
            #expect(NormalDistribution.quantile(0.5) == 0)
            #expect(NormalDistribution.quantile(-0.1).isNaN)
            #expect(NormalDistribution.quantile(1.1).isNaN)
            #expect(NormalDistribution.quantile(.nan).isNaN)
            #expect(NormalDistribution.upperQuantile(0) == .infinity)
            #expect(NormalDistribution.upperQuantile(1) == -.infinity)
            #expect(NormalDistribution.upperQuantile(2).isNaN)
            // The smallest subnormal probability still gives a finite, sensible quantile (≈ −38.48).
            let extreme = NormalDistribution.quantile(.leastNonzeroMagnitude)
            #expect(extreme < -38.4 && extreme > -38.5)
        }
    }
}

extension DistributionTests {
    @Suite("Regularized incomplete gamma functions")
    struct IncompleteGammaTests {
        /// (a, x, P(a, x), Q(a, x)): both methods' regions, both sides of the switches x = a + 1 and
        /// |x − a| = 0.3a (a ≥ 20, Temme's expansion), large a up to 10⁶, and Q down to 1e-292.
        static let cases: [(Double, Double, Double, Double)] = [
            (0.5, 0.01, 0.11246291601828489, 0.88753708398171511),
            (0.5, 2.0, 0.95449973610364159, 0.045500263896358414),
            (1.0, 1.0, 0.63212055882855768, 0.36787944117144232),
            (2.5, 0.1, 0.00088613878881244261, 0.99911386121118756),
            (3.0, 50.0, 1.0000000000000000, 2.5093035522010570e-19),
            (7.0, 64.2380905, 1.0000000000000000, 1.3583770359986386e-20),
            (10.0, 3.0, 0.0011024881301154797, 0.99889751186988452),
            (19.5, 40.0, 0.99988025122645052, 0.00011974877354948244),
            (20.0, 20.0, 0.52974273316076001, 0.47025726683923999),
            (20.0, 14.5, 0.098775989091187899, 0.90122401090881210),
            (20.0, 25.5, 0.88597073019997262, 0.11402926980002738),
            (19.99, 19.99, 0.52975017483393864, 0.47024982516606136),
            (100.0, 69.99, 0.00042840837950644988, 0.99957159162049355),
            (100.0, 70.0, 0.00043037259497989086, 0.99956962740502011),
            (100.0, 99.0, 0.47330433039946099, 0.52669566960053901),
            (100.0, 130.0, 0.99724959163269347, 0.0027504083673065263),
            (100.0, 130.01, 0.99725669702111755, 0.0027433029788824485),
            (100.0, 150.0, 0.99999407545966452, 5.9245403354839158e-6),
            (1000.0, 700.0, 1.0158583345333216e-26, 1.0000000000000000),
            (1000.0, 1050.0, 0.94132888862268192, 0.058671111377318077),
            (100000.0, 100000.0, 0.50042052211036518, 0.49957947788963482),
            (100000.0, 99000.0, 0.00075741992117476797, 0.99924258007882523),
            (100000.0, 101500.0, 0.99999882631548628, 1.1736845137221691e-6),
            (100000.0, 110000.0, 1.0000000000000000, 2.6554004793766945e-206),
            (100000.0, 112000.0, 1.0000000000000000, 1.9492856189223857e-292),
            (1000000.0, 1005000.0, 0.99999970125098599, 2.9874901401146349e-7),
        ]

        @Test("P and Q match mpmath", arguments: cases)
        func values(a: Double, x: Double, lower: Double, upper: Double) {
            let (p, q) = IncompleteGamma.regularized(a, x)
            #expect(relativeError(p, lower) <= tolerance)
            #expect(relativeError(q, upper) <= tolerance)
            #expect(IncompleteGamma.lowerRegularized(a, x) == p)
            #expect(IncompleteGamma.upperRegularized(a, x) == q)
        }

        @Test("Edge cases and invalid input")
        func edgeCases() {
            #expect(IncompleteGamma.lowerRegularized(3, 0) == 0)
            #expect(IncompleteGamma.upperRegularized(3, 0) == 1)
            #expect(IncompleteGamma.lowerRegularized(3, .infinity) == 1)
            #expect(IncompleteGamma.upperRegularized(3, .infinity) == 0)
            #expect(IncompleteGamma.lowerRegularized(0, 1).isNaN)
            #expect(IncompleteGamma.lowerRegularized(-1, 1).isNaN)
            #expect(IncompleteGamma.upperRegularized(.infinity, 1).isNaN)
            #expect(IncompleteGamma.upperRegularized(2, -1).isNaN)
            #expect(IncompleteGamma.upperRegularized(.nan, 1).isNaN)
            #expect(IncompleteGamma.upperRegularized(2, .nan).isNaN)
        }
    }
}

extension DistributionTests {
    @Suite("Chi-squared distribution")
    struct ChiSquaredDistributionTests {
        /// (ν, x, cdf, survival, density), including the far upper tails of a global test.
        /// Note: survival(221.334311) for ν = 4 is 9.6781086178519202e-47 and survival(128.476181) for ν = 14 is
        /// 1.3583770359986386e-20 for these inputs; 9.678106912566173e-47 and 1.358377299199983e-20 belong to the
        /// unrounded statistics 221.33431136 and 128.47618057.
        static let distributionCases: [(Double, Double, Double, Double, Double)] = [
            (1, 1e-08, 7.9788455947305776e-5, 0.99992021154405269, 3989.4227840672128),
            (1, 0.5, 0.52049987781304654, 0.47950012218695346, 0.43939128946772240),
            (1, 1.0, 0.68268949213708590, 0.31731050786291410, 0.24197072451914335),
            (1, 3.841458820694124, 0.94999999999999994, 0.050000000000000057, 0.029819461105429836),
            (1, 10.0, 0.99843459774199745, 0.0015654022580025497, 0.00085003666025203418),
            (1, 50.0, 0.99999999999846254, 1.5374597944280349e-12, 7.8354332655086677e-13),
            (1, 200.0, 1.0000000000000000, 2.0884875837625448e-45, 1.0494140578386042e-45),
            (1, 1000.0, 1.0000000000000000, 1.7958327848007262e-219, 8.9881252187332347e-220),
            (2, 1e-08, 4.9999999875000001e-9, 0.99999999500000001, 0.49999999750000001),
            (2, 1.0, 0.39346934028736658, 0.60653065971263342, 0.30326532985631671),
            (2, 2.0, 0.63212055882855768, 0.36787944117144232, 0.18393972058572116),
            (2, 5.991464547107979, 0.94999999999999993, 0.050000000000000074, 0.025000000000000037),
            (2, 20.0, 0.99995460007023752, 4.5399929762484852e-5, 2.2699964881242426e-5),
            (2, 100.0, 1.0000000000000000, 1.9287498479639178e-22, 9.6437492398195889e-23),
            (2, 700.0, 1.0000000000000000, 9.9295903962649793e-153, 4.9647951981324896e-153),
            (3, 0.01, 0.00026516505865560984, 0.99973483494134439, 0.039695254747701177),
            (3, 1.0, 0.19874804309879920, 0.80125195690120080, 0.24197072451914335),
            (3, 3.0, 0.60837482372891104, 0.39162517627108896, 0.15418032980376928),
            (3, 7.814727903251178, 0.94999999999999996, 0.050000000000000038, 0.022408892510634357),
            (3, 30.0, 0.99999861994296871, 1.3800570312932547e-6, 6.6842620035748988e-7),
            (3, 300.0, 1.0000000000000000, 9.9487583463277089e-65, 4.9579073612472842e-65),
            (4, 0.01, 1.2458411354275081e-5, 0.99998754158864572, 0.0024875311979817058),
            (4, 2.0, 0.26424111765711536, 0.73575888234288464, 0.18393972058572116),
            (4, 4.0, 0.59399415029016192, 0.40600584970983808, 0.13533528323661269),
            (4, 9.487729036781154, 0.94999999999999994, 0.050000000000000057, 0.020647529651864973),
            (4, 50.0, 0.99999999963891346, 3.6108654048906454e-10, 1.7359929831205026e-10),
            (4, 221.334311, 1.0000000000000000, 9.6781086178519202e-47, 4.7957196839213323e-47),
            (4, 600.0, 1.0000000000000000, 1.5496082669460161e-128, 7.7223003336180207e-129),
            (6, 0.1, 2.0067493624397946e-5, 0.99997993250637560, 0.00059451839031294632),
            (6, 3.0, 0.19115316946194187, 0.80884683053805813, 0.12551071508349178),
            (6, 6.0, 0.57680991887315648, 0.42319008112684352, 0.11202090382769387),
            (6, 12.591587243743977, 0.94999999999999995, 0.050000000000000052, 0.018273113258835832),
            (6, 50.0, 0.99999999529893100, 4.7010689982903210e-9, 2.1699912289006282e-9),
            (6, 400.0, 1.0000000000000000, 2.7956093736608835e-83, 1.3838965267367375e-83),
            (14, 1.0, 1.0023796028843001e-6, 0.99999899762039712, 6.5812788597290953e-6),
            (14, 10.0, 0.23781653702706129, 0.76218346297293871, 0.073111404069937794),
            (14, 14.0, 0.55028894415130115, 0.44971105584869885, 0.074501389837168943),
            (14, 23.684791304840576, 0.94999999999999995, 0.050000000000000045, 0.013778052133355220),
            (14, 60.0, 0.99999988268057998, 1.1731942002346961e-7, 4.7372966279753384e-8),
            (14, 128.476181, 1.0000000000000000, 1.3583770359986386e-20, 6.1680092051290206e-21),
            (14, 300.0, 1.0000000000000000, 1.1820821840890872e-55, 5.6756130256476293e-56),
            (100, 50.0, 6.9533052476160990e-6, 0.99999304669475238, 3.6021642652022016e-6),
            (100, 90.0, 0.24680203440017027, 0.75319796559982973, 0.023934624893104783),
            (100, 100.0, 0.51880831547204328, 0.48119168452795672, 0.028162503162595413),
            (100, 124.34211340400407, 0.94999999999999991, 0.050000000000000093, 0.0063116437422302003),
            (100, 200.0, 0.99999998821549928, 1.1784500720979422e-8, 3.0578554087971834e-9),
            (100, 400.0, 1.0000000000000000, 1.6927979958857088e-37, 6.4038115496278650e-38),
            (1000, 800.0, 8.1093810787991598e-7, 0.99999918906189212, 1.0511734541705926e-7),
            (1000, 950.0, 0.13087593425431157, 0.86912406574568843, 0.0049177197123819337),
            (1000, 1000.0, 0.50594714617076036, 0.49405285382923964, 0.0089191339347558895),
            (1000, 1074.6794488106157, 0.95000000001577183, 0.049999999984228167, 0.0021982618812609359),
            (1000, 1300.0, 0.99999999961102635, 3.8897364994868525e-10, 4.6119352488303810e-11),
            (1000, 2000.0, 1.0000000000000000, 4.1436785914549917e-69, 1.0400388688838821e-69),
            (5000, 4500.0, 1.1679887350324446e-7, 0.99999988320112650, 6.7072910793511699e-9),
            (5000, 4900.0, 0.15863888966777125, 0.84136111033222875, 0.0024523521861918417),
            (5000, 5000.0, 0.50265962110765488, 0.49734037889234512, 0.0039892898254712236),
            (5000, 5100.0, 0.84136065138059605, 0.15863934861940395, 0.0023878152812052058),
            (5000, 5500.0, 0.99999937969800547, 6.2030199453285956e-7, 2.9349136217387090e-8),
            (5000, 6500.0, 1.0000000000000000, 3.6294973184379173e-43, 4.2118372059785875e-44),
        ]

        /// (ν, α, χ²₁₋α(ν)), the critical values of the global test.
        static let upperQuantileCases: [(Double, Double, Double)] = [
            (1, 1e-300, 1373.8726312223941),
            (1, 1e-12, 50.844127911818156),
            (1, 1e-06, 23.928126976934829),
            (1, 0.01, 6.6348966010212151),
            (1, 0.05, 3.8414588206941259),
            (1, 0.5, 0.45493642311957275),
            (1, 0.95, 0.0039321400000195297),
            (1, 0.999999999999, 1.5707268301301795e-24),
            (2, 1e-300, 1381.5510557964274),
            (2, 1e-12, 55.262042231857096),
            (2, 1e-06, 27.631021115928548),
            (2, 0.01, 9.2103403719761827),
            (2, 0.05, 5.9914645471079819),
            (2, 0.5, 1.3862943611198906),
            (2, 0.95, 0.10258658877510116),
            (2, 0.999999999999, 1.9999557565607569e-12),
            (3, 1e-300, 1388.3367738546858),
            (3, 1e-12, 58.919755683202153),
            (3, 1e-06, 30.664849706213599),
            (3, 0.01, 11.344866730144372),
            (3, 0.05, 7.8147279032511798),
            (3, 0.5, 2.3659738843753383),
            (3, 0.95, 0.35184631774927162),
            (3, 0.999999999999, 2.4179522825513679e-8),
            (4, 1e-300, 1394.6484227587052),
            (4, 1e-12, 62.199746391538301),
            (4, 1e-06, 33.376841581719839),
            (4, 0.01, 13.276704135987624),
            (4, 0.05, 9.4877290367811566),
            (4, 0.5, 3.3566939800333213),
            (4, 0.95, 0.71072302139732446),
            (4, 0.999999999999, 2.8283971730412527e-6),
            (6, 1e-300, 1406.3929952009227),
            (6, 1e-12, 68.104748380151383),
            (6, 1e-06, 38.258336377209686),
            (6, 0.01, 16.811893829770931),
            (6, 0.05, 12.591587243743979),
            (6, 0.5, 5.3481206274471206),
            (6, 0.95, 1.6353828943279073),
            (6, 0.999999999999, 0.00036343794913393703),
            (14, 1e-300, 1447.4218852091626),
            (14, 1e-12, 87.768345790092586),
            (14, 1e-06, 54.635305530038817),
            (14, 0.01, 29.141237740672797),
            (14, 0.05, 23.684791304840580),
            (14, 0.5, 13.339274149099544),
            (14, 0.95, 6.5706313837893450),
            (14, 0.999999999999, 0.13159269867683634),
            (100, 1e-300, 1756.7875331838768),
            (100, 1e-12, 233.81056795920781),
            (100, 1e-06, 182.12677711954758),
            (100, 0.01, 135.80672317102678),
            (100, 0.05, 124.34211340400408),
            (100, 0.5, 99.334129235988456),
            (100, 0.95, 77.929465165017265),
            (100, 0.999999999999, 30.084148768737443),
            (1000, 1e-300, 3672.3665445566473),
            (1000, 1e-12, 1347.6200538566079),
            (1000, 1e-06, 1227.1524211875755),
            (1000, 0.01, 1106.9689943522174),
            (1000, 0.05, 1074.6794488034410),
            (1000, 0.5, 999.33341240338097),
            (1000, 0.95, 927.59436302097907),
            (1000, 0.999999999999, 716.94936861703920),
            (5000, 1e-300, 9669.9500137091454),
            (5000, 1e-12, 5736.0956016852761),
            (5000, 1e-06, 5489.8198588253697),
            (5000, 0.01, 5235.5718381301101),
            (5000, 0.05, 5165.6145186758032),
            (5000, 0.5, 4999.3333491381102),
            (5000, 0.95, 4836.6594900723253),
            (5000, 0.999999999999, 4328.5342412134046),
            (100000, 1e-300, 117494.58207835734),
            (100000, 1e-12, 103178.31331838589),
            (100000, 1e-06, 102140.21100646462),
            (100000, 0.01, 101043.31473677837),
            (100000, 0.05, 100736.73617731900),
            (100000, 0.5, 99999.333334123463),
            (100000, 0.95, 99265.537878160644),
            (100000, 0.999999999999, 96886.329856327603),
        ]

        /// (ν, p, F⁻¹(p)).
        static let quantileCases: [(Double, Double, Double)] = [
            (1, 1e-10, 1.5707963267948967e-20),
            (1, 0.025, 0.00098206911717525602),
            (1, 0.5, 0.45493642311957275),
            (1, 0.975, 5.0238861873148874),
            (2, 1e-300, 2.0000000000000001e-300),
            (2, 1e-10, 2.0000000001000001e-10),
            (2, 0.025, 0.050635615968579754),
            (2, 0.5, 1.3862943611198906),
            (2, 0.975, 7.3777589082278708),
            (4, 1e-300, 2.8284271247461901e-150),
            (4, 1e-10, 2.8284404581659483e-5),
            (4, 0.025, 0.48441855708792982),
            (4, 0.5, 3.3566939800333213),
            (4, 0.975, 11.143286781877795),
            (14, 1e-300, 9.3930316690794704e-43),
            (14, 1e-10, 0.25604777421343689),
            (14, 0.025, 5.6287261030397322),
            (14, 0.5, 13.339274149099544),
            (14, 0.975, 26.118948045037368),
            (100, 1e-300, 3.8966523340135559e-5),
            (100, 1e-10, 34.399823909124818),
            (100, 0.025, 74.221927474923726),
            (100, 0.5, 99.334129235988456),
            (100, 0.975, 129.56119718583659),
            (5000, 1e-300, 2147.6182844420443),
            (5000, 1e-10, 4389.9352876660647),
            (5000, 0.025, 4805.9047308622472),
            (5000, 0.5, 4999.3333491381102),
            (5000, 0.975, 5197.8837719237973),
        ]

        @Test("cdf, survival and density match mpmath", arguments: distributionCases)
        func values(dof: Double, x: Double, cdf: Double, survival: Double, density: Double) {
            let distribution = ChiSquaredDistribution(degreesOfFreedom: dof)
            #expect(relativeError(distribution.cdf(x), cdf) <= tolerance)
            #expect(relativeError(distribution.survival(x), survival) <= tolerance)
            #expect(relativeError(distribution.density(x), density) <= tolerance)
        }

        @Test("Critical values χ²₁₋α match mpmath", arguments: upperQuantileCases)
        func upperQuantile(dof: Double, alpha: Double, expected: Double) {
            let distribution = ChiSquaredDistribution(degreesOfFreedom: dof)
            #expect(relativeError(distribution.upperQuantile(alpha), expected) <= tolerance)
        }

        @Test("Quantiles F⁻¹(p) match mpmath", arguments: quantileCases)
        func quantile(dof: Double, p: Double, expected: Double) {
            let distribution = ChiSquaredDistribution(degreesOfFreedom: dof)
            #expect(relativeError(distribution.quantile(p), expected) <= tolerance)
        }

        @Test("Textbook critical values at α = 0.05")
        func textbook() {
            for (dof, expected) in [(1, 3.841458820694124), (4, 9.487729036781154), (14, 23.684791304840576)] {
                let critical = ChiSquaredDistribution(degreesOfFreedom: dof).upperQuantile(0.05)
                #expect(relativeError(critical, expected) <= tolerance, "ν = \(dof)")
            }
        }

        @Test("Round trip: quantile(cdf(x)) = x and upperQuantile(survival(x)) = x",
              arguments: [1.0, 2, 3, 4, 6, 14, 100, 1000, 5000, 100_000, 2.5, 0.5])
        func roundTrip(dof: Double) {
            let distribution = ChiSquaredDistribution(degreesOfFreedom: dof)
            let sd = (2 * dof).squareRoot()
            var points = [1e-6, 1e-3, 0.1, 0.5, 1, 2, 5, 10, 50, 200, 700].map { $0 * Swift.max(dof, 1) / 10 }
            points += stride(from: -12.0, through: 40, by: 0.5).map { dof + $0 * sd }.filter { $0 > 0 }
            for x in points {
                let lower = distribution.cdf(x)
                let upper = distribution.survival(x)
                guard lower > 0, upper > 0 else { continue }  // underflowed tail: nothing to invert
                let back = lower <= 0.5 ? distribution.quantile(lower) : distribution.upperQuantile(upper)
                #expect(relativeError(back, x) <= tolerance, "ν = \(dof), x = \(x)")
            }
        }

        @Test("cdf + survival = 1, cdf increasing", arguments: [1.0, 4, 14, 1000, 100_000])
        func consistency(dof: Double) {
            let distribution = ChiSquaredDistribution(degreesOfFreedom: dof)
            var previous = 0.0
            for step in 1...400 {
                let x = dof * Double(step) / 100
                let lower = distribution.cdf(x)
                #expect(Swift.abs(lower + distribution.survival(x) - 1) <= 4 * Double.ulpOfOne, "ν = \(dof), x = \(x)")
                #expect(lower >= previous, "ν = \(dof), x = \(x)")
                previous = lower
            }
        }

        @Test("Edge cases and invalid input")
        func edgeCases() {
            let distribution = ChiSquaredDistribution(degreesOfFreedom: 4)
            #expect(distribution == ChiSquaredDistribution(degreesOfFreedom: 4.0))
            #expect(distribution.degreesOfFreedom == 4)
            #expect(distribution.cdf(0) == 0)
            #expect(distribution.cdf(-1) == 0)
            #expect(distribution.cdf(.infinity) == 1)
            #expect(distribution.survival(-1) == 1)
            #expect(distribution.survival(.infinity) == 0)
            #expect(distribution.cdf(.nan).isNaN)
            #expect(distribution.survival(.nan).isNaN)
            #expect(distribution.density(-1) == 0)
            #expect(distribution.density(0) == 0)
            #expect(ChiSquaredDistribution(degreesOfFreedom: 2).density(0) == 0.5)
            #expect(ChiSquaredDistribution(degreesOfFreedom: 1).density(0) == .infinity)
            #expect(distribution.quantile(0) == 0)
            #expect(distribution.quantile(1) == .infinity)
            #expect(distribution.quantile(-0.1).isNaN)
            #expect(distribution.quantile(1.5).isNaN)
            #expect(distribution.quantile(.nan).isNaN)
            #expect(distribution.upperQuantile(0) == .infinity)
            #expect(distribution.upperQuantile(1) == 0)
            #expect(distribution.upperQuantile(-1e-3).isNaN)
            #expect(distribution.upperQuantile(.nan).isNaN)
            // The 1e-300 quantile of χ²(1) is 1.57e-600: it underflows to 0 rather than returning garbage.
            #expect(ChiSquaredDistribution(degreesOfFreedom: 1).quantile(1e-300) == 0)
        }

        @Test("Non-positive degrees of freedom are a programmer error")
        func preconditions() async {
            await #expect(processExitsWith: .failure) {
                _ = ChiSquaredDistribution(degreesOfFreedom: 0)
            }
            await #expect(processExitsWith: .failure) {
                _ = ChiSquaredDistribution(degreesOfFreedom: -1.5)
            }
        }
    }
}
