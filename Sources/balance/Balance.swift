import ArgumentParser
import AuditBalance
import BalanceIO

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
        // `--version` is answered in `main()` with the BLAS in use; naming it here would load OpenBLAS (≈ 5 ms)
        // in every process, since the configuration is built for every parse.
        version: "balance (AuditBalance) \(version)",
        subcommands: [Reconcile.self, Check.self, Simulate.self, Advise.self, Batch.self, Energy.self, Savings.self, Material.self, Water.self, Compare.self, Report.self]
    )

    /// Runs the command line; a first word that is no subcommand gets a message naming the nearest one
    /// (the argument parser would say "2 unexpected arguments").
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--version"] {
            print("balance (AuditBalance) \(version); BLAS: \(BLASInfo.description)")
            return
        }
        // Every subcommand names itself: `String(describing:)` of a type would scan the conformance tables (≈ 1 ms).
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        if let first = arguments.first, !first.hasPrefix("-"), first != "help", !names.contains(first) {
            let nearest = names.min { EditDistance.between(first, $0) < EditDistance.between(first, $1) }
            let hint = nearest.flatMap { EditDistance.between(first, $0) <= 3 ? " — did you mean '\($0)'?" : nil } ?? ""
            CLI.fail("unknown command '\(first)'\(hint) (commands: \(names.joined(separator: ", ")))", status: 64)
        }
        main(arguments)
    }
}
