import TestSupport
import BalanceCore
import Foundation
import Testing
@testable import BalanceIO
import BalanceApplication

#if canImport(Glibc)
import Glibc
#endif

/// The batch runner as a library: inputs and names, the summary, progress, temporary files,
/// the fast JSON writer, and runs with bad cases and cancellation.
@Suite("Batch runner (library)")
struct BatchTests {
    static let datasets = TestDatasets.root

    static func temporaryDirectory() throws -> URL { try TemporaryFolder.make(prefix: "batch-tests") }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static let nj = "id,from,to,value,sigma\nS1,,splitter,101.91,1\nS2,splitter,hx,64.45,1\nS3,splitter,bypass,34.65,1\n"
        + "S4,hx,mixer,64.2,1\nS5,bypass,mixer,36.44,1\nS6,mixer,,98.88,1\n"

    // MARK: JSON

    @Test("the JSON of every published case and the demo parses back, at every indentation")
    func jsonParsesBack() throws {
        var folders = try FileManager.default.contentsOfDirectory(atPath: Self.datasets.appendingPathComponent("published").path)
            .map { "published/" + $0 }
        folders.append("demo/dyeing-plant-water")
        for folder in folders.sorted() {
            // Cases in another form (case.json only) are not read by the CSV loader.
            guard let loaded = try? CaseLoader.load(Self.datasets.appendingPathComponent(folder).path) else { continue }
            let result = try Reconciler.reconcile(loaded.model)
            let document = ReconciliationReport(model: loaded.model, result: result, caseName: loaded.name).json()
            for indent in [0, 2, 4] {
                let bytes = document.serializedBytes(indent: indent)
                #expect(String(decoding: bytes, as: UTF8.self) == document.serialized(indent: indent))
                let parsed = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], "\(folder)")
                #expect((parsed["streams"] as? [Any])?.count == loaded.model.streams.count, "\(folder), indent \(indent)")
            }
        }
    }

    @Test("JSON escapes quotes, backslashes, controls; keeps Chinese text; writes empty containers and non-finite numbers as null")
    func jsonEscapes() throws {
        let value = JSONValue.object([
            ("text", .string("a\"b\\c\nd\re\tf\u{1}g\u{1F}h 冷却水 ✓")), ("empty", .array([])), ("none", .object([])),
            ("numbers", .array([.number(1.5), .number(Double.nan), .integer(-3), .null, .bool(true)])),
        ])
        let compact = value.serialized(indent: 0)
        #expect(compact == #"{"text":"a\"b\\c\nd\re\tf\u0001g\u001fh 冷却水 ✓","empty":[],"none":{},"numbers":[1.5,null,-3,null,true]}"#)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(compact.utf8)) as? [String: Any])
        #expect(parsed["text"] as? String == "a\"b\\c\nd\re\tf\u{1}g\u{1F}h 冷却水 ✓")
    }

    // MARK: Inputs and names

    @Test("cases sharing a folder name get the parent in front, then -2; `summary` is reserved; dots replaced")
    func names() {
        let names = BatchInputs.uniqueNames([
            ("/x/a/plant/streams.csv", "plant", "a"), ("/x/b/plant/streams.csv", "plant", "b"),
            ("/y/a/plant/streams.csv", "plant", "a"), ("/z/summary/streams.csv", "summary", "z"),
            ("/z/other/streams.csv", "Other", "z"), ("/w/other/streams.csv", "other", "w"),
        ])
        #expect(names == ["a-plant", "b-plant", "a-plant-2", "z-summary", "z-Other", "w-other"])
        #expect(BatchInputs.sanitize(".hidden") == "_hidden")
        #expect(BatchInputs.sanitize("a\u{7}b") == "a_b")
        #expect(BatchInputs.sanitize("") == "case")
    }

    @Test("result names from the path alone are Foundation URL's standardised names, without a system call",
          arguments: [
              "/tmp/bcases/case-00001/streams.csv", "case-00001/streams.csv", "./case-00001/streams.csv", "streams.csv",
              "/streams.csv", "/a/streams.csv", "/tmp/bcases//case-00001/./streams.csv",
              "/tmp/bcases/x/../case-00001/streams.csv", "../up/streams.csv", "/tmp/../../streams.csv", "/tmp/x.csv",
              "x.csv", "/tmp/x", "/tmp/a.b.csv", "/tmp/.csv", "/tmp/a/", "a/b/../../c/streams.csv",
              "/tmp/dir.d/STREAMS.CSV", "/tmp/a b/流.csv", "/厂/车间 1/streams.csv", "/tmp/.hidden/streams.csv",
          ])
    func namesFromPaths(path: String) {
        // The reference: what the names were computed with before (Foundation's URL, which resolves a relative
        // path against the working directory and removes `.` and `..` without following links).
        func reference(_ casePath: String, _ streamsPath: String) -> (String, String) {
            let streamsURL = URL(fileURLWithPath: streamsPath, isDirectory: false).standardizedFileURL
            let folder = streamsURL.deletingLastPathComponent()
            let base = casePath == streamsPath && streamsURL.lastPathComponent.lowercased() != "streams.csv"
                ? streamsURL.deletingPathExtension().lastPathComponent : folder.lastPathComponent
            return (BatchInputs.sanitize(base), BatchInputs.sanitize(folder.deletingLastPathComponent().lastPathComponent))
        }
        let workingDirectory = FileManager.default.currentDirectoryPath
        for casePath in [path, "elsewhere"] {
            let ours = BatchInputs.names(casePath: casePath, streamsPath: path, workingDirectory: workingDirectory)
            let expected = reference(casePath, path)
            #expect(ours == expected, "\(casePath) / \(path)")
        }
    }

    @Test("a name kept as it is (printable ASCII) is what the character-by-character rule gives")
    func sanitizeFastPath() {
        // The rule: control characters, '/' and '\\' become '_', leading dots become '_', empty becomes "case".
        func rule(_ text: String) -> String {
            var name = String(String.UnicodeScalarView(text.unicodeScalars.map {
                $0.properties.generalCategory == .control || $0 == "/" || $0 == "\\" ? "_" : $0
            }))
            while name.hasPrefix(".") { name = "_" + name.dropFirst() }
            return name.isEmpty ? "case" : name
        }
        var generator = SplitMix64(seed: 12)
        let alphabet: [Unicode.Scalar] = (0x00...0x7F).compactMap(Unicode.Scalar.init) + ["\u{85}", "\u{9F}", "冷", "é", "\u{2028}"]
        for length in 0..<12 {
            for _ in 0..<200 {
                let text = String(String.UnicodeScalarView((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
                #expect(BatchInputs.sanitize(text) == rule(text), "\(text.debugDescription)")
            }
        }
    }

    @Test("inputs: case folders, streams files, folders of cases, patterns, duplicates, problems")
    func expand() throws {
        let root = try Self.temporaryDirectory()
        for name in ["one", "two", "three"] {
            try Self.write(Self.nj, to: root.appendingPathComponent("cases/\(name)/streams.csv"))
        }
        try Self.write(Self.nj, to: root.appendingPathComponent("flat/site-7.csv"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("cases/empty"), withIntermediateDirectories: true)
        let cases = root.appendingPathComponent("cases").path
        let jobs = BatchInputs.expand([
            cases, cases + "/t*", root.appendingPathComponent("flat/site-7.csv").path, root.path + "/nothing*",
            root.path + "/missing", cases + "/empty",
        ])
        #expect(jobs.map(\.name) == ["one", "three", "two", "site-7", "nothing*", "missing", "empty"])
        #expect(jobs.filter { $0.problem == nil }.count == 4, "the folder of cases skips 'empty'; t* adds no duplicate")
        #expect(jobs[4].problem?.contains("matches no file") == true)
        #expect(jobs[5].problem?.contains("no such file") == true)
        #expect(jobs[6].problem?.contains("no streams.csv") == true)
        #expect(BatchInputs.isPattern("a/*/b") && BatchInputs.isPattern("{a,b}") && !BatchInputs.isPattern("a/b"))
    }

    // MARK: Summary, progress, files

    @Test("summary.csv round trip, with quotes and commas in messages")
    func summaryRoundTrip() {
        let rows = [
            BatchSummaryRow(
                name: "a", status: .ok,
                figures: BatchFigures(streams: 12, dof: 4, chiSquared: 6.4075, pValue: 0.17, passed: true, flagged: 1,
                                      grossErrors: ["S4", "leak:U2"]),
                output: "a.json", input: "cases/a"),
            BatchSummaryRow(name: "b, \"x\"", status: .failed, input: "cases/b",
                            error: BatchCaseError(.badData, "streams.csv:3:4: 'ten' is not a number, \"quoted\"")),
            BatchSummaryRow(name: "c", status: .skipped, figures: BatchFigures(streams: 3), output: "c.json", input: "c"),
        ]
        let text = BatchSummary.csv(rows)
        #expect(text.hasPrefix("case,status,streams,dof,chi2,pValue,passed,flagged,grossErrors,output,input,errorKind,error\r\n"))
        #expect(BatchSummary.parse(Array(text.utf8)) == rows)
        #expect(BatchSummary.parse(Array("garbage\n\"unterminated".utf8)).isEmpty)
    }

    @Test("progress line: bar, counts, percentage, rate, ETA, failures")
    func progressLine() {
        let progress = BatchProgress(done: 2500, total: 10000, ok: 2490, failed: 3, skipped: 7, elapsed: 1.25)
        let line = progress.line(width: 100)
        let bar = line.prefix { $0 != " " }
        #expect(bar.hasPrefix("[#") && bar.hasSuffix(".]"))
        #expect(abs(Double(bar.filter { $0 == "#" }.count) / Double(bar.count - 2) - 0.25) < 0.05)
        #expect(line.contains(" 2500/10000") && line.contains(" 25%") && line.contains("2000 cases/s"))
        #expect(line.contains("ETA 0:04") && line.contains("3 failed") && line.contains("7 skipped"))
        #expect(line.count <= 100)
        #expect(BatchProgress.clock(3725) == "1:02:05")
        #expect(BatchProgress(done: 0, total: 5, ok: 0, failed: 0, skipped: 0, elapsed: 0).line().contains("ETA --:--"))
    }

    @Test("temporary files of dead processes are removed; others are kept")
    func staleTemporaries() throws {
        let folder = try Self.temporaryDirectory()
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = child.processIdentifier
        let names = [".a.json.\(dead).123.tmp", ".b.json.\(getppid()).456.tmp", ".c.json.tmp", "d.json"]
        for name in names { try Self.write("x", to: folder.appendingPathComponent(name)) }
        #expect(BatchFiles.temporaryOwner(".a.json.\(dead).123.tmp") == dead)
        #expect(BatchFiles.temporaryOwner("a.json") == nil && BatchFiles.temporaryOwner(".c.json.tmp") == nil)
        #expect(BatchFiles.removeStaleTemporaries(in: folder.path) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == names.dropFirst().sorted())
    }

    // MARK: Runs

    @Test("a run with a bad case: results, summary, failure callback, exit status 65, then skipping")
    func run() throws {
        let root = try Self.temporaryDirectory()
        for name in ["a", "b", "c"] { try Self.write(Self.nj, to: root.appendingPathComponent("cases/\(name)/streams.csv")) }
        try Self.write("id,from,to,value,sigma\nS1,,U,1,-1\n", to: root.appendingPathComponent("cases/bad/streams.csv"))
        let out = root.appendingPathComponent("out").path
        let runner = BatchRunner(command: .application(.reconcile, options: AuditOptions()), outputDirectory: out, width: 2)
        let failures = Counter()
        let outcome = try runner.run(BatchInputs.expand([root.appendingPathComponent("cases").path]), failure: { _ in failures.add() })
        #expect(outcome.counts == (ok: 3, failed: 1, skipped: 0))
        #expect(outcome.exitStatus == 65)
        #expect(failures.value == 1)
        let bad = try #require(outcome.rows.first { $0.name == "bad" })
        #expect(bad.error?.kind == .badData && bad.error?.message.contains("negative") == true)
        let a = try #require(outcome.rows.first { $0.name == "a" })
        #expect(a.figures.dof == 4 && abs(a.figures.chiSquared! - 6.4075) < 1e-9 && a.figures.passed == true)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["a.json", "b.json", "c.json", "summary.csv"])

        let again = try runner.run(BatchInputs.expand([root.appendingPathComponent("cases").path]))
        #expect(again.counts == (ok: 0, failed: 1, skipped: 3))
        #expect(again.rows.first { $0.name == "a" }?.figures == a.figures, "figures carried from the summary")
    }

    @Test("cancellation stops starting cases; the summary lists what was done; the next run does the rest")
    func cancellation() throws {
        let root = try Self.temporaryDirectory()
        for i in 0..<60 { try Self.write(Self.nj, to: root.appendingPathComponent("cases/c\(i)/streams.csv")) }
        let out = root.appendingPathComponent("out").path
        let jobs = BatchInputs.expand([root.appendingPathComponent("cases").path])
        let runner = BatchRunner(command: .application(.check, options: AuditOptions()), outputDirectory: out, width: 2)
        let cancellation = BatchCancellation()
        let first = try runner.run(jobs, cancellation: cancellation, progress: { progress in
            if progress.done >= 30 { cancellation.cancel(signal: 15) }
        })
        #expect(first.rows.count >= 30 && first.rows.count < 60)
        #expect(first.cancelledBy == 15 && first.exitStatus == 143)
        let summary = BatchSummary.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: runner.summaryPath))))
        #expect(summary.count == first.rows.count)

        // Interrupted again at once: the cases it did not reach keep their rows and figures.
        let early = BatchCancellation()
        let interrupted = try runner.run(jobs, cancellation: early, progress: { _ in early.cancel(signal: 2) })
        #expect(interrupted.rows.count < first.rows.count)
        let kept = BatchSummary.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: runner.summaryPath))))
        #expect(kept.count == first.rows.count)
        #expect(kept.allSatisfy { $0.figures.streams == 6 })

        let second = try runner.run(jobs)
        #expect(second.counts == (ok: 60 - first.rows.count, failed: 0, skipped: first.rows.count))
        #expect(second.exitStatus == 0)
    }

    @Test("exit status: computation and write failures (1) outrank bad data (65)")
    func exitStatus() {
        func outcome(_ kinds: [BatchCaseError.Kind?]) -> BatchOutcome {
            BatchOutcome(rows: kinds.map { kind in
                BatchSummaryRow(name: "x", status: kind == nil ? .ok : .failed, input: "x", error: kind.map { BatchCaseError($0, "") })
            }, total: kinds.count, elapsed: 1, cancelledBy: nil)
        }
        #expect(outcome([nil, nil]).exitStatus == 0)
        #expect(outcome([nil, .badData]).exitStatus == 65)
        #expect(outcome([.badData, .computation]).exitStatus == 1)
        #expect(outcome([.output]).exitStatus == 1)
    }

    @Test("a subfolder with CSV files but no streams.csv is a failed case, not left out")
    func folderWithoutStreams() throws {
        let root = try Self.temporaryDirectory()
        try Self.write(Self.nj, to: root.appendingPathComponent("cases/a/streams.csv"))
        try Self.write("id,stage\n", to: root.appendingPathComponent("cases/b/nodes.csv"))
        try Self.write("notes", to: root.appendingPathComponent("cases/docs/readme.txt"))
        let jobs = BatchInputs.expand([root.appendingPathComponent("cases").path])
        #expect(jobs.count == 2)
        let missing = try #require(jobs.first { $0.problem != nil })
        #expect(missing.problem?.contains("has no streams.csv") == true)
    }

    @Test("results written after the last checkpoint of a killed run keep their figures on the rerun")
    func figuresAfterKill() throws {
        let root = try Self.temporaryDirectory()
        for name in ["a", "b"] { try Self.write(Self.nj, to: root.appendingPathComponent("cases/\(name)/streams.csv")) }
        let out = root.appendingPathComponent("out").path
        let runner = BatchRunner(command: .application(.reconcile, options: AuditOptions()), outputDirectory: out, width: 1)
        let jobs = BatchInputs.expand([root.appendingPathComponent("cases").path])
        _ = try runner.run(jobs)
        // A kill before the checkpoint: the results are there, the summary lists nothing.
        try Data("case,status\n".utf8).write(to: URL(fileURLWithPath: runner.summaryPath))
        let rerun = try runner.run(jobs)
        #expect(rerun.rows.count == 2)
        #expect(rerun.rows.allSatisfy { $0.figures.dof == 4 && $0.figures.chiSquared != nil }, "\(rerun.rows)")
    }

    @Test("every command that reads a case runs in a batch and writes every format")
    func registry() throws {
        #expect(BatchCommand.applicationCommands == AuditCommand.allCases.filter { $0 != .savings && $0 != .compare })
        let samples: [AuditCommand: String] = [
            .reconcile: "published/nj_heat_exchanger_bypass", .check: "published/nj_heat_exchanger_bypass",
            .water: "water/gbt12452-example-9.1", .energy: "energy/gbt3484-example-4.3",
            .material: "material/chrome-plating-line", .simulate: "published/nj_heat_exchanger_bypass",
            .advise: "demo/dyeing-plant-water", .report: "demo/dyeing-plant-water",
        ]
        var options = AuditOptions()
        options.trials = 20
        for auditCommand in BatchCommand.applicationCommands {
            let sample = try #require(samples[auditCommand], "add a sample case for '\(auditCommand)' to this test")
            let command = BatchCommand.application(auditCommand, options: options)
            #expect(command.name == auditCommand.rawValue)
            let loaded = try CaseLoader.load(Self.datasets.appendingPathComponent(sample).path)
            // PDF needs Chromium, which `make test-report` installs after the unit tests: AuditReportTests and
            // scripts/check-report.sh cover it.
            for format in command.formats where format != .pdf {
                let result = try command.run(loaded, settings: BatchSettings(format: format))
                #expect(!result.utf8.isEmpty, "\(command.name) \(format)")
                #expect(result.figures.streams == loaded.model.streams.count)
                if [.reconcile, .check, .water, .energy, .material].contains(auditCommand) {
                    #expect(result.figures.passed != nil, "\(command.name)")
                }
            }
        }
    }
}

/// A thread-safe counter for callbacks.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
