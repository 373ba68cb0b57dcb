import TestSupport
import BalanceCore
import Foundation
import Testing
@testable import BalanceIO

/// Loads an in-memory case whose files are named `streams.csv`, `nodes.csv` … .
private func load(
    _ streams: String, nodes: String? = nil, relations: String? = nil, components: String? = nil,
    options: CaseLoadOptions = .init()
) throws(InputError) -> LoadedCase {
    try CaseLoader.load(
        streams: CSVInput(name: "streams.csv", text: streams),
        nodes: nodes.map { CSVInput(name: "nodes.csv", text: $0) },
        relations: relations.map { CSVInput(name: "relations.csv", text: $0) },
        components: components.map { CSVInput(name: "components.csv", text: $0) },
        options: options)
}

@Suite("Case loading")
struct CaseLoaderTests {
    @Test("a case folder with all four files (UTF-8 BOM, CRLF, quotes, blank line)")
    func folder() throws {
        let loaded = try CaseLoader.load(Fixtures.path("basic"))
        let model = loaded.model
        #expect(loaded.name == "basic")
        #expect(loaded.files.map { ($0 as NSString).lastPathComponent }
            == ["streams.csv", "nodes.csv", "relations.csv", "components.csv"])
        #expect(loaded.warnings.isEmpty)
        #expect(model.streams.map(\.id) == ["F1", "F2", "F3", "F4", "F5"])

        let f1 = try #require(model.stream("F1"))
        #expect(f1.from == nil && f1.to == "Boiler" && f1.value == 100 && f1.sigma == 2)
        #expect(f1.name == "Feed water, softened" && f1.source == "FT-101" && f1.kind == "intake" && f1.unit == "t")
        let f2 = try #require(model.stream("F2"))
        #expect(f2.name == "Steam \"HP\"")
        #expect(abs(f2.sigma! - 1) < 1e-15)  // u95 1.96 / 1.96
        let f3 = try #require(model.stream("F3"))
        #expect(f3.name == "Condensate\r\nreturn")
        #expect(abs(f3.sigma! - 0.03 * 85 / 3.0.squareRoot()) < 1e-12)  // mpe 3 % of 85, /√3
        #expect(model.stream("F4")?.value == nil && model.stream("F4")?.sigma == nil)
        #expect(model.stream("F5")?.sigma == 0)
        // Physical lines: F3's name spans lines 4–5, line 7 is blank.
        #expect(model.streams.map { $0.location?.line } == [2, 3, 4, 6, 8])
        #expect(f1.location?.file.hasSuffix("basic/streams.csv") == true)

        #expect(model.nodes.map(\.id) == ["Boiler", "Turbine"])
        #expect(model.node("Boiler")?.name == "锅炉房" && model.node("Turbine")?.balanced == true)
        #expect(model.node("Boiler")?.category == "boiler")

        #expect(model.relations.count == 1)
        #expect(model.relations[0].constant == 5)
        #expect(model.relations[0].terms.map(\.stream) == ["F2", "F3"])
        #expect(model.relations[0].terms.map(\.coefficient) == [1, -1])
        #expect(model.relations[0].location?.line == 2)

        #expect(loaded.components.count == 2)
        let tds = loaded.components[0]
        #expect(tds.stream == "F1" && tds.component == "TDS" && tds.value == 120 && tds.unit == "mg/L")
        #expect(abs(tds.sigma! - 6) < 1e-12)
        #expect(loaded.components[1].sigma == nil)
        #expect(loaded.components[1].location?.line == 3)
    }

    @Test("the path of a streams.csv finds the other files beside it")
    func streamsPath() throws {
        let byFile = try CaseLoader.load(Fixtures.path("basic/streams.csv"))
        let byFolder = try CaseLoader.load(Fixtures.path("basic"))
        #expect(byFile.model == byFolder.model)
        #expect(byFile.components == byFolder.components)
        #expect(byFile.name == "basic")
        #expect(byFile.files.count == 4)
    }

    @Test("GB18030 case with Chinese headers and node names, detected and forced",
          arguments: [TextEncoding.automatic, .gb18030])
    func gb18030Case(_ encoding: TextEncoding) throws {
        let loaded = try CaseLoader.load(Fixtures.path("gb18030"), options: .init(encoding: encoding))
        let model = loaded.model
        #expect(loaded.warnings.isEmpty)
        #expect(model.streams.map(\.id) == ["W1", "W2", "W3", "W4"])
        #expect(model.stream("W1")?.to == "一车间")
        #expect(abs(model.stream("W1")!.sigma! - 2.4) < 1e-12)  // 2 % of 120
        #expect(model.stream("W3")?.name == "回水，已处理")
        #expect(model.node("一车间")?.name == "一车间（冷却）")
        #expect(model.isBalanced("循环水池") == false)
    }

    @Test("forcing UTF-8 on the GB18030 case is an error naming the file and line 1")
    func gb18030ForcedUTF8() throws {
        let error = #expect(throws: InputError.self) {
            try CaseLoader.load(Fixtures.path("gb18030"), options: .init(encoding: .utf8))
        }
        #expect(error?.file.hasSuffix("gb18030/streams.csv") == true)
        #expect(error?.line == 1)
        #expect(error?.description.contains("streams.csv:1: invalid UTF-8 at byte offset 0") == true)
    }

    @Test("Chinese headers in UTF-8; headers match case-insensitively after trimming")
    func headerAliases() throws {
        let chinese = try load("编号,来源,去向,测量值,扩展不确定度,类别,能源品种,单位,名称,数据来源,下限,上限\n"
            + "E1,,锅炉,1000,19.6,purchase,原煤,t,\"原煤, 进厂\",地磅,900,1100\n")
        let e1 = try #require(chinese.model.stream("E1"))
        #expect(e1.to == "锅炉" && e1.value == 1000 && abs(e1.sigma! - 10) < 1e-12)
        #expect(e1.kind == "purchase" && e1.carrier == "原煤" && e1.unit == "t" && e1.name == "原煤, 进厂")
        #expect(e1.source == "地磅" && e1.lower == 900 && e1.upper == 1100)

        let english = try load(" ID , From,TO ,Value,  SIGMA \nS1 , A , B , 5 , 0.5 \n")
        let s1 = try #require(english.model.stream("S1"))
        #expect(s1.from == "A" && s1.to == "B" && s1.value == 5 && s1.sigma == 0.5)
    }

    @Test("an unknown column is a warning that names file, line and column")
    func unknownColumn() throws {
        let loaded = try load("id,value,remark\nS1,1,checked\n")
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings[0].hasPrefix("streams.csv:1:3: unknown column 'remark' is ignored"))
        #expect(loaded.model.stream("S1")?.value == 1)
    }

    @Test("a column without header: ignored silently when empty (Excel's trailing comma), else a warning")
    func unnamedColumn() throws {
        #expect(try load("id,value,\nS1,1,\nS2,2\n").warnings.isEmpty)
        let loaded = try load("id,,value\nS1,,1\nS2,x,2\n")
        #expect(loaded.warnings == ["streams.csv:3:2: column 2 has no header: its values (such as 'x') are ignored"])
        #expect(loaded.model.streams.map(\.value) == [1, 2])
    }

    @Test("uncertainty columns: σ = sigma, u95 / 1.96, mpe / √3; absolute or % of |value|", arguments: [
        ("sigma", "2", 50.0, 2.0), ("sigma", "2%", 50, 1), ("sigma", "2%", -50, 1), ("sigma", "0", 50, 0),
        ("u95", "1.96", 50, 1), ("u95", "3.92%", 50, 1), ("mpe", "1.7320508075688772", 50, 1),
        ("mpe", "2%", 100, 2 / 3.0.squareRoot()), ("mpe", "0.5 %", 1e3, 5 / 3.0.squareRoot()),
        ("标准差", "1e-1", 1, 0.1), ("扩展不确定度", "1.96", 7, 1), ("最大允许误差", "3％", 100, 3 / 3.0.squareRoot()),
        ("sigma", "0%", 0, 0),
    ])
    func uncertainty(_ column: String, _ text: String, _ value: Double, _ sigma: Double) throws {
        let loaded = try load("id,value,\(column)\nS1,\(value),\(text)\n")
        let got = try #require(loaded.model.stream("S1")?.sigma)
        #expect(abs(got - sigma) <= 1e-12 * max(1, sigma))
    }

    @Test("default uncertainty applies to measured streams without one")
    func defaultUncertainty() throws {
        let text = "id,value,sigma\nS1,200,\nS2,100,1\nS3,,\n"
        let relative = try load(text, options: .init(defaultUncertainty: .relative(0.02)))
        #expect(relative.model.streams.map(\.sigma) == [4, 1, nil])
        let absolute = try load(text, options: .init(defaultUncertainty: .absolute(0.5)))
        #expect(absolute.model.streams.map(\.sigma) == [0.5, 1, nil])
        let none = try load(text)
        #expect(none.model.streams.map(\.sigma) == [nil, 1, nil])
    }

    @Test("UncertaintySpec.parse", arguments: [
        ("2%", UncertaintySpec.relative(0.02)), (" 0.5 ", .absolute(0.5)), ("1e-2", .absolute(0.01)),
        ("0", .absolute(0)), ("-1", nil), ("-2%", nil), ("abc", nil), ("nan", nil), ("", nil),
    ] as [(String, UncertaintySpec?)])
    func uncertaintySpec(_ text: String, _ expected: UncertaintySpec?) {
        #expect(UncertaintySpec.parse(text) == expected)
    }

    @Test("short rows are padded; empty rows and Excel's ,,,, rows are skipped")
    func shortAndEmptyRows() throws {
        let loaded = try load("id,from,to,value,sigma\r\nS1,A\r\n,,,,\r\n\r\n   \r\nS2,A,,3\r\n,,,\r\n")
        #expect(loaded.model.streams.map(\.id) == ["S1", "S2"])
        #expect(loaded.model.stream("S1")?.to == nil && loaded.model.stream("S1")?.value == nil)
        #expect(loaded.model.stream("S2")?.location?.line == 6)
    }

    @Test("balance flags in nodes.csv", arguments: [
        ("yes", true), ("No", false), ("TRUE", true), ("false", false), ("1", true), ("0", false), ("是", true),
        ("否", false), ("", true),
    ])
    func balanceFlag(_ text: String, _ balanced: Bool) throws {
        let loaded = try load("id,from,to\nS1,,U1\n", nodes: "编号,平衡\nU1,\(text)\n")
        #expect(loaded.model.isBalanced("U1") == balanced)
    }

    @Test("nodes.csv: hierarchy, category, stage, steam")
    func nodeColumns() throws {
        let loaded = try load("id,from,to\nS1,,U1\n",
                              nodes: "id,name,parent,category,stage,steam\nPlant,工厂,,,,\nU1,锅炉,Plant,boiler,conversion,12.5\n")
        let u1 = try #require(loaded.model.node("U1"))
        #expect(u1.parent == "Plant" && u1.category == "boiler" && u1.stage == "conversion" && u1.steam == 12.5)
        #expect(u1.location?.file == "nodes.csv" && u1.location?.line == 3)
    }

    @Test("relations: rows need not be adjacent; a constant may be repeated or given on its own row")
    func relations() throws {
        let loaded = try load("id\nA\nB\nC\n", relations: "relation,stream,coefficient,constant\n"
            + "R1,A,1,\nR2,B,2,\nR1,B,-0.5,3\nR2,,,7\nR1,C,1,3\n")
        let relations = loaded.model.relations
        #expect(relations.map(\.id) == ["R1", "R2"])
        #expect(relations[0].terms.map(\.stream) == ["A", "B", "C"] && relations[0].constant == 3)
        #expect(relations[1].terms.map(\.coefficient) == [2] && relations[1].constant == 7)
        #expect(relations[0].terms[1].location == SourceLocation(file: "relations.csv", line: 4, column: 2,
                                                                 columnName: "stream"))
    }

    @Test("components: percentages are fractions; the sigma percentage is of the value")
    func components() throws {
        let loaded = try load("id\nS1\nS2\n", components: "流股,组分,测量值,最大允许误差,单位\nS1,碳,2.5%,10%,\nS2,H,0.1,,\n")
        #expect(loaded.components.map(\.value) == [0.025, 0.1])
        #expect(abs(loaded.components[0].sigma! - 0.0025 / 3.0.squareRoot()) < 1e-15)
        #expect(loaded.components[0].component == "碳")
    }

    @Test("file names are found case-insensitively; the case is named after its folder")
    func fileNameCase() throws {
        let folder = try TemporaryFolder.make(prefix: "balanceio").appendingPathComponent("水平衡")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try Data("id,from,to\nS1,,U1\n".utf8).write(to: folder.appendingPathComponent("Streams.CSV"))
        try Data("id\nU2\n".utf8).write(to: folder.appendingPathComponent("NODES.csv"))
        let error = #expect(throws: InputError.self) { try CaseLoader.load(folder.path) }
        #expect(error?.description.contains("Streams.CSV:2: stream 'S1' names node 'U1'") == true)

        try Data("id\nU1\n".utf8).write(to: folder.appendingPathComponent("NODES.csv"))
        let loaded = try CaseLoader.load(folder.path)
        #expect(loaded.name == "水平衡")
        #expect(loaded.files.count == 2)
    }

    @Test("a missing folder, or a folder without streams.csv, is an error naming the path")
    func missing() throws {
        let nowhere = "/nonexistent/case-\(UUID().uuidString)"
        let error = #expect(throws: InputError.self) { try CaseLoader.load(nowhere) }
        #expect(error?.description == "\(nowhere): no such file or folder")
        let empty = #expect(throws: InputError.self) { try CaseLoader.load(Fixtures.path("")) }
        #expect(empty?.message.contains("has no streams.csv") == true)
    }
}
