import AuditBalance

/// What every fuzz target shares: libFuzzer's driver and the reading of a fuzz input as a case.
public enum FuzzSupport {
    /// The type of `LLVMFuzzerTestOneInput`.
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

    /// Hands the process over to libFuzzer, which calls `test` with every input.
    public static func run(
        _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ test: TestOneInput
    ) -> Int32 {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments, test)
    }

    /// The fuzz input as a case's files, separated by NUL bytes (streams, nodes, relations, components,
    /// covariance, equations), loaded from memory; `nil` when the loader refuses it.
    public static func loadCase(_ data: UnsafePointer<UInt8>, _ size: Int) -> LoadedCase? {
        let parts = Array(UnsafeBufferPointer(start: data, count: size))
            .split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
        func input(_ k: Int, _ name: String) -> CSVInput? { k < parts.count ? CSVInput(name: name, bytes: parts[k]) : nil }
        return try? CaseLoader.load(
            streams: input(0, "streams.csv") ?? CSVInput(name: "streams.csv", bytes: []), nodes: input(1, "nodes.csv"),
            relations: input(2, "relations.csv"), components: input(3, "components.csv"),
            covariance: input(4, "covariance.csv"), equations: input(5, "equations.csv"))
    }
}

/// libFuzzer's driver, which the fuzzer runtime provides.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzSupport.TestOneInput
) -> Int32
