import Foundation
import Testing

/// Units by dimension through the command line (issue 9): a meter in m3/h among m3/d flows is
/// refused without an operating time (it used to give a leakage rate of −193.93 % with exit 0) and
/// converted with one, giving the figures of the same plant written in m3/d.
@Suite("Mixed units (CLI)")
struct UnitsCLITests {
    /// The demo plant with W03 (306 m3/d) written as 12.75 m3/h, and optionally a nodes.csv change.
    static func demoWithHourlyMeter(hoursPerDay: String? = nil) throws -> URL {
        let source = URL(fileURLWithPath: BalanceRunner.dataset("demo/dyeing-plant-water"))
        var streams = try String(contentsOf: source.appendingPathComponent("streams.csv"), encoding: .utf8)
        streams = streams.replacingOccurrences(of: "W03,漂洗车间进水,管网,漂洗车间,306,m3/d", with: "W03,漂洗车间进水,管网,漂洗车间,12.75,m3/h")
        var nodes = try String(contentsOf: source.appendingPathComponent("nodes.csv"), encoding: .utf8)
        if let hoursPerDay {
            var lines = nodes.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines[0] += ",日运行时间"
            for i in 1..<lines.count where !lines[i].isEmpty { lines[i] += "," + hoursPerDay }
            nodes = lines.joined(separator: "\n")
        }
        return try BalanceRunner.makeCase(["streams.csv": streams, "nodes.csv": nodes])
    }

    @Test("without an operating time: exit 65 naming the streams and their units")
    func refused() throws {
        let folder = try Self.demoWithHourlyMeter()
        for command in ["water", "reconcile", "check"] {
            let run = try BalanceRunner.run([command, folder.path])
            #expect(run.status == 65, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("W03 (m3/h)") && run.stderr.contains("m3/d"), "\(command): \(run.stderr)")
        }
    }

    @Test("with 24 h a day (option or nodes.csv) the water figures equal those of the m3/d case")
    func converted() throws {
        let reference = try BalanceRunner.run(["water", BalanceRunner.dataset("demo/dyeing-plant-water"), "-f", "json"])
        #expect(reference.status == 0)
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(reference.stdout.utf8)) as? [String: Any])
        for (folder, extra) in [(try Self.demoWithHourlyMeter(), ["--hours-per-day", "24"]), (try Self.demoWithHourlyMeter(hoursPerDay: "24"), [])] {
            let run = try BalanceRunner.run(["water", folder.path, "-f", "json"] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            let got = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let a = try #require(expected["indicators"] as? [String: Any]), b = try #require(got["indicators"] as? [String: Any])
            #expect(Set(a.keys) == Set(b.keys))
            var compared = 0
            for (key, x) in a {
                guard let u = x as? Double else { continue }
                let v = try #require(b[key] as? Double, "\(key)")
                #expect(abs(u - v) <= 1e-9 * max(1, abs(u)), "\(key): \(u) vs \(v)")
                compared += 1
            }
            #expect(compared >= 5)
            #expect(run.stdout.contains("unit converted: W03: m3/h → m3/d"))
        }
    }
}
