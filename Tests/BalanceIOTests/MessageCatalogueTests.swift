import Foundation
import Testing
@testable import BalanceIO
import BalanceApplication
import BalanceStandards

/// The message catalogue (issue 13, Deliver 4): every note and warning that the datasets produce has its Chinese form,
/// and the templates fill in their parts.
@Suite("Message catalogue: notes and warnings in Chinese")
struct MessageCatalogueTests {
    static let datasets = TestDatasets.root

    /// Every case folder under Datasets/ except the generated networks (large, and with nothing to say).
    static let cases = TestDatasets.cases.filter { !$0.hasPrefix("generated/") }

    @Test("templates: the parts fill the Chinese form in order; an unknown message stays as written")
    func templates() {
        #expect(MessageCatalogue.chinese("W07, W09 cannot be determined from the balances (unobservable): their values are "
            + "null; more meters are needed (see `balance advise`)") == "W07, W09 无法由平衡方程确定（不可观测）：其值为空；需要增设计量仪表（见 `balance advise`）")
        #expect(MessageCatalogue.chinese("[negative-value] W3 is computed as -2 from the balance of U1: a negative flow means "
            + "the data of that balance do not close") == "[负值] W3 由 U1 的平衡算得 -2：流量为负说明该平衡的数据不闭合")
        #expect(MessageCatalogue.text("something new", language: .zh) == "something new")
        #expect(MessageCatalogue.text("no redundancy: the balances cannot check any measurement (0 degrees of freedom)",
                                      language: .en) == "no redundancy: the balances cannot check any measurement (0 degrees of freedom)")
    }

    @Test("why a water indicator has no value: the catalogue's Chinese is WaterIndicatorUnavailable's own")
    func waterReasons() {
        let reasons: [WaterIndicatorUnavailable] = [.zeroDenominator, .noSteamProduction, .noProduction, .noOutputValue, .noStaff]
            + WaterCategory.allCases.map { .noNodes($0) }
        for reason in reasons {
            #expect(MessageCatalogue.chinese(reason.englishText) == reason.chineseText, "\(reason)")
        }
        #expect(MessageCatalogue.chinese(WaterIndicatorUnavailable.unspecifiedSources(["W03", "W07"]).englishText)?
            .hasPrefix("实测流股未注明数据来源(W03, W07)") == true)
    }

    @Test("every note and warning of every dataset, under every command that reads it, has a Chinese form")
    func everyDatasetMessage() throws {
        var messages = Set<String>()
        for relative in Self.cases {
            let path = Self.datasets.appendingPathComponent(relative).path
            var options = AuditOptions()
            options.language = .zh
            let commands: [AuditCommand] = relative.hasPrefix("energy/") ? [.energy]
                : relative.hasPrefix("material/") ? [.material, .reconcile]
                : relative.hasPrefix("water/") || relative.hasPrefix("demo/") ? [.water, .reconcile, .check]
                : relative.hasPrefix("savings/") ? [] : [.reconcile, .check]
            for command in commands {
                // A case a command refuses (exit 64/65) has nothing to translate.
                guard let outcome = try? Application.run(command, casePath: path, options: options) else { continue }
                let json = outcome.json()
                for key in ["warnings", "notes"] {
                    for item in json[key]?.elements ?? [] { if let text = item.text { messages.insert(text) } }
                }
            }
        }
        #expect(messages.count >= 10, "the datasets produce notes and warnings")
        for message in messages.sorted() {
            #expect(MessageCatalogue.chinese(message) != nil, "no Chinese form: \(message)")
        }
    }
}
