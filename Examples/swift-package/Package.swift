// swift-tools-version: 6.1
//
// A Swift tool that uses AuditBalance as a library: builds a balance in code, reconciles it and checks
// the published result. Built and run by `make test` (`swift run --package-path Examples/swift-package`).
//
// The dependency is the repository two folders up. A path dependency's package identity is its folder
// name (lowercased), which differs between checkouts, so the manifest computes it instead of writing
// "auditbalance" or "main". In your own package write `.package(url: …, from: "0.1.0")` and
// `.product(name: "AuditBalance", package: "AuditBalance")`.
import Foundation
import PackageDescription

let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// SwiftPM's identity of a path dependency: the folder name, lower-cased, without a trailing `.git`.
let identity: String = {
    let name = repository.lastPathComponent.lowercased()
    return name.hasSuffix(".git") ? String(name.dropLast(4)) : name
}()

let package = Package(
    name: "AuditBalanceExample",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: repository.path),
    ],
    targets: [
        .executableTarget(name: "reconcile-example", dependencies: [
            .product(name: "AuditBalance", package: identity),
        ]),
        // The code block of the README's "Using the library from Swift", verbatim.
        .executableTarget(name: "readme-example", dependencies: [
            .product(name: "AuditBalance", package: identity),
        ]),
    ]
)
