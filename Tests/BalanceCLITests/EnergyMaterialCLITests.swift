import Foundation
import Testing

/// `balance material CASE` end to end (cleaner-production audit material balance).
@Suite("balance material (CLI)")
struct EnergyMaterialCLITests {
    static let chrome = BalanceRunner.dataset("material/chrome-plating-line")

    @Test("the chrome-plating line: total δ, Cr and water balances, shares, Sankey of the Cr flows")
    func chromeLine() throws {
        let folder = try BalanceRunner.temporaryDirectory()
        let svg = folder.appendingPathComponent("cr.svg").path
        let run = try BalanceRunner.run(["material", Self.chrome, "-f", "json", "--sankey", svg, "--sankey-component", "Cr"])
        #expect(run.status == 0, "\(run.stderr)")
        let j = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(j["unit"] as? String == "kg/d")
        let totals = try #require(j["totals"] as? [String: Any])
        let given = 7.70 + 0.077 + 5000 + 200 + 8000.0
        #expect(abs((totals["relativeImbalance"] as? Double ?? .nan) - (given - 13_205.1) / given) < 1e-12)
        #expect(totals["withinTolerance"] as? Bool == true)
        let components = try #require(j["components"] as? [[String: Any]])
        let cr = try #require(components.first { $0["component"] as? String == "Cr" })
        #expect(abs((cr["input"] as? Double ?? .nan) - 4.004) < 1e-12)
        #expect(cr["withinTolerance"] as? Bool == true)
        let water = try #require(components.first { $0["component"] as? String == "水" })
        #expect(abs((water["input"] as? Double ?? .nan) - 8_200) < 1e-9)
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.contains("镀铬成品件") && text.contains("3.200 kg/d") && text.contains("跑冒滴漏"))
    }

    @Test("text report in both languages states the ±5 % verdict", arguments: [("zh", "在 ±5.0 % 以内"), ("en", "within ±5.0 %")])
    func verdict(lang: String, expected: String) throws {
        let run = try BalanceRunner.run(["material", Self.chrome, "--lang", lang])
        #expect(run.status == 0)
        #expect(run.stdout.contains(expected))
    }

    @Test("a stream in a unit of another dimension is a data error naming file, line and stream")
    func badUnit() throws {
        let folder = try BalanceRunner.makeCase(["streams.csv": "id,from,to,value,unit\nA,,u,10,t\nB,u,,10,m3\n"])
        let run = try BalanceRunner.run(["material", folder.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("streams.csv:3") && run.stderr.contains("stream 'B'"))
    }

    @Test("an unknown --sankey-component is a usage error listing the components")
    func unknownComponent() throws {
        let run = try BalanceRunner.run(["material", Self.chrome, "--sankey", "/dev/null", "--sankey-component", "Ni"])
        #expect(run.status == 64 && run.stderr.contains("Cr"))
    }
}
