import Foundation

/// Temporary folders for tests that write files. Shared by the test targets.
public enum TemporaryFolder {
    /// A new, empty folder under the system's temporary folder, named `prefix-UUID`. The caller removes it (or leaves
    /// it to the system's clean-up).
    /// - Throws: when the folder cannot be created.
    public static func make(prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
