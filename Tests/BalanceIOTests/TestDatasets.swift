import Foundation
import Testing

/// The project's `Datasets/` folder and its case folders, for the tests of this target (one definition instead of a
/// copy per suite).
enum TestDatasets {
    /// `Datasets/` of this checkout.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets")

    /// Every case folder (a folder with streams.csv) under `Datasets/`, relative and sorted.
    static let cases: [String] = {
        let found = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return found.filter { $0.hasSuffix("/streams.csv") }.map { String($0.dropLast("/streams.csv".count)) }.sorted()
    }()
}

/// The helper finds what the suites that use it rely on.
@Suite("Test support: the datasets")
struct TestDatasetsSelfTests {
    @Test("Datasets/ is found, and its case folders include the published, demo, energy and material cases")
    func found() {
        #expect(FileManager.default.fileExists(atPath: TestDatasets.root.appendingPathComponent("README.md").path))
        for expected in ["published/benchmark_p14_24_streams_gross_errors", "demo/dyeing-plant-water",
                         "energy/dyeing-mill-2024", "material/chrome-plating-line"] {
            #expect(TestDatasets.cases.contains(expected), "\(expected)")
        }
        #expect(TestDatasets.cases == TestDatasets.cases.sorted())
    }
}
