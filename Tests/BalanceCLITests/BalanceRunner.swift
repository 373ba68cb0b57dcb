import Foundation
import TestSupport

/// Runs the built `balance` executable (it sits next to the test bundle in the products folder)
/// and returns its exit status and output. Shared by every CLI test.
struct BalanceRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum BalanceRunner {
    /// The products folder: where the test bundle runs from (`/proc/self/exe` on Linux).
    static let productsDirectory: URL = {
        #if os(Linux)
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent()
        #else
        return Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }!.bundleURL.deletingLastPathComponent()
        #endif
    }()

    static var executable: URL { productsDirectory.appendingPathComponent("balance") }

    /// The repository root (for Datasets/).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Path of a bundled dataset, e.g. `dataset("demo/dyeing-plant-water")`.
    static func dataset(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent("Datasets").appendingPathComponent(relative).path
    }

    /// Runs `balance args…` with OpenBLAS on one thread and `LANG=en_US.UTF-8` (unless `extra` says otherwise).
    static func run(_ arguments: [String], currentDirectory: URL? = nil, environment extra: [String: String] = [:]) throws -> BalanceRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        // The report language follows the locale (issue 13); tests that do not ask for one read English.
        environment["LANG"] = "en_US.UTF-8"
        environment["LC_ALL"] = nil
        environment.merge(extra) { _, new in new }
        process.environment = environment
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return BalanceRun(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> URL { try TemporaryFolder.make(prefix: "balance-tests") }

    /// A copy of a dataset's case folder in a fresh temporary folder, with text replaced in one of its files
    /// (`replacements`: each (old, new), every occurrence; a text that is not there fails the test) and files added
    /// (name → contents); returns the copy's path.
    static func copy(
        _ dataset: String, editing file: String? = nil, _ replacements: [(String, String)] = [], adding files: [String: String] = [:]
    ) throws -> URL {
        let folder = try temporaryDirectory().appendingPathComponent("case")
        try FileManager.default.copyItem(atPath: self.dataset(dataset), toPath: folder.path)
        if let file {
            let url = folder.appendingPathComponent(file)
            var text = try String(contentsOf: url, encoding: .utf8)
            for (old, new) in replacements {
                #expect(text.contains(old), "\(dataset)/\(file) has no '\(old)'")
                text = text.replacingOccurrences(of: old, with: new)
            }
            try Data(text.utf8).write(to: url)
        }
        for (name, contents) in files { try Data(contents.utf8).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    /// Writes a case folder with the given files (name → contents) and returns its path.
    static func makeCase(_ files: [String: String]) throws -> URL {
        let folder = try temporaryDirectory()
        for (name, text) in files {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        return folder
    }
}

import Testing

/// The runner every CLI test uses.
@Suite("Test support: the balance executable")
struct BalanceRunnerSelfTests {
    @Test("the executable is built next to the tests and answers --help with status 0")
    func executableRuns() throws {
        #expect(FileManager.default.isExecutableFile(atPath: BalanceRunner.executable.path))
        let run = try BalanceRunner.run(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("reconcile"))
    }
}
