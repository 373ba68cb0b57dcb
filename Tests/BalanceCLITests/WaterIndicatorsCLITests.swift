import Foundation
import Testing

/// 万元产值取水量 V_wf = V_yf / Z and 职工人均生活日新水量 V_lf = V_f(domestic) / n (issue 13, Deliver 6), checked against
/// independent computations from the same run's JSON: V_wf = V_uf · Q / Z (same numerator), V_lf = the reconciled
/// domestic intake W06 / n, σ scaled the same way; 1e-12 relative.
@Suite("Water indicators per output value and per employee")
struct WaterIndicatorsCLITests {
    static let demo = BalanceRunner.dataset("demo/dyeing-plant-water")

    static func details(_ arguments: [String]) throws -> (indicators: [String: [String: Any]], streams: [[String: Any]]) {
        let run = try BalanceRunner.run(["water", demo, "--format", "json"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        var byKey: [String: [String: Any]] = [:]
        for item in json["indicatorDetails"] as? [[String: Any]] ?? [] {
            if let key = item["key"] as? String { byKey[key] = item }
        }
        return (byKey, json["streams"] as? [[String: Any]] ?? [])
    }

    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= 1e-12 * abs(b) } ?? false }

    @Test("V_wf and V_lf with their σ, from --output-value and --staff")
    func values() throws {
        let (q, z, n) = (30.0, 12.5, 420.0)
        let (d, streams) = try Self.details(["--production", "\(q)", "--output-value", "\(z)", "--staff", "\(n)"])
        let uf = try #require(d["intakePerProduct"]), wf = try #require(d["intakePerOutputValue"])
        let ufValue = try #require(uf["value"] as? Double), ufSigma = try #require(uf["sigma"] as? Double)
        #expect(Self.close(wf["value"] as? Double, ufValue * q / z))
        #expect(Self.close(wf["sigma"] as? Double, ufSigma * q / z))
        let w06 = try #require(streams.first { $0["id"] as? String == "W06" })
        let lf = try #require(d["domesticIntakePerPerson"])
        #expect(Self.close(lf["value"] as? Double, (w06["value"] as? Double ?? .nan) / n))
        #expect(Self.close(lf["sigma"] as? Double, (w06["valueSigma"] as? Double ?? .nan) / n))
        #expect(wf["formula"] as? String == "V_wf = V_yf / Z" && lf["nameZh"] as? String == "职工人均生活日新水量")
    }

    @Test("without --output-value or --staff the indicators are not determinable, with the reason")
    func missing() throws {
        let (d, _) = try Self.details([])
        #expect(d["intakePerOutputValue"]?["value"] is NSNull)
        #expect((d["intakePerOutputValue"]?["reason"] as? String)?.contains("output value") == true)
        #expect((d["domesticIntakePerPerson"]?["reason"] as? String)?.contains("staff") == true)
        #expect(try BalanceRunner.run(["water", Self.demo, "--staff", "0"]).status == 64)
    }
}
