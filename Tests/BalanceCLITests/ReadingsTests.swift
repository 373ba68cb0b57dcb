import Foundation
import Testing

/// Meters read on several test days (`readings.csv`, FORMATS.md §1.9): the mean is the value, and
/// σ² = u_B² + s²/n — checked against that formula computed here from the raw readings.
@Suite("Readings over several test days")
struct ReadingsTests {
    static let dataset = BalanceRunner.dataset("water/dyeing-plant-readings")

    /// The sample standard deviation s (n − 1) and mean of `values`.
    static func meanAndSpread(_ values: [Double]) -> (mean: Double, s: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let s2 = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return (mean, s2.squareRoot())
    }

    @Test("the mean of the readings is the measured value; σ combines the meter's class with s/√n (1e-12 relative)")
    func meanAndSigma() throws {
        let run = try BalanceRunner.run(["reconcile", Self.dataset, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let streams = try #require(json?["streams"] as? [[String: Any]])
        func stream(_ id: String) throws -> [String: Any] { try #require(streams.first { $0["id"] as? String == id }) }
        // (readings, the meter's uncertainty on the mean: 准确度 (mpe) 2 % → 0.02 x̄/√3; 标准差 3 % → 0.03 x̄)
        let cases: [(String, [Double], (Double) -> Double)] = [
            ("W02", [520, 526, 523], { 0.02 * $0 / 3.0.squareRoot() }),
            ("W03", [301, 309, 308], { 0.02 * $0 / 3.0.squareRoot() }),
            ("W14", [556, 561, 566], { 0.03 * $0 }),
            ("W22", [968, 975, 973], { 0.025 * $0 }),
        ]
        for (id, readings, meter) in cases {
            let (mean, s) = Self.meanAndSpread(readings)
            let expected = (meter(mean) * meter(mean) + s * s / Double(readings.count)).squareRoot()
            let entry = try stream(id)
            let measured = try #require(entry["measured"] as? Double)
            let sigma = try #require(entry["sigma"] as? Double)
            #expect(abs(measured - mean) <= 1e-12 * mean, "\(id): measured \(measured) vs mean \(mean)")
            #expect(abs(sigma - expected) <= 1e-12 * expected, "\(id): σ \(sigma) vs \(expected)")
        }
        // A stream without readings keeps its own value and σ (W01: 1205, mpe 2 %).
        let w01 = try stream("W01")
        #expect(w01["measured"] as? Double == 1205)
        #expect(abs((w01["sigma"] as? Double ?? 0) - 0.02 * 1205 / 3.0.squareRoot()) <= 1e-12 * 1205)
        #expect(run.stdout.contains("4 streams take the mean of their readings (3 each)"))
    }

    /// Copies the dataset to a temporary folder with `edit` applied to readings.csv (and streams.csv).
    static func variant(readings: (String) -> String, streams: (String) -> String = { $0 }) throws -> URL {
        let folder = try BalanceRunner.temporaryDirectory()
        func copy(_ name: String, _ edit: (String) -> String) throws {
            let text = try String(contentsOfFile: dataset + "/" + name, encoding: .utf8)
            try edit(text).write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try copy("readings.csv", readings)
        try copy("streams.csv", streams)
        try copy("nodes.csv", { $0 })
        return folder
    }

    @Test("refused with exit 65, naming file, line and stream", arguments: [
        ("unknown stream", "W99", "readings.csv:2", "stream 'W99' is not defined in"),
        ("value and readings", "value", "streams.csv:3:5", "has a value here and 3 reading(s)"),
        ("empty reading", "empty", "readings.csv:2:3", "the reading is empty"),
    ])
    func refused(name: String, edit: String, location: String, message: String) throws {
        let folder = try Self.variant(
            readings: { text in
                switch edit {
                case "W99": return text.replacingOccurrences(of: "W02,第1天,520", with: "W99,第1天,520")
                case "empty": return text.replacingOccurrences(of: "W02,第1天,520", with: "W02,第1天,")
                default: return text
                }
            },
            streams: { text in
                edit == "value" ? text.replacingOccurrences(of: "W02,染色车间进水,管网,染色车间,,", with: "W02,染色车间进水,管网,染色车间,523,") : text
            })
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try BalanceRunner.run(["reconcile", folder.path])
        #expect(run.status == 65, "\(name): \(run.stderr)")
        #expect(run.stderr.contains(location) && run.stderr.contains(message), "\(name): \(run.stderr)")
    }
}
