import Testing
@testable import BalanceCore

/// Exact mode through the projection (issue 9): every unknown that the balances determine is
/// computed, however many balances it takes; the undetermined ones are named with their balances.
@Suite("Exact mode: unknowns determined by several balances")
struct ExactModeTests {
    /// The lake of `Datasets/variants/lake-decay`: I1 = 120 in, O1 and D1 out, D1 = 0.25 O1.
    static func lake() throws -> BalanceModel {
        try BalanceModel(
            streams: [
                BalanceStream(id: "I1", to: "lake", value: 120), BalanceStream(id: "O1", from: "lake"),
                BalanceStream(id: "D1", from: "lake"),
            ],
            relations: [LinearRelation(id: "decay", terms: [.init(stream: "D1", coefficient: 1), .init(stream: "O1", coefficient: -0.25)])])
    }

    @Test("lake and decay: O1 = 96, D1 = 24 (hand computation), both balances close")
    func lakeDecay() throws {
        let result = ExactBalance.solve(try Self.lake())
        #expect(result.undetermined.isEmpty)
        #expect(abs(result.values[1]! - 96) <= 1e-12 * 96)
        #expect(abs(result.values[2]! - 24) <= 1e-12 * 24)
        #expect(result.computedFrom[1]?.id == "lake + decay")
        #expect(result.closures.count == 2 && result.closures.allSatisfy { $0.withinTolerance && $0.closesByConstruction })
    }

    @Test("a chain of single-unknown balances keeps its one-balance provenance")
    func chainStillSingle() throws {
        let model = try BalanceModel(streams: [
            BalanceStream(id: "A", to: "U1", value: 10), BalanceStream(id: "B", from: "U1", to: "U2"),
            BalanceStream(id: "C", from: "U2", value: 4), BalanceStream(id: "D", from: "U2"),
        ])
        let result = ExactBalance.solve(model)
        // B from U1 (one unknown), then D from U2.
        #expect(result.values[1] == 10 && result.values[3] == 6)
        #expect(result.computedFrom[1] == .node("U1") && result.computedFrom[3] == .node("U2"))
    }

    @Test("two parallel unknowns are undetermined and named with their balances")
    func parallelUndetermined() throws {
        let model = try BalanceModel(streams: [
            BalanceStream(id: "I", to: "A", value: 10), BalanceStream(id: "X", from: "A", to: "B"),
            BalanceStream(id: "Y", from: "A", to: "B"), BalanceStream(id: "Z", from: "B", value: 10),
        ])
        let result = ExactBalance.solve(model)
        #expect(result.undetermined == ["X", "Y"])
        #expect(result.undeterminedBalances["X"] == ["node A", "node B"])
        #expect(result.undeterminedExplanation.contains("X (in node A, node B)"))
    }

    @Test("an inconsistent pair of balances shows in the closures, not as a computed success")
    func inconsistent() throws {
        // U1: 10 in, X out; U2: X in, 7 out, and a relation X = 9: X is fixed by three balances that disagree.
        let model = try BalanceModel(
            streams: [
                BalanceStream(id: "A", to: "U1", value: 10), BalanceStream(id: "X", from: "U1", to: "U2"),
                BalanceStream(id: "B", from: "U2", value: 7),
            ])
        let result = ExactBalance.solve(model)
        #expect(result.undetermined.isEmpty)
        #expect(result.closures.contains { !$0.withinTolerance })
    }

    @Test("random networks: the projection's exact values equal a reconciliation with every given value fixed", arguments: Array(UInt64(1)...UInt64(8)))
    func matchesProjection(seed: UInt64) throws {
        let network = RandomNetwork.make(nodes: 8, paths: 14, unmeasuredFraction: 0.35, seed: seed)
        // Make the data consistent: the given values are the true flows, so every check closes.
        let model = network.model.mapStreams { s in
            var t = s
            if t.value != nil { t.value = network.trueValues[s.id]; t.sigma = 0 }
            return t
        }
        let exact = ExactBalance.solve(model)
        let fixed = try Reconciler.reconcile(model, options: .init(grossErrors: .none, solver: .dense))
        for (j, s) in model.streams.enumerated() {
            let reconciled = fixed.streams[j].reconciled
            #expect((exact.values[j] == nil) == (reconciled == nil), "\(s.id)")
            if let a = exact.values[j], let b = reconciled {
                #expect(abs(a - b) <= 1e-9 * Swift.max(1, abs(b)), "\(s.id): \(a) vs \(b)")
            }
        }
    }
}

/// Contradictory fixed values name their balances (issue 10), with both solvers.
@Suite("Inconsistent fixed values are named")
struct InconsistentBalanceTests {
    @Test("fixed 10 in and 12 out through an unmeasured stream: the warning names U and W", arguments: [
        ReconciliationOptions.Solver.graph, .dense,
    ])
    func named(_ solver: ReconciliationOptions.Solver) throws {
        let model = try BalanceModel(streams: [
            BalanceStream(id: "A", to: "U", value: 10, sigma: 0), BalanceStream(id: "X", from: "U", to: "W"),
            BalanceStream(id: "B", from: "W", value: 12, sigma: 0),
            BalanceStream(id: "C", to: "V", value: 5, sigma: 1), BalanceStream(id: "D", from: "V", value: 5.2, sigma: 1),
        ])
        let result = try Reconciler.reconcile(model, options: .init(grossErrors: .none, solver: solver))
        let warning = try #require(result.warnings.first { $0.contains("cannot be satisfied") })
        #expect(warning.contains("U") && warning.contains("W") && !warning.contains("V,") && !warning.contains("(V"), "\(warning)")
    }
}
