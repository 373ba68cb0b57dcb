import Foundation
import Testing

/// One answer whatever the solver (issue 12), on every dataset: `balance reconcile CASE --solver dense` and
/// `--solver sparse` give the same values, σ, χ², dof and classification to 1e-9 (σ that exact values determine:
/// both below 1e-7 of the measured σ, where V − W cancels to rounding). A case the sparse solver cannot take —
/// correlated errors (covariance.csv), or component values and equations (the nonlinear reconciliation) — is
/// refused with exit 64 and a message saying why; a case the dense run refuses as bad data the sparse run refuses
/// too (as bad data, or earlier as a usage it cannot take).
@Suite("Every dataset: --solver dense = --solver sparse")
struct SolverEquivalenceTests {
    static let tolerance = 1e-9

    @Test("values, σ, χ², dof and classification agree", arguments: FrontEndEquivalenceTests.cases)
    func agree(_ folder: String) throws {
        let path = BalanceRunner.dataset(folder)
        let dense = try BalanceRunner.run(["reconcile", path, "--format", "json", "--gross-errors", "none", "--solver", "dense"])
        let sparse = try BalanceRunner.run(["reconcile", path, "--format", "json", "--gross-errors", "none", "--solver", "sparse"])
        guard dense.status == 0 else {
            // Both refuse; the sparse run may stop earlier, at the usage check (exit 64, saying why).
            #expect(sparse.status == dense.status || sparse.status == 64, "\(folder): dense exit \(dense.status), sparse exit \(sparse.status)")
            return
        }
        guard sparse.status == 0 else {
            #expect(sparse.status == 64, "\(folder): \(sparse.stderr)")
            #expect(sparse.stderr.contains("independent errors") || sparse.stderr.contains("nonlinear"), "\(sparse.stderr)")
            return
        }
        let d = try JSONSerialization.jsonObject(with: Data(dense.stdout.utf8)) as! [String: Any]
        let s = try JSONSerialization.jsonObject(with: Data(sparse.stdout.utf8)) as! [String: Any]
        let gd = d["globalTest"] as! [String: Any], gs = s["globalTest"] as! [String: Any]
        #expect(gd["dof"] as? Int == gs["dof"] as? Int, "\(folder): dof")
        let chiD = gd["statistic"] as! Double, chiS = gs["statistic"] as! Double
        #expect(abs(chiD - chiS) <= Self.tolerance * max(1, chiD), "\(folder): χ² \(chiD) vs \(chiS)")
        let streamsD = d["streams"] as! [[String: Any]], streamsS = s["streams"] as! [[String: Any]]
        let scale = streamsD.compactMap { $0["reconciled"] as? Double }.map(abs).max() ?? 1
        for (a, b) in zip(streamsD, streamsS) {
            let id = a["id"] as! String
            #expect(a["classification"] as? String == b["classification"] as? String, "\(folder) \(id)")
            guard let x = a["reconciled"] as? Double, let y = b["reconciled"] as? Double else {
                #expect((a["reconciled"] as? Double) == nil && (b["reconciled"] as? Double) == nil, "\(folder) \(id)")
                continue
            }
            #expect(abs(x - y) <= Self.tolerance * max(abs(x), 1e-3 * scale), "\(folder) \(id): \(x) vs \(y)")
            let sx = a["reconciledSigma"] as! Double, sy = b["reconciledSigma"] as! Double
            let measured = a["sigma"] as? Double ?? 0
            let determined = measured > 0 && sx <= 1e-7 * measured && sy <= 1e-7 * measured
            #expect(determined || abs(sx - sy) <= Self.tolerance * max(sx, 1e-3 * scale), "\(folder) \(id): σ \(sx) vs \(sy)")
        }
    }
}
