import Foundation
import Testing

/// `meters.csv` (issue 15, FORMATS.md §1.10): the meter class in every budget, streams read by one meter correlated
/// within a case, and `compare` correlating the two periods' readings of one meter — each against an independent
/// computation: the closed-form reconciliation of one node, and the same case with the correlation given in
/// `covariance.csv`. Tolerance 1e-9 relative.
@Suite("Meters: classes, shared systematic errors")
struct SharedMetersCLITests {
    static let tolerance = 1e-9
    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= tolerance * max(1, abs(b)) } ?? false }

    /// One node: S1 in (σ 2), S2 and S3 out (σ 1.5 and 1).
    static let sigmas = [2.0, 1.5, 1.0]
    static func streams(_ values: [Double]) -> String {
        "id,from,to,value,sigma\nS1,,N,\(values[0]),2\nS2,N,,\(values[1]),1.5\nS3,N,,\(values[2]),1\n"
    }

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try BalanceRunner.run(arguments + ["--format", "json"])
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
    }

    static func entries(_ document: [String: Any], _ key: String = "streams") -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for e in document[key] as? [[String: Any]] ?? [] { if let id = e["id"] as? String { out[id] = e } }
        return out
    }

    @Test("compare: Cov(before, after) = Σ_m s_b,m σ_sys,b,m · s_a,m σ_sys,a,m from the closed-form sensitivities of one node")
    func compareCovariance() throws {
        let meters = "stream,meter,class,systematic\nS1,FT-1,1,1.5%\nS2,FT-2,二级表,2 %\nS3,FT-3,3,\n"
        let yb = [100.0, 61, 42], ya = [90.0, 50, 37]
        let before = try BalanceRunner.makeCase(["streams.csv": Self.streams(yb), "meters.csv": meters])
        let after = try BalanceRunner.makeCase(["streams.csv": Self.streams(ya), "meters.csv": meters])
        let compared = Self.entries(try Self.json(["compare", before.path, after.path]))
        let rb = Self.entries(try Self.json(["reconcile", before.path])), ra = Self.entries(try Self.json(["reconcile", after.path]))
        // x̂ = y − V aᵀ (a V aᵀ)⁻¹ a y for the one balance a = (1, −1, −1): ∂x̂_k/∂y_j = δ_kj − V_k a_k a_j / Σ V.
        let v = Self.sigmas.map { $0 * $0 }, a = [1.0, -1, -1], total = v.reduce(0, +)
        func sensitivity(_ k: Int, _ j: Int) -> Double { (k == j ? 1 : 0) - v[k] * a[k] * a[j] / total }
        let systematic: [Double?] = [0.015, 0.02, nil]
        for (k, id) in ["S1", "S2", "S3"].enumerated() {
            let entry = try #require(compared[id])
            var covariance = 0.0
            for j in 0..<3 {
                guard let f = systematic[j] else { continue }
                covariance += sensitivity(k, j) * f * yb[j] * sensitivity(k, j) * f * ya[j]
            }
            let sb = try #require(rb[id]?["reconciledSigma"] as? Double), sa = try #require(ra[id]?["reconciledSigma"] as? Double)
            #expect(Self.close(entry["covariance"] as? Double, covariance), "\(id)")
            #expect(Self.close(entry["changeSigma"] as? Double, (sa * sa + sb * sb - 2 * covariance).squareRoot()), "\(id)")
            #expect(entry["sharedMeters"] as? [String] == ["FT-1", "FT-2"], "\(id)")
            let change = try #require(entry["change"] as? Double)
            #expect(Self.close(entry["z"] as? Double, change / (sa * sa + sb * sb - 2 * covariance).squareRoot()), "\(id)")
        }
        // Another meter after the option: nothing shared, the periods independent, no covariance keys.
        let replaced = try BalanceRunner.makeCase([
            "streams.csv": Self.streams(ya), "meters.csv": meters.replacingOccurrences(of: "FT-", with: "NEW-"),
        ])
        let independent = Self.entries(try Self.json(["compare", before.path, replaced.path]))
        let s1 = try #require(independent["S1"])
        #expect(s1["covariance"] == nil && s1["sharedMeters"] == nil)
        let sb = try #require(rb["S1"]?["reconciledSigma"] as? Double), sa = try #require(ra["S1"]?["reconciledSigma"] as? Double)
        #expect(Self.close(s1["changeSigma"] as? Double, (sa * sa + sb * sb).squareRoot()))
    }

    @Test("compare --balance water: an indicator's covariance from its gradient, and the CSV carries it")
    func compareWaterIndicators() throws {
        let before = BalanceRunner.dataset("water/dyeing-plant-option/before")
        let after = BalanceRunner.dataset("water/dyeing-plant-option/after")
        let meters = ["meters.csv": "流股,仪表,系统误差\nW01,FT-001,1%\nW02,FT-101,1%\nW03,FT-102,1%\n"]
        let b = try BalanceRunner.copy("water/dyeing-plant-option/before", adding: meters)
        let a = try BalanceRunner.copy("water/dyeing-plant-option/after", adding: meters)
        let shared = try Self.json(["compare", b.path, a.path, "--balance", "water"])
        let plain = try Self.json(["compare", before, after, "--balance", "water"])
        let sharedIndicators = Self.entries(shared, "indicators"), plainIndicators = Self.entries(plain, "indicators")
        let intake = try #require(sharedIndicators["totals.intake"]), plainIntake = try #require(plainIndicators["totals.intake"])
        // The total intake is read by FT-001 in both periods: a positive covariance narrows σ_Δ.
        #expect((intake["covariance"] as? Double ?? 0) > 0)
        #expect((intake["changeSigma"] as? Double ?? .infinity) < (plainIntake["changeSigma"] as? Double ?? 0))
        #expect((intake["sharedMeters"] as? [String])?.contains("FT-001") == true)
        let sb = try #require(intake["beforeSigma"] as? Double), sa = try #require(intake["afterSigma"] as? Double)
        let covariance = try #require(intake["covariance"] as? Double)
        #expect(Self.close(intake["changeSigma"] as? Double, (sa * sa + sb * sb - 2 * covariance).squareRoot()))
        let csv = try BalanceRunner.run(["compare", b.path, a.path, "--balance", "water", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.contains(",significant,covariance,sharedMeters\r\n"))  // CRLF: the CSV of a Chinese report
    }

    @Test("one meter reading two streams of a case: the same reconciliation as its correlation in covariance.csv")
    func withinCase() throws {
        let y = [100.0, 61, 42]
        let viaMeters = try BalanceRunner.makeCase([
            "streams.csv": Self.streams(y), "meters.csv": "stream,meter,systematic\nS2,P-1,2%\nS3,P-1,0.5%\n",
        ])
        // Cov(S2, S3) = σ_sys,2 σ_sys,3 = (0.02 · 61)(0.005 · 42).
        let viaCovariance = try BalanceRunner.makeCase([
            "streams.csv": Self.streams(y), "covariance.csv": "stream_a,stream_b,covariance\nS2,S3,\(0.02 * 61 * 0.005 * 42)\n",
        ])
        let m = Self.entries(try Self.json(["reconcile", viaMeters.path]))
        let c = Self.entries(try Self.json(["reconcile", viaCovariance.path]))
        for id in ["S1", "S2", "S3"] {
            #expect(Self.close(m[id]?["reconciled"] as? Double, c[id]?["reconciled"] as? Double ?? .nan), "\(id)")
            #expect(Self.close(m[id]?["reconciledSigma"] as? Double, c[id]?["reconciledSigma"] as? Double ?? .nan), "\(id)")
        }
        #expect(!Self.close(m["S2"]?["reconciledSigma"] as? Double, Self.entries(try Self.json(["reconcile",
            try BalanceRunner.makeCase(["streams.csv": Self.streams(y)]).path]))["S2"]?["reconciledSigma"] as? Double ?? .nan))
    }

    @Test("the class of meters.csv completes the source, and reaches the budget's meterClass")
    func classInBudget() throws {
        let folder = try BalanceRunner.makeCase([
            "streams.csv": "id,from,to,value,sigma,source\nS1,,N,100,2,\nS2,N,,61,1.5,明渠流量计\nS3,N,,42,1,FT-3 三级表\n",
            "meters.csv": "流股,表号,等级\nS1,FT-1,一级表\nS2,FT-2,2\nS3,FT-3,\n",
        ])
        let streams = Self.entries(try Self.json(["reconcile", folder.path]))
        #expect(streams["S1"]?["source"] as? String == "FT-1 一级表")
        #expect(streams["S2"]?["source"] as? String == "明渠流量计 FT-2 二级表")
        #expect(streams["S3"]?["source"] as? String == "FT-3 三级表")
        let budget = try #require(streams["S1"]?["uncertaintyBudget"] as? [[String: Any]])
        let classes = Dictionary(uniqueKeysWithValues: budget.compactMap { c in
            (c["stream"] as? String).map { ($0, c["meterClass"] as? Int) } })
        #expect(classes["S1"] == 1 && classes["S2"] == 2 && classes["S3"] == 3)
    }

    @Test("bad meters.csv: exit 65 naming the file, line and stream", arguments: [
        ("stream,meter,class\nS1,FT-1,4\n", "meters.csv:2:3", "not a meter class"),
        ("stream,meter,systematic\nS1,FT-1,3%\n", "meters.csv:2:3", "larger than the stream's standard uncertainty"),
        ("stream,meter,systematic\nS1,FT-1,1\n", "meters.csv:2:3", "not a percentage"),
        ("stream,meter\nS9,FT-1\n", "meters.csv:2:1", "'S9' is not defined"),
        ("stream,meter\nS1,FT-1\nS1,FT-2\n", "meters.csv:3:1", "listed twice"),
        ("stream,meter\nS4,FT-4\n", "meters.csv:2:1", "not measured"),
        ("stream,meter,class\nS3,FT-3,1\n", "meters.csv:2:3", "differs from the class 3"),
        ("stream,meter\nS5,FT-5\n", "meters.csv:2:2", "says its value is estimated"),
    ])
    func refused(_ meters: String, _ location: String, _ message: String) throws {
        let folder = try BalanceRunner.makeCase([
            "streams.csv": "id,from,to,value,sigma,source\nS1,,N,100,2,\nS2,N,,61,1.5,\nS3,N,M,42,1,FT-3 三级表\nS4,M,,,,\n"
                + "S5,M,,1,1,estimated\n",
            "meters.csv": meters,
        ])
        let run = try BalanceRunner.run(["reconcile", folder.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains(location) && run.stderr.contains(message), "\(run.stderr)")
    }

    /// A copy of `dataset` where every measured stream is read by a meter of its own whose whole σ is systematic:
    /// a `meters.csv` from `relativeSigma` (σ/|value| in % of a row of streams.csv), and the `source` (column
    /// `sourceColumn`) cleared: estimated, quota and calculated values are now meter readings.
    static func fullySystematic(_ dataset: String, sourceColumn: Int, relativeSigma: ([String]) -> Double?) throws -> URL {
        let folder = try BalanceRunner.temporaryDirectory().appendingPathComponent("case")
        try FileManager.default.copyItem(atPath: BalanceRunner.dataset(dataset), toPath: folder.path)
        let file = folder.appendingPathComponent("streams.csv")
        let lines = try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        var rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var meters = "stream,meter,systematic\n"
        for k in rows.indices {
            guard let percent = relativeSigma(rows[k]), percent > 0 else { continue }
            meters += "\(rows[k][0]),M-\(rows[k][0]),\(percent)%\n"
            rows[k][sourceColumn] = ""
        }
        try Data(([lines[0]] + rows.map { $0.joined(separator: ",") }).joined(separator: "\n").utf8).write(to: file)
        try Data(meters.utf8).write(to: folder.appendingPathComponent("meters.csv"))
        return folder
    }

    /// With every meter's whole σ systematic and one meter per stream, a case compared with itself has
    /// Cov(f, f) = Σ_j s_j² σ_j² = gᵀ C V⁻¹ V V⁻¹ C g = gᵀ C g = σ_f² (C V⁻¹ C = C): every change is 0 ± 0 — an
    /// identity of the projection, checked for every stream and figure to 1e-9 of σ².
    static func checkSelfComparison(_ document: [String: Any]) -> Int {
        var checked = 0
        for key in ["streams", "indicators"] {
            for e in document[key] as? [[String: Any]] ?? [] {
                guard let sigma = e["beforeSigma"] as? Double, sigma > 0, let covariance = e["covariance"] as? Double else { continue }
                #expect(abs(covariance - sigma * sigma) <= tolerance * sigma * sigma, "\(e["id"] ?? "?"): \(covariance) vs \(sigma * sigma)")
                #expect((e["changeSigma"] as? Double ?? .infinity) <= 1e-4 * sigma, "\(e["id"] ?? "?")")
                checked += 1
            }
        }
        return checked
    }

    @Test("property: a water case compared with itself, every σ systematic, gives covariance = σ² for every stream and indicator")
    func selfComparisonWater() throws {
        // The demo plant: 准确度 (column 7) p % is σ = p/√3 % of the value, 标准差 (column 8) q % is σ = q %.
        let folder = try Self.fullySystematic("demo/dyeing-plant-water", sourceColumn: 9) { row in
            guard row.count > 7, !row[4].isEmpty else { return nil }
            if let p = Double(row[6].replacingOccurrences(of: "%", with: "")) { return p / 3.0.squareRoot() }
            return Double(row[7].replacingOccurrences(of: "%", with: ""))
        }
        let compared = try Self.json(["compare", folder.path, folder.path, "--balance", "water"])
        #expect(Self.checkSelfComparison(compared) >= 20)
    }

    @Test("compare --balance energy: streams in tce as the energy balance gives them; every σ systematic gives covariance = σ²")
    func selfComparisonEnergy() throws {
        // dyeing-mill-2024: 准确度 (column 9) p % → σ = p/√3 %; 标准差 (column 10) q % → σ = q %.
        let folder = try Self.fullySystematic("energy/dyeing-mill-2024", sourceColumn: 10) { row in
            guard row.count > 9, !row[4].isEmpty else { return nil }
            if let p = Double(row[8].replacingOccurrences(of: "%", with: "")) { return p / 3.0.squareRoot() }
            return Double(row[9].replacingOccurrences(of: "%", with: ""))
        }
        let compared = try Self.json(["compare", folder.path, folder.path, "--balance", "energy"])
        #expect(Self.checkSelfComparison(compared) >= 20)
        let indicators = Self.entries(compared, "indicators")
        #expect(Set(indicators.keys) == ["suppliedTce", "effectiveTce", "lossTce", "utilizationRate"])
        // The streams are the energy balance's, in tce.
        let energy = Self.entries(try Self.json(["energy", folder.path]))
        let streams = Self.entries(compared)
        for (id, e) in energy {
            guard let tce = e["tce"] as? Double else { continue }
            #expect(Self.close(streams[id]?["before"] as? Double, tce), "\(id)")
            #expect(Self.close(streams[id]?["beforeSigma"] as? Double, e["tceSigma"] as? Double ?? .nan), "\(id)")
        }
    }
}
