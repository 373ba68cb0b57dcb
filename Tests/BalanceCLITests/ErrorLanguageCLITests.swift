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

    @Test("usage errors of the options and of the output file in Chinese, exit 64; English without a language", arguments: [
        (["reconcile", "--alpha", "2"], "--alpha 必须严格介于 0 与 1 之间。", "--alpha must lie strictly between 0 and 1."),
        (["check", "--hours-per-day", "30"], "--hours-per-day 必须在 (0, 24] 之内。", "--hours-per-day must lie in (0, 24]."),
        (["water", "--staff", "0"], "--staff 必须是正的职工人数。", "--staff must be a positive number of employees."),
        (["check", "--output", "OWN"], "是案例的输入文件：把结果写在那里会覆盖输入；请另选文件", "is a file of the case"),
    ])
    func usage(arguments: [String], chinese: String, english: String) throws {
        let folder = try BalanceRunner.makeCase(["streams.csv": "id,from,to,value,sigma\nS1,,N,1,1\nS2,N,,3,1\n"])
        let given = arguments.dropFirst().map { $0 == "OWN" ? folder.appendingPathComponent("streams.csv").path : $0 }
        let zh = try BalanceRunner.run([arguments[0], folder.path, "--lang", "zh"] + given)
        #expect(zh.status == 64 && zh.stderr.contains(chinese), "\(zh.stderr)")
        let en = try BalanceRunner.run([arguments[0], folder.path] + given, environment: ["LANG": "C", "LC_ALL": ""])
        #expect(en.status == 64 && en.stderr.contains(english), "\(en.stderr)")
    }

    @Test("the argument parser's own usage errors in Chinese with --lang zh, its usage lines kept; English otherwise", arguments: [
        (["check", "CASE", "--alpha", "2"], "错误：未知选项“--alpha”", "Error: Unknown option '--alpha'"),
        (["check"], "错误：缺少必需的参数“<case-path>”", "Error: Missing expected argument '<case-path>'"),
        (["reconcile", "CASE", "--format", "xml"], "错误：“xml”不是“--format <format>”的有效值。请给出以下之一：",
         "Error: The value 'xml' is invalid for '--format <format>'"),
        (["reconcil", "CASE"], "balance: 错误：未知命令“reconcil”——是否应为“reconcile”？", "balance: error: unknown command 'reconcil'"),
    ])
    func parser(arguments: [String], chinese: String, english: String) throws {
        let folder = try BalanceRunner.makeCase(["streams.csv": "id,from,to,value,sigma\nS1,,N,1,1\nS2,N,,3,1\n"])
        let given = arguments.map { $0 == "CASE" ? folder.path : $0 }
        let zh = try BalanceRunner.run(given + ["--lang", "zh"])
        #expect(zh.status == 64 && zh.stderr.contains(chinese), "\(zh.stderr)")
        #expect(arguments.count == 2 || zh.stderr.contains("Usage: balance"), "\(zh.stderr)")
        let en = try BalanceRunner.run(given, environment: ["LANG": "C", "LC_ALL": ""])
        #expect(en.status == 64 && en.stderr.contains(english), "\(en.stderr)")
        // Help is not an error: it goes to standard output, exit 0, in any language.
        let help = try BalanceRunner.run([arguments[0] == "reconcil" ? "reconcile" : arguments[0], "--help", "--lang", "zh"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: balance"), "\(help.stderr)")
    }

    @Test("the standards' refusals (energy carriers and units, material amounts, operating times) in Chinese", arguments: [
        ("energy", ["streams.csv": "id,from,to,value,unit,carrier,kind\nE1,,plant,100,t,煤块,purchase\nE2,plant,,,t,原煤,loss\n",
                    "nodes.csv": "id,stage\nplant,end-use\n"],
         "流股“E1”：未知能源品种“煤块”：GB/T 2589-2020 中没有；请写 GB/T 2589 的名称"),
        ("energy", ["streams.csv": "id,from,to,value,unit,carrier,kind\nE1,,plant,100,kWh,原煤,purchase\nE2,plant,,,t,原煤,loss\n",
                    "nodes.csv": "id,stage\nplant,end-use\n"],
         "不能以“kWh”计量（该单位为电量（kWh、万kWh、MWh））；请用质量（t、kg）或能量（GJ、MJ、kcal）或标准煤（tce、kgce）"),
        ("material", ["streams.csv": "id,from,to,value,unit\nA,,u,-10,kg/d\nB,u,,9,kg/d\n"],
         "流股“A”：数量 -10.0 为负；物料平衡相加的是单向流动的质量"),
        ("reconcile", ["streams.csv": "id,from,to,value,sigma\nS1,,A,10,1\nS2,A,,9,1\n", "nodes.csv": "id,hours_per_day\nA,30\n"],
         "节点“A”，列“hours_per_day”：30 不是每天的运行时间（请给出小时数，0 < h ≤ 24）"),
    ])
    func standards(command: String, files: [String: String], expected: String) throws {
        let run = try BalanceRunner.run([command, try BalanceRunner.makeCase(files).path, "--lang", "zh"])
        #expect(run.status == 65 && run.stderr.hasPrefix("balance: 错误：") && run.stderr.contains(expected), "\(run.stderr)")
    }

    @Test("a missing required column, named in Chinese with the headers found")
    func missingColumn() throws {
        let folder = try BalanceRunner.makeCase(["streams.csv": "来源,去向,测量值\n,N,5\n"])
        let run = try BalanceRunner.run(["reconcile", folder.path, "--lang", "zh"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("表头缺少必需的列“id”") && run.stderr.contains("现有表头为 '来源', '去向', '测量值'"),
                "\(run.stderr)")
    }

    @Test("less frequent errors: the model's checks and the other files' cells, located and explained in Chinese", arguments: [
        (["streams.csv": "id,from,to,value,sigma\nS1,,A,10,1\nS1,A,,9,1\n"],
         "streams.csv:3：流股编号“S1”重复（首次定义于 "),
        (["streams.csv": "id,from,to,value,sigma\nS1,,A,10,1\nS2,A,,9,\n"],
         "streams.csv:3：流股“S2”有测量值但没有不确定度"),
        (["streams.csv": "id,from,to,value,sigma\nS1,,A,10,1\nS2,A,,9,1\n", "nodes.csv": "id,balance\nA,maybe\n"],
         "nodes.csv:2:2：节点“A”，列“balance”：“maybe”不是“是”或“否”"),
        (["streams.csv": "id,from,to,value,sigma\nS1,,A,10,1\nS2,A,,9,1\n", "meters.csv": "stream,meter,class\nS1,M1,1\nS1,M2,1\n"],
         "meters.csv:3:1：流股“S1”，列“stream”：流股重复列出（另见第 2 行）：一个流股只由一块仪表计量"),
        (["streams.csv": "id,from,to,value,sigma,unit\nS1,,A,10,1,furlong\nS2,A,,9,1,t/d\n"],
         "streams.csv:2：流股“S1”：无法识别单位“furlong”"),
        (["streams.csv": "id,from,to,value,sigma\nS1,,A,\"10,1\nS2,A,,9,1\n"],
         "streams.csv:2:4：引号字段未结束：第 2 行（第 4 个字段，第 7 个字符）开始的引号没有闭合"),
        (["streams.csv": "id,from,to,value,sigma\nS1,,A,\"10\"x,1\nS2,A,,9,1\n"],
         "streams.csv:2:4：第 2 行第 4 个字段的闭合引号之后出现意外的“x”（第 11 个字符）"),
        (["streams.csv": "id,from,to,value,sigma\nS1,,A,10,1\nS2,A,,9,1\n", "relations.csv": "relation,stream,coefficient\nr1,S1,\n"],
         "关系式“r1”，流股“S1”，列“coefficient”：系数为空"),
        (["streams.csv": "id,from,to,value,sigma,lower\nS1,,A,10,0,\nS2,A,,10,1,12\n"],
         "streams.csv：上下限无法同时满足：当 S2 取下限时，平衡（A）无法成立"),
        (["streams.csv": "id,from,to,value,sigma\nS1,,A,10,1\nX,A,B,,\nY,A,B,,\nZ,B,,,\n"],
         "平衡方程不能确定未测流股 X（位于节点 A、节点 B）；Y（位于节点 A、节点 B）：该处未知量多于独立的平衡方程"),
    ])
    func lessFrequent(files: [String: String], expected: String) throws {
        // `check` for the undetermined streams (reconcile estimates what it can and reports the rest as unobservable).
        let command = expected.contains("未测流股") ? "check" : "reconcile"
        let run = try BalanceRunner.run([command, try BalanceRunner.makeCase(files).path, "--lang", "zh"])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("balance: 错误：") && run.stderr.contains(expected), "\(run.stderr)")
        // The same error without a language choice stays English (scripts match it).
        let english = try BalanceRunner.run([command, try BalanceRunner.makeCase(files).path],
                                            environment: ["LANG": "C", "LC_ALL": ""])
        #expect(english.status == 65 && english.stderr.hasPrefix("balance: error: "), "\(english.stderr)")
    }
}
