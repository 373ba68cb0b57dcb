import Foundation
import Testing

/// Error messages in the chosen language (issue 13, Deliver 4): `--lang zh`, or a zh locale, prints the message
/// catalogue's Chinese; otherwise the English text, which scripts match.
@Suite("Errors in Chinese")
struct ErrorLanguageCLITests {
    static func badCase() throws -> URL {
        try BalanceRunner.makeCase(["streams.csv": "id,from,to,value,sigma\nS1,,N,1x,1\nS2,N,,3,1\n"])
    }

    @Test("--lang zh: the location, stream, column and reason in Chinese; the exit status unchanged")
    func chinese() throws {
        let run = try BalanceRunner.run(["reconcile", try Self.badCase().path, "--lang", "zh"])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("balance: 错误：") && run.stderr.contains("streams.csv:2:4：流股“S1”，列“value”：“1x”不是数字"),
                "\(run.stderr)")
    }

    @Test("a zh locale without --lang chooses Chinese; the C locale English")
    func locale() throws {
        let folder = try Self.badCase()
        let zh = try BalanceRunner.run(["reconcile", folder.path], environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": ""])
        #expect(zh.status == 65 && zh.stderr.contains("不是数字"), "\(zh.stderr)")
        let c = try BalanceRunner.run(["reconcile", folder.path], environment: ["LANG": "C", "LC_ALL": ""])
        #expect(c.status == 65 && c.stderr.hasPrefix("balance: error: ") && c.stderr.contains("'1x' is not a number"))
    }

    @Test("a missing required column, named in Chinese with the headers found")
    func missingColumn() throws {
        let folder = try BalanceRunner.makeCase(["streams.csv": "来源,去向,测量值\n,N,5\n"])
        let run = try BalanceRunner.run(["reconcile", folder.path, "--lang", "zh"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("表头缺少必需的列“id”") && run.stderr.contains("现有表头为 '来源', '去向', '测量值'"),
                "\(run.stderr)")
    }
}
