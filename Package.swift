// swift-tools-version: 6.1
//
// AuditBalance — material, water and energy balances for cleaner-production audits (清洁生产审核),
// and statistical data reconciliation of measured plant data.
//
// Layout (data flows one way: files → BalanceIO → model → BalanceCore / BalanceStandards → BalanceIO → output):
//   CLapack           system library: module map + shim header for LAPACKE/CBLAS (OpenBLAS)
//   CCholmod          system library: module map + shim header for SuiteSparse CHOLMOD (sparse Cholesky)
//   CMinizip          system library: module map + shim header for minizip (unzipping .xlsx workbooks)
//   CXlsxWriter       system library: module map + shim header for libxlsxwriter (writing .xlsx results)
//   BalanceCore       no I/O: matrices, the one LAPACK file, network model, reconciliation, statistics
//   BalanceStandards  GB/T 12452 water, GB/T 3484 / 28751 / 2589 / 13234 energy, material balances
//   BalanceIO         CSV reader (RFC 4180, UTF-8/GB18030), case loading, JSON/CSV/Markdown writers, diagrams,
//                     the batch runner
//   BalanceReport     the audit report's document (the balance chapter) and its Mustache templates (HTML, Markdown)
//   BalanceApplication one use case per command (load → solve → outcome → render); every front end calls it
//   AuditBalance      umbrella module re-exporting the four above (`import AuditBalance`)
//   balance           the command-line tool, CAuditBalance the C interface: thin callers of BalanceApplication
import PackageDescription

let package = Package(
    name: "AuditBalance",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "AuditBalance", targets: ["AuditBalance"]),
        .executable(name: "balance", targets: ["balance"]),
        .library(name: "CAuditBalance", type: .dynamic, targets: ["CAuditBalance"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        // Mustache templates of the audit report (`balance report`): the template is a file users edit.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // `swift package generate-documentation` (DocC); no code of it is linked into the products.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLapack",
            providers: [.apt(["liblapacke-dev", "liblapack-dev", "libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CCholmod",
            providers: [.apt(["libsuitesparse-dev"])]
        ),
        .systemLibrary(
            name: "CXlsxWriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .systemLibrary(
            name: "CMinizip",
            providers: [.apt(["libminizip-dev"])]
        ),
        .target(
            name: "BalanceCore",
            dependencies: [
                "CLapack",
                "CCholmod",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .target(name: "BalanceStandards", dependencies: ["BalanceCore"]),
        .target(name: "BalanceIO", dependencies: ["BalanceCore", "BalanceStandards", "CMinizip", "CXlsxWriter"]),
        .target(
            name: "BalanceReport",
            dependencies: ["BalanceStandards", "BalanceIO", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.embedInCode("Templates/report.html.mustache"), .embedInCode("Templates/report.md.mustache")]
        ),
        .target(name: "BalanceApplication", dependencies: ["BalanceCore", "BalanceStandards", "BalanceIO", "BalanceReport"]),
        .target(name: "AuditBalance", dependencies: ["BalanceCore", "BalanceStandards", "BalanceIO", "BalanceReport", "BalanceApplication"]),
        // C interface: the header (a header-only C target, so that Swift sees its types) and @_cdecl functions.
        .target(name: "CAuditBalanceHeaders", path: "Sources/CAuditBalance/include", publicHeadersPath: "."),
        .target(
            name: "CAuditBalance", dependencies: ["CAuditBalanceHeaders", "BalanceCore", "BalanceIO", "BalanceApplication"],
            exclude: ["include"]),
        .executableTarget(
            name: "balance",
            dependencies: [
                "AuditBalance",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers every test target shares (a seeded generator, temporary folders), instead of a copy in each.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "BalanceCoreTests", dependencies: ["BalanceCore", "TestSupport"]),
        .testTarget(name: "BalanceStandardsTests", dependencies: ["BalanceStandards", "BalanceCore", "TestSupport"]),
        .testTarget(
            name: "BalanceIOTests",
            dependencies: ["BalanceIO", "BalanceCore", "BalanceApplication", "BalanceReport", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "BalanceCLITests", dependencies: ["balance", "CAuditBalance", "TestSupport"]),
    ]
)
