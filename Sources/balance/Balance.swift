import ArgumentParser
import AuditBalance
import BalanceApplication
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
            CLI.fail(ApplicationError(.usage, "unknown command '\(first)'\(hint) (commands: \(names.joined(separator: ", ")))"),
                     language: usageLanguage(arguments))
        }
        guard usageLanguage(arguments).isChinese else { return main(arguments) }
        // The argument parser's own usage errors (an unknown option, a missing or unreadable value) in Chinese too:
        // its message from the catalogue, its usage lines as they are; help and version as the parser prints them.
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let status = exitCode(for: error)
            guard status != .success else { exit(withError: error) }
            let message = Self.message(for: error)
            var text = fullMessage(for: error)
            if !message.isEmpty, let range = text.range(of: "Error: " + message) {
                text.replaceSubrange(range, with: "错误：" + MessageCatalogue.text(message, language: .zh))
            }
            FileHandleStandardError.write(text.hasSuffix("\n") ? text : text + "\n")
            exit(withError: ExitCode(status.rawValue))
        }
    }

    /// The language of a usage error: `--lang zh|en` when the arguments give it (before they are parsed), else the
    /// locale's, as ``Application/errorLanguage(_:)`` decides for every error.
    static func usageLanguage(_ arguments: [String]) -> LabelLanguage {
        var options = AuditOptions()
        for (i, argument) in arguments.enumerated() {
            let value = argument.hasPrefix("--lang=") ? String(argument.dropFirst("--lang=".count))
                : argument == "--lang" && i + 1 < arguments.count ? arguments[i + 1] : nil
            if let value, let language = LabelLanguage(rawValue: value) {
                options.language = language
            }
        }
        return Application.errorLanguage(options)
    }
}
