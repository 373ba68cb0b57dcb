import AuditBalance

/// libFuzzer entry: a case as in fuzz-case (files separated by NUL bytes), run through reconcile,
/// check, water, energy and material of the application layer, and every outcome rendered as JSON.
/// Errors are results; only a trap or a sanitizer report is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let parts = Array(UnsafeBufferPointer(start: data, count: size)).split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
    func input(_ k: Int, _ name: String) -> CSVInput? { k < parts.count ? CSVInput(name: name, bytes: parts[k]) : nil }
    guard let loaded = try? CaseLoader.load(
        streams: input(0, "streams.csv") ?? CSVInput(name: "streams.csv", bytes: []), nodes: input(1, "nodes.csv"),
        relations: input(2, "relations.csv"), components: input(3, "components.csv"), covariance: input(4, "covariance.csv"))
    else { return 0 }
    // Keep each run small: the fuzzer explores inputs, not network size.
    guard loaded.model.streams.count <= 200 else { return 0 }
    var options = AuditOptions()
    options.hoursPerDay = 24
    options.daysPerYear = 330
    options.electricityEquivalent = 0.3
    for command in [AuditCommand.reconcile, .check, .water, .energy, .material] {
        if let outcome = try? Application.run(command, case: loaded, options: options) {
            _ = outcome.render(.json)
            _ = outcome.render(.table)
        }
    }
    return 0
}

/// libFuzzer's driver, which the fuzzer runtime provides.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The executable's entry point (SwiftPM names it `fuzz_pipeline_main`): hands over to libFuzzer.
@_cdecl("fuzz_pipeline_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzPipeline(data, size) }
}
