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

/// Runs one ``BatchCommand`` over many cases in parallel and writes one result per case plus
/// `summary.csv` into an output folder (`balance batch`).
///
/// ```swift
/// let jobs = BatchInputs.expand(["cases/*"])
/// let runner = BatchRunner(command: .reconcile, outputDirectory: "results")
/// let outcome = try runner.run(jobs)
/// print(outcome.counts)   // ok, failed, skipped
/// ```
///
/// Behaviour:
/// - **Parallel:** cases are read and computed on ``width`` worker threads (default: the number of
///   cores), each case on one thread; one writer thread writes every result (parallel writers in one
///   folder contend for the folder's lock in the kernel). OpenBLAS is limited to one thread for the run
///   (`BLASInfo.limitingThreads(to: 1)`, which loads no library for it) and reset afterwards — its own threads
///   would only compete with the workers.
/// - **Never stops at a bad case:** a case that cannot be read, computed or written becomes a
///   `failed` row with the message the single-case command would print; the others go on.
/// - **Atomic results:** each result is written to a hidden temporary file and renamed (see
///   `BatchFiles`); a killed run leaves complete results or none. Temporary files left by a run
///   killed with SIGKILL are removed at the start of the next run.
/// - **Incremental:** a case whose result is newer than every one of its input files is `skipped`
///   (``force`` recomputes it); after an interrupted run, a re-run computes only the rest. Changed
///   options (α, format …) are not detected: use ``force`` then.
/// - **Summary:** `summary.csv` is rewritten atomically every ``checkpointCases`` cases or
///   ``checkpointSeconds`` seconds, and at the end; before each write the output folder is flushed to
///   disk, so the summary never lists a result that a power failure could lose. Cases an interrupted
///   run did not reach keep their rows from the previous summary.
/// - **Cancellation:** when ``BatchCancellation`` is cancelled (SIGINT, SIGTERM), no new case starts;
///   the cases under way finish, the summary of what was done is written, and the run returns.
public struct BatchRunner: Sendable {
    /// The command to run on every case.
    public var command: BatchCommand
    /// Options for the command (format, α, tolerance …).
    public var settings: BatchSettings
    /// How cases are read (encoding, default uncertainty).
    public var loadOptions: CaseLoadOptions
    /// The folder for the results and `summary.csv`; created when missing.
    public var outputDirectory: String
    /// Recompute cases whose results are up to date.
    public var force: Bool
    /// Number of worker threads (≥ 1).
    public var width: Int
    /// `fsync` every result before renaming it (slow: one disk flush per case) instead of flushing the
    /// folder once per summary.
    public var durable: Bool
    /// Rewrite the summary after this many finished cases …
    public var checkpointCases: Int
    /// … or after this many seconds, whichever comes first.
    public var checkpointSeconds: Double

    public init(
        command: BatchCommand, settings: BatchSettings = .init(), loadOptions: CaseLoadOptions = .init(),
        outputDirectory: String, force: Bool = false, width: Int = ProcessInfo.processInfo.activeProcessorCount,
        durable: Bool = false, checkpointCases: Int = 2000, checkpointSeconds: Double = 5
    ) {
        self.command = command
        self.settings = settings
        self.loadOptions = loadOptions
        self.outputDirectory = outputDirectory
        self.force = force
        self.width = max(1, width)
        self.durable = durable
        self.checkpointCases = max(1, checkpointCases)
        self.checkpointSeconds = checkpointSeconds
    }

    /// The result file's path of a job.
    public func outputPath(of job: BatchJob) -> String {
        CaseLoader.join(outputDirectory, outputName(of: job))
    }

    func outputName(of job: BatchJob) -> String { job.name + "." + settings.format.fileExtension }

    /// The path of `summary.csv` in the output folder.
    public var summaryPath: String { CaseLoader.join(outputDirectory, BatchSummary.fileName) }

    /// Runs every job and writes the summary.
    ///
    /// - Parameters:
    ///   - jobs: the cases (``BatchInputs/expand(_:)``).
    ///   - cancellation: stops the run early when cancelled.
    ///   - progress: called after every case, from the writer thread (throttle the display yourself).
    ///   - failure: called for every failed case, from the writer thread.
    /// - Throws: ``BatchRunError`` when the output folder cannot be created or the summary not written;
    ///   a failing case never throws.
    public func run(
        _ jobs: [BatchJob], cancellation: BatchCancellation? = nil,
        progress: (@Sendable (BatchProgress) -> Void)? = nil,
        failure: (@Sendable (BatchSummaryRow) -> Void)? = nil
    ) throws(BatchRunError) -> BatchOutcome {
        if let problem = BatchFiles.makeDirectory(outputDirectory) { throw BatchRunError(message: problem) }
        BatchFiles.removeStaleTemporaries(in: outputDirectory)
        let previous = previousRows()

        let state = BatchRunState(count: jobs.count, checkpointCases: checkpointCases, checkpointSeconds: checkpointSeconds)
        // Workers compute; one writer thread does every file-system change in the output folder. Parallel
        // creates and renames in one folder contend for its lock (measured: 2 workers writing were slower
        // than 1), while the computation scales. At most `pending` results wait for the writer.
        let writer = DispatchQueue(label: "AuditBalance.BatchRunner.writer")
        let results = BatchFiles.ResultWriter(durable: durable)
        let pending = DispatchSemaphore(value: 4 * width)
        BLASInfo.limitingThreads(to: 1) {
            DispatchQueue.concurrentPerform(iterations: min(width, max(jobs.count, 1))) { _ in
                while cancellation?.isCancelled != true, let i = state.claim(total: jobs.count) {
                    let computed = compute(jobs[i], previous: previous)
                    pending.wait()
                    writer.async {
                        let row = commit(computed, job: jobs[i], with: results)
                        let (snapshot, checkpoint) = state.finish(i, row)
                        if row.status == .failed { failure?(row) }
                        progress?(snapshot)
                        if let checkpoint { writeSummary(merging(checkpoint.rows, jobs: jobs, previous: previous)) }
                        pending.signal()
                    }
                }
            }
        }
        writer.sync {}
        let rows = state.rows.compactMap { $0 }
        BatchFiles.flush(outputDirectory)
        // The spares are removed after the flush: freeing their blocks (a discard, with ext4's `discard` option) waited
        // behind the results' writeback still under way, 7 ms each, while after the flush it is immediate.
        results.finish()
        do {
            try AtomicFile.write(BatchSummary.csv(merging(state.rows, jobs: jobs, previous: previous)), to: summaryPath)
        } catch {
            throw BatchRunError(message: error.description)
        }
        return BatchOutcome(rows: rows, total: jobs.count, elapsed: state.elapsed, cancelledBy: cancellation?.signal)
    }

    /// What a worker found for one case: a result to write, or the final row (skipped, failed).
    enum Computed {
        case write(BatchCaseResult)
        case done(BatchSummaryRow)
        case failed(BatchCaseError)
    }

    /// One case read and computed on a worker thread; writes nothing.
    func compute(_ job: BatchJob, previous: [String: BatchSummaryRow]) -> Computed {
        if let problem = job.problem { return .failed(BatchCaseError(.badData, problem)) }
        do throws(BatchCaseError) {
            let files: CaseFiles
            do throws(InputError) {
                files = try CaseFiles.find(job.path)
            } catch {
                throw BatchCaseError(.badData, error.description)
            }
            let name = outputName(of: job)
            // Skipped only when the previous summary holds the case's figures; a result written after the last
            // checkpoint of a killed run has none there, so the case is computed again (the same bytes: the
            // results are deterministic) and its figures are not lost.
            if !force, let written = BatchFiles.modificationTime(CaseLoader.join(outputDirectory, name)),
                let newest = files.newestModification, written > newest,
                let before = previous[job.name], before.status != .failed, before.figures.streams != nil
            {
                return .done(BatchSummaryRow(
                    name: job.name, status: .skipped, figures: before.figures, output: name, input: job.path))
            }
            let loaded: LoadedCase
            do throws(InputError) {
                loaded = try files.load(options: loadOptions)
            } catch {
                throw BatchCaseError(.badData, error.description)
            }
            return .write(try command.run(loaded, settings: settings))
        } catch {
            return .failed(error)
        }
    }

    /// Writes a computed result (on the writer thread) and returns the case's row.
    func commit(_ computed: Computed, job: BatchJob, with results: BatchFiles.ResultWriter) -> BatchSummaryRow {
        let name = outputName(of: job)
        let path = CaseLoader.join(outputDirectory, name)
        let failure: BatchCaseError
        switch computed {
        case let .done(row):
            return row
        case let .write(result):
            do throws(AtomicFile.WriteError) {
                try results.write(result.utf8, to: path)
                return BatchSummaryRow(name: job.name, status: .ok, figures: result.figures, output: name, input: job.path)
            } catch {
                failure = BatchCaseError(.output, error.description)
            }
        case let .failed(error):
            failure = error
        }
        // A result left from an earlier run no longer belongs to the (changed, now bad) input.
        if job.problem == nil && BatchFiles.modificationTime(path) != nil { unlink(path) }
        return BatchSummaryRow(name: job.name, status: .failed, input: job.path, error: failure)
    }

    /// The rows of the summary an earlier run left, by case name.
    func previousRows() -> [String: BatchSummaryRow] {
        guard !force, let data = FileManager.default.contents(atPath: summaryPath) else { return [:] }
        var rows: [String: BatchSummaryRow] = [:]
        for row in BatchSummary.parse([UInt8](data)) { rows[row.name] = row }
        return rows
    }

    /// The summary's rows: this run's row of each job, or, for a job this run did not reach (it was
    /// interrupted), the row of the previous summary, so that the summary keeps describing every result
    /// in the folder.
    func merging(_ rows: [BatchSummaryRow?], jobs: [BatchJob], previous: [String: BatchSummaryRow]) -> [BatchSummaryRow] {
        jobs.indices.compactMap { rows[$0] ?? previous[jobs[$0].name] }
    }

    /// Rewrites the summary (on the writer thread, so checkpoints are in order).
    func writeSummary(_ rows: [BatchSummaryRow]) {
        BatchFiles.flush(outputDirectory)
        // A failed intermediate write is not fatal: the final summary reports the problem.
        try? AtomicFile.write(BatchSummary.csv(rows), to: summaryPath)
    }
}

/// The result of a batch run.
public struct BatchOutcome: Sendable {
    /// One row per finished case, in the order of the jobs (cases not started after a cancellation are
    /// left out).
    public var rows: [BatchSummaryRow]
    /// Number of jobs given.
    public var total: Int
    /// Wall-clock seconds.
    public var elapsed: Double
    /// The signal that cancelled the run, if it was cancelled.
    public var cancelledBy: Int32?

    /// Number of rows with each status.
    public var counts: (ok: Int, failed: Int, skipped: Int) {
        var counts = (ok: 0, failed: 0, skipped: 0)
        for row in rows {
            switch row.status {
            case .ok: counts.ok += 1
            case .failed: counts.failed += 1
            case .skipped: counts.skipped += 1
            }
        }
        return counts
    }

    /// The exit status of `balance batch`: 0 when every case is ok or skipped, 1 when a computation or
    /// a write failed, else 64 when an option did not fit a case, else 65 when a case had bad data;
    /// 128 + signal when cancelled by a signal.
    public var exitStatus: Int32 {
        if let cancelledBy { return 128 + cancelledBy }
        let errors = rows.compactMap(\.error)
        if errors.contains(where: { $0.kind == .computation || $0.kind == .output }) { return 1 }
        if errors.contains(where: { $0.kind == .usage }) { return 64 }
        return errors.isEmpty ? 0 : 65
    }
}

/// A batch run that could not be carried out at all (the output folder or the summary cannot be written).
public struct BatchRunError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Stops a batch run early, from another thread or a signal handler's queue.
public final class BatchCancellation: @unchecked Sendable {
    private let lock = Lock()
    private var cancelSignal: Int32?
    private var cancelled = false

    public init() {}

    /// Asks the run to stop; `signal` is the signal that asked (for the exit status), if any.
    public func cancel(signal: Int32? = nil) {
        lock.lock()
        defer { lock.unlock() }
        if !cancelled { cancelSignal = signal }
        cancelled = true
    }

    /// Whether ``cancel(signal:)`` was called.
    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// The signal given to the first ``cancel(signal:)``.
    public var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return cancelSignal
    }
}

/// Shared state of the workers of one run, behind a lock.
final class BatchRunState: @unchecked Sendable {
    struct Checkpoint {
        var rows: [BatchSummaryRow?]
    }

    private let lock = Lock()

    private(set) var rows: [BatchSummaryRow?]
    private var next = 0
    private var ok = 0, failed = 0, skipped = 0, done = 0
    private let start = DispatchTime.now().uptimeNanoseconds
    private let checkpointCases: Int
    private let checkpointNanoseconds: UInt64
    private var lastCheckpointDone = 0
    private var lastCheckpointTime: UInt64

    init(count: Int, checkpointCases: Int, checkpointSeconds: Double) {
        rows = Array(repeating: nil, count: count)
        self.checkpointCases = checkpointCases
        let nanoseconds = CheckedInteger.int(Swift.min(max(0, checkpointSeconds), 1e9) * 1e9) ?? 0
        checkpointNanoseconds = UInt64(nanoseconds)
        lastCheckpointTime = start
    }

    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    /// The next job index to run, or `nil` when all are taken.
    func claim(total: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < total else { return nil }
        next += 1
        return next - 1
    }

    /// Records a finished case; returns the progress and, when one is due, a summary checkpoint.
    func finish(_ index: Int, _ row: BatchSummaryRow) -> (BatchProgress, Checkpoint?) {
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        defer { lock.unlock() }
        rows[index] = row
        done += 1
        switch row.status {
        case .ok: ok += 1
        case .failed: failed += 1
        case .skipped: skipped += 1
        }
        let progress = BatchProgress(
            done: done, total: rows.count, ok: ok, failed: failed, skipped: skipped,
            elapsed: Double(now - start) / 1e9)
        guard done < rows.count,
            done - lastCheckpointDone >= checkpointCases || now - lastCheckpointTime >= checkpointNanoseconds
        else { return (progress, nil) }
        lastCheckpointDone = done
        lastCheckpointTime = now
        return (progress, Checkpoint(rows: rows))
    }
}
