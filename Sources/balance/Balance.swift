import ArgumentParser
import AuditBalance

/// `balance`: material, water and energy balances and data reconciliation for cleaner-production audits.
@main
struct Balance: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "balance",
        abstract: "Balances and data reconciliation for cleaner-production audits (清洁生产审核).",
        discussion: """
            A CASE is a folder with streams.csv (and optionally nodes.csv, relations.csv, components.csv),
            or the path of its streams.csv. Column names and formats: docs/FORMATS.md.

            Exit status: 0 success (a failed statistical test is a result, not an error), 1 computation
            failure, 64 bad command-line usage, 65 bad input data (the message names file, line, column).
            """,
        version: "balance (AuditBalance) \(version); BLAS: \(BLASInfo.description)",
        subcommands: [Reconcile.self, Check.self, Simulate.self, Advise.self, Batch.self, Energy.self, Savings.self, Material.self, Water.self]
    )
}
