// Builds the heat exchanger with bypass of Narasimhan & Jordache (2000) in code, reconciles it with
// AuditBalance and checks the published numbers: reconciled S1 = 100.22, S2 = 64.50, S3 = 35.72 (the
// 2 decimals published, tolerance 0.005), χ² = 6.4075 (tolerance 1e-4) with 4 degrees of freedom.
// Exits with status 1 on a mismatch.
import AuditBalance

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let model: BalanceModel
do {
    model = try BalanceModel(streams: [
        BalanceStream(id: "S1", to: "splitter", value: 101.91, sigma: 1, name: "feed"),
        BalanceStream(id: "S2", from: "splitter", to: "exchanger", value: 64.45, sigma: 1),
        BalanceStream(id: "S3", from: "splitter", to: "bypass", value: 34.65, sigma: 1),
        BalanceStream(id: "S4", from: "exchanger", to: "mixer", value: 64.20, sigma: 1),
        BalanceStream(id: "S5", from: "bypass", to: "mixer", value: 36.44, sigma: 1),
        BalanceStream(id: "S6", from: "mixer", value: 98.88, sigma: 1, name: "product"),
    ])
} catch {
    print("invalid model: \(error)")
    exit(1)
}

let result: ReconciliationResult
do {
    result = try Reconciler.reconcile(model, options: ReconciliationOptions(alpha: 0.05))
} catch {
    print("reconciliation failed: \(error)")
    exit(1)
}

// The report `balance reconcile` prints.
print(ReconciliationReport(model: model, result: result, caseName: "Narasimhan & Jordache heat exchanger").table())

/// Prints one comparison; returns whether it matched.
func check(_ what: String, _ actual: Double?, _ expected: Double, tolerance: Double) -> Bool {
    let ok = actual.map { abs($0 - expected) <= tolerance } ?? false
    print("\(what): \(actual.map { "\($0)" } ?? "nil"), expected \(expected) ± \(tolerance): \(ok ? "ok" : "MISMATCH")")
    return ok
}
var checks: [Bool] = []
for (id, published) in [("S1", 100.22), ("S2", 64.5), ("S3", 35.72)] {
    checks.append(check("\(id) reconciled", result.stream(id)?.reconciled, published, tolerance: 0.005))
}
checks.append(check("chi-squared", result.globalTest.statistic, 6.4075, tolerance: 1e-4))
checks.append(check("degrees of freedom", Double(result.globalTest.dof), 4, tolerance: 0))
checks.append(result.globalTest.passed && result.grossErrors.isEmpty)
let failures = checks.filter { !$0 }.count

print(failures == 0 ? "all checks passed" : "\(failures) check(s) failed")
exit(failures == 0 ? 0 : 1)
