import Foundation
import Testing

/// Nonlinear and bounded reconciliation through `balance reconcile` (issue 11), checked against independent
/// computations: the OpenModelica distillation column's self-computed reference (case.json, 6 decimals), the
/// scipy peer (`Benchmarks/peer/nonlinear_scipy.py`: SLSQP polished by Newton steps on the KKT conditions, stored
/// as each case's peer-reference.json) and hand formulas.
@Suite("Nonlinear reconciliation (CLI)")
struct NonlinearCLITests {
    /// Relative agreement with the scipy peer: its polished KKT point is exact to about 1e-10; 1e-6 is the
    /// issue's acceptance tolerance.
    static let peerTolerance = 1e-6

    static func reconcile(_ folder: String, _ extra: [String] = []) throws -> [String: Any] {
        let run = try BalanceRunner.run(["reconcile", BalanceRunner.dataset(folder), "--format", "json"] + extra)
        #expect(run.status == 0, "\(folder): \(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    /// Every variable of the document by id: flows `S1`, component values `S1:COD`.
    static func values(_ document: [String: Any]) -> [String: (value: Double?, sigma: Double?, atBound: String?)] {
        var out: [String: (Double?, Double?, String?)] = [:]
        for s in document["streams"] as! [[String: Any]] {
            let id = s["id"] as! String
            out[id] = (s["reconciled"] as? Double, s["reconciledSigma"] as? Double, s["atBound"] as? String)
            for c in s["components"] as? [[String: Any]] ?? [] {
                out[id + ":" + (c["component"] as! String)] = (c["reconciled"] as? Double, c["reconciledSigma"] as? Double, c["atBound"] as? String)
            }
        }
        for r in document["reactions"] as? [[String: Any]] ?? [] {
            out["\(r["node"]!):\(r["component"]!):generation"] = (r["generation"] as? Double, r["generationSigma"] as? Double, nil)
        }
        return out
    }

    @Test("agrees with the scipy peer to 1e-6 on every nonlinear case", arguments: [
        "nonlinear/heat-exchanger-network", "nonlinear/lake-decay-cod", "nonlinear/nj-bypass-closed", "nonlinear/river-mixing",
        "published/openmodelica_distillation_tower_bilinear",
    ])
    func peer(_ folder: String) throws {
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath:
            BalanceRunner.dataset(folder + "/peer-reference.json")))) as? [String: Any])
        let document = try Self.reconcile(folder)
        let ours = Self.values(document)
        let expected = reference["values"] as! [String: Double]
        let scale = expected.values.map(abs).max() ?? 1
        for (id, value) in expected {
            let got = try #require(ours[id]?.value, "\(folder): \(id) missing")
            // Relative to the value; values that vanish (held at a bound) relative to the case's largest.
            let tolerance = Self.peerTolerance * max(abs(value), 1e-3 * scale)
            #expect(abs(got - value) <= tolerance, "\(folder) \(id): \(got) vs scipy \(value)")
        }
        let chi2 = (document["globalTest"] as! [String: Any])["statistic"] as! Double
        let objective = reference["objective"] as! Double
        #expect(abs(chi2 - objective) <= Self.peerTolerance * max(objective, 1e-12) || objective < 1e-12 && chi2 < 1e-9,
                "\(folder): χ² \(chi2) vs scipy objective \(objective)")
        #expect(document["converged"] as? Bool == true)
        #expect((document["constraintResidual"] as! Double).isFinite)
        #expect((document["iterations"] as! Int) >= 1)
    }

    @Test("the OpenModelica distillation column: solution and 95 % half-widths to 1e-5 of the reference")
    func distillation() throws {
        let folder = "published/openmodelica_distillation_tower_bilinear"
        let case_ = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath:
            BalanceRunner.dataset(folder + "/case.json")))) as? [String: Any])
        let reference = case_["self_computed_reference"] as! [String: Any]
        let solution = reference["solution"] as! [String: Double]
        let halfWidths = reference["linearized_half_width_95"] as! [String: Double]
        let ours = Self.values(try Self.reconcile(folder))
        // case.json names variables F, xF1 …; the CSV case has streams F, B, D with components 1 and 2.
        func id(_ name: String) -> String { name.hasPrefix("x") ? "\(name.dropFirst().prefix(1)):\(name.suffix(1))" : name }
        for (name, value) in solution {
            let got = try #require(ours[id(name)])
            // The reference is printed to 6 decimals: 1e-5 relative, or 1e-6 absolute for the printed digits.
            #expect(abs(got.value! - value) <= max(1e-5 * abs(value), 1e-6), "\(name): \(got.value!) vs \(value)")
            let half = 1.96 * got.sigma!
            #expect(abs(half - halfWidths[name]!) <= max(1e-5 * halfWidths[name]!, 1e-6), "\(name) half-width \(half) vs \(halfWidths[name]!)")
        }
        #expect(abs(((try Self.reconcile(folder))["globalTest"] as! [String: Any])["statistic"] as! Double - (reference["objective"] as! Double)) < 1e-6)
    }

    @Test("river mixing: the mixed concentration and its σ by the hand formula")
    func riverMixing() throws {
        let ours = Self.values(try Self.reconcile("nonlinear/river-mixing"))
        // c = (Q1 c1 + Q2 c2) / (Q1 + Q2); σ² = Σ (∂c/∂x)² σ²  (no redundancy: the linearisation is exact to first order).
        let (q1, c1, q2, c2) = (12.0, 8.0, 0.8, 120.0), (s1, sc1, s2, sc2) = (0.5, 0.5, 0.05, 6.0)
        let q = q1 + q2, c = (q1 * c1 + q2 * c2) / q
        let variance = pow((c1 - c) / q * s1, 2) + pow(q1 / q * sc1, 2) + pow((c2 - c) / q * s2, 2) + pow(q2 / q * sc2, 2)
        let mixed = try #require(ours["R2:COD"])
        #expect(abs(mixed.value! - c) <= 1e-12 * c)
        #expect(abs(mixed.sigma! - variance.squareRoot()) <= 1e-9 * variance.squareRoot())
        #expect(abs(ours["R2"]!.value! - q) <= 1e-12 * q)
    }

    @Test("NJ with the bypass closed: lower = 0 holds S3 at its bound (the unbounded solution gives −0.28)")
    func bounded() throws {
        let document = try Self.reconcile("nonlinear/nj-bypass-closed")
        let ours = Self.values(document)
        #expect(ours["S3"]?.atBound == "lower")
        #expect(ours["S3"]?.value == 0)
        // The QP solution: S3 = S5 = 0, every other flow the mean of the four measurements (hand computation).
        let mean = (101.91 + 103.2 + 102.9 + 101.5) / 4
        for id in ["S1", "S2", "S4", "S6"] { #expect(abs(ours[id]!.value! - mean) <= 1e-9 * mean, "\(id)") }
        let warnings = document["warnings"] as! [String]
        #expect(warnings.contains { $0.contains("held at a bound") && $0.contains("S3") })
    }

    @Test("material with uncertain concentrations reconciles flows and concentrations together (scipy peer, 1e-6)")
    func material() throws {
        let folder = "material/plating-uncertain-concentrations"
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath:
            BalanceRunner.dataset(folder + "/peer-reference.json")))) as? [String: Any])
        let expected = reference["values"] as! [String: Double]
        let run = try BalanceRunner.run(["material", BalanceRunner.dataset(folder), "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let component = try #require((document["components"] as? [[String: Any]])?.first)
        var flows: [String: Double] = [:]
        for s in document["streams"] as! [[String: Any]] { flows[s["id"] as! String] = s["value"] as? Double }
        for c in component["concentrations"] as! [[String: Any]] {
            let stream = c["stream"] as! String
            let value = c["reconciled"] as! Double
            #expect(abs(value - expected[stream + ":Cr"]!) <= Self.peerTolerance * expected[stream + ":Cr"]!, "\(stream):Cr")
            #expect(abs(flows[stream]! - expected[stream]!) <= Self.peerTolerance * expected[stream]!, "\(stream)")
        }
        // The reconciled load balance closes, and its σ is reported.
        #expect(abs((component["input"] as! Double) - (component["output"] as! Double)) <= 1e-9)
        #expect((component["inputSigma"] as? Double).map { $0 > 0 && $0.isFinite } == true)
    }

    @Test("energy with an uncertain heating value: tce = k·q·h reconciled, checked by an independent Gauss–Newton on the one constraint")
    func energyHeatingValue() throws {
        let run = try BalanceRunner.run(["energy", BalanceRunner.dataset("energy/boiler-uncertain-heating-value"), "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        var tce: [String: (Double, Double)] = [:]
        for s in document["streams"] as! [[String: Any]] { tce[s["id"] as! String] = (s["tce"] as! Double, s["tceSigma"] as! Double) }
        // GB/T 2589: 1 kgce = 7000 kcal = 29307.6 kJ, so a t·(kcal/kg) is 1/7000 tce and a GJ 1/29.3076 tce.
        let a = 1.0 / 7000, gj = 1 / 29.3076
        let y = [100.0, 5000, 1674 * gj, 400 * gj], sigma = [2.0, 150, 50 * gj, 40 * gj]
        let v = sigma.map { $0 * $0 }
        var x = y
        var g = [Double](repeating: 0, count: 4)
        for _ in 0..<100 {  // x = y − V g (gᵀVg)⁻¹ (gᵀ(y − x) + f(x)),  f = a q h − H − L
            g = [a * x[1], a * x[0], -1, -1]
            let f = a * x[0] * x[1] - x[2] - x[3]
            let gvg = (0..<4).reduce(0) { $0 + g[$1] * v[$1] * g[$1] }
            let lambda = ((0..<4).reduce(0) { $0 + g[$1] * (y[$1] - x[$1]) } + f) / gvg
            x = (0..<4).map { y[$0] - v[$0] * g[$0] * lambda }
        }
        // Cov = V − V g gᵀ V / (gᵀVg); σ(tce of C1)² = tᵀ Cov t with t = (a h, a q, 0, 0).
        let gvg = (0..<4).reduce(0) { $0 + g[$1] * v[$1] * g[$1] }
        let t = [a * x[1], a * x[0], 0, 0]
        let tv = (0..<4).reduce(0) { $0 + t[$1] * v[$1] * t[$1] }, tvg = (0..<4).reduce(0) { $0 + t[$1] * v[$1] * g[$1] }
        let sigmaC1 = (tv - tvg * tvg / gvg).squareRoot()
        #expect(abs(tce["C1"]!.0 - a * x[0] * x[1]) <= 1e-9 * tce["C1"]!.0)
        #expect(abs(tce["H1"]!.0 - x[2]) <= 1e-9 * x[2] && abs(tce["L1"]!.0 - x[3]) <= 1e-9 * x[3])
        #expect(abs(tce["C1"]!.1 - sigmaC1) <= 1e-6 * sigmaC1, "σ \(tce["C1"]!.1) vs \(sigmaC1)")
        let notes = document["notes"] as? [String] ?? []
        #expect(notes.contains { $0.contains("heating values with uncertainties") }, "\(notes)")
    }

    @Test("a water kind reconciled below 0 is solved again with the default lower bound 0; --allow-negative keeps it")
    func defaultBounds() throws {
        let folder = try BalanceRunner.makeCase(["streams.csv": "id,from,to,value,sigma,kind\nW1,,A,100,2,intake\n"
            + "W2,A,B,103,2,\nW3,B,,103,2,discharge\nW4,B,,0.1,2,evaporation\nW5,A,,0.1,1,leakage\n"])
        let bounded = try #require(try JSONSerialization.jsonObject(with: Data(try BalanceRunner.run(
            ["reconcile", folder.path, "--format", "json"]).stdout.utf8)) as? [String: Any])
        let ours = Self.values(bounded)
        // Hand computation: with W4 = W5 = 0 the balances make W1 = W2 = W3, the mean of 100, 103, 103 (equal σ);
        // χ² = (2² + 1² + 1²)/2² + 0.1²/2² + 0.1²/1² = 1.5125.
        for id in ["W1", "W2", "W3"] { #expect(abs(ours[id]!.value! - 102) <= 1e-9 * 102, "\(id)") }
        #expect(ours["W4"]?.atBound == "lower" && ours["W5"]?.atBound == "lower")
        let chi2 = (bounded["globalTest"] as! [String: Any])["statistic"] as! Double
        #expect(abs(chi2 - 1.5125) <= 1e-9)
        let free = try BalanceRunner.run(["reconcile", folder.path, "--format", "json", "--allow-negative"])
        let unbounded = Self.values(try #require(try JSONSerialization.jsonObject(with: Data(free.stdout.utf8)) as? [String: Any]))
        #expect(unbounded["W4"]!.value! < 0)
    }

    @Test("with covariance.csv a negative reconciled water kind is a [negative-value] warning (no bounded path with correlated errors)")
    func negativeWithCovariance() throws {
        let folder = try BalanceRunner.makeCase(["streams.csv": "id,from,to,value,sigma,kind\nW1,,A,100,2,intake\n"
            + "W2,A,B,103,2,series\nW3,B,,103,2,discharge\nW4,B,,0.1,2,consumption\nW5,A,,0.1,1,leakage\n",
            "covariance.csv": "stream_a,stream_b,correlation\nW1,W2,0.1\n"])
        for format in ["json", "table", "csv"] {
            let run = try BalanceRunner.run(["reconcile", folder.path, "--format", format])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("[negative-value] W4, W5") || run.stderr.contains("[negative-value] W4, W5"), "\(format): \(run.stdout.prefix(400))")
        }
    }

    @Test("water: a volume reconciled below 0 is solved again with the lower bound 0 (the same QP as reconcile)")
    func waterBounds() throws {
        let folder = try BalanceRunner.makeCase(["streams.csv": "id,from,to,value,sigma,unit,kind\nW1,,A,100,2,m3/d,intake\n"
            + "W2,A,B,103,2,m3/d,series\nW3,B,,103,2,m3/d,discharge\nW4,B,,0.1,2,m3/d,consumption\nW5,A,,0.1,1,m3/d,leakage\n"])
        let run = try BalanceRunner.run(["water", folder.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        var value: [String: Double] = [:]
        for s in document["streams"] as! [[String: Any]] { value[s["id"] as! String] = s["value"] as? Double }
        // Hand computation as in the reconcile test: W4 = W5 = 0 and W1 = W2 = W3 = 102.
        for id in ["W1", "W2", "W3"] { #expect(abs(value[id]! - 102) <= 1e-9 * 102, "\(id)") }
        #expect(value["W4"] == 0 && value["W5"] == 0)
        let warnings = document["warnings"] as! [String]
        #expect(warnings.contains { $0.contains("reconciled again with the lower bound 0") })
        #expect(!warnings.contains { $0.contains("[negative-value]") })
    }

    @Test("bad nonlinear input is refused with exit 65 naming the file, the equation and the name", arguments: [
        (["streams.csv": "id,from,to,value,sigma\nA,,u,10,1\nB,u,,9,1\n", "equations.csv": "id,equation\nratio,[A] = 2 * [C]\n"],
         "equation 'ratio'", "'C' is not a stream"),
        (["streams.csv": "id,from,to,value,sigma\nA,,u,10,1\nB,u,,9,1\n", "equations.csv": "id,equation\nratio,[A:COD] = 2\n"],
         "equation 'ratio'", "no component 'COD'"),
        (["streams.csv": "id,from,to,value,sigma\nA,,u,10,1\nB,u,,9,1\n", "equations.csv": "id,equation\nbad,[A] = = 2\n"],
         "equations.csv:2", "unexpected '='"),
        (["streams.csv": "id,from,to,value,sigma\nA,,u,10,1\nB,u,,9,1\n", "equations.csv": "id,equation\nbad,[A] * foo([B])\n"],
         "equations.csv:2", "unknown name 'foo'"),
        (["streams.csv": "id,from,to,value,sigma\nA,,u,10,1\nB,u,,9,1\n", "components.csv": "stream,component,value\nA,COD,50\n"],
         "components.csv:2", "no uncertainty"),
        (["streams.csv": "id,from,to,value,sigma,upper\nA,,u,10,1,5\nB,u,,9,0,\n"], "bounds cannot all be met", "A at its upper bound"),
    ])
    func badInput(_ files: [String: String], _ place: String, _ words: String) throws {
        let folder = try BalanceRunner.makeCase(files)
        let run = try BalanceRunner.run(["reconcile", folder.path])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains(place) && run.stderr.contains(words), "\(run.stderr)")
    }

    @Test("equations and node types are refused by the commands that do not use them")
    func refusedElsewhere() throws {
        let folder = try BalanceRunner.makeCase([
            "streams.csv": "id,from,to,value,sigma\nA,,u,10,1\nB,u,,9,1\n", "equations.csv": "id,equation\nr,[A] = [B]\n",
        ])
        let run = try BalanceRunner.run(["check", folder.path])
        #expect(run.status == 65 && run.stderr.contains("does not use equations"), "\(run.stderr)")
    }
}
