import AuditBalance
import FuzzSupport

/// libFuzzer entry: a case as in fuzz-case (files separated by NUL bytes), run through reconcile,
/// check, water, energy and material of the application layer (reconcile also with `--solver sparse`), and every
/// outcome rendered as JSON and as a table. Errors are results; only a trap or a sanitizer report is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0, let loaded = FuzzSupport.loadCase(data, size) else { return 0 }
    // Keep each run small: the fuzzer explores inputs, not network size.
    guard loaded.model.streams.count <= 200 else { return 0 }
    var options = AuditOptions()
    options.hoursPerDay = 24
    options.daysPerYear = 330
    options.electricityEquivalent = 0.3
    for command in [AuditCommand.reconcile, .check, .water, .energy, .material] {
        if let outcome = try? Application.run(command, case: loaded, options: options) {
            _ = outcome.renderJSON()
            _ = try? outcome.render(.table)
        }
    }
    // The sparse solvers on every input (the automatic choice takes them only for large networks): the graph
    // reduction with CHOLMOD, or the sparse elimination when there are relations.
    var sparse = options
    sparse.solver = .sparse
    if let outcome = try? Application.run(.reconcile, case: loaded, options: sparse) { _ = outcome.renderJSON() }
    return 0
}

/// The executable's entry point (SwiftPM names it after the module): hands over to libFuzzer.
@_cdecl("fuzz_pipeline_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzSupport.run(argc, argv) { data, size in fuzzPipeline(data, size) }
}
