import AuditBalance

// A splitter, a heat exchanger and a bypass (Narasimhan & Jordache 2000), all flows measured with σ = 1.
let model = try BalanceModel(streams: [
    BalanceStream(id: "S1", to: "splitter", value: 101.91, sigma: 1),
    BalanceStream(id: "S2", from: "splitter", to: "exchanger", value: 64.45, sigma: 1),
    BalanceStream(id: "S3", from: "splitter", to: "bypass", value: 34.65, sigma: 1),
    BalanceStream(id: "S4", from: "exchanger", to: "mixer", value: 64.20, sigma: 1),
    BalanceStream(id: "S5", from: "bypass", to: "mixer", value: 36.44, sigma: 1),
    BalanceStream(id: "S6", from: "mixer", value: 98.88, sigma: 1),
])
let result = try Reconciler.reconcile(model)
for stream in result.streams {
    print(stream.id, stream.reconciled ?? .nan, "±", stream.reconciledSigma ?? .nan, stream.classification)
}
print("χ² =", result.globalTest.statistic, "dof =", result.globalTest.dof, "passed:", result.globalTest.passed)
