// swift-tools-version: 6.1
//
// Fuzz targets (libFuzzer) for AuditBalance — a nested package, so that the library's own build and
// tests never need the fuzzer runtime. Built and run by `make fuzz` (and briefly by `make test`):
//   swift build --package-path Fuzz --scratch-path .build-fuzz \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product fuzz-csv
//   .build-fuzz/debug/fuzz-csv Fuzz/Corpus/csv -max_total_time=60
// Targets: fuzz-csv (the CSV reader and decoder), fuzz-case (the case loader on in-memory files),
// fuzz-pipeline (reconcile, check, water, energy and material through the application layer), fuzz-workbook
// (an .xlsx workbook as a case: unzip, XML, cells).
import Foundation
import PackageDescription

// The library is the parent folder; a path dependency's identity is that folder's name (see
// Benchmarks/Package.swift for why it is derived).
let libraryPackage: String = {
    var name = URL(fileURLWithPath: Context.packageDirectory).standardizedFileURL
        .deletingLastPathComponent().lastPathComponent.lowercased()
    if name.hasSuffix(".git") && name.count > 4 { name.removeLast(4) }
    return name
}()

let library = Target.Dependency.product(name: "AuditBalance", package: libraryPackage)

let package = Package(
    name: "AuditBalanceFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [library]),
        .executableTarget(name: "fuzz-csv", dependencies: [library, "FuzzSupport"]),
        .executableTarget(name: "fuzz-case", dependencies: [library, "FuzzSupport"]),
        .executableTarget(name: "fuzz-pipeline", dependencies: [library, "FuzzSupport"]),
        .executableTarget(name: "fuzz-workbook", dependencies: [library, "FuzzSupport"]),
    ]
)
