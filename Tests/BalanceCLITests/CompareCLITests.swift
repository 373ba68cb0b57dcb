import TestSupport
import Foundation
import Testing

/// `balance compare BEFORE AFTER` (issue 15): every change and its σ against the two cases reconciled separately —
/// an independent computation of Δ = a − b, σ_Δ = √(σ_a² + σ_b²), z and p = erfc(|z|/√2) — to 1e-9.
@Suite("Comparing two cases")
struct CompareCLITests {
    static let before = BalanceRunner.dataset("water/dyeing-plant-option/before")
    static let after = BalanceRunner.dataset("water/dyeing-plant-option/after")
    static let tolerance = 1e-9

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try BalanceRunner.run(arguments + ["--format", "json"])
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= tolerance * max(1, abs(b)) }

    /// Checks one entry against (b, σb) and (a, σa) computed separately.
    static func check(_ entry: [String: Any], before b: Double, _ sb: Double, after a: Double, _ sa: Double, alpha: Double) {
        let id = entry["id"] as? String ?? "?"
        let change = a - b, sigma = (sa * sa + sb * sb).squareRoot()
        #expect(close(entry["before"] as? Double ?? .nan, b) && close(entry["after"] as? Double ?? .nan, a), "\(id)")
        #expect(close(entry["change"] as? Double ?? .nan, change), "\(id): change")
        #expect(close(entry["changeSigma"] as? Double ?? .nan, sigma), "\(id): σ")
        guard sigma > 0 else { return }
        let z = change / sigma, p = erfc(abs(z) / 2.0.squareRoot())
        #expect(close(entry["z"] as? Double ?? .nan, z), "\(id): z")
        #expect(abs((entry["pValue"] as? Double ?? .nan) - p) <= tolerance * max(p, 1e-300) + 1e-300, "\(id): p")
        #expect(entry["significant"] as? Bool == (p < alpha), "\(id): significance")
    }

    @Test("streams: the reconciled values and σ of each case, the change and its σ, z and p to 1e-9")
    func streams() throws {
        let compared = try Self.json(["compare", Self.before, Self.after, "--lang", "zh"])
        let b = try Self.json(["reconcile", Self.before]), a = try Self.json(["reconcile", Self.after])
        let entries = try #require(compared["streams"] as? [[String: Any]])
        let bs = try #require(b["streams"] as? [[String: Any]]), as_ = try #require(a["streams"] as? [[String: Any]])
        #expect(entries.count == bs.count)
        for entry in entries {
            let id = try #require(entry["id"] as? String)
            let x = try #require(bs.first { $0["id"] as? String == id }), y = try #require(as_.first { $0["id"] as? String == id })
            Self.check(entry, before: x["reconciled"] as? Double ?? .nan, x["reconciledSigma"] as? Double ?? .nan,
                       after: y["reconciled"] as? Double ?? .nan, y["reconciledSigma"] as? Double ?? .nan, alpha: 0.05)
        }
        // The option: the rinse shop draws 50 m³/d less, distinguishable from the meters' uncertainty.
        let w03 = try #require(entries.first { $0["id"] as? String == "W03" })
        #expect(w03["significant"] as? Bool == true)
        #expect((w03["statement"] as? String)?.contains("变化显著") == true)
    }

    @Test("water indicators: each GB/T 12452 indicator of the two water balances, to 1e-9; English statements")
    func indicators() throws {
        let compared = try Self.json(["compare", Self.before, Self.after, "--balance", "water", "--lang", "en", "--alpha", "0.01"])
        let b = try Self.json(["water", Self.before]), a = try Self.json(["water", Self.after])
        let entries = try #require(compared["indicators"] as? [[String: Any]])
        let bi = try #require(b["indicatorDetails"] as? [[String: Any]]), ai = try #require(a["indicatorDetails"] as? [[String: Any]])
        var checked = 0
        for x in bi {
            guard let key = x["key"] as? String, let bv = x["value"] as? Double, let bsig = x["sigma"] as? Double,
                  let y = ai.first(where: { $0["key"] as? String == key }), let av = y["value"] as? Double,
                  let asig = y["sigma"] as? Double else { continue }
            let entry = try #require(entries.first { $0["id"] as? String == key })
            Self.check(entry, before: bv, bsig, after: av, asig, alpha: 0.01)
            checked += 1
        }
        #expect(checked >= 5)
        let reuse = try #require(entries.first { $0["id"] as? String == "processWaterReuseRate" })
        #expect((reuse["statement"] as? String)?.hasPrefix("the change is distinguishable") == true)
        let notDeterminable = try #require(entries.first { $0["id"] as? String == "intakePerProduct" })
        #expect(notDeterminable["change"] is NSNull && notDeterminable["significant"] is NSNull)
    }

    @Test("energy: GB/T 13234 savings ΔE = E_a − E_b·P_a/P_b with σ = √(σ_a² + r²σ_b²), from the two energy JSONs (1e-9)")
    func energySavings() throws {
        let before = BalanceRunner.dataset("energy/dyeing-mill-2024")
        // The option: 300 t less coal bought and fed to the boiler.
        let after = try BalanceRunner.copy("energy/dyeing-mill-2024", editing: "streams.csv", [
            ("C01,原煤购入,,煤场,8600", "C01,原煤购入,,煤场,8300"), ("C04,入炉煤,煤场,锅炉房,8700", "C04,入炉煤,煤场,锅炉房,8400"),
        ])
        let compared = try Self.json(["compare", before, after.path, "--balance", "energy", "--production", "10000",
                                      "--after-production", "10500", "--output-value", "5000", "--after-output-value", "5600", "--lang", "zh"])
        let b = try Self.json(["energy", before]), a = try Self.json(["energy", after.path])
        let eb = try #require(b["suppliedTce"] as? Double), ea = try #require(a["suppliedTce"] as? Double)
        let sb = try #require((b["uncertainty"] as? [String: Any])?["suppliedTce"] as? Double)
        let sa = try #require((a["uncertainty"] as? [String: Any])?["suppliedTce"] as? Double)
        let entries = try #require(compared["indicators"] as? [[String: Any]])
        for (id, r) in [("productSavingTce", 10500.0 / 10000), ("outputValueSavingTce", 5600.0 / 5000)] {
            let entry = try #require(entries.first { $0["id"] as? String == id }, "\(id)")
            Self.check(entry, before: eb * r, sb * r, after: ea, sa, alpha: 0.05)
        }
        // Energy figures carry their names; the budgets object is no figure.
        #expect(entries.first { $0["id"] as? String == "suppliedTce" }?["name"] as? String == "供入能量 (当量值)")
        #expect(!entries.contains { $0["id"] as? String == "budgets" })
        // An AFTER production alone is usage (64).
        #expect(try BalanceRunner.run(["compare", before, after.path, "--after-production", "3"]).status == 64)
    }

    @Test("material: each component's input and output ± σ are the two material JSONs' (1e-9)")
    func material() throws {
        let before = BalanceRunner.dataset("material/plating-uncertain-concentrations")
        let after = try BalanceRunner.copy("material/plating-uncertain-concentrations", editing: "components.csv",
                                           [("B,Cr,12,0.5,%", "B,Cr,11,0.5,%")])
        let compared = try Self.json(["compare", before, after.path, "--balance", "material"])
        let b = try Self.json(["material", before]), a = try Self.json(["material", after.path])
        let entries = try #require(compared["indicators"] as? [[String: Any]])
        let cb = try #require((b["components"] as? [[String: Any]])?.first), ca = try #require((a["components"] as? [[String: Any]])?.first)
        for key in ["input", "output"] {
            let entry = try #require(entries.first { $0["id"] as? String == "Cr.\(key)" })
            Self.check(entry, before: cb[key] as? Double ?? .nan, cb[key + "Sigma"] as? Double ?? .nan,
                       after: ca[key] as? Double ?? .nan, ca[key + "Sigma"] as? Double ?? .nan, alpha: 0.05)
        }
        #expect(entries.count == 2)
    }

    @Test("usage: one case, or an unknown balance, is exit 64")
    func usage() throws {
        #expect(try BalanceRunner.run(["compare", Self.before]).status == 64)
        #expect(try BalanceRunner.run(["compare", Self.before, Self.after, "--balance", "steam"]).status == 64)
    }
}

/// `compare --map`: streams whose ids changed between the periods are paired by a mapping file.
@Suite("Comparing two cases: a mapping file")
struct CompareMapCLITests {
    /// The AFTER case with W03 renumbered W03N (nodes.csv as it is), and a mapping file pairing the two.
    static func renamedCase() throws -> (folder: URL, map: URL) {
        let folder = try TemporaryFolder.make(prefix: "compare-map")
        let source = URL(fileURLWithPath: CompareCLITests.after)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".csv") {
            var text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            if name == "streams.csv" { text = text.replacingOccurrences(of: "\nW03,", with: "\nW03N,") }
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let map = folder.appendingPathComponent("map.csv")
        try "实施前,实施后\nW03,W03N\n".write(to: map, atomically: true, encoding: .utf8)
        return (folder, map)
    }

    @Test("a renamed stream is compared with its pair: the same figures as without the renaming, afterId named")
    func mapped() throws {
        let (folder, map) = try Self.renamedCase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try CompareCLITests.json(["compare", CompareCLITests.before, CompareCLITests.after])
        let unmapped = try CompareCLITests.json(["compare", CompareCLITests.before, folder.path])
        #expect((unmapped["onlyBefore"] as? [String]) == ["W03"] && (unmapped["onlyAfter"] as? [String]) == ["W03N"])
        let mapped = try CompareCLITests.json(["compare", CompareCLITests.before, folder.path, "--map", map.path])
        let entry = try #require((mapped["streams"] as? [[String: Any]])?.first { $0["id"] as? String == "W03" })
        let reference = try #require((original["streams"] as? [[String: Any]])?.first { $0["id"] as? String == "W03" })
        #expect(entry["afterId"] as? String == "W03N")
        for key in ["before", "after", "change", "changeSigma", "z", "pValue"] {
            #expect(entry[key] as? Double == reference[key] as? Double, "\(key)")
        }
        #expect((mapped["onlyBefore"] as? [String])?.isEmpty == true && (mapped["onlyAfter"] as? [String])?.isEmpty == true)
    }

    @Test("a mapped id that is not in its case, or an id mapped twice, is bad data naming the line; --map alone is usage")
    func refused() throws {
        let (folder, map) = try Self.renamedCase()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "before,after\nW03,W99\n".write(to: map, atomically: true, encoding: .utf8)
        let missing = try BalanceRunner.run(["compare", CompareCLITests.before, folder.path, "--map", map.path])
        #expect(missing.status == 65 && missing.stderr.contains("map.csv:2") && missing.stderr.contains("'W99' is not in the AFTER case"))
        try "before,after\nW03,W03N\nW04,W03N\n".write(to: map, atomically: true, encoding: .utf8)
        let twice = try BalanceRunner.run(["compare", CompareCLITests.before, folder.path, "--map", map.path])
        #expect(twice.status == 65 && twice.stderr.contains("mapped twice"))
        #expect(try BalanceRunner.run(["report", CompareCLITests.before, "--map", map.path]).status == 64)
    }
}
