import CAuditBalance
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// One pipeline (issue 9): every bundled dataset through the command line, `balance batch` and the C
/// interface's `ab_run` gives the same JSON bytes — or, where the command cannot take the case, the
/// same exit status and the same message.
@Suite("Every front end gives the same answer")
struct FrontEndEquivalenceTests {
    /// What a front end answered: the JSON bytes, or the status and message of the failure.
    enum Answer: Equatable, CustomStringConvertible {
        case json(String)
        case failure(status: Int32, message: String)

        var description: String {
            switch self {
            case let .json(text): return "JSON of \(text.utf8.count) bytes"
            case let .failure(status, message): return "status \(status): \(message)"
            }
        }
    }

    /// Every case folder of Datasets/ (a folder holding streams.csv).
    static let cases: [String] = {
        let root = BalanceRunner.repositoryRoot.appendingPathComponent("Datasets").path
        let found = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return found.filter { $0.hasSuffix("/streams.csv") }.map { String($0.dropLast("/streams.csv".count)) }.sorted()
    }()

    /// The commands each case is run through, with options that keep the run short (simulate with few
    /// trials; simulate, advise and report — with the water chapter — only on cases of up to 50 streams).
    static func runs(for folder: String) -> [(command: String, options: String)] {
        var runs = ["reconcile", "check", "water", "energy", "material"].map { ($0, "{}") }
        if !folder.hasPrefix("generated/") {
            runs.append(("simulate", #"{"trials": 20}"#))
            runs.append(("advise", "{}"))
            // The language is given: the CLI runs under LANG=en_US, ab_run under the test process's locale.
            runs.append(("report", #"{"balance": "water", "lang": "en"}"#))
        }
        return runs
    }

    static func cli(_ command: String, _ path: String, _ options: String) throws -> Answer {
        var arguments = [command, path, "--format", "json"]
        if options.contains("trials") { arguments += ["--trials", "20"] }
        if options.contains(#""balance": "water""#) { arguments += ["--balance", "water", "--lang", "en"] }
        let run = try BalanceRunner.run(arguments)
        if run.status == 0 { return .json(run.stdout) }
        let prefix = "balance: error: "
        let line = run.stderr.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        return .failure(status: run.status, message: line ?? run.stderr)
    }

    static func batch(_ command: String, _ path: String, _ options: String) throws -> Answer {
        let out = try BalanceRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try BalanceRunner.run(["batch", path, "--command", command, "--out", out.path, "--options", options])
        let name = URL(fileURLWithPath: path).lastPathComponent
        if run.status == 0 {
            return .json(try String(contentsOf: out.appendingPathComponent(name + ".json"), encoding: .utf8))
        }
        // The failed case's message is in the summary (and on standard error).
        let prefix = "balance: error: \(name): "
        let line = run.stderr.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        return .failure(status: run.status, message: line ?? run.stderr)
    }

    static func c(_ command: String, _ path: String, _ options: String) -> Answer {
        var result: UnsafeMutablePointer<CChar>?
        var message: UnsafeMutablePointer<CChar>?
        let status = command.withCString { c in
            path.withCString { p in options.withCString { o in abRun(c, p, o, &result, &message) } }
        }
        defer { abStringFree(result); abStringFree(message) }
        if status == 0 { return .json(String(cString: result!)) }
        return .failure(status: status, message: message.map { String(cString: $0) } ?? "")
    }

    @Test("CLI, batch and ab_run agree byte for byte on every dataset and command", arguments: cases)
    func sameAnswer(folder: String) throws {
        let path = BalanceRunner.dataset(folder)
        for (command, options) in Self.runs(for: folder) {
            let cli = try Self.cli(command, path, options)
            let batch = try Self.batch(command, path, options)
            let c = Self.c(command, path, options)
            #expect(cli == batch, "\(command) \(folder): CLI \(cli) vs batch \(batch)")
            #expect(cli == c, "\(command) \(folder): CLI \(cli) vs ab_run \(c)")
        }
    }

    @Test("savings: CLI and ab_run agree on the bundled periods")
    func savings() throws {
        for folder in ["savings/gbt13234-s26", "savings/two-products"] {
            let base = BalanceRunner.dataset(folder + "/base"), report = BalanceRunner.dataset(folder + "/report")
            let run = try BalanceRunner.run(["savings", base, report, "--format", "json"])
            #expect(run.status == 0)
            let options = "{\"report\": \"\(report)\"}"
            #expect(Self.c("savings", base, options) == .json(run.stdout), "\(folder)")
        }
    }

    @Test("the JSON records the options used: strategy, solver, covariance")
    func runRecord() throws {
        let path = BalanceRunner.dataset("correlated/ncsu-cooling-water-correlated")
        guard case let .json(text) = Self.c("reconcile", path, #"{"grossErrors": "glr"}"#) else {
            Issue.record("reconcile failed")
            return
        }
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require(document["run"] as? [String: Any])
        #expect(run["grossErrors"] as? String == "glr")
        #expect(run["covariance"] as? Bool == true)
        #expect(run["solver"] as? String == "dense")
        // The published correlated answer, not the independent-errors one (issue 9: batch gave 221.33).
        let global = try #require(document["globalTest"] as? [String: Any])
        #expect(abs((global["statistic"] as? Double ?? 0) - 364.5457) < 1e-3)
    }

    @Test("an unknown option or command is a usage error (64) in ab_run, never ignored")
    func unknownOption() {
        let path = BalanceRunner.dataset("published/nj_heat_exchanger_bypass")
        guard case let .failure(status, message) = Self.c("reconcile", path, #"{"alhpa": 0.01}"#) else {
            Issue.record("an unknown option was accepted")
            return
        }
        #expect(status == 64 && message.contains("alhpa"))
        guard case let .failure(status2, _) = Self.c("recon", path, "{}") else {
            Issue.record("an unknown command was accepted")
            return
        }
        #expect(status2 == 64)
    }
}
