import Foundation
import Testing

/// `balance reconcile --gross-errors …`, `--vdi2048`, covariance.csv, `balance simulate`, `balance advise`.
@Suite("Gross errors, simulation and meter advice (CLI)")
struct GrossErrorCLITests {
    /// Four units with a recycle; 6 units leak at B (true flows with the leak, no noise).
    static let leakCase = """
        id,from,to,value,sigma
        S1,,A,100,1
        S2,A,B,60,0.6
        S3,A,C,60,0.6
        S4,B,C,22,0.22
        S5,B,D,32,0.32
        S6,C,D,82,0.82
        S7,D,,94,0.94
        S8,D,A,20,0.2

        """

    @Test("GLR names the leak in plain words and in JSON")
    func leakGLR() throws {
        let folder = try BalanceRunner.makeCase(["streams.csv": Self.leakCase])
        let table = try BalanceRunner.run(["reconcile", folder.path, "--gross-errors", "glr"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Leak at B"), "\(table.stdout)")
        #expect(table.stdout.contains("leaves the node unmetered"))
        let json = try BalanceRunner.run(["reconcile", folder.path, "--gross-errors", "glr", "-f", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let first = try #require((object["grossErrors"] as? [[String: Any]])?.first)
        #expect(first["type"] as? String == "leak")
        #expect(first["node"] as? String == "B")
        let interval = try #require(first["confidenceInterval95"] as? [Double])
        #expect(interval[0] < 6 && 6 < interval[1])
        let after = try #require(object["afterGrossErrors"] as? [String: Any])
        #expect((after["globalTest"] as? [String: Any])?["passed"] as? Bool == true)
    }

    @Test("serial elimination can only blame meters; compensation also runs", arguments: ["serial", "compensation"])
    func otherStrategies(strategy: String) throws {
        let folder = try BalanceRunner.makeCase(["streams.csv": Self.leakCase])
        let run = try BalanceRunner.run(["reconcile", folder.path, "--gross-errors", strategy, "-f", "json"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let errors = try #require(object["grossErrors"] as? [[String: Any]])
        #expect(!errors.isEmpty)
        if strategy == "serial" { #expect(errors.allSatisfy { $0["type"] as? String == "bias" }) }
    }

    @Test("--vdi2048 reports 95 % half-widths and the quality criterion")
    func vdi() throws {
        let run = try BalanceRunner.run(["reconcile", BalanceRunner.dataset("published/nj_heat_exchanger_bypass"), "--vdi2048"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Measured ± u95") && run.stdout.contains("Quality"))
        // S1: σ = 1, u95 = 1.96; reconciled σ = 0.57735 → u95 = 1.13.
        #expect(run.stdout.contains("101.9 ± 2.0") || run.stdout.contains("101.91 ± 1.96"), "\(run.stdout)")
        let json = try BalanceRunner.run(["reconcile", BalanceRunner.dataset("published/nj_heat_exchanger_bypass"), "-f", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let s1 = try #require((object["streams"] as? [[String: Any]])?.first)
        #expect(abs((s1["u95"] as! Double) - 1.96) < 1e-12)
        // VDI quality of S1: |a| / (1.96 √W) = |z| / 1.96 with the reference z = 2.0698.
        #expect(abs((s1["vdiQuality"] as! Double) - 2.0698 / 1.96) < 1e-3)
    }

    @Test("a correlated case reconciles; a bad covariance.csv is a data error naming the file")
    func covariance() throws {
        let good = try BalanceRunner.run(["reconcile", BalanceRunner.dataset("correlated/ncsu-cooling-water-correlated"), "-f", "json"])
        #expect(good.status == 0, "\(good.stderr)")
        let folder = try BalanceRunner.makeCase([
            "streams.csv": "id,from,to,value,sigma\nS1,,A,10,1\nS2,A,,10,1\n",
            "covariance.csv": "stream_a,stream_b,correlation\nS1,S2,2\n",
        ])
        let bad = try BalanceRunner.run(["reconcile", folder.path])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("covariance.csv:2"), "\(bad.stderr)")
    }

    @Test("balance simulate reports power and AVTI per strategy")
    func simulate() throws {
        let folder = try BalanceRunner.makeCase(["streams.csv": Self.leakCase])
        let run = try BalanceRunner.run(["simulate", folder.path, "--bias", "10", "--trials", "50", "--seed", "3", "-f", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let strategies = try #require(object["strategies"] as? [[String: Any]])
        #expect(strategies.map { $0["strategy"] as? String } == ["serial", "compensation", "glr"])
        for s in strategies {
            let power = try #require(s["power"] as? Double)
            #expect(power >= 0 && power <= 1)
            #expect((s["perStream"] as? [Any])?.count == 8)
        }
        let bad = try BalanceRunner.run(["simulate", folder.path, "--trials", "0"])
        #expect(bad.status == 64)
    }

    @Test("balance advise names the meters that make unobservable streams observable")
    func advise() throws {
        let run = try BalanceRunner.run(["advise", BalanceRunner.dataset("published/ncsu_cooling_water_F1_F6_only"), "-f", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let advice = try #require(object["observability"] as? [[String: Any]])
        // Plant 1 → (F2 → plant 2 → F4) and (F3 → plant 3 → F5) → plant 4: one meter on either branch determines all four.
        #expect(advice.map { $0["stream"] as? String } == ["F2", "F3", "F4", "F5"])
        #expect(advice.allSatisfy { Set($0["meters"] as? [String] ?? []) == ["F2", "F3", "F4", "F5"] })
        let ranked = try BalanceRunner.run(["advise", BalanceRunner.dataset("demo/dyeing-plant-water"), "--target", "W07"])
        #expect(ranked.status == 0)
        #expect(ranked.stdout.contains("W01 (自来水总进水)"))
    }
}
