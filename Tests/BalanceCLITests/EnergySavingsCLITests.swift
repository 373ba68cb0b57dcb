import Foundation
import Testing

/// `balance savings BASE REPORT` end to end (GB/T 13234).
@Suite("balance savings (CLI)")
struct EnergySavingsCLITests {
    static let s26 = BalanceRunner.dataset("savings/gbt13234-s26")
    static let two = BalanceRunner.dataset("savings/two-products")

    static func json(_ run: BalanceRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test("§9.4: −1 560 tce and ξ = −5.0 % with the default sign, stated in the output", arguments: [
        ("report-minus-base", -1.0), ("base-minus-report", 1.0),
    ])
    func published(sign: String, factor: Double) throws {
        let run = try BalanceRunner.run(["savings", Self.s26 + "/base", Self.s26 + "/report", "--sign", sign, "-f", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let j = try Self.json(run)
        #expect(j["signConvention"] as? String == sign)
        #expect(abs((j["productSavingTce"] as? Double ?? .nan) - 1_560 * factor) < 1e-9)
        #expect(abs((j["savingRate"] as? Double ?? .nan) - 0.05 * factor) < 1e-12)
        let text = try BalanceRunner.run(["savings", Self.s26 + "/base", Self.s26 + "/report", "--sign", sign])
        #expect(text.stdout.contains(factor < 0 ? "-1560.000 tce" : "1560.000 tce"))
        #expect(text.stdout.contains(factor < 0 ? "negative value is a saving" : "positive value is a saving"))
    }

    @Test("two products with carriers.csv and measures.csv (Chinese headers): every quantity")
    func twoProducts() throws {
        let run = try BalanceRunner.run(["savings", Self.two + "/base", Self.two + "/report", "-f", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let j = try Self.json(run)
        #expect(abs((j["productSavingTce"] as? Double ?? .nan) + 90) < 1e-9)
        #expect(abs((j["outputValueSavingTce"] as? Double ?? .nan) + 160) < 1e-9)
        #expect(abs((j["productMixSavingTce"] as? Double ?? .nan) - 20) < 1e-9)
        #expect(abs((j["technicalMeasureSavingTce"] as? Double ?? .nan) + 23.7984) < 1e-9)
        let carriers = try #require(j["singleCarrierSavings"] as? [[String: Any]])
        #expect(abs((carriers.first?["savingTce"] as? Double ?? .nan) + 18.435) < 1e-9)
        #expect(carriers.first?["savingEquivalentTce"] is NSNull)  // no 等价值 given
    }

    @Test("a period folder without period.csv, or a bad number, is a data error naming the file")
    func badInput() throws {
        let empty = try BalanceRunner.temporaryDirectory()
        let run = try BalanceRunner.run(["savings", empty.path, Self.s26 + "/report"])
        #expect(run.status == 65 && run.stderr.contains("period.csv"))
        let bad = try BalanceRunner.makeCase(["period.csv": "product,output,energy\nP,1e,100\n"])
        let run2 = try BalanceRunner.run(["savings", Self.s26 + "/base", bad.path])
        #expect(run2.status == 65 && run2.stderr.contains("period.csv:2") && run2.stderr.contains("'1e'"))
    }
}
