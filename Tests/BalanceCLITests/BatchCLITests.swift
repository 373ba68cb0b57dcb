import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `balance batch` end to end: many generated cases with some corrupt ones, the summary, exit
/// statuses, skipping up-to-date results, unique names, globs, and an interrupted run.
@Suite("balance batch (CLI)")
struct BatchCLITests {
    /// Parses summary.csv (no quoted newlines in these tests) into rows of column → value.
    static func summary(_ folder: URL) throws -> [[String: String]] {
        let text = try String(contentsOf: folder.appendingPathComponent("summary.csv"), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        return lines.map { line in
            var fields: [String] = []
            var field = "", quoted = false
            var characters = Array(line)[...]
            while let c = characters.popFirst() {
                if quoted {
                    if c == "\"" {
                        if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                    } else { field.append(c) }
                } else if c == "\"" { quoted = true } else if c == "," { fields.append(field); field = "" } else { field.append(c) }
            }
            fields.append(field)
            return Dictionary(uniqueKeysWithValues: zip(header, fields + Array(repeating: "", count: max(0, header.count - fields.count))))
        }
    }

    static func files(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test("200 cases with corrupt ones: every good result written, every bad case in the summary, exit 65")
    func manyCases() throws {
        let root = try BalanceRunner.temporaryDirectory()
        let cases = root.appendingPathComponent("cases"), out = root.appendingPathComponent("out")
        var generator = BatchCaseGenerator(seed: 42)
        let corrupt = try generator.writeCases(count: 200, corrupt: [7, 33, 64, 99, 150, 199], into: cases)

        // A quoted glob, expanded by balance itself: the folder without streams.csv is reported too.
        let run = try BalanceRunner.run(["batch", cases.path + "/case-*", "--out", out.path])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(!run.stderr.contains("cases/s"), "no progress bar in a pipe")

        let rows = try Self.summary(out)
        #expect(rows.count == 200)
        let failed = rows.filter { $0["status"] == "failed" }
        #expect(Set(failed.compactMap { $0["case"] }) == Set(corrupt))
        for row in failed {
            #expect(row["errorKind"] == "badData")
            #expect(!(row["error"] ?? "").isEmpty)
            #expect(row["output"] == "")
            #expect(run.stderr.contains("\(row["case"]!):"), "each failure is printed")
        }
        #expect(failed.contains { $0["error"]!.contains("streams.csv:4") }, "the unterminated quote names its line")
        #expect(failed.contains { $0["error"]!.contains("no streams.csv") })

        let ok = rows.filter { $0["status"] == "ok" }
        #expect(ok.count == 194)
        let written = try Self.files(in: out).filter { $0.hasSuffix(".json") }
        #expect(written.count == 194)
        #expect(try Self.files(in: out).allSatisfy { !$0.hasPrefix(".") }, "no temporary files left")
        for row in ok {
            let streams = Int(row["streams"] ?? "") ?? 0
            #expect((10...30).contains(streams))
            #expect(Int(row["dof"] ?? "") != nil && Double(row["chi2"] ?? "") != nil)
            #expect(row["passed"] == "yes" || row["passed"] == "no")
            let json = try Data(contentsOf: out.appendingPathComponent(row["output"]!))
            let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            let global = try #require(object["globalTest"] as? [String: Any])
            #expect(global["dof"] as? Int == Int(row["dof"]!))
        }
    }

    @Test("a re-run skips up-to-date results, recomputes changed cases, and --force recomputes all")
    func skipping() throws {
        let root = try BalanceRunner.temporaryDirectory()
        let cases = root.appendingPathComponent("cases"), out = root.appendingPathComponent("out")
        var generator = BatchCaseGenerator(seed: 7)
        try generator.writeCases(count: 12, into: cases)
        let first = try BalanceRunner.run(["batch", cases.path, "--out", out.path])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Self.summary(out)
        #expect(before.allSatisfy { $0["status"] == "ok" })

        // An input newer than its result is computed again; the rest is skipped with its figures kept.
        Thread.sleep(forTimeInterval: 0.02)
        let changed = cases.appendingPathComponent("case-00003/streams.csv")
        try Data(try Data(contentsOf: changed)).write(to: changed)
        let second = try BalanceRunner.run(["batch", cases.path, "--out", out.path])
        #expect(second.status == 0)
        let after = try Self.summary(out)
        #expect(after.filter { $0["status"] == "ok" }.map { $0["case"] } == ["case-00003"])
        #expect(after.filter { $0["status"] == "skipped" }.count == 11)
        for (old, new) in zip(before, after) where new["status"] == "skipped" {
            #expect(old["chi2"] == new["chi2"] && old["dof"] == new["dof"], "figures carried over")
        }

        let forced = try BalanceRunner.run(["batch", cases.path, "--out", out.path, "--force"])
        #expect(forced.status == 0)
        #expect(try Self.summary(out).allSatisfy { $0["status"] == "ok" })
    }

    @Test("cases that share a folder name get unique result names; streams.csv paths and duplicates")
    func uniqueNames() throws {
        let root = try BalanceRunner.temporaryDirectory()
        let nj = try String(contentsOfFile: BalanceRunner.dataset("published/nj_heat_exchanger_bypass/streams.csv"), encoding: .utf8)
        for site in ["site-a", "site-b"] {
            let folder = root.appendingPathComponent("\(site)/plant")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(nj.utf8).write(to: folder.appendingPathComponent("streams.csv"))
        }
        let out = root.appendingPathComponent("out")
        let run = try BalanceRunner.run([
            "batch", root.path + "/site-a/plant/streams.csv", root.path + "/site-*/plant",
            BalanceRunner.dataset("published/nj_heat_exchanger_bypass"), "--out", out.path, "--format", "csv",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try Self.summary(out)
        #expect(rows.map { $0["case"]! } == ["site-a-plant", "site-b-plant", "nj_heat_exchanger_bypass"])
        #expect(try Self.files(in: out) == ["nj_heat_exchanger_bypass.csv", "site-a-plant.csv", "site-b-plant.csv", "summary.csv"])
        let njRow = try #require(rows.last)
        #expect(njRow["dof"] == "4" && njRow["passed"] == "yes")
        #expect(abs(Double(njRow["chi2"]!)! - 6.4075) < 1e-9)
    }

    @Test("check as the batch command; --progress draws a bar with rate and ETA")
    func checkCommand() throws {
        let root = try BalanceRunner.temporaryDirectory()
        let out = root.appendingPathComponent("out")
        let run = try BalanceRunner.run([
            "batch", BalanceRunner.dataset("published/*"), "--command", "check", "--out", out.path, "--progress",
        ])
        #expect([0, 65].contains(run.status), "\(run.stderr)")
        #expect(run.stderr.contains("cases/s") && run.stderr.contains("ETA"))
        let rows = try Self.summary(out)
        #expect(rows.count == (try Self.files(in: URL(fileURLWithPath: BalanceRunner.dataset("published")))).count)
        let nj = try #require(rows.first { $0["case"] == "nj_heat_exchanger_bypass" })
        #expect(nj["status"] == "ok" && nj["streams"] == "6" && nj["chi2"] == "")
        let json = try Data(contentsOf: out.appendingPathComponent("nj_heat_exchanger_bypass.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["balances"] != nil)
    }

    /// Whether two JSON documents agree: same structure and strings, numbers to 1e-9 relative (LAPACK's
    /// last bits differ between threads), ignoring the plain-language lists (their wording may name
    /// the command).
    static func agree(_ a: Any, _ b: Any, path: String = "") -> String? {
        switch (a, b) {
        case let (x as [String: Any], y as [String: Any]):
            let keys = Set(x.keys).union(y.keys).subtracting(path.isEmpty ? ["warnings", "notes"] : [])
            for key in keys.sorted() {
                guard let u = x[key], let v = y[key] else { return "\(path).\(key): missing on one side" }
                if let problem = agree(u, v, path: path + "." + key) { return problem }
            }
            return nil
        case let (x as [Any], y as [Any]):
            guard x.count == y.count else { return "\(path): \(x.count) vs \(y.count) items" }
            for (i, (u, v)) in zip(x, y).enumerated() {
                if let problem = agree(u, v, path: path + "[\(i)]") { return problem }
            }
            return nil
        case let (x as NSNumber, y as NSNumber):
            let (u, v) = (x.doubleValue, y.doubleValue)
            return abs(u - v) <= 1e-9 * max(1, abs(u), abs(v)) ? nil : "\(path): \(u) vs \(v)"
        default:
            return (a as? NSObject) == (b as? NSObject) ? nil : "\(path): \(a) vs \(b)"
        }
    }

    @Test(
        "every batch command writes what the single-case command writes, for every bundled dataset",
        arguments: [
            ("reconcile", "published"), ("check", "published"), ("water", "water"), ("energy", "energy"),
            ("material", "material"), ("reconcile", "demo"),
        ])
    func sameAsSingleCase(command: String, datasets: String) throws {
        let out = try BalanceRunner.temporaryDirectory()
        let batch = try BalanceRunner.run(["batch", BalanceRunner.dataset(datasets + "/*"), "--command", command, "--out", out.path])
        #expect([0, 65].contains(batch.status), "\(batch.stderr)")
        let rows = try Self.summary(out)
        #expect(!rows.isEmpty)
        for row in rows {
            let single = try BalanceRunner.run([command, row["input"]!, "--format", "json"])
            if row["status"] == "ok" {
                #expect(single.status == 0, "\(row["case"]!): \(single.stderr)")
                let written = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent(row["output"]!)))
                let alone = try JSONSerialization.jsonObject(with: Data(single.stdout.utf8))
                let problem = Self.agree(written, alone)
                #expect(problem == nil, "\(command) \(row["case"]!): \(problem ?? "")")
            } else {
                #expect(single.status == 65 || single.status == 1, "\(row["case"]!) fails alone too")
            }
        }
    }

    @Test("bad usage: unknown command, missing --out, no inputs → 64; an unmatched pattern → 65")
    func usage() throws {
        let root = try BalanceRunner.temporaryDirectory()
        #expect(try BalanceRunner.run(["batch", root.path, "--command", "nonsense", "--out", root.path]).status == 64)
        #expect(try BalanceRunner.run(["batch", root.path]).status == 64)
        #expect(try BalanceRunner.run(["batch", "--out", root.path]).status == 64)
        let out = root.appendingPathComponent("out")
        let run = try BalanceRunner.run(["batch", root.path + "/nothing-*", "--out", out.path])
        #expect(run.status == 65)
        #expect(try Self.summary(out).first?["error"]?.contains("matches no file") == true)
    }

    @Test("an interrupted run leaves only complete results; the re-run computes only the rest")
    func interrupted() throws {
        let root = try BalanceRunner.temporaryDirectory()
        let cases = root.appendingPathComponent("cases"), out = root.appendingPathComponent("out")
        var generator = BatchCaseGenerator(seed: 99)
        try generator.writeCases(count: 1000, into: cases)

        // One worker and a disk flush per result, so that the run is still going after a few hundred.
        var statuses: [Int32] = []
        for signal in [SIGINT, SIGTERM] {
            let process = Process()
            process.executableURL = BalanceRunner.executable
            process.arguments = ["batch", cases.path, "--out", out.path, "--jobs", "1", "--durable"]
            process.environment = ["OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"]
            process.standardError = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            let before = (try? Self.files(in: out).filter { $0.hasSuffix(".json") }.count) ?? 0
            try process.run()
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning && Date() < deadline {
                let done = (try? Self.files(in: out).filter { $0.hasSuffix(".json") }.count) ?? 0
                if done >= before + 250 { break }
                Thread.sleep(forTimeInterval: 0.01)
            }
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            statuses.append(process.terminationStatus)

            let files = try Self.files(in: out)
            #expect(!files.contains { $0.hasPrefix(".") }, "no temporary file after signal \(signal)")
            let results = files.filter { $0.hasSuffix(".json") }
            for name in results {
                let data = try Data(contentsOf: out.appendingPathComponent(name))
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name) is complete JSON")
            }
            let rows = try Self.summary(out)
            #expect(rows.filter { $0["status"] != "failed" }.count == results.count, "the summary lists what was done")
        }
        // 128 + signal; 0 only if this machine wrote every result before the signal came.
        #expect([130, 0].contains(statuses[0]) && [143, 0].contains(statuses[1]), "\(statuses)")

        let done = try Self.files(in: out).filter { $0.hasSuffix(".json") }.count
        let rerun = try BalanceRunner.run(["batch", cases.path, "--out", out.path])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let rows = try Self.summary(out)
        #expect(rows.count == 1000)
        #expect(rows.filter { $0["status"] == "skipped" }.count == done)
        #expect(rows.filter { $0["status"] == "ok" }.count == 1000 - done)
        #expect(try Self.files(in: out).filter { $0.hasSuffix(".json") }.count == 1000)
    }
}
