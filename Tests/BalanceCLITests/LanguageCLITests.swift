import Foundation
import Testing

/// The report language of `reconcile` (issue 13): `--lang`, else the locale, else — under C/POSIX — Chinese for a
/// case with Chinese headers; and no `null` in a table in either language.
@Suite("Report language")
struct LanguageCLITests {
    static let demo = BalanceRunner.dataset("demo/dyeing-plant-water")
    static let nj = BalanceRunner.dataset("published/nj_heat_exchanger_bypass")

    @Test("the default follows LANG, and under C.UTF-8 the case's headers", arguments: [
        ("C.UTF-8", "demo", "全局检验未通过"), ("C.UTF-8", "nj", "Global test passed"),
        ("zh_CN.UTF-8", "nj", "全局检验通过"), ("en_US.UTF-8", "demo", "Global test FAILED"),
        ("POSIX", "demo", "可疑仪表与泄漏（逐个剔除法）"),
    ])
    func defaults(locale: String, dataset: String, expected: String) throws {
        let run = try BalanceRunner.run(["reconcile", dataset == "demo" ? Self.demo : Self.nj], environment: ["LANG": locale])
        #expect(run.status == 0)
        #expect(run.stdout.contains(expected), "\(locale) \(dataset): \(run.stdout.prefix(300))")
    }

    @Test("a streams file read from a pipe follows its header too (judged from the bytes loaded, not read again)")
    func pipe() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "cat \"$1/streams.csv\" | \"$2\" reconcile /dev/stdin --gross-errors none", "sh",
                             Self.demo, BalanceRunner.executable.path]
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = nil
        environment["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.hasPrefix("数据协调 "), "\(text.prefix(200))")
    }

    @Test("check follows the same rule: Chinese verdicts for the demo under C.UTF-8, English with --lang en")
    func check() throws {
        let zh = try BalanceRunner.run(["check", Self.demo], environment: ["LANG": "C.UTF-8"])
        #expect(zh.stdout.hasPrefix("平衡检查 dyeing-plant-water") && zh.stdout.contains("超差"), "\(zh.stdout)")
        let en = try BalanceRunner.run(["check", Self.demo, "--lang", "en"], environment: ["LANG": "C.UTF-8"])
        #expect(en.stdout.hasPrefix("Balance check of dyeing-plant-water") && en.stdout.contains("EXCEEDS"))
    }

    @Test("balance batch follows the same rule, decided in the application layer, and its --lang wins")
    func batch() throws {
        for (locale, lang, expected) in [("C.UTF-8", nil, "数据协调"), ("en_US.UTF-8", nil, "Reconciliation of"),
                                         ("C.UTF-8", "en", "Reconciliation of")] as [(String, String?, String)] {
            let out = try BalanceRunner.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: out) }
            let run = try BalanceRunner.run(
                ["batch", Self.demo, "--format", "table", "--out", out.path] + (lang.map { ["--lang", $0] } ?? []),
                environment: ["LANG": locale])
            #expect(run.status == 0, "\(run.stderr)")
            let text = try String(contentsOf: out.appendingPathComponent("dyeing-plant-water.txt"), encoding: .utf8)
            #expect(text.hasPrefix(expected), "\(locale) \(lang ?? "-"): \(text.prefix(80))")
        }
    }

    @Test("--lang wins over the locale; Markdown too")
    func explicit() throws {
        let en = try BalanceRunner.run(["reconcile", Self.demo, "--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(en.stdout.hasPrefix("Reconciliation of dyeing-plant-water"))
        let zh = try BalanceRunner.run(["reconcile", Self.nj, "--lang", "zh", "--format", "markdown"])
        #expect(zh.stdout.hasPrefix("# 数据协调 nj_heat_exchanger_bypass"))
        // JSON is the same in both languages.
        let a = try BalanceRunner.run(["reconcile", Self.demo, "--lang", "zh", "-f", "json"])
        let b = try BalanceRunner.run(["reconcile", Self.demo, "--lang", "en", "-f", "json"])
        #expect(a.stdout == b.stdout)
    }

    @Test("an unobservable stream is — in the table, never null, in both languages")
    func noNull() throws {
        let path = BalanceRunner.dataset("published/ncsu_cooling_water_F1_F6_only")
        for lang in ["zh", "en"] {
            let run = try BalanceRunner.run(["reconcile", path, "--lang", lang])
            #expect(run.status == 0)
            // The tables: everything before the warnings (a warning may name JSON's null).
            let tables = run.stdout.components(separatedBy: lang == "zh" ? "\n警告：" : "\nWarnings:")[0]
            #expect(!tables.contains("null") && !tables.contains("nan"), "\(lang): \(tables)")
            #expect(run.stdout.contains(lang == "zh" ? "—（不可观测）" : "— (unobservable)"))
        }
    }
}
