import Foundation
import Testing

/// `balance reconcile` and `balance check` end to end: exit statuses of FORMATS.md §2, messages that
/// name file, line and stream, the JSON contract, atomic output.
@Suite("balance reconcile / check (CLI)")
struct ReconcileCLITests {
    @Test("the demo plant reconciles and names the faulty meter")
    func demo() throws {
        let run = try BalanceRunner.run(["reconcile", BalanceRunner.dataset("demo/dyeing-plant-water")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Global test FAILED"))
        #expect(run.stdout.contains("W14 (漂洗车间排水): z at identification = 3.37, the meter reads high by 59 ± 18 m3/d"))
        #expect(run.stdout.contains("Without it the global test passes"))
    }

    @Test("JSON output has the keys of FORMATS.md §2 and reproduces the published NJ case")
    func jsonContract() throws {
        let run = try BalanceRunner.run(["reconcile", BalanceRunner.dataset("published/nj_heat_exchanger_bypass"), "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        for key in ["streams", "nodes", "globalTest", "grossErrors", "warnings"] { #expect(object[key] != nil, "missing \(key)") }
        let streams = try #require(object["streams"] as? [[String: Any]])
        let s1 = try #require(streams.first { $0["id"] as? String == "S1" })
        for key in ["id", "measured", "sigma", "reconciled", "reconciledSigma", "adjustment", "z", "classification", "source"] {
            #expect(s1.keys.contains(key), "stream key \(key)")
        }
        #expect(abs((s1["reconciled"] as! Double) - 100.22) < 0.005)  // Narasimhan & Jordache: 100.22
        #expect(s1["classification"] as? String == "redundant")
        let global = try #require(object["globalTest"] as? [String: Any])
        #expect(global["dof"] as? Int == 4)
        #expect(abs((global["statistic"] as! Double) - 6.4075) < 1e-9)
        #expect(global["passed"] as? Bool == true)
        let node = try #require((object["nodes"] as? [[String: Any]])?.first)
        #expect(node["imbalanceMeasured"] != nil && node["relativeImbalance"] != nil)
    }

    @Test("unobservable streams are null in JSON, never a number")
    func unobservableNull() throws {
        let run = try BalanceRunner.run(["reconcile", BalanceRunner.dataset("published/ncsu_cooling_water_F1_F6_only"), "-f", "json"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let f2 = try #require((object["streams"] as? [[String: Any]])?.first { $0["id"] as? String == "F2" })
        #expect(f2["reconciled"] is NSNull)
        #expect(f2["reconciledSigma"] is NSNull)
        #expect(f2["classification"] as? String == "unobservable")
    }

    @Test("--output writes the file atomically and leaves no temporary file")
    func atomicOutput() throws {
        let folder = try BalanceRunner.temporaryDirectory()
        let target = folder.appendingPathComponent("result.csv").path
        let run = try BalanceRunner.run(["reconcile", BalanceRunner.dataset("published/valle_p7_10_streams"), "-f", "csv", "-o", target])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: target, encoding: .utf8)
        #expect(text.hasPrefix("id,name,from,to,unit,measured,sigma,reconciled,reconciledSigma"))
        #expect(text.split(whereSeparator: \.isNewline).count == 11)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("bad data exit with 65 and a message naming file, line and stream", arguments: [
        ("id,from,to,value,sigma\nS1,,A,10,1\nS2,A,,abc,1\n", "streams.csv:3", "S2"),
        ("id,from,to,value,sigma\nS1,,A,10,1\nS2,A,,nan,1\n", "streams.csv:3", "S2"),
        ("id,from,to,value,sigma\nS1,,A,10,1\nS2,A,,inf,1\n", "streams.csv:3", "S2"),
        ("id,from,to,value,sigma\nS1,,A,10,-1\nS2,A,,10,1\n", "streams.csv:2", "S1"),
        ("id,from,to,value,sigma\nS1,,A,10,1\nS1,A,,10,1\n", "streams.csv:3", "S1"),
        ("id,from,to,value,sigma\nS1,,A,10,1\nS2,A,,10,\n", "streams.csv:3", "S2"),
        ("id,from,to,value,sigma\nS1,,\"A,10,1\nS2,A,,10,1\n", "streams.csv:2", "quote"),
        ("", "streams.csv", "empty"),
    ])
    func badData(streams: String, location: String, mention: String) throws {
        let folder = try BalanceRunner.makeCase(["streams.csv": streams])
        let run = try BalanceRunner.run(["reconcile", folder.path])
        #expect(run.status == 65, "status \(run.status): \(run.stderr)")
        #expect(run.stderr.contains(location), "\(run.stderr)")
        #expect(run.stderr.contains(mention), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("an unknown node with nodes.csv is a data error naming the stream")
    func unknownNode() throws {
        let folder = try BalanceRunner.makeCase([
            "streams.csv": "id,from,to,value,sigma\nS1,,A,10,1\nS2,A,B,10,1\n",
            "nodes.csv": "id,name\nA,unit A\n",
        ])
        let run = try BalanceRunner.run(["reconcile", folder.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("S2") && run.stderr.contains("'B'"), "\(run.stderr)")
    }

    @Test("bad usage exits with 64", arguments: [
        ["reconcile"], ["reconcile", "x", "--alpha", "1.5"], ["reconcile", "x", "--format", "pdf"],
        ["reconcile", "x", "--default-uncertainty", "abc"], ["reconcile", "x", "--default-uncertainty", "0"], ["frobnicate"],
        ["advise", "x", "--new-meter-uncertainty", "0"], ["advise", "x", "--new-meter-uncertainty", "0%"],
    ])
    func badUsage(arguments: [String]) throws {
        let run = try BalanceRunner.run(arguments)
        #expect(run.status == 64, "\(arguments): \(run.status) \(run.stderr)")
    }

    @Test("a missing case folder is a data error (65) naming the path")
    func missingCase() throws {
        let run = try BalanceRunner.run(["reconcile", "/nonexistent/case"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("/nonexistent/case"))
    }

    @Test("--default-uncertainty supplies σ for values without one")
    func defaultUncertainty() throws {
        let folder = try BalanceRunner.makeCase(["streams.csv": "id,from,to,value\nS1,,A,100\nS2,A,,96\n"])
        let run = try BalanceRunner.run(["reconcile", folder.path, "--default-uncertainty", "2%", "-f", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let s1 = try #require((object["streams"] as? [[String: Any]])?.first)
        // σ1 = 2, σ2 = 1.92: x̂ = 100 − 4·σ1²/(σ1² + σ2²)
        let expected = 100 - 4 * 4 / (4 + 1.92 * 1.92)
        #expect(abs((s1["reconciled"] as! Double) - expected) < 1e-9)
    }

    @Test("--version names the BLAS in use")
    func version() throws {
        let run = try BalanceRunner.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("BLAS"))
    }

    @Test("balance check reports closures and computes the unmeasured streams")
    func check() throws {
        let folder = try BalanceRunner.makeCase(["streams.csv": "id,from,to,value\nS1,,A,100\nS2,A,B,90\nS3,A,,\nS4,B,,80\n"])
        let run = try BalanceRunner.run(["check", folder.path, "-f", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let s3 = try #require((object["streams"] as? [[String: Any]])?.first { $0["id"] as? String == "S3" })
        #expect(s3["value"] as? Double == 10)
        #expect(s3["computedFrom"] as? String == "A")
        let b = try #require((object["balances"] as? [[String: Any]])?.first { $0["id"] as? String == "B" })
        #expect(abs((b["relativeImbalance"] as! Double) - 10.0 / 90.0) < 1e-12)
        #expect(b["withinTolerance"] as? Bool == false)
        #expect(object["passed"] as? Bool == false)
    }

    @Test("balance check: an undeterminable unmeasured stream is a data error")
    func checkUndetermined() throws {
        let folder = try BalanceRunner.makeCase(["streams.csv": "id,from,to,value\nS1,,A,100\nS2,A,B,\nS3,A,B,\nS4,B,,100\n"])
        let run = try BalanceRunner.run(["check", folder.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("S2 (in node A, node B); S3 (in node A, node B)"), "\(run.stderr)")
    }
}

/// The text table keeps a published input's digits (issue 13: 1.632 must not print as 1.6).
@Suite("Reconcile table: the input's precision")
struct ReconcilePrecisionCLITests {
    @Test("atmospheric tower: 190.26 ± 2.1412 prints 190.26 ± 2.14, not 190.3 ± 2.1; the reconciled value too")
    func publishedDigits() throws {
        let run = try BalanceRunner.run(["reconcile", BalanceRunner.dataset("published/atmospheric_tower_12_streams"), "--lang", "en"])
        #expect(run.status == 0)
        let x1 = run.stdout.split(separator: "\n").first { $0.hasPrefix("x1 ") }.map(String.init) ?? ""
        #expect(x1.contains("190.26 ± 2.14") && x1.contains("190.05 ± 0.93"), "\(x1)")
        let x3 = run.stdout.split(separator: "\n").first { $0.hasPrefix("x3 ") }.map(String.init) ?? ""
        #expect(x3.contains("3.1157 ± 0.0341"), "\(x3)")
    }
}
