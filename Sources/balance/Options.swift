import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuditBalance

/// Output formats shared by the subcommands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, markdown, xlsx, html, pdf

    /// The application layer's format.
    var report: ReportFormat { ReportFormat(rawValue: rawValue)! }
}

extension TextEncoding: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { ["auto", "utf-8", "gb18030"] }
}

extension ReconciliationOptions.GrossErrorStrategy: ExpressibleByArgument {}
extension ReconciliationOptions.Solver: ExpressibleByArgument {}
extension LabelLanguage: ExpressibleByArgument {}
extension SteamMode: ExpressibleByArgument {}
extension SignConvention: ExpressibleByArgument {}

/// The case to read.
struct CaseOptions: ParsableArguments {
    @Argument(help: "The case: a folder with streams.csv, or the path of a streams.csv.")
    var casePath: String

    @Option(help: "Text encoding of the CSV files: auto (UTF-8, else GB18030), utf-8, gb18030.")
    var encoding: TextEncoding = .automatic
}

/// `--lang` of the commands whose report language follows the locale or the case when it is not given
/// (``Application/preferredLanguage(forStreamsFile:)``, decided in the application layer for every front end).
struct LanguageOptions: ParsableArguments {
    @Option(help: "Report language: zh or en (default: the locale in LC_ALL/LANG; under C/POSIX, zh for a case with Chinese headers).")
    var lang: LabelLanguage?

    /// Sets the language on `options` only when it was given.
    func apply(to options: inout AuditOptions) {
        if let lang { options.language = lang }
    }
}

/// Operating times that convert rates per hour, day and year (FORMATS.md §1.4).
struct OperatingTimeOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Operating hours per day for nodes without hours_per_day (日运行时间) in nodes.csv; converts m3/h and m3/d.")
    var hoursPerDay: Double?

    @Option(parsing: .unconditional, help: "Operating days per year for nodes without days_per_year (年运行天数); converts per-day and per-year rates.")
    var daysPerYear: Double?

    /// Sets them on `options`.
    func apply(to options: inout AuditOptions) {
        options.hoursPerDay = hoursPerDay
        options.daysPerYear = daysPerYear
    }
}

/// The reconciliation flags of the commands that reconcile one case or two on the way (`compare`, `report`).
struct ReconciliationFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: "Significance level of the tests and of the comparison.")
    var alpha: Double = 0.05

    @Option(help: "Uncertainty for measured streams that have none: absolute (0.5) or relative (2%).")
    var defaultUncertainty: String?

    @Option(help: "Gross-error identification: serial, compensation, glr or none.")
    var grossErrors: ReconciliationOptions.GrossErrorStrategy = .serial

    /// Sets them on `options`.
    func apply(to options: inout AuditOptions) throws {
        options.alpha = alpha
        options.defaultUncertainty = try CLI.uncertainty(defaultUncertainty, option: "--default-uncertainty")
        options.grossErrors = grossErrors
    }
}

/// The production and output value of the two periods `compare` and `report --after` weigh (GB/T 13234 savings).
struct PeriodOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Production over the period of the flows (the BEFORE case's; water: V_uf; energy: unit consumption).")
    var production: Double?

    @Option(parsing: .unconditional, help: "The AFTER case's production, when it differs (with --production: the GB/T 13234 product saving).")
    var afterProduction: Double?

    @Option(parsing: .unconditional, help: "Output value in 万元 (the BEFORE case's).")
    var outputValue: Double?

    @Option(parsing: .unconditional, help: "The AFTER case's output value in 万元 (with --output-value: the GB/T 13234 output-value saving).")
    var afterOutputValue: Double?

    /// Sets them on `options`.
    func apply(to options: inout AuditOptions) {
        options.production = production
        options.afterProduction = afterProduction
        options.outputValue = outputValue
        options.afterOutputValue = afterOutputValue
    }
}

/// Where and how to write the result.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output format: table, json, csv, markdown, xlsx (an Excel workbook; needs --output); report: html, pdf, markdown, json.")
    var format: OutputFormat = .table

    @Option(name: .shortAndLong, help: "Write the result to FILE (atomically: temporary file + rename) instead of standard output.")
    var output: String?

    /// A workbook is binary: it goes to a file, never to a terminal or a pipe by accident.
    func validate() throws {
        if format == .xlsx && (output ?? "").isEmpty {
            throw ValidationError("--format xlsx writes an Excel workbook: give the file with --output FILE.xlsx")
        }
    }
}

/// The one way every subcommand runs: options → application layer → outputs, and the one place
/// where an error becomes a message and an exit status.
enum CLI {
    /// Runs `command` through the application layer, writes the side files that `sideFiles` names
    /// (path → contents of the outcome) and the result, and exits with the outcome's status on error.
    static func execute(
        _ command: AuditCommand, casePath: String, secondPath: String? = nil, options: AuditOptions,
        output: OutputOptions, sideFiles: (AuditOutcome?) -> [(path: String, contents: String?)] = { _ in [] }
    ) {
        let targets = ([output.output] + sideFiles(nil).map(\.path)).compactMap { $0 }.filter { !$0.isEmpty }
        if let clash = InputGuard.clash(targets: targets, inputs: [casePath, secondPath].compactMap { $0 }) {
            fail(ApplicationError(.usage, "\(clash) is a file of the case: writing the result there would overwrite the input; "
                + "choose another file"), language: Application.errorLanguage(options))
        }
        if let refusal = command.refusal(of: output.format.report) { fail(refusal) }
        do throws(ApplicationError) {
            let outcome = try Application.run(command, casePath: casePath, secondPath: secondPath, options: options)
            try write(outcome, output: output, sideFiles: sideFiles(outcome))
        } catch {
            fail(error, language: Application.errorLanguage(options))
        }
    }

    /// Writes the side files, the warnings a CSV cannot carry, and the result.
    private static func write(
        _ outcome: AuditOutcome, output: OutputOptions, sideFiles: [(path: String, contents: String?)]
    ) throws(ApplicationError) {
        for file in sideFiles {
            guard let contents = file.contents else { continue }
            // A diagram named .pdf or .png is rendered (librsvg + cairo); any other name gets the text as it is.
            var bytes = Array(contents.utf8)
            if let format = DiagramRenderer.format(forPath: file.path) {
                guard contents.hasPrefix("<?xml") || contents.hasPrefix("<svg") else {
                    throw ApplicationError(.usage, "\(file.path): only a diagram (SVG) can be written as \(format.rawValue); "
                        + "give this file a .dot or .txt name")
                }
                do throws(DiagramRenderer.RenderError) {
                    bytes = try DiagramRenderer.render(contents, as: format)
                } catch {
                    throw ApplicationError(.output, "\(file.path): \(error.description)")
                }
            }
            do throws(AtomicFile.WriteError) {
                try AtomicFile.write(bytes, to: file.path)
            } catch {
                throw ApplicationError(.output, error.description)
            }
        }
        if output.format == .csv { warn(outcome.csvWarnings) }
        // The result goes out in pieces as it is made (a park of 10⁶ streams is never one document in memory).
        if let path = output.output {
            let file: AtomicFile.Writer
            do throws(AtomicFile.WriteError) { file = try AtomicFile.Writer(path: path) } catch {
                throw ApplicationError(.output, error.description)
            }
            try outcome.render(output.format.report) { file.append($0) }
            do throws(AtomicFile.WriteError) { try file.commit() } catch {
                throw ApplicationError(.output, error.description)
            }
        } else {
            var failure: String?
            try outcome.render(output.format.report) { piece in
                if failure == nil { failure = StandardOutput.write(piece) }
            }
            if let failure { throw ApplicationError(.output, "cannot write the result to standard output: \(failure)") }
        }
    }

    /// Prints `balance: error: message` to standard error and exits with the error's status; in Chinese
    /// (`balance: 错误：…`, the message from ``MessageCatalogue`` where it has it) for `language` zh.
    static func fail(_ error: ApplicationError, language: LabelLanguage = .en) -> Never {
        guard language == .zh else { fail(error.message, status: error.exitStatus) }
        var standardError = StandardError()
        print("balance: 错误：" + error.message(in: .zh), to: &standardError)
        Balance.exit(withError: ExitCode(error.exitStatus))
    }

    /// Prints `balance: error: message` to standard error and exits.
    static func fail(_ message: String, status: Int32) -> Never {
        var standardError = StandardError()
        print("balance: error: \(message)", to: &standardError)
        Balance.exit(withError: ExitCode(status))
    }

    /// Prints warnings to standard error.
    static func warn(_ messages: [String]) {
        var standardError = StandardError()
        for message in messages { print("balance: warning: \(message)", to: &standardError) }
    }

    /// Checks the options as the application layer does, as a usage error of the argument parser.
    static func validate(_ options: AuditOptions, for command: AuditCommand) throws {
        do throws(ApplicationError) {
            try options.validate(for: command)
        } catch {
            // In the language errors take (`--lang`, else the locale); the argument parser's own messages stay English.
            throw ValidationError(error.message(in: Application.errorLanguage(options)))
        }
    }

    /// Lays the options object `json` (`--options`, FORMATS.md §5.7) over `options`; its `"format"` is refused, the
    /// command line's format being `--format`.
    static func apply(optionsJSON json: String?, to options: inout AuditOptions) throws {
        guard let json else { return }
        do throws(ApplicationError) {
            try options.apply(json: json)
        } catch {
            throw ValidationError("--options: " + error.message(in: Application.errorLanguage(options)))
        }
        if options.format != nil { throw ValidationError("--options: give the format with --format, not in the options object") }
    }

    /// `0.05` or `5%` as a fraction, or a usage error worded for `option`.
    static func fraction(_ text: String, option: String, example: String = "0.05", percent: String = "5%") throws -> Double {
        guard let value = AuditOptions.fraction(text), value >= 0 else {
            throw ValidationError("\(option) must be a non-negative fraction (\(example)) or percentage (\(percent)).")
        }
        return value
    }

    /// An uncertainty option (`0.5` or `2%`) as written, or a usage error worded for `option`; whether it
    /// is positive is checked with every other option by ``AuditOptions/validate(for:)``.
    static func uncertainty(_ text: String?, option: String) throws -> UncertaintySpec? {
        guard let text else { return nil }
        guard let spec = UncertaintySpec.parse(text) else {
            throw ValidationError("\(option) must be a positive number or a percentage such as 2%.")
        }
        return spec
    }
}

/// Refuses an output file that is one of the case's input files (issue 10: `--output streams.csv`
/// overwrote the data it was computed from).
enum InputGuard {
    /// The first target that is the same file as an input file of the case, if any.
    static func clash(targets: [String], inputs: [String]) -> String? {
        var inputFiles: [String] = []
        for input in inputs {
            guard BatchInputs.exists(input) else { continue }
            let isDirectory = BatchInputs.isDirectory(input)
            let folder = isDirectory ? input : BatchInputs.parent(of: input)
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
            inputFiles += entries.filter { $0.lowercased().hasSuffix(".csv") || $0.lowercased().hasSuffix(".xlsx") }
                .map { CaseLoader.join(folder.isEmpty ? "." : folder, $0) }
            if !isDirectory { inputFiles.append(input) }
        }
        let resolved = Set(inputFiles.map(canonical))
        return targets.first { FileManager.default.fileExists(atPath: $0) && resolved.contains(canonical($0)) }
    }

    static func canonical(_ path: String) -> String {
        BatchInputs.realPath(path)
    }
}

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleStandardError.write(string)
    }
}
