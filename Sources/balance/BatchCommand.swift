import ArgumentParser
import AuditBalance
import BalanceCore
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Balance {
    /// `balance batch INPUTS… --command reconcile|check --out DIR`: many cases in parallel.
    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "batch",
            abstract: "Run a command on many cases in parallel; one result per case plus summary.csv.",
            discussion: """
                INPUTS are case folders, streams.csv files, folders of case folders, or glob patterns (quote them: balance expands them itself, so 10,000 cases fit on the command line).

                Each case's result is written atomically to DIR/NAME.json (or .csv, .md, .txt with --format), NAME being the case folder's name (made unique when cases share a name). DIR/summary.csv lists every case: status ok, failed or skipped, its key figures (streams, dof, chi2, pValue, passed, flagged, grossErrors) and, for a failed case, the error. A bad case never stops the run.

                A case whose result is newer than all its input files is skipped (its figures are taken from the previous summary.csv); --force recomputes it. An interrupted run (Ctrl-C, SIGTERM) finishes the cases under way, writes the summary and stops; running the same command again completes the rest. Use --force after changing options such as --alpha.

                Commands (--command), each as the single-case command with its default options:
                \(BatchCommand.applicationCommands.map { "  \($0.rawValue + String(repeating: " ", count: max(0, 11 - $0.rawValue.count)))\($0.abstract)" }.joined(separator: "\n"))

                Exit status: 0 every case ok or skipped, 65 some case had bad data, 1 some computation or write failed, 130/143 interrupted by SIGINT/SIGTERM, 64 bad usage.

                Examples:
                  balance batch 'plants/*' --out results
                  balance batch audits --command check --tolerance 2% --out checks -f markdown
                  balance batch 'site-*/streams.csv' --out results --alpha 0.01 --force
                """
        )

        @Argument(help: "Case folders, streams.csv files, folders of cases, or glob patterns.")
        var inputs: [String]

        @Option(help: "The command to run on every case: \(BatchCommand.applicationCommands.map(\.rawValue).joined(separator: ", ")).")
        var command: String = "reconcile"

        @Option(help: "The folder for the results and summary.csv (created when missing).")
        var out: String

        @Option(name: .shortAndLong, help: "Format of each result: json, csv, markdown, table, xlsx.")
        var format: OutputFormat = .json

        @Option(help: "Text encoding of the CSV files: auto (UTF-8, else GB18030), utf-8, gb18030.")
        var encoding: TextEncoding = .automatic

        @Option(parsing: .unconditional, help: "reconcile, water, energy, material: significance level of the statistical tests.")
        var alpha: Double = 0.05

        @Option(help: "reconcile: uncertainty for measured streams that have none: absolute (0.5) or relative (2%).")
        var defaultUncertainty: String?

        @Option(help: "reconcile: gross-error identification strategy.")
        var grossErrors: ReconciliationOptions.GrossErrorStrategy = .serial

        @Option(help: "reconcile: solver: automatic, dense, graph or sparse.")
        var solver: ReconciliationOptions.Solver = .automatic

        @Option(help: "check, energy, material: closure tolerance, as a fraction (0.05) or a percentage (5%).")
        var tolerance: String = "5%"

        @Option(parsing: .unconditional, help: "energy: electricity 等价值 in kgce/kWh, for the 等价 figures (never defaulted).")
        var electricityEquivalent: Double?

        @Option(help: "Language of the text, Markdown and xlsx results: zh or en (default: as for each command run alone).")
        var lang: LabelLanguage?

        @Option(help: "Any option of the command as a JSON object, as the C interface's ab_run takes it (e.g. '{\"production\": 300, \"trials\": 100}'); applied after the flags above.")
        var options: String?

        @Option(name: .shortAndLong, parsing: .unconditional, help: "Number of cases computed at once (default: the number of cores).")
        var jobs: Int?

        @Flag(help: "Recompute cases whose results are newer than their inputs.")
        var force = false

        @Flag(help: "Flush every result to disk before renaming it (slow; by default the folder is flushed before each summary).")
        var durable = false

        @Flag(inversion: .prefixedNo, help: "Show a progress bar (default: only when standard error is a terminal and CI is not set).")
        var progress: Bool?

        /// The command named by `--command`, or a usage error listing them.
        func auditCommand() throws -> AuditCommand {
            guard let found = AuditCommand(rawValue: command), BatchCommand.applicationCommands.contains(found) else {
                throw ValidationError("--command must be one of "
                    + "\(BatchCommand.applicationCommands.map(\.rawValue).joined(separator: ", ")) (got '\(command)').")
            }
            return found
        }

        /// The options every case runs with: the single-case command's defaults and these flags.
        func auditOptions() throws -> AuditOptions {
            var options = AuditOptions()
            options.encoding = encoding
            options.alpha = alpha
            options.defaultUncertainty = try CLI.uncertainty(defaultUncertainty, option: "--default-uncertainty")
            options.grossErrors = grossErrors
            options.solver = solver
            options.tolerance = try CLI.fraction(tolerance, option: "--tolerance")
            options.electricityEquivalent = electricityEquivalent
            if let lang { options.language = lang }
            try CLI.apply(optionsJSON: self.options, to: &options)
            return options
        }

        func validate() throws {
            try CLI.validate(try auditOptions(), for: try auditCommand())
            if let refusal = try auditCommand().refusal(of: format.report) { throw ValidationError(refusal.message) }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        }

        func run() throws {
            let options = try auditOptions()
            let runner = BatchRunner(
                command: .application(try auditCommand(), options: options),
                settings: BatchSettings(format: format.report), loadOptions: options.loadOptions,
                outputDirectory: out, force: force, width: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                durable: durable)
            let cases = BatchInputs.expand(inputs)

            let cancellation = BatchCancellation()
            let signals = SignalCancellation(cancellation)
            let display = ProgressDisplay(enabled: progress ?? ProgressDisplay.isInteractive)
            let outcome: BatchOutcome
            do {
                outcome = try runner.run(
                    cases, cancellation: cancellation, progress: { display.update($0) },
                    failure: { row in display.message("balance: error: \(row.name): \(row.error?.message ?? "failed")") })
            } catch {
                CLI.fail(ApplicationError(.output, error.description))
            }
            withExtendedLifetime(signals) {}
            display.finish(outcome: outcome, summary: runner.summaryPath)
            if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
        }
    }
}

extension Balance.Batch {
    /// SIGINT and SIGTERM cancel the run (the cases under way finish and the summary is written);
    /// a second signal ends the process at once.
    final class SignalCancellation {
        private let sources: [any DispatchSourceSignal]

        init(_ cancellation: BatchCancellation) {
            sources = [SIGINT, SIGTERM].map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    if cancellation.isCancelled { _exit(128 + number) }
                    cancellation.cancel(signal: number)
                }
                source.resume()
                return source
            }
        }

        deinit {
            for source in sources { source.cancel() }
        }
    }

    /// The progress bar on standard error: redrawn at most ten times a second, cleared for messages.
    final class ProgressDisplay: @unchecked Sendable {
        let enabled: Bool
        private let lock = Lock()
        private var lastDraw: UInt64 = 0
        private var drawn = false

        init(enabled: Bool) { self.enabled = enabled }

        /// Standard error is a terminal, and this is not a CI run.
        static var isInteractive: Bool {
            isatty(2) != 0 && ProcessInfo.processInfo.environment["CI"].map { $0.isEmpty || $0 == "false" || $0 == "0" } ?? true
        }

        static var columns: Int {
            var size = winsize()
            if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
            return 80
        }

        func update(_ progress: BatchProgress) {
            guard enabled else { return }
            let now = DispatchTime.now().uptimeNanoseconds
            lock.lock()
            defer { lock.unlock() }
            guard now - lastDraw >= 100_000_000 || progress.done == progress.total else { return }
            lastDraw = now
            FileHandleStandardError.write("\r" + progress.line(width: Self.columns - 1) + "\u{1B}[K")
            drawn = true
        }

        /// Prints a line to standard error, above the progress bar.
        func message(_ text: String) {
            lock.lock()
            defer { lock.unlock() }
            FileHandleStandardError.write((drawn ? "\r\u{1B}[K" : "") + text + "\n")
            lastDraw = 0
        }

        /// Clears the bar; prints the totals on a terminal, and a note after an interruption always.
        func finish(outcome: BatchOutcome, summary: String) {
            var text = drawn ? "\r\u{1B}[K" : ""
            if let signal = outcome.cancelledBy {
                text += "balance: interrupted by signal \(signal): \(outcome.rows.count) of \(outcome.total) cases done; "
                    + "run the same command again to complete the rest\n"
            }
            guard enabled else { return FileHandleStandardError.write(text) }
            let (ok, failed, skipped) = outcome.counts
            let rate = outcome.elapsed > 0 ? Double(outcome.rows.count) / outcome.elapsed : 0
            text += "\(outcome.rows.count) cases in \(NumberFormatting.fixed(outcome.elapsed, decimals: 1)) s "
                + "(\(CheckedInteger.rounded(rate) ?? 0) cases/s): \(ok) ok, \(failed) failed, \(skipped) skipped; summary: \(summary)\n"
            FileHandleStandardError.write(text)
        }
    }
}
