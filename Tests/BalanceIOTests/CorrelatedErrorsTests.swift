import TestSupport
import Foundation
import Testing
import BalanceCore
@testable import BalanceIO

/// `covariance.csv`: correlated measurement errors, validated and used by the reconciliation (issue 3).
@Suite("Correlated measurement errors")
struct CorrelatedErrorsTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets/correlated/ncsu-cooling-water-correlated")

    @Test("results match an independent dense computation to 1e-9 relative")
    func matchesIndependentComputation() throws {
        let loaded = try CaseLoader.load(Self.folder.path)
        let covariance = try #require(try loaded.measurementCovariance())
        let result = try Reconciler.reconcile(loaded.model, covariance: covariance, options: .init(grossErrors: .none))
        let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.folder.appendingPathComponent("reference.json"))) as! [String: Any]
        let values = reference["reconciled"] as! [String: Double]
        let sigmas = reference["reconciledSigma"] as! [String: Double]
        let zs = reference["z"] as! [String: Double]
        let chi2 = reference["chi2"] as! Double
        #expect(abs(result.globalTest.statistic - chi2) <= 1e-9 * chi2)
        #expect(result.globalTest.dof == reference["dof"] as! Int)
        for stream in result.streams {
            #expect(abs(stream.reconciled! - values[stream.id]!) <= 1e-9 * abs(values[stream.id]!), "\(stream.id)")
            #expect(abs(stream.reconciledSigma! - sigmas[stream.id]!) <= 1e-9 * sigmas[stream.id]!, "\(stream.id) σ")
            #expect(abs(stream.z! - zs[stream.id]!) <= 1e-9 * max(1, abs(zs[stream.id]!)), "\(stream.id) z")
        }
        let expected = reference["covariance"] as! [[Double]]
        let ours = try #require(result.solution.covariance)
        let scale = expected.indices.map { expected[$0][$0] }.max()!
        for i in expected.indices { for j in expected.indices { #expect(abs(ours[i, j] - expected[i][j]) <= 1e-9 * scale) } }
        // Correlations change the answer: the uncorrelated result differs.
        let plain = try Reconciler.reconcile(loaded.model, options: .init(grossErrors: .none))
        #expect(abs(plain.globalTest.statistic - chi2) > 1)
    }

    static func load(covariance: String) throws -> LoadedCase {
        let folder = try TemporaryFolder.make(prefix: "cov")
        try "id,from,to,value,sigma\nS1,,A,10,1\nS2,A,B,10,1\nS3,B,,10,1\nS4,A,,1,\n".write(
            to: folder.appendingPathComponent("streams.csv"), atomically: true, encoding: .utf8)
        try covariance.write(to: folder.appendingPathComponent("covariance.csv"), atomically: true, encoding: .utf8)
        return try CaseLoader.load(folder.path)
    }

    @Test("bad covariance files are data errors naming the file, line and streams", arguments: [
        ("stream_a,stream_b,correlation\nS1,S9,0.5\n", "covariance.csv:2", "S9"),
        ("stream_a,stream_b,correlation\nS1,S2,1.5\n", "covariance.csv:2", "[−1, 1]"),
        ("stream_a,stream_b,correlation\nS1,S1,0.5\n", "covariance.csv:2", "sigma"),
        ("stream_a,stream_b,correlation\nS1,S4,0.5\n", "covariance.csv:2", "S4"),
        ("stream_a,stream_b,correlation\nS1,S2,0.5\nS2,S1,0.4\n", "covariance.csv:3", "twice"),
        ("stream_a,stream_b,correlation,covariance\nS1,S2,0.5,0.1\n", "covariance.csv:2", "not both"),
        ("stream_a,stream_b,correlation\nS1,S2,0.9\nS2,S3,0.9\nS1,S3,-0.9\n", "covariance.csv", "positive definite"),
    ])
    func badCovariance(text: String, location: String, mention: String) throws {
        do {
            let loaded = try Self.load(covariance: text)
            _ = try loaded.measurementCovariance()
            Issue.record("expected an error for \(text)")
        } catch let error as InputError {
            #expect(error.description.contains(location), "\(error)")
            #expect(error.description.contains(mention), "\(error)")
        }
    }
}
