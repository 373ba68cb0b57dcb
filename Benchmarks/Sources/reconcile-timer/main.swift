// reconcile-timer — the in-process time of `Reconciler.reconcile` on one case (`NonlinearReconciliation.reconcile`
// for a case with components, equations or bounds), for compare.sh and nonlinear-compare.sh.
//
//   reconcile-timer CASE [REPS] [--serial] [--threads N]
//
// Loads CASE once (outside the timing), warms up for about 0.3 s (at least 3 calls), then times REPS calls
// (default: as many as fit in about one second, between 5 and 100 000) one by one with the monotonic clock,
// and prints one line:  median_us=… min_us=… reps=… streams=… blas_threads=…
// With --batches B: B batches of REPS calls, the median and minimum of the batch means (the C floor's method).
// Options are those of the `Reconciliation` benchmarks: gross errors none (or serial with --serial),
// automatic solver, covariance by default (full up to 400 streams, variances above).
import AuditBalance
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fail(_ message: String) -> Never {
    let text = Array("reconcile-timer: \(message)\n".utf8)
    _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(64)
}

func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var serial = false
var threads: Int?
var batches: Int?
var positional: [String] = []
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--serial": serial = true
    case "--threads":
        guard let text = arguments.first, let count = Int(text), count > 0 else { fail("--threads needs a count") }
        arguments.removeFirst()
        threads = count
    case "--batches":
        guard let text = arguments.first, let count = Int(text), count > 0 else { fail("--batches needs a count") }
        arguments.removeFirst()
        batches = count
    case "-h", "--help":
        print("usage: reconcile-timer CASE [REPS] [--serial] [--threads N] [--batches B]")
        exit(0)
    default: positional.append(argument)
    }
}
guard let path = positional.first, positional.count <= 2 else { fail("usage: reconcile-timer CASE [REPS] [--serial] [--threads N] [--batches B]") }
let requestedReps = positional.count == 2 ? Int(positional[1]) : nil
if positional.count == 2 && (requestedReps ?? 0) <= 0 { fail("REPS must be a positive count") }
if let threads { BLASInfo.setThreadCount(threads) }

let loaded: LoadedCase
do {
    loaded = try CaseLoader.load(path)
} catch {
    fail("\(error)")
}
let model = loaded.model
// Cases with component values, equations or bounds take the nonlinear reconciliation, as `balance reconcile` does.
let nonlinear = NonlinearReconciliation.isNeeded(model: model, components: loaded.components, equations: loaded.equations)
// As `balance reconcile` solves: variances only, no full covariance matrix (the report prints none).
let options = ReconciliationOptions(grossErrors: serial ? .serial : .none, fullCovariance: false)

@inline(never)
func once() -> UInt64 {
    let start = now()
    let result: ReconciliationResult
    do {
        result = nonlinear
            ? try NonlinearReconciliation.reconcile(model, components: loaded.components, equations: loaded.equations, options: options).result
            : try Reconciler.reconcile(model, options: options)
    } catch {
        fail("reconciliation failed: \(error)")
    }
    let end = now()
    // Keep the result observable so that the call cannot be optimised away.
    if result.streams.count < model.streams.count { fail("unexpected result size") }
    return end - start
}

// Warm-up: page in code and data, let OpenBLAS start its threads, and let the (virtual) CPU reach its steady clock —
// at least 3 calls and about 0.3 s (measured on the project machines: the first ~0.2 s of a process ran P14 at
// 13–15 µs, later 9 µs; the C floor's median of 21 batches over ~2 s never sees that phase).
var warm: UInt64 = 0
let warmStart = now()
var warmCalls = 0
while warmCalls < 3 || (now() - warmStart < 300_000_000 && warmCalls < 1_000_000) {
    warm = once()
    warmCalls += 1
}
let reps = requestedReps ?? max(5, min(100_000, Int(1_000_000_000 / max(warm, 1))))
var samples: [UInt64] = []
if let batches {
    // As the C floor times itself: B batches of REPS calls each, one sample per batch (its mean per call), so that
    // both programs meet the machine's slow spells (seconds long on these VMs) the same way.
    samples.reserveCapacity(batches)
    for _ in 0..<batches {
        var total: UInt64 = 0
        for _ in 0..<reps { total += once() }
        samples.append(total / UInt64(reps))
    }
} else {
    samples.reserveCapacity(reps)
    for _ in 0..<reps { samples.append(once()) }
}
samples.sort()
let count = samples.count
let median = count % 2 == 1
    ? Double(samples[count / 2]) : (Double(samples[count / 2 - 1]) + Double(samples[count / 2])) / 2
func micro(_ nanoseconds: Double) -> String {
    let value = nanoseconds / 1000
    return value < 100 ? String(Double(Int(value * 100)) / 100) : String(Int(value.rounded()))
}
print("median_us=\(micro(median)) min_us=\(micro(Double(samples[0]))) reps=\(reps) "
    + (batches.map { "batches=\($0) " } ?? "")
    + "streams=\(model.streams.count) blas_threads=\(BLASInfo.threadCount.map(String.init) ?? "n/a")")
