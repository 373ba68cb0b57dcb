import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `balance water` end to end: the STANDARDS.md §9.1 example through its CSV files, the output formats, the
/// diagram files, the bundled datasets, and the data and usage errors with their exit statuses.
@Suite("balance water (CLI)")
struct WaterCLITests {
    static let example = BalanceRunner.dataset("water/gbt12452-example-9.1")
    static let brewery = BalanceRunner.dataset("water/brewery-24-units")
    static let demo = BalanceRunner.dataset("demo/dyeing-plant-water")

    static func json(_ run: BalanceRun) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        return try #require(object as? [String: Any])
    }

    static func close(_ a: Any?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        guard let a = a as? Double else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test("§9.1: every expected figure through the CSV files (exact fractions, 1e-12 relative)")
    func example91() throws {
        let run = try BalanceRunner.run(["water", Self.example, "--production", "300", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let j = try Self.json(run)
        let indicators = try #require(j["indicators"] as? [String: Any])
        #expect(Self.close(indicators["repeatUtilizationRate"], 4992.0 / 5420))
        #expect(Self.close(indicators["indirectCoolingRecirculationRate"], 4800.0 / 4920))
        #expect(Self.close(indicators["processWaterReuseRate"], 150.0 / 350))
        #expect(Self.close(indicators["condensateReuseRate"], 42.0 / 102))
        #expect(Self.close(indicators["leakageRate"], 8.0 / 428))
        #expect(Self.close(indicators["dischargeRate"], 242.0 / 428))
        #expect(Self.close(indicators["intakePerProduct"], 388.0 / 300))
        let totals = try #require(j["totals"] as? [String: Any])
        for (key, value) in [("intake", 428.0), ("reuse", 4992), ("consumption", 178), ("discharge", 242), ("leakage", 8)] {
            #expect(Self.close(totals[key], value), "\(key)")
        }
        let closures = try #require(j["closures"] as? [String: Any])
        let boundary = try #require(closures["boundary"] as? [String: Any])
        #expect(Self.close(boundary["relativeImbalance"], 8.0 / 436))
        #expect(boundary["withinTolerance"] as? Bool == true)
        #expect(j["mode"] as? String == "exact")
        #expect((j["indicatorUncertainties"] as? [String: Any])?["repeatUtilizationRate"] is NSNull)
    }

    @Test("the terminal table prints the §9.1 figures as STANDARDS.md rounds them")
    func example91Table() throws {
        let run = try BalanceRunner.run(["water", Self.example, "--production", "300"])
        #expect(run.status == 0)
        for text in ["重复利用率 R = 92.10 %", "r_c = 97.56 %", "r_g = 42.86 %", "r_b = 41.18 %", "K_l = 1.87 %",
                     "K_d = 56.54 %", "V_uf = 1.2933 m³/t", "δ = 1.83 %", "基本用水单元水平衡测试表", "企业水平衡测试统计表",
                     "用水分析表", "4920 = 4920"] {
            #expect(run.stdout.contains(text), "missing: \(text)")
        }
    }

    @Test func englishMarkdownAndCSVWithBOM() throws {
        let markdown = try BalanceRunner.run(["water", Self.example, "--lang", "en", "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("## Water balance of the basic water-use units"))
        #expect(markdown.stdout.contains("| Repeated utilization rate R |"))
        let folder = try BalanceRunner.temporaryDirectory()
        let file = folder.appendingPathComponent("tables.csv")
        let csv = try BalanceRunner.run(["water", Self.example, "--format", "csv", "--bom", "--output", file.path])
        #expect(csv.status == 0, "\(csv.stderr)")
        let bytes = try [UInt8](Data(contentsOf: file))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.contains("基本用水单元水平衡测试表\r\n"))
        #expect(text.contains("企业水平衡测试统计表\r\n"))
        #expect(text.contains("用水分析表\r\n"))
        // The folder holds the result and nothing else (no temporary file left behind).
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["tables.csv"])
        let plain = try BalanceRunner.run(["water", Self.example, "--format", "csv"])
        #expect(!Array(plain.stdout.utf8).starts(with: [0xEF, 0xBB, 0xBF]))
    }

    @Test("the diagram files: well-formed SVG with every unit and its closure, and DOT")
    func diagramFiles() throws {
        let folder = try BalanceRunner.temporaryDirectory()
        let svg = folder.appendingPathComponent("water.svg"), dot = folder.appendingPathComponent("water.dot")
        let run = try BalanceRunner.run(["water", Self.example, "--diagram", svg.path, "--dot", dot.path])
        #expect(run.status == 0, "\(run.stderr)")
        let data = try Data(contentsOf: svg)
        let parser = XMLParser(data: data)
        #expect(parser.parse(), "the SVG is well-formed XML")
        let text = String(decoding: data, as: UTF8.self)
        for unit in ["U1", "U2", "U3", "U4", "U5", "U6"] { #expect(text.contains("id=\"box-\(unit)\"")) }
        for closure in ["进 120 = 出 120", "进 200 = 出 200", "进 150 = 出 150", "进 60 = 出 60"] {
            #expect(text.contains(closure), "box closure \(closure)")
        }
        #expect(text.contains("循环 4800"))
        #expect(text.contains("冷凝水 42"))
        #expect(text.contains("Noto Sans CJK SC"))
        let graph = try String(contentsOf: dot, encoding: .utf8)
        #expect(graph.hasPrefix("digraph water_balance {"))
        #expect(graph.contains("\"U2\" -> \"U3\""))
    }

    @Test("the demo plant: reconciled, with uncertainties and the planted meter fault reported")
    func demoPlant() throws {
        let run = try BalanceRunner.run(["water", Self.demo, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let j = try Self.json(run)
        #expect(j["mode"] as? String == "reconciled")
        let sigmas = try #require(j["indicatorUncertainties"] as? [String: Any])
        #expect((sigmas["repeatUtilizationRate"] as? Double ?? 0) > 0)
        let warnings = try #require(j["warnings"] as? [String])
        #expect(warnings.contains { $0.contains("W14") })
        let table = try BalanceRunner.run(["water", Self.demo])
        #expect(table.stdout.contains("重复利用率 R = 78.71 % ± 0.21 %"))
    }

    @Test("the 24-unit brewery: every unit, group and category closes after reconciliation")
    func brewery() throws {
        let run = try BalanceRunner.run(["water", Self.brewery, "--production", "600", "--production-unit", "kL", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let j = try Self.json(run)
        let units = try #require(j["units"] as? [[String: Any]])
        let groups = try #require(j["groups"] as? [[String: Any]])
        let categories = try #require(j["categories"] as? [[String: Any]])
        #expect(units.count >= 20)
        #expect(groups.count >= 6)
        for row in units + groups + categories {
            let a = try #require(row["inflow"] as? Double), b = try #require(row["outflow"] as? Double)
            #expect(abs(a - b) <= 1e-8 * max(1, a), "\(row["id"] ?? "?")")
        }
        let indicators = try #require(j["indicators"] as? [String: Any])
        for key in ["repeatUtilizationRate", "indirectCoolingRecirculationRate", "processWaterReuseRate",
                    "condensateReuseRate", "leakageRate", "dischargeRate", "intakePerProduct"] {
            #expect(indicators[key] is Double, "\(key)")
        }
    }

    @Test func tolerancesAreOptions() throws {
        let strict = try BalanceRunner.run(["water", Self.example, "--boundary-tolerance", "1%", "--format", "json"])
        #expect(strict.status == 0)
        let closures = try #require(try Self.json(strict)["closures"] as? [String: Any])
        #expect(closures["passed"] as? Bool == false)
        #expect(closures["boundaryTolerance"] as? Double == 0.01)
        let loose = try BalanceRunner.run(["water", Self.example, "--unit-tolerance", "0.02", "--format", "json"])
        let looseClosures = try #require(try Self.json(loose)["closures"] as? [String: Any])
        #expect(looseClosures["unitTolerance"] as? Double == 0.02)
    }

    @Test func benchmark() throws {
        let run = try BalanceRunner.run(["water", Self.example, "--benchmark", "textile-dyeing", "--benchmark",
                                         "dischargeRate=50%", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let details = try #require(try Self.json(run)["indicatorDetails"] as? [[String: Any]])
        let r = try #require(details.first { $0["key"] as? String == "repeatUtilizationRate" })
        #expect(r["benchmark"] as? Double == 0.45)
        #expect(r["meetsBenchmark"] as? Bool == true)
        let k = try #require(details.first { $0["key"] as? String == "dischargeRate" })
        #expect(k["meetsBenchmark"] as? Bool == false)  // 56.54 % > 50 %
        let table = try BalanceRunner.run(["water", Self.example, "--benchmark", "textile-dyeing"])
        #expect(table.stdout.contains("达标"))
    }

    /// (files, expected exit status, fragment of the message)
    static let badCases: [([String: String], Int32, String)] = [
        (["streams.csv": "id,from,to,value,kind\nF,,U,10,intake\nD,U,,10,drain\n"], 65, "streams.csv:3"),
        (["streams.csv": "id,from,to,value,kind\nF,,U,10,intake\nX,U,,10,intake\n"], 65, "new water must enter"),
        (["streams.csv": "id,from,to,value,kind\nF,,U,10,intake\nX,U,,10,\n"], 65, "has no kind"),
        (["streams.csv": "id,from,to,value,kind\nF,,U,10,intake\nC,U,,,consumption\nD,U,,,discharge\n"], 65, "C, D"),
        (["streams.csv": "id,from,to,value,kind\nF,,U,10,intake\nD,U,,10,discharge\n",
          "nodes.csv": "id,category\nU,cooling-tower\n"], 65, "nodes.csv:2"),
    ]

    @Test(arguments: badCases.indices)
    func dataErrors(_ index: Int) throws {
        let (files, status, fragment) = Self.badCases[index]
        let folder = try BalanceRunner.makeCase(files)
        let run = try BalanceRunner.run(["water", folder.path])
        #expect(run.status == status, "\(run.stderr)")
        #expect(run.stderr.contains(fragment), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test(arguments: [
        ["--unit-tolerance", "five"], ["--production", "0"], ["--benchmark", "nope"], ["--benchmark", "R=1"],
        ["--lang", "fr"], ["--exact", "--default-uncertainty", "2%"],
    ])
    func usageErrors(_ arguments: [String]) throws {
        let run = try BalanceRunner.run(["water", Self.example] + arguments)
        #expect(run.status == 64, "\(arguments): \(run.stderr)")
    }
}
