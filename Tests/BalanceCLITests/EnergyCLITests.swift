import Foundation
import Testing

/// `balance energy` end to end: the §4.3 worked example through the CSV files, the JSON contract of
/// FORMATS.md §4, and the data errors a user makes (wrong unit for a carrier, unknown carrier,
/// missing 等价值), each with a clear message and the documented exit status.
@Suite("balance energy (CLI)")
struct EnergyCLITests {
    static let example = BalanceRunner.dataset("energy/gbt3484-example-4.3")

    static func json(_ run: BalanceRun) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        return try #require(object as? [String: Any])
    }

    static func number(_ object: [String: Any], _ key: String) -> Double? { object[key] as? Double }

    static func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test("the §4.3 example reproduces through the CSV files (JSON, 1e-9 relative)")
    func workedExample() throws {
        let run = try BalanceRunner.run([
            "energy", Self.example, "--electricity-equivalent", "0.300", "--production", "50000",
            "--output-value", "30000", "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let j = try Self.json(run)
        #expect(Self.close(Self.number(j, "suppliedTce"), 11_792.66))
        #expect(Self.close(Self.number(j, "effectiveTce"), 6_295.2777855))
        #expect(Self.close(Self.number(j, "lossTce"), 5_497.3822145))
        #expect(Self.close(Self.number(j, "utilizationRate"), 6_295.2777855 / 11_792.66))
        #expect(Self.close(Self.number(j, "suppliedEquivalentTce"), 16_220.16))
        #expect(Self.close(Self.number(j, "resourceUtilizationRate"), 6_295.2777855 / 16_220.16))
        #expect(Self.close(Self.number(j, "comprehensiveConsumptionTce"), 11_792.66))
        #expect(Self.close(Self.number(j, "comprehensiveConsumptionEquivalentTce"), 16_220.16))
        #expect(Self.close(Self.number(j, "unitProductConsumptionKgce"), 235.8532))
        #expect(Self.close(Self.number(j, "unitOutputValueConsumptionTce"), 11_792.66 / 30_000))
        let stages = try #require(j["stageEfficiency"] as? [String: Any])
        #expect(Self.close(stages["purchase"] as? Double, (11_792.66 - 35.715) / 11_792.66))
        #expect(Self.close(stages["conversion"] as? Double, 6_882.2805 / 8_515.925))
        #expect(Self.close(stages["distribution"] as? Double, 9_621.87567 / 10_123.3005))
        #expect(Self.close(stages["end-use"] as? Double, 6_295.2777855 / 9_621.87567))
        let streams = try #require(j["streams"] as? [[String: Any]])
        #expect(streams.count == 20)
        let l4 = try #require(streams.first { $0["id"] as? String == "L4" })
        #expect(Self.close(l4["tce"] as? Double, 3_326.5978845))
        #expect(l4["status"] as? String == "computed")
        let table = try #require(j["table"] as? [String: Any])
        let rows = try #require(table["rows"] as? [[String: Any]])
        let residual = try #require(rows.first { $0["row"] as? String == "closureResidual" }?["values"] as? [String: Any])
        for stage in ["purchase", "conversion", "distribution", "end-use"] {
            #expect(abs(try #require(residual[stage] as? Double)) <= 1e-9 * 11_792.66)
        }
    }

    @Test("JSON keys of FORMATS.md §4 come first, in the documented order")
    func keyOrder() throws {
        let run = try BalanceRunner.run(["energy", Self.example, "-f", "json"])
        #expect(run.status == 0)
        let keys = ["suppliedTce", "effectiveTce", "lossTce", "utilizationRate", "suppliedEquivalentTce",
                    "resourceUtilizationRate", "comprehensiveConsumptionTce", "stageEfficiency", "streams", "table"]
        let positions = keys.map { run.stdout.range(of: "\"\($0)\"")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $0! < $1! })
        // Without an 等价值 the 等价 figures are null, and a note says how to get them.
        let j = try Self.json(run)
        #expect(j["suppliedEquivalentTce"] is NSNull && j["resourceUtilizationRate"] is NSNull)
        let notes = try #require(j["notes"] as? [String])
        #expect(notes.contains { $0.contains("--electricity-equivalent") })
    }

    @Test("table, Markdown and CSV outputs in Chinese and English", arguments: [
        ("table", "zh", "企业能量平衡表"), ("table", "en", "Energy balance table"),
        ("markdown", "zh", "| 供入能量 |"), ("markdown", "en", "| Energy input |"),
        ("csv", "en", "row,carrier,label,physical,physicalUnit,equivalentTce,purchase,conversion,distribution,end-use"),
    ])
    func formats(format: String, lang: String, expected: String) throws {
        let run = try BalanceRunner.run(["energy", Self.example, "-f", format, "--lang", lang,
                                         "--electricity-equivalent", "0.3"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(expected))
    }

    @Test("--sankey writes a standalone SVG with the nodes, the stage losses and their values")
    func sankey() throws {
        let folder = try BalanceRunner.temporaryDirectory()
        let svg = folder.appendingPathComponent("energy.svg").path
        let run = try BalanceRunner.run(["energy", Self.example, "--sankey", svg, "-f", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.hasPrefix("<?xml") && text.contains("<svg") && text.hasSuffix("</svg>\n"))
        #expect(text.contains("锅炉房") && text.contains("加工转换损失") && text.contains("1633.6 tce"))
    }

    @Test("Sankey of the mill: stage headings, and no band drawn across a node (a flow that skips columns passes a gap)")
    func sankeyBandsAvoidNodes() throws {
        let folder = try BalanceRunner.temporaryDirectory()
        let svg = folder.appendingPathComponent("mill.svg").path
        let run = try BalanceRunner.run(["energy", BalanceRunner.dataset("energy/dyeing-mill-2024"), "--sankey", svg, "--lang", "zh"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        for heading in ["购入贮存", "加工转换", "输送分配", "最终使用"] {
            #expect(text.contains(">\(heading)</text>"), "\(heading)")
        }
        func section(_ id: String) -> String {
            guard let a = text.range(of: "<g id=\"\(id)\">"), let b = text.range(of: "</g>", range: a.upperBound..<text.endIndex) else { return "" }
            return String(text[a.upperBound..<b.lowerBound])
        }
        func numbers(after key: String, in line: Substring) -> Double? {
            guard let r = line.range(of: key + "=\"") else { return nil }
            return Double(line[r.upperBound...].prefix { $0 != "\"" })
        }
        // Node bars: x, y, width, height.
        let bars = section("nodes").split(separator: "\n").compactMap { line -> (Double, Double, Double, Double)? in
            guard let x = numbers(after: "x", in: line), let y = numbers(after: "y", in: line),
                  let w = numbers(after: "width", in: line), let h = numbers(after: "height", in: line) else { return nil }
            return (x, y, w, h)
        }
        #expect(bars.count >= 15)
        // Each forward band is a path "M x0,y … x1,y …": its x-range holds no node bar (bands join adjacent columns).
        var bands = 0
        for line in section("flows").split(separator: "\n") where line.hasPrefix("<path d=\"M") && line.contains(" C") {
            let d = line.dropFirst("<path d=\"M".count).prefix { $0 != "\"" }
            let coordinates = d.split(whereSeparator: { " CLZ".contains($0) }).compactMap { pair -> Double? in
                pair.split(separator: ",").first.flatMap { Double($0) }
            }
            guard let x0 = coordinates.first, let x1 = coordinates.max(), x1 > x0 else { continue }
            bands += 1
            for bar in bars where bar.0 > x0 + 0.5 && bar.0 + bar.2 < x1 - 0.5 {
                Issue.record("a band from x = \(x0) to \(x1) crosses the node bar at x = \(bar.0), y = \(bar.1)")
            }
        }
        #expect(bands >= 30)
    }

    @Test("the realistic mill (Chinese headers, 万kWh/万m3, heating values, meters): reconciled, every column closes")
    func mill() throws {
        let run = try BalanceRunner.run([
            "energy", BalanceRunner.dataset("energy/dyeing-mill-2024"), "--electricity-equivalent", "0.300",
            "--production", "3600", "--output-value", "42000", "-f", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let j = try Self.json(run)
        #expect(j["method"] as? String == "reconciled")
        let global = try #require(j["globalTest"] as? [String: Any])
        #expect(global["passed"] as? Bool == true && global["dof"] as? Int == 2)
        let supplied = try #require(Self.number(j, "suppliedTce"))
        let effective = try #require(Self.number(j, "effectiveTce")), loss = try #require(Self.number(j, "lossTce"))
        #expect(abs(supplied - effective - loss) <= 1e-9 * supplied)
        let table = try #require(j["table"] as? [String: Any])
        let rows = try #require(table["rows"] as? [[String: Any]])
        let residual = try #require(rows.first { $0["row"] as? String == "closureResidual" }?["values"] as? [String: Any])
        for stage in ["purchase", "conversion", "distribution", "end-use"] {
            #expect(abs(try #require(residual[stage] as? Double)) <= 1e-9 * supplied)
        }
        // The coal is converted with its measured heating value, 5 200 kcal/kg → 5200/7000 kgce/kg.
        let streams = try #require(j["streams"] as? [[String: Any]])
        let coal = try #require(streams.first { $0["id"] as? String == "C02" })
        #expect(Self.close(coal["tcePerUnit"] as? Double, 5_200.0 / 7_000, 1e-12))
        #expect(Self.close(coal["tce"] as? Double, 150 * 5_200.0 / 7_000, 1e-12))  // stock change: no σ, fixed
        let u = try #require(j["uncertainty"] as? [String: Any])
        #expect((u["utilizationRate"] as? Double ?? 0) > 0)
        // 等价: electricity at 0.300 kgce/kWh, others at their calorific value.
        let electricity = try #require(streams.first { $0["id"] as? String == "E01" })
        let tce = try #require(electricity["tce"] as? Double), eq = try #require(electricity["equivalentTce"] as? Double)
        #expect(Self.close(eq / tce, 0.300 / 0.1229, 1e-12))
    }

    /// A one-node case with the given stream rows (header: id,from,to,value,unit,carrier,kind).
    static func tinyCase(_ rows: [String], extra: [String: String] = [:]) throws -> URL {
        var files = extra
        files["streams.csv"] = "id,from,to,value,unit,carrier,kind\n" + rows.joined(separator: "\n") + "\n"
        files["nodes.csv"] = files["nodes.csv"] ?? "id,stage\nboiler,conversion\n"
        return try BalanceRunner.makeCase(files)
    }

    @Test("coal in kWh: exit 65, the message names file, line, stream, carrier and the units it accepts")
    func wrongUnit() throws {
        let folder = try Self.tinyCase([
            "C1,,boiler,1000,kWh,原煤,purchase", "S1,boiler,,,tce,蒸汽,effective",
        ])
        let run = try BalanceRunner.run(["energy", folder.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("streams.csv:2"))
        #expect(run.stderr.contains("stream 'C1'"))
        #expect(run.stderr.contains("原煤") && run.stderr.contains("'kWh'"))
        #expect(run.stderr.contains("mass (t, kg)"))
    }

    @Test("an unknown carrier: exit 65, the message names file, line, stream and suggests names")
    func unknownCarrier() throws {
        let folder = try Self.tinyCase([
            "C1,,boiler,1000,t,原煤,purchase", "G1,,boiler,500,m3,煤气XYZ,purchase", "S1,boiler,,,tce,蒸汽,effective",
        ])
        let run = try BalanceRunner.run(["energy", folder.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("streams.csv:3"))
        #expect(run.stderr.contains("stream 'G1'") && run.stderr.contains("unknown energy carrier '煤气XYZ'"))
    }

    @Test("a missing 等价值 when the 等价 figures are required: exit 64, the message names the option")
    func missingEquivalent() throws {
        let run = try BalanceRunner.run(["energy", Self.example, "--require-equivalent"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--electricity-equivalent") && run.stderr.contains("等价值"))
        #expect(run.stdout.isEmpty)
        // With the parameter the same command succeeds.
        let ok = try BalanceRunner.run(["energy", Self.example, "--require-equivalent", "--electricity-equivalent", "0.3"])
        #expect(ok.status == 0)
    }

    @Test("a node without a stage and a boundary stream without a kind are data errors naming them")
    func stageAndKind() throws {
        let noStage = try Self.tinyCase(["C1,,yard,1000,t,原煤,purchase", "C2,yard,,,t,原煤,loss"],
                                        extra: ["nodes.csv": "id,stage\nyard,\n"])
        let run = try BalanceRunner.run(["energy", noStage.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("node 'yard' has no stage"))
        let noKind = try Self.tinyCase(["C1,,boiler,1000,t,原煤,purchase", "S1,boiler,,,tce,蒸汽,"])
        let run2 = try BalanceRunner.run(["energy", noKind.path])
        #expect(run2.status == 65)
        #expect(run2.stderr.contains("stream 'S1'") && run2.stderr.contains("effective"))
    }

    @Test("a user coefficients.csv overrides and adds carriers; its rows are reported with their source")
    func userCoefficients() throws {
        let folder = try Self.tinyCase(
            ["B1,,boiler,100,t,生物质颗粒,purchase", "C1,,boiler,10,t,原煤,purchase", "S1,boiler,,,tce,蒸汽,effective"],
            extra: ["coefficients.csv": "carrier,value,unit,source\n生物质颗粒,0.5000,kgce/kg,lab report 2024\n原煤,0.6500,kgce/kg,measured\n"])
        let run = try BalanceRunner.run(["energy", folder.path, "-f", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let j = try Self.json(run)
        #expect(Self.close(Self.number(j, "suppliedTce"), 100 * 0.5 + 10 * 0.65))
        #expect(run.stdout.contains("lab report 2024"))
        // The published tables are still selectable explicitly.
        let run2 = try BalanceRunner.run(["energy", folder.path, "--coefficients", "gbt2589-2008"])
        #expect(run2.status == 65 && run2.stderr.contains("生物质颗粒"))
    }
}
