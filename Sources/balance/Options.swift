import ArgumentParser
import AuditBalance

/// Output formats shared by the subcommands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, markdown
}

extension TextEncoding: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { ["auto", "utf-8", "gb18030"] }
}

/// The case to read.
struct CaseOptions: ParsableArguments {
    @Argument(help: "The case: a folder with streams.csv, or the path of a streams.csv.")
    var casePath: String

    @Option(help: "Text encoding of the CSV files: auto (UTF-8, else GB18030), utf-8, gb18030.")
    var encoding: TextEncoding = .automatic
}

/// Where and how to write the result.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output format: table, json, csv, markdown.")
    var format: OutputFormat = .table

    @Option(name: .shortAndLong, help: "Write the result to FILE (atomically: temporary file + rename) instead of standard output.")
    var output: String?

    /// Prints or writes `text`; a write failure is reported and ends with status 1.
    func emit(_ text: String) throws {
        guard let output else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            return
        }
        do {
            try AtomicFile.write(text.hasSuffix("\n") ? text : text + "\n", to: output)
        } catch {
            CLI.fail(error.description, status: 1)
        }
    }
}

/// Exit statuses and error printing (sysexits.h values).
enum CLI {
    static let dataError: Int32 = 65
    static let usageError: Int32 = 64

    /// Prints `balance: error: message` to standard error and exits.
    static func fail(_ message: String, status: Int32) -> Never {
        var standardError = StandardError()
        print("balance: error: \(message)", to: &standardError)
        Balance.exit(withError: ExitCode(status))
    }

    /// Reports a reconciliation error with the exit status its kind calls for (65 data, 64 option, 1 numerical).
    static func fail(reconciliation error: ReconciliationError, file: String) -> Never {
        switch error {
        case let .invalidModel(modelError): fail(InputError(modelError, file: file).description, status: dataError)
        case .invalidOption: fail(error.description, status: usageError)
        case .numerical: fail(error.description, status: 1)
        }
    }

    /// Prints warnings to standard error.
    static func warn(_ messages: [String]) {
        var standardError = StandardError()
        for message in messages { print("balance: warning: \(message)", to: &standardError) }
    }

    /// Loads a case; bad data end the process with status 65.
    static func load(_ options: CaseOptions, defaultUncertainty: UncertaintySpec? = nil) -> LoadedCase {
        do {
            return try CaseLoader.load(options.casePath, options: .init(encoding: options.encoding, defaultUncertainty: defaultUncertainty))
        } catch {
            fail(error.description, status: dataError)
        }
    }
}

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleStandardError.write(string)
    }
}

/// The option checks several subcommands share, with one wording each (exit status 64 on failure).
enum Validate {
    /// `--alpha`: a significance level strictly between 0 and 1.
    static func alpha(_ alpha: Double) throws {
        guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha must lie strictly between 0 and 1.") }
    }

    /// `true` for an uncertainty greater than zero (0 would silently mean "exact").
    static func isPositive(_ spec: UncertaintySpec?) -> Bool {
        switch spec {
        case let .absolute(x)?: return x > 0
        case let .relative(x)?: return x > 0
        case nil: return false
        }
    }

    /// `--default-uncertainty`: absolute (0.5) or relative (2%), greater than zero.
    static func defaultUncertainty(_ text: String?) throws {
        if let text, !isPositive(UncertaintySpec.parse(text)) {
            throw ValidationError("--default-uncertainty must be a positive number or a percentage such as 2%.")
        }
    }

    /// `--tolerance`: a non-negative fraction (0.05) or percentage (5%).
    static func tolerance(_ text: String) throws {
        guard let value = Balance.Check.parseTolerance(text), value >= 0 else {
            throw ValidationError("--tolerance must be a non-negative fraction (0.05) or percentage (5%).")
        }
    }
}
