import Foundation
import Testing
@testable import BalanceCore

/// Numerics that stay right (issue 9): uncertainties that differ by up to 12 orders of magnitude give
/// the values, σ, z and χ² of an exact rational computation (`Datasets/scripts/rational_reference.py`,
/// `Datasets/variants/sigma-ratios/reference.json`) to 1e-8 relative, with the default solver and
/// with the dense solver.
@Suite("Extreme ratios of uncertainties against exact arithmetic")
struct SigmaRatioTests {
    struct Reference: Sendable, CustomStringConvertible {
        var folder: String
        var sigma: [String: Double]
        var streams: [(id: String, value: Double, sigma: Double, z: Double?)]
        var chiSquared: Double
        var dof: Int
        var description: String { "\(folder.split(separator: "/").last!) σ \(sigma)" }
    }

    static let references: [Reference] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Datasets/variants/sigma-ratios/reference.json")
        guard let data = try? Data(contentsOf: url),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cases = root["cases"] as? [[String: Any]]
        else { return [] }
        return cases.map { c in
            let streams = (c["streams"] as! [[String: Any]]).map { s in
                (id: s["id"] as! String, value: Double(s["reconciled"] as! String)!,
                 sigma: Double(s["reconciledSigma"] as! String)!, z: (s["z"] as? String).flatMap(Double.init))
            }
            return Reference(
                folder: c["case"] as! String, sigma: (c["sigma"] as! [String: String]).mapValues { Double($0)! },
                streams: streams, chiSquared: Double(c["chiSquared"] as! String)!, dof: c["dof"] as! Int)
        }
    }()

    @Test("the reference file is there and covers ratios 1e-12 … 1e12")
    func referencePresent() {
        #expect(Self.references.count == 12)
        let ratios = Self.references.flatMap(\.sigma.values)
        #expect(ratios.contains(1e12) && ratios.contains(1e-12))
    }

    @Test("values, σ, z and χ² to 1e-8 relative (automatic and dense solver)", arguments: references)
    func matchesExactArithmetic(_ reference: Reference) throws {
        let published = try PublishedCase.load(String(reference.folder.split(separator: "/").last!))
        let model = published.model.mapStreams { s in
            var t = s
            if let sigma = reference.sigma[s.id] { t.sigma = sigma }
            return t
        }
        for solver in [ReconciliationOptions.Solver.automatic, .dense] {
            let result = try Reconciler.reconcile(model, options: .init(grossErrors: .none, solver: solver))
            #expect(result.globalTest.dof == reference.dof)
            #expect(close(result.globalTest.statistic, reference.chiSquared, relative: 1e-8), "\(solver) χ²")
            for expected in reference.streams {
                let r = try #require(result.stream(expected.id))
                let scale = reference.streams.map { abs($0.value) }.max()!
                #expect(close(r.reconciled!, expected.value, relative: 1e-8, floor: 1e-12 * scale), "\(solver) \(expected.id) value")
                // σ to 1e-8 of itself, down to the resolution of the stream's own measurement σ_i in double
                // precision (1000 ε σ_i): with σ(S1) = 1e-12, S6 (σ 1) is reconciled to σ 1e-12 — 1e-12 of
                // its own σ — and agrees to 1e-19 absolute (1e-7 of itself).
                let resolution = 1000 * Double.ulpOfOne * (model.stream(expected.id)?.sigma ?? 0)
                let error = abs(r.reconciledSigma! - expected.sigma)
                #expect(error <= Swift.max(1e-8 * expected.sigma, resolution), "\(solver) \(expected.id) σ \(r.reconciledSigma!) vs \(expected.sigma)")
                if let z = expected.z, let got = r.z {
                    #expect(close(got, z, relative: 1e-6, floor: 1e-9), "\(solver) \(expected.id) z \(got) vs \(z)")
                }
            }
        }
    }

    @Test("NJ with σ(S5) from 1e3 to 1e12: σ of S5 is 0.70711 with the default solver (issue 9 acceptance)")
    func njStream5() throws {
        let published = try PublishedCase.load("nj_heat_exchanger_bypass")
        for exponent in 3...12 {
            let model = published.model.mapStreams { s in
                var t = s
                if s.id == "S5" { t.sigma = pow(10, Double(exponent)) }
                return t
            }
            let result = try Reconciler.reconcile(model)
            let sigma = try #require(result.stream("S5")?.reconciledSigma)
            #expect(abs(sigma - 0.70711) <= 1e-5, "1e\(exponent): \(sigma)")
        }
    }

    @Test("a forced graph solve that cannot factor names the balance and the streams")
    func failureNamesStreams() throws {
        let published = try PublishedCase.load("nj_heat_exchanger_bypass")
        let model = published.model.mapStreams { s in
            var t = s
            if s.id == "S5" { t.sigma = 1e12 }
            return t
        }
        do {
            _ = try Reconciler.reconcile(model, options: .init(solver: .graph))
            Issue.record("expected a numerical failure")
        } catch {
            guard case let .numerical(failure) = error else { Issue.record("\(error)"); return }
            #expect(!failure.balances.isEmpty && failure.streams.contains("S5"), "\(failure)")
        }
    }
}
