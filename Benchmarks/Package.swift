// swift-tools-version: 6.1
//
// AuditBalance benchmarks — a nested package, so that the library's own `swift test` does not build
// package-benchmark (SWIFT.md §2). Run from this folder:
//   swift package benchmark                       in-process benchmarks (wall clock, instructions, mallocs)
//   swift build -c release --product reconcile-timer
//   sh compare.sh                                 (or `make bench` at the top) process + in-process vs the numpy peer
import Foundation
import PackageDescription

// A path dependency's identity is the name of its folder, and the repository may be cloned into a folder of
// any name (`AuditBalance`, `auditbalance`, `clone-xyz`, `x.git` …). Derive it from this package's parent folder
// so that `.product(name:package:)` works in every checkout, the way SwiftPM does: last path component,
// lower-cased, a trailing `.git` dropped.
let libraryPackage: String = {
    var name = URL(fileURLWithPath: Context.packageDirectory).standardizedFileURL
        .deletingLastPathComponent().lastPathComponent.lowercased()
    if name.hasSuffix(".git") && name.count > 4 { name.removeLast(4) }
    return name
}()

let package = Package(
    name: "AuditBalanceBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // `swift package benchmark` runs every executable target under Benchmarks/.
        .executableTarget(
            name: "Reconciliation",
            dependencies: [
                .product(name: "AuditBalance", package: libraryPackage),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Reconciliation",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // `reconcile-timer CASE REPS [--serial]`: median µs of Reconciler.reconcile, for compare.sh.
        .executableTarget(
            name: "reconcile-timer",
            dependencies: [.product(name: "AuditBalance", package: libraryPackage)],
            path: "Sources/reconcile-timer"
        ),
    ]
)
