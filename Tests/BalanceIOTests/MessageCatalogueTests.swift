import Foundation
import Testing
@testable import BalanceIO
import BalanceApplication
import BalanceCore
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

    @Test("a damaged file's error, from the decoder and the workbook reader themselves, in Chinese")
    func damagedFiles() {
        func decoded(_ bytes: [UInt8], _ encoding: TextEncoding) -> String {
            do { _ = try TextDecoder.decode(bytes, encoding: encoding, file: "s.csv"); return "" } catch { return error.description }
        }
        let bad: [UInt8] = Array("id,value\nS1,1".utf8) + [0xFF, 0x30] + Array("\n".utf8)
        #expect(MessageCatalogue.chinese(decoded(bad, .automatic))?.hasPrefix("s.csv:2：文件既不是 UTF-8（第一个无效字节在第 13 字节，第 2 行），也不是 GB18030") == true,
                "\(decoded(bad, .automatic))")
        #expect(MessageCatalogue.chinese(decoded(bad, .utf8))?.hasPrefix("s.csv:2：第 13 字节处（第 2 行）不是有效的 UTF-8：") == true,
                "\(decoded(bad, .utf8))")
        #expect(MessageCatalogue.chinese("plant.xlsx: not a ZIP archive (an .xlsx workbook is one); the file may be damaged or not a workbook")
            == "plant.xlsx：不是 ZIP 压缩包（.xlsx 工作簿是 ZIP 格式）；文件可能已损坏，或不是工作簿")
        #expect(MessageCatalogue.chinese("plant.xlsx: 流股!D7: the cell holds the Excel error #DIV/0! (a formula that failed): correct the formula or clear the cell")
            == "plant.xlsx: 流股!D7：该单元格为 Excel 错误值 #DIV/0!（公式计算失败）：请更正公式或清空单元格")
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

    @Test("every error of the model's own checks (ModelError) has a Chinese form, with and without its location")
    func modelErrors() {
        let at = SourceLocation(file: "streams.csv", line: 3, column: 5, columnName: "sigma")
        let kinds: [ModelError.Kind] = [
            .duplicateStream(id: "S1", first: SourceLocation(file: "streams.csv", line: 2)),
            .duplicateStream(id: "S1", first: nil), .duplicateNode(id: "U1", first: nil), .duplicateRelation(id: "R1"),
            .unknownNode(stream: "S1", node: "U9"), .unknownParent(node: "U1", parent: "W9"), .parentCycle(node: "U1"),
            .unknownStreamInRelation(relation: "R1", stream: "S9"), .notFinite(stream: "S1", field: "value"),
            .negativeUncertainty(stream: "S1", sigma: -1), .missingUncertainty(stream: "S1"),
            .uncertaintyWithoutValue(stream: "S1"), .invalidBounds(stream: "S1", lower: 2, upper: 1), .empty, .emptyStreamId,
            .invalidLoop(stream: "S1", kind: "steam"), .invalidLoop(stream: "S1", kind: nil),
            .outOfRange(stream: "S1", field: "value", value: 1e300), .unknownUnit(stream: "S1", unit: "furlong"),
            .incompatibleUnits(balance: "U1", streams: ["S1 (m3/d)", "S2 (t/d)"]),
            .missingOperatingTime(streams: ["S1", "S2"]), .missingUnit(streams: ["S3"]), .invalidRelation(relation: "R1"),
            .incompatibleTimeBasis(stream: "S1", unit: "m3", basis: "m3/d"),
        ]  // .invalidEquation, .invalidComponent, .invalidKind, .invalidCovariance and .other carry another check's text
        for kind in kinds {
            for error in [ModelError(kind), ModelError(kind, at: at)] {
                let chinese = MessageCatalogue.chinese(error.description)
                #expect(chinese != nil, "\(error.description)")
                // No English sentence is left: what remains in ASCII letters are ids, units, field and file names.
                let words = (chinese ?? "").split { !$0.isLetter || !$0.isASCII }.filter { $0.count > 4 }
                #expect(words.allSatisfy { ["value", "streams", "nodes", "sigma", "circulating", "condensate", "steam",
                                            "hours", "days_per_year", "furlong"].contains(String($0)) }, "\(chinese ?? "")")
            }
        }
        #expect(MessageCatalogue.chinese(ModelError(.missingUncertainty(stream: "W3"), at: at).description)
            == "streams.csv:3:5（列“sigma”）：流股“W3”有测量值但没有不确定度（请给出 sigma、u95 或 mpe，或为案例给出默认不确定度）")
        #expect(MessageCatalogue.chinese("plant.xlsx: 流股 row 4: the case has no streams") == "plant.xlsx: 流股 第 4 行：案例中没有流股")
        #expect(MessageCatalogue.chinese("a sentence: the case has no streams") == nil, "only a location is split off")
        #expect(MessageCatalogue.chinese("covariance.csv:2: correlation of 'S1' and 'S2' is 1.5; it must lie in [−1, 1]")
            == "covariance.csv:2：“S1”与“S2”的相关系数为 1.5；它必须在 [−1, 1] 之间")
        #expect(MessageCatalogue.chinese("equations.csv:2: equation 'E1': unexpected ')' (at character 7 of '[S1] = )')")
            == "equations.csv:2：方程“E1”：意外的“)”（方程“[S1] = )”的第 7 个字符处）")
        #expect(MessageCatalogue.chinese("streams.csv:4: stream 'E3': leaves the boundary, so give its kind: effective (有效能), loss (损失) or export (外供)")
            == "streams.csv:4：流股“E3”：流出边界，请注明类别：effective（有效能）、loss（损失）或 export（外供）")
        #expect(MessageCatalogue.chinese("plant.xlsx: the workbook has no sheet 'streams' or '流股' (its sheets are 'Sheet1')")
            == "plant.xlsx：工作簿中没有“streams”或“流股”工作表（现有工作表为 'Sheet1'）")
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
