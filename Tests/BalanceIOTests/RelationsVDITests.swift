import TestSupport
import Foundation
import Testing
import BalanceCore
@testable import BalanceIO

/// The VDI 2048 convention (u95) together with relations.csv (issue 2).
@Suite("u95 uncertainties with relations.csv")
struct RelationsVDITests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets/variants/nj-heat-exchanger-u95-relations")

    static func reference(_ name: String) throws -> [String: Any] {
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("reference.json"))) as! [String: Any]
        return all[name] as! [String: Any]
    }

    static func check(_ result: ReconciliationResult, against reference: [String: Any]) {
        let values = reference["reconciled"] as! [String: Double]
        let sigmas = reference["reconciledSigma"] as! [String: Double]
        #expect(result.globalTest.dof == reference["dof"] as! Int)
        #expect(abs(result.globalTest.statistic - (reference["chi2"] as! Double)) <= 1e-9 * (reference["chi2"] as! Double))
        for stream in result.streams {
            #expect(abs(stream.reconciled! - values[stream.id]!) <= 1e-9 * values[stream.id]!, "\(stream.id)")
            #expect(abs(stream.reconciledSigma! - sigmas[stream.id]!) <= 1e-9, "\(stream.id) σ")
        }
    }

    @Test("an implied relation leaves the published answer and the dof unchanged")
    func impliedRelation() throws {
        let loaded = try CaseLoader.load(Self.folder.path)
        #expect(loaded.model.relations.count == 1)
        #expect(loaded.model.streams.allSatisfy { abs($0.sigma! - 1) < 1e-15 })  // u95 1.96 → σ 1
        let result = try Reconciler.reconcile(loaded.model, options: .init(grossErrors: .none))
        Self.check(result, against: try Self.reference("overall"))
        // Narasimhan & Jordache's printed answer.
        let printed = ["S1": 100.22, "S2": 64.5, "S3": 35.72, "S4": 64.5, "S5": 35.72, "S6": 100.22]
        for stream in result.streams { #expect(abs(stream.reconciled! - printed[stream.id]!) <= 0.005 + 1e-9) }
    }

    @Test("a genuine relation (3·S3 = S1) matches an independent computation")
    func ratioRelation() throws {
        let copy = try TemporaryFolder.make(prefix: "nj-ratio")
        try FileManager.default.copyItem(at: Self.folder.appendingPathComponent("streams.csv"), to: copy.appendingPathComponent("streams.csv"))
        try FileManager.default.copyItem(at: Self.folder.appendingPathComponent("relations-ratio.csv"), to: copy.appendingPathComponent("relations.csv"))
        let loaded = try CaseLoader.load(copy.path)
        let result = try Reconciler.reconcile(loaded.model, options: .init(grossErrors: .none))
        Self.check(result, against: try Self.reference("ratio"))
        let s1 = result.stream("S1")!.reconciled!, s3 = result.stream("S3")!.reconciled!
        #expect(abs(3 * s3 - s1) <= 1e-9 * s1)
    }
}
