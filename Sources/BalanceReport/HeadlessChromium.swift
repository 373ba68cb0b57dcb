import Dispatch
import Foundation


/// Prints HTML to PDF with headless Chromium (`chromium --headless --print-to-pdf`), the browser's own layout and
/// CJK fonts: the report's PDF is the page a person sees when printing the HTML. Chromium is not a dependency of
/// the library: it is looked up on `PATH` (`chromium`, `chromium-browser`, `google-chrome`) or named by the
/// environment variable `AUDITBALANCE_CHROMIUM`, and its absence is an error that says so.
public enum HeadlessChromium {
    /// Why no PDF was made.
    public struct PrintError: Error, Sendable, CustomStringConvertible {
        /// What went wrong, with the remedy.
        public let description: String
    }

    /// The longest a print may take before Chromium is stopped.
    public static let timeoutSeconds = 120

    /// The browser to run, or `nil` when none is installed.
    /// - Complexity: O(directories on PATH).
    public static func executable() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let named = environment["AUDITBALANCE_CHROMIUM"], !named.isEmpty {
            return FileManager.default.isExecutableFile(atPath: named) ? named : nil
        }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return folder + "/" + name
            }
        }
        return nil
    }

    /// The PDF of `html` (A4, the page size of its `@page` rule, no browser header or footer).
    /// - Throws: ``PrintError`` when Chromium is missing, fails, times out or writes no PDF.
    /// - Complexity: one Chromium process (about a second).
    public static func pdf(html: String) throws(PrintError) -> [UInt8] {
        guard let browser = executable() else {
            throw PrintError(description: "a PDF is printed by headless Chromium, which is not installed (apt-get install "
                + "chromium, or set AUDITBALANCE_CHROMIUM to the browser): write --output report.html and print it instead")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("auditbalance-report-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html"), output = folder.appendingPathComponent("report.pdf")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: page)
        } catch {
            throw PrintError(description: "cannot write the page for Chromium in \(folder.path): \(error.localizedDescription)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--user-data-dir=" + folder.appendingPathComponent("profile").path,
            "--no-pdf-header-footer", "--print-to-pdf-no-header", "--print-to-pdf=" + output.path, page.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw PrintError(description: "cannot start \(browser): \(error.localizedDescription)")
        }
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeoutSeconds), execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw PrintError(description: "\(browser) failed to print the report (status \(process.terminationStatus)"
                + (process.terminationReason == .uncaughtSignal ? ", stopped after \(timeoutSeconds) s" : "") + ")")
        }
        guard let data = FileManager.default.contents(atPath: output.path), data.starts(with: Array("%PDF".utf8)) else {
            throw PrintError(description: "\(browser) wrote no PDF")
        }
        return [UInt8](data)
    }
}
