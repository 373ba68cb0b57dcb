import Foundation
import Testing

/// The GB/T 7119 indicators and the treatment-station category (issue 13, Deliver 7) on a constructed plant whose
/// figures are worked out by hand: a network, a workshop, a treatment station that receives the workshop's wastewater
/// (series) and returns reclaimed water, and a rainwater intake. Exact mode (no uncertainties); 1e-12 relative.
@Suite("Water: treatment stations, non-conventional water, metering rates")
struct WaterCompletenessCLITests {
    static let nodes = "id,name,category\n管网,供水管网,network\n车间,生产车间,process\n水站,中水站,\(station)\n"
    static let station = "treatment"
    /// 车间: in 100 + 20 + 50 = out 80 + 90; 水站: in 80 = out 50 + 28 + 2.
    static let streams = """
        id,from,to,value,kind,source
        W1,,管网,100,intake,FT-1 一级表
        W2,,车间,20,雨水,estimated
        W3,管网,车间,100,intake,FT-2
        W4,车间,水站,80,series,FT-3
        W5,水站,车间,50,series,FT-4
        W6,水站,,28,discharge,FT-5
        W7,水站,,2,consumption,estimated
        W8,车间,,90,consumption,estimated

        """

    static func indicators(category: String = station, streams: String = streams) throws -> [String: [String: Any]] {
        try document(category: category, streams: streams).indicators
    }

    static func document(category: String = station, streams: String = streams) throws
        -> (indicators: [String: [String: Any]], streams: [[String: Any]])
    {
        let folder = try BalanceRunner.makeCase([
            "streams.csv": streams, "nodes.csv": nodes.replacingOccurrences(of: ",\(station)\n", with: ",\(category)\n"),
        ])
        let run = try BalanceRunner.run(["water", folder.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        var byKey: [String: [String: Any]] = [:]
        for item in json["indicatorDetails"] as? [[String: Any]] ?? [] { if let key = item["key"] as? String { byKey[key] = item } }
        return (byKey, json["streams"] as? [[String: Any]] ?? [])
    }

    static func value(_ d: [String: [String: Any]], _ key: String) -> Double? { d[key]?["value"] as? Double }
    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= 1e-12 * abs(b) } ?? false }

    @Test("the station's inflow is not reuse: R = 50/170; K_w = 50/(28 + 50); K_u = 20/120; K_m1 = 100/120; K_m2 = 230/250")
    func byHand() throws {
        let d = try Self.indicators()
        // V_f = W1 + W2 = 120 (rainwater is intake); V_r = W5 = 50 (W4, wastewater to the station, is not reuse).
        #expect(Self.close(Self.value(d, "repeatUtilizationRate"), 50.0 / 170))
        #expect(Self.close(Self.value(d, "wastewaterReuseRate"), 50.0 / 78))
        #expect(Self.close(Self.value(d, "nonConventionalSubstitutionRate"), 20.0 / 120))
        // Metered: W1 of the intake; W3, W4, W5 of the unit inflows (W2 is estimated).
        #expect(Self.close(Self.value(d, "meteringRate"), 100.0 / 120))
        #expect(Self.close(Self.value(d, "unitMeteringRate"), 230.0 / 250))
        #expect(d["wastewaterReuseRate"]?["nameZh"] as? String == "废水回用率")
        #expect(d["nonConventionalSubstitutionRate"]?["source"] as? String == "GB/T 7119 Annex A; STANDARDS.md §1.4 UNCONFIRMED")
    }

    @Test("the same station as an auxiliary unit counts its inflow again (R = 130/250) and has no K_w, with the reason")
    func withoutTreatmentCategory() throws {
        let d = try Self.indicators(category: "auxiliary")
        #expect(Self.close(Self.value(d, "repeatUtilizationRate"), 130.0 / 250))
        #expect(d["wastewaterReuseRate"]?["value"] is NSNull)
        #expect((d["wastewaterReuseRate"]?["reason"] as? String)?.contains("treatment") == true)
    }

    @Test("Chinese category and kind names: 中水站, 再生水")
    func chineseNames() throws {
        let d = try Self.indicators(category: "中水站", streams: Self.streams.replacingOccurrences(of: ",雨水,", with: ",再生水,"))
        #expect(Self.close(Self.value(d, "wastewaterReuseRate"), 50.0 / 78))
        #expect(Self.close(Self.value(d, "nonConventionalSubstitutionRate"), 20.0 / 120))
        // The rainwater is an intake that says where it comes from; the others carry no such key.
        let streams = try Self.document().streams
        #expect(streams.first { $0["id"] as? String == "W2" }?["nonConventional"] as? Bool == true)
        #expect(streams.first { $0["id"] as? String == "W2" }?["kind"] as? String == "intake")
        #expect(streams.first { $0["id"] as? String == "W1" }?["nonConventional"] == nil)
    }
}
