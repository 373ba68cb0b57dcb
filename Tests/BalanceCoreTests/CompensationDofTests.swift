import Testing
@testable import BalanceCore

/// After serial compensation of k gross errors the global test has p − k degrees of freedom: the k
/// magnitudes were estimated from the same data (issue 9; Narasimhan & Mah 1987).
@Suite("Global test after identification")
struct CompensationDofTests {
    @Test("P14 with compensation: dof 14 − 3 = 11, and χ² 22.11 fails the test at 11")
    func p14Compensation() throws {
        let model = try PublishedCase.load("benchmark_p14_24_streams_gross_errors").model
        let result = try Reconciler.reconcile(model, options: .init(grossErrors: .compensation))
        let after = try #require(result.afterIdentification)
        #expect(result.globalTest.dof == 14)
        #expect(after.convention == .compensated)
        #expect(after.estimatedMagnitudes == result.grossErrors.count)
        #expect(after.globalTest.dof == 14 - result.grossErrors.count)
        // χ²(11) critical at α = 0.05 is 19.675: the corrected data still fail.
        #expect(abs(after.globalTest.critical! - 19.6751) < 1e-3)
        #expect(after.globalTest.statistic > after.globalTest.critical! && !after.globalTest.passed)
    }

    @Test("elimination: the dof is the rank of the system with the meters made unmeasured")
    func eliminationDof() throws {
        let model = try PublishedCase.load("benchmark_p14_24_streams_gross_errors").model
        let result = try Reconciler.reconcile(model, options: .init(grossErrors: .serial))
        let after = try #require(result.afterIdentification)
        #expect(after.convention == .eliminated)
        let eliminated = model.mapStreams { s in
            var t = s
            if result.grossErrors.contains(where: { $0.location == s.id }) { t.value = nil; t.sigma = nil }
            return t
        }
        let resolved = try Reconciler.reconcile(eliminated, options: .init(grossErrors: .none))
        #expect(after.globalTest.dof == resolved.globalTest.dof)
        #expect(close(after.globalTest.statistic, resolved.globalTest.statistic, relative: 1e-9))
    }
}
