import Foundation

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
