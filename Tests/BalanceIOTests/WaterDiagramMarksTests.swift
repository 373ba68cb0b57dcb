import BalanceApplication
import BalanceIO
import Foundation
import Testing

/// The water diagram titled by the plant and marking what the reconciliation found (issue 13, Deliver 5).
@Suite("Water diagram: title and suspect meters")
struct WaterDiagramMarksTests {
    static let demo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets/demo/dyeing-plant-water").path

    static func svg(_ configure: (inout AuditOptions) -> Void = { _ in }) throws -> String {
        var options = AuditOptions()
        options.language = .zh
        configure(&options)
        return try #require(try Application.run(.water, casePath: demo, options: options).waterDiagramSVG())
    }

    @Test("the title is the root group's name (nodes.csv), or --title")
    func title() throws {
        #expect(try Self.svg().contains("<title>水平衡图 — 某印染有限公司</title>"))
        #expect(try Self.svg { $0.title = "二〇二六年水平衡测试" }.contains("<title>水平衡图 — 二〇二六年水平衡测试</title>"))
    }

    @Test("the meter the gross-error test flags (W14) is banded in red and labelled; exact mode marks nothing")
    func suspects() throws {
        let reconciled = try Self.svg()
        let bands = reconciled.components(separatedBy: "class=\"suspect\"").count - 1
        #expect(bands == 1, "one path carries W14")
        #expect(reconciled.contains("⚠ 可疑 W14") && reconciled.contains("可疑仪表 / 泄漏"))
        let exact = try Self.svg { $0.exact = true }
        #expect(!exact.contains("class=\"suspect\"") && !exact.contains("⚠"))
    }
}
