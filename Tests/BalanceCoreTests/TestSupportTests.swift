import Foundation
import Testing
import TestSupport

/// The shared test helpers (`Tests/TestSupport`) checked themselves: every seeded test of the package stands on them.
@Suite("Shared test helpers")
struct TestSupportTests {
    @Test("SplitMix64 gives the reference outputs (Vigna's splitmix64.c, seed 1234567)")
    func referenceOutputs() {
        // The first outputs of the reference C implementation from seed 1234567, as published with it and recomputed
        // here with Python's integers.
        var generator = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                                  4_593_380_528_125_082_431, 16_408_922_859_458_223_821]
        #expect((0..<5).map { _ in generator.next() } == expected)
    }

    @Test("normal deviates: mean 0 and variance 1 within 5 standard errors over 20,000 draws; finite")
    func normalMoments() {
        var generator = SplitMix64(seed: 42)
        let n = 20_000
        let draws = (0..<n).map { _ in generator.normal() }
        #expect(draws.allSatisfy { $0.isFinite })
        let mean = draws.reduce(0, +) / Double(n)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        // Standard errors: 1/√n for the mean, √(2/n) for the variance of a normal sample.
        #expect(abs(mean) <= 5 / Double(n).squareRoot())
        #expect(abs(variance - 1) <= 5 * (2 / Double(n)).squareRoot())
    }

    @Test("temporary folders are new, empty, distinct and named with their prefix")
    func temporaryFolders() throws {
        let a = try TemporaryFolder.make(prefix: "support-check")
        let b = try TemporaryFolder.make(prefix: "support-check")
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        #expect(a != b)
        #expect(a.lastPathComponent.hasPrefix("support-check-"))
        for folder in [a, b] {
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) && isDirectory.boolValue)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        }
    }
}
