import ArgumentParser
import AuditBalance

extension Balance {
    /// `balance reconcile CASE`: weighted least-squares reconciliation with tests and gross-error identification.
    struct Reconcile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reconcile measured flows with the balances and find suspect meters.",
            discussion: """
                Adjusts the measurements by weighted least squares so that every balance closes, estimates the
                unmeasured streams, classifies every stream (redundant, nonredundant, observable, unobservable,
                fixed), and runs the global χ² test, the measurement test (Šidák) and the nodal test. When the
                global test fails, serial elimination names the suspect meters and estimates their bias.

                Examples:
                  balance reconcile Datasets/demo/dyeing-plant-water
                  balance reconcile plant/streams.csv --format json --output result.json
                  balance reconcile plant --default-uncertainty 2% --alpha 0.01
                """
        )

        @OptionGroup var input: CaseOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "Significance level of the statistical tests.")
        var alpha: Double = 0.05

        @Option(help: "Uncertainty for measured streams that have none: absolute (0.5) or relative (2%).")
        var defaultUncertainty: String?

        @Option(help: "Gross-error identification: serial or none.")
        var grossErrors: ReconciliationOptions.GrossErrorStrategy = .serial

        @Option(help: "Solver: automatic, dense (QR projection) or graph (large flow networks).")
        var solver: ReconciliationOptions.Solver = .automatic

        func validate() throws {
            guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha must lie strictly between 0 and 1.") }
            if let text = defaultUncertainty, UncertaintySpec.parse(text) == nil {
                throw ValidationError("--default-uncertainty must be a positive number or a percentage such as 2%.")
            }
        }

        func run() throws {
            let loaded = CLI.load(input, defaultUncertainty: defaultUncertainty.flatMap(UncertaintySpec.parse))
            let options = ReconciliationOptions(alpha: alpha, grossErrors: grossErrors, solver: solver)
            let result: ReconciliationResult
            do {
                result = try Reconciler.reconcile(loaded.model, options: options)
            } catch {
                switch error {
                case let .invalidModel(modelError):
                    CLI.fail(InputError(modelError, file: loaded.files.first ?? input.casePath).description, status: CLI.dataError)
                case .invalidOption:
                    CLI.fail(error.description, status: CLI.usageError)
                case .numerical:
                    CLI.fail(error.description, status: 1)
                }
            }
            let report = ReconciliationReport(model: loaded.model, result: result, caseName: loaded.name, inputWarnings: loaded.warnings)
            switch output.format {
            case .table: try output.emit(report.table())
            case .markdown: try output.emit(report.markdown())
            case .csv:
                CLI.warn(loaded.warnings + result.warnings)
                try output.emit(report.csv())
            case .json: try output.emit(report.json().serialized() + "\n")
            }
        }
    }
}

extension ReconciliationOptions.GrossErrorStrategy: ExpressibleByArgument {}
extension ReconciliationOptions.Solver: ExpressibleByArgument {}
