import Foundation
@testable import BalanceCore

/// A published reconciliation case of `Datasets/published`, read from its `case.json` (not from CSV,
/// so that these tests exercise the core alone) together with the independent full-precision
/// reference in `reference.json` (Datasets/scripts/independent_reference.py).
struct PublishedCase: CustomStringConvertible, Sendable {
    struct ReferenceStream: Sendable {
        var id: String
        var reconciled: Double?
        var reconciledSigma: Double?
        var classification: String
        var z: Double?
    }

    /// Origin of a published column: printed in the source (P) or computed by IPOPT in the benchmark collection (B).
    enum Origin: Sendable { case printed, ipopt, ipoptFourFigures }

    var name: String
    var model: BalanceModel
    var referenceStreams: [ReferenceStream]
    var referenceChiSquared: Double
    var referenceDof: Int
    var referenceCritical: Double?
    var referencePValue: Double?
    var referenceZCritical: Double
    /// Published columns: (name, origin, values) with the values as printed (shortest decimal form).
    var published: [(name: String, origin: Origin, values: [String: Double])]
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("case.json")))) as? [String: Any] ?? [:] }
    var folder: URL

    var description: String { name }

    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets/published")

    /// The linear cases (every folder with a `reference.json`).
    static let linearNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/reference.json").path)
        }.sorted()
    }()

    static func load(_ name: String) throws -> PublishedCase {
        let folder = root.appendingPathComponent(name)
        let caseJSON = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("case.json"))) as! [String: Any]
        let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("reference.json"))) as! [String: Any]
        let ids = caseJSON["streams"] as! [String]
        let measured = caseJSON["measured"] as! [String: Double]
        let sigma = caseJSON["sigma"] as! [String: Double]
        var from: [String: String] = [:], to: [String: String] = [:]
        for node in caseJSON["nodes"] as! [[String: Any]] {
            let id = node["name"] as! String
            for s in node["in"] as! [String] { to[s] = id }
            for s in node["out"] as! [String] { from[s] = id }
        }
        let streams = ids.map { BalanceStream(id: $0, from: from[$0], to: to[$0], value: measured[$0], sigma: measured[$0] == nil ? nil : sigma[$0]) }
        let model = try BalanceModel(streams: streams)
        let refStreams = (reference["streams"] as! [[String: Any]]).map {
            ReferenceStream(id: $0["id"] as! String, reconciled: $0["reconciled"] as? Double,
                            reconciledSigma: $0["reconciledSigma"] as? Double,
                            classification: $0["classification"] as! String, z: $0["z"] as? Double)
        }
        var published: [(String, Origin, [String: Double])] = []
        for (key, value) in (caseJSON["published"] as? [String: Any]) ?? [:] {
            guard let column = value as? [String: Any], let values = column["values"] as? [String: Double], !values.isEmpty else { continue }
            let origin = (column["origin"] as? String) ?? ""
            if key == "original_table" { continue }  // Yang et al.: a GED result, not plain WLS (see case notes)
            let kind: Origin = origin.contains("Problem_data.xls") && !origin.contains("textbook")
                ? (name.hasSuffix("all_measured") && name.hasPrefix("yang") ? .ipoptFourFigures : .ipopt) : .printed
            published.append((key, kind, values))
        }
        return PublishedCase(
            name: name, model: model, referenceStreams: refStreams,
            referenceChiSquared: reference["chi2"] as! Double, referenceDof: reference["dof"] as! Int,
            referenceCritical: reference["critical"] as? Double, referencePValue: reference["pValue"] as? Double,
            referenceZCritical: reference["zCritical"] as! Double, published: published, folder: folder)
    }
}

/// |a − b| ≤ tol · max(|a|, |b|, floor).
func close(_ a: Double, _ b: Double, relative tol: Double, floor: Double = 1e-300) -> Bool {
    abs(a - b) <= tol * max(abs(a), abs(b), floor)
}

/// Half a unit of the last digit printed in the shortest decimal form of `x` (e.g. 0.005 for 100.22).
func halfUnitOfLastPrintedDigit(_ x: Double) -> Double {
    let text = "\(x)"
    guard let dot = text.firstIndex(of: "."), !text.contains("e") else { return 0.5 }
    let decimals = text.distance(from: dot, to: text.endIndex) - 1
    return 0.5 * pow(10, -Double(decimals))
}

import Testing

/// The published-case loader the accuracy tests rely on.
@Suite("Test support: published cases")
struct PublishedCaseSelfTests {
    @Test("every bundled linear case loads, with its independent reference for every stream")
    func allLoad() throws {
        #expect(PublishedCase.linearNames.count == 11)
        for name in PublishedCase.linearNames {
            let published = try PublishedCase.load(name)
            #expect(published.referenceStreams.map(\.id) == published.model.streams.map(\.id), "\(name)")
        }
    }

    @Test("half a unit of the last printed digit")
    func printedDigits() {
        #expect(halfUnitOfLastPrintedDigit(100.22) == 0.005)
        #expect(halfUnitOfLastPrintedDigit(505.0803) == 0.00005)
    }
}
