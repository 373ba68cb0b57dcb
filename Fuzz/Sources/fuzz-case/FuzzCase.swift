import AuditBalance

/// libFuzzer entry: the bytes are a case's files separated by NUL bytes (streams, nodes, relations,
/// components, covariance), loaded from memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCase(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let parts = Array(UnsafeBufferPointer(start: data, count: size)).split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
    func input(_ k: Int, _ name: String) -> CSVInput? { k < parts.count ? CSVInput(name: name, bytes: parts[k]) : nil }
    _ = try? CaseLoader.load(
        streams: input(0, "streams.csv") ?? CSVInput(name: "streams.csv", bytes: []), nodes: input(1, "nodes.csv"),
        relations: input(2, "relations.csv"), components: input(3, "components.csv"), covariance: input(4, "covariance.csv"))
    return 0
}

/// libFuzzer's driver, which the fuzzer runtime provides.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The executable's entry point (SwiftPM names it `fuzz_case_main`): hands over to libFuzzer.
@_cdecl("fuzz_case_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzCase(data, size) }
}
