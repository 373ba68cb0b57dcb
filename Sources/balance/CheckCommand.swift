import ArgumentParser
import AuditBalance

extension Balance {
    /// `balance check CASE`: closure of every balance with the data as given.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that every balance closes with the data as given (no reconciliation).",
            discussion: """
                Values are taken as given; each unmeasured stream is computed from the balance in which it is the
                only unknown. Every balance whose streams are all known gets its closure error δ = (in − out)/in
                checked against the tolerance, and, where every stream has an uncertainty, z = (in − out)/σ.
                A balance outside the tolerance is a result (exit 0, "passed": false in JSON); an unmeasured
                stream that no balance determines is a data error (exit 65).

                Examples:
                  balance check Datasets/demo/dyeing-plant-water
                  balance check plant --tolerance 2% --format markdown
                """
        )

        @OptionGroup var input: CaseOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "Closure tolerance, as a fraction (0.05) or a percentage (5%).")
        var tolerance: String = "5%"

        func validate() throws {
            try Validate.tolerance(tolerance)
        }

        static func parseTolerance(_ text: String) -> Double? {
            let trimmed = text.trimmingSpaces
            if trimmed.hasSuffix("%") { return Double(trimmed.dropLast()).map { $0 / 100 } }
            return Double(trimmed)
        }

        func run() throws {
            let loaded = CLI.load(input)
            let balance = ExactBalance.solve(loaded.model, tolerance: Check.parseTolerance(tolerance)!)
            if !balance.undetermined.isEmpty {
                CLI.fail(
                    "\(loaded.files.first ?? input.casePath): the balances do not determine the unmeasured stream(s) "
                        + "\(balance.undetermined.joined(separator: ", ")) (each lies on a loop of unmeasured streams "
                        + "or in no balance): measure one of them, or use `balance reconcile`",
                    status: CLI.dataError)
            }
            let report = CheckReport(model: loaded.model, balance: balance, caseName: loaded.name, inputWarnings: loaded.warnings)
            switch output.format {
            case .table: try output.emit(report.table())
            case .markdown: try output.emit(report.markdown())
            case .csv: try output.emit(report.csv())
            case .json: try output.emit(report.json().serialized() + "\n")
            }
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
