// In-process reconciliation benchmarks (package-benchmark). Run from the Benchmarks folder:
//   swift package benchmark                          all of them
//   swift package benchmark --filter P14             one group
// Each benchmark loads its case once, outside the measured block, and measures only
// `Reconciler.reconcile` (classification, covariance, global/measurement/nodal tests, and the gross-error
// strategy its name says). Metrics: wall clock, instructions (only where perf counters are readable: not on
// the project's VMs, where `perf stat -e instructions` says "not supported" and the column is absent),
// malloc counts and peak resident memory. Wall-clock time on the project's machines varies by up to ±60 %
// between runs (SWIFT.md §2): gate on mallocs and instructions, compare speed with the peer in compare.sh.
import AuditBalance
import Benchmark
import Foundation

/// The repository root, found from this file's path so that any checkout folder works.
private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Reconciliation
    .deletingLastPathComponent()  // Benchmarks (targets)
    .deletingLastPathComponent()  // Benchmarks (package)
    .deletingLastPathComponent()

private func loadModel(_ relativePath: String) -> BalanceModel {
    let path = repositoryRoot.appendingPathComponent(relativePath).path
    do {
        return try CaseLoader.load(path).model
    } catch {
        fatalError("cannot load \(path): \(error)")
    }
}

/// One benchmark: reconcile `model` with `options` once per iteration.
private func reconcileBenchmark(
    _ name: String, _ model: @escaping @Sendable () -> BalanceModel, options: ReconciliationOptions,
    blasThreads: Int, configuration: Benchmark.Configuration = Benchmark.defaultConfiguration
) {
    // The case is loaded in setup, outside the measured block; the closure captures the loaded value.
    final class Holder: @unchecked Sendable { var model: BalanceModel? }
    let holder = Holder()
    Benchmark(name, configuration: configuration) { benchmark in
        guard let model = holder.model else { fatalError("setup did not run") }
        for _ in benchmark.scaledIterations {
            do {
                blackHole(try Reconciler.reconcile(model, options: options))
            } catch {
                fatalError("\(name): \(error)")
            }
        }
    } setup: {
        BLASInfo.setThreadCount(blasThreads)
        holder.model = model()
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .instructions, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .microseconds,
        warmupIterations: 10,
        scalingFactor: .one,
        maxDuration: .seconds(2),
        maxIterations: 100_000
    )
    let none = ReconciliationOptions(grossErrors: .none)

    // OpenBLAS on one thread throughout (SWIFT.md §1: tests and benchmarks): repeatable, and the small cases
    // only pay thread overhead. `blasThreads` is per benchmark so that a large case can be tried with more.
    reconcileBenchmark(
        "NJ_6_streams", { loadModel("Datasets/published/nj_heat_exchanger_bypass") }, options: none, blasThreads: 1)
    reconcileBenchmark(
        "P14_24_streams", { loadModel("Datasets/published/benchmark_p14_24_streams_gross_errors") }, options: none,
        blasThreads: 1)
    reconcileBenchmark(
        "P14_24_streams_serial_elimination",
        { loadModel("Datasets/published/benchmark_p14_24_streams_gross_errors") },
        options: ReconciliationOptions(grossErrors: .serial), blasThreads: 1)

    // Generated flow networks (Datasets/generated/README.md): fewer, longer iterations.
    let large = Benchmark.Configuration(
        metrics: [.wallClock, .instructions, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 2,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 200
    )
    reconcileBenchmark(
        "Network_1000_streams", { loadModel("Datasets/generated/network_1000_streams") }, options: none,
        blasThreads: 1, configuration: large)
    reconcileBenchmark(
        "Network_5000_streams", { loadModel("Datasets/generated/network_5000_streams") }, options: none,
        blasThreads: 1, configuration: large)
}
