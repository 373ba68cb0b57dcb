import BalanceApplication
import BalanceCore
import BalanceIO
import CAuditBalanceHeaders

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// ab_reconcile and ab_result_*: see include/audit_balance.h for the contract.

/// `ab_status ab_reconcile(const ab_case *, double alpha, ab_result **, ab_error *)`
@_cdecl("ab_reconcile")
public func abReconcile(
    _ handle: OpaquePointer?, _ alpha: Double, _ outResult: UnsafeMutablePointer<OpaquePointer?>?,
    _ failure: UnsafeMutablePointer<ab_error>?
) -> ab_status {
    guard let caseHandle = Handle.object(handle, as: CaseHandle.self) else {
        return report(AB_INVALID_ARGUMENT, "the case is NULL", failure)
    }
    guard let outResult else { return report(AB_INVALID_ARGUMENT, "out_result is NULL", failure) }
    var options = AuditOptions()
    options.alpha = alpha
    do throws(ApplicationError) {
        let outcome = try Application.run(.reconcile, case: caseHandle.loaded, options: options)
        guard let handle = ResultHandle(case: caseHandle, outcome: outcome) else {
            return report(AB_COMPUTATION_FAILED, "reconcile gave no reconciliation result", failure)
        }
        outResult.pointee = Handle.make(handle)
        return success(failure)
    } catch {
        return report(error, failure)
    }
}

/// `size_t ab_result_stream_count(const ab_result *)`
@_cdecl("ab_result_stream_count")
public func abResultStreamCount(_ handle: OpaquePointer?) -> Int {
    Handle.object(handle, as: ResultHandle.self)?.result.streams.count ?? 0
}

/// `ab_status ab_result_stream(const ab_result *, size_t index, ab_stream_result *, ab_error *)`
@_cdecl("ab_result_stream")
public func abResultStream(
    _ handle: OpaquePointer?, _ index: Int, _ out: UnsafeMutablePointer<ab_stream_result>?,
    _ failure: UnsafeMutablePointer<ab_error>?
) -> ab_status {
    guard let r = Handle.object(handle, as: ResultHandle.self) else { return report(AB_INVALID_ARGUMENT, "the result is NULL", failure) }
    guard let out else { return report(AB_INVALID_ARGUMENT, "out is NULL", failure) }
    guard index >= 0 && index < r.result.streams.count else {
        return report(AB_INVALID_ARGUMENT, "stream index \(index) is out of range (the result has \(r.result.streams.count))", failure)
    }
    let s = r.result.streams[index]
    out.pointee = ab_stream_result(
        id: UnsafePointer(r.streamIDs[index]), measured: s.measured ?? .nan, sigma: s.measured == nil ? .nan : s.sigma ?? .nan,
        reconciled: s.reconciled ?? .nan, reconciled_sigma: s.reconciledSigma ?? .nan, adjustment: s.adjustment ?? .nan,
        z: s.z ?? .nan, classification: classification(s.classification), has_value: s.reconciled == nil ? 0 : 1,
        has_z: s.z == nil ? 0 : 1, flagged: s.flagged ? 1 : 0)
    return success(failure)
}

func classification(_ value: StreamClassification) -> ab_classification {
    switch value {
    case .redundant: return AB_REDUNDANT
    case .nonredundant: return AB_NONREDUNDANT
    case .observable: return AB_OBSERVABLE
    case .unobservable: return AB_UNOBSERVABLE
    case .fixed: return AB_FIXED
    }
}

/// `ab_status ab_result_find_stream(const ab_result *, const char *id, size_t *, ab_error *)`
@_cdecl("ab_result_find_stream")
public func abResultFindStream(
    _ handle: OpaquePointer?, _ id: UnsafePointer<CChar>?, _ outIndex: UnsafeMutablePointer<Int>?,
    _ failure: UnsafeMutablePointer<ab_error>?
) -> ab_status {
    guard let r = Handle.object(handle, as: ResultHandle.self) else { return report(AB_INVALID_ARGUMENT, "the result is NULL", failure) }
    guard let id, let outIndex else { return report(AB_INVALID_ARGUMENT, "id or out_index is NULL", failure) }
    let name = String(cString: id)
    guard let index = r.model.streamIndex[name] else { return report(AB_NOT_FOUND, "no stream with id '\(name)'", failure) }
    outIndex.pointee = index
    return success(failure)
}

/// `ab_status ab_result_global_test(const ab_result *, ab_global_test *, ab_error *)`
@_cdecl("ab_result_global_test")
public func abResultGlobalTest(
    _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<ab_global_test>?, _ failure: UnsafeMutablePointer<ab_error>?
) -> ab_status {
    guard let r = Handle.object(handle, as: ResultHandle.self) else { return report(AB_INVALID_ARGUMENT, "the result is NULL", failure) }
    guard let out else { return report(AB_INVALID_ARGUMENT, "out is NULL", failure) }
    let g = r.result.globalTest
    out.pointee = ab_global_test(
        statistic: g.statistic, dof: Int32(g.dof), critical: g.critical ?? .nan, p_value: g.pValue ?? .nan,
        alpha: g.alpha, passed: g.passed ? 1 : 0)
    return success(failure)
}

/// `size_t ab_result_gross_error_count(const ab_result *)`
@_cdecl("ab_result_gross_error_count")
public func abResultGrossErrorCount(_ handle: OpaquePointer?) -> Int {
    Handle.object(handle, as: ResultHandle.self)?.result.grossErrors.count ?? 0
}

/// `ab_status ab_result_gross_error(const ab_result *, size_t index, ab_gross_error *, ab_error *)`
@_cdecl("ab_result_gross_error")
public func abResultGrossError(
    _ handle: OpaquePointer?, _ index: Int, _ out: UnsafeMutablePointer<ab_gross_error>?,
    _ failure: UnsafeMutablePointer<ab_error>?
) -> ab_status {
    guard let r = Handle.object(handle, as: ResultHandle.self) else { return report(AB_INVALID_ARGUMENT, "the result is NULL", failure) }
    guard let out else { return report(AB_INVALID_ARGUMENT, "out is NULL", failure) }
    guard index >= 0 && index < r.result.grossErrors.count else {
        return report(AB_INVALID_ARGUMENT, "gross error index \(index) is out of range (the result has \(r.result.grossErrors.count))", failure)
    }
    let g = r.result.grossErrors[index]
    out.pointee = ab_gross_error(
        kind: g.kind == .leak ? AB_LEAK : AB_BIAS, location: UnsafePointer(r.grossErrorLocations[index]), z: g.z,
        estimated_bias: g.estimatedBias ?? .nan, estimated_bias_sigma: g.estimatedBiasSigma ?? .nan)
    return success(failure)
}

/// `ab_status ab_result_json(const ab_result *, char **, ab_error *)`
@_cdecl("ab_result_json")
public func abResultJSON(
    _ handle: OpaquePointer?, _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ failure: UnsafeMutablePointer<ab_error>?
) -> ab_status {
    guard let r = Handle.object(handle, as: ResultHandle.self) else { return report(AB_INVALID_ARGUMENT, "the result is NULL", failure) }
    guard let outJSON else { return report(AB_INVALID_ARGUMENT, "out_json is NULL", failure) }
    outJSON.pointee = copyCString(r.outcome.renderJSON())
    return success(failure)
}

/// `void ab_string_free(char *)`
@_cdecl("ab_string_free")
public func abStringFree(_ pointer: UnsafeMutablePointer<CChar>?) {
    free(pointer)
}

/// `void ab_result_free(ab_result *)`
@_cdecl("ab_result_free")
public func abResultFree(_ handle: OpaquePointer?) {
    Handle.release(handle, as: ResultHandle.self)
}

/// What `ab_run` and `ab_run_files` share: the outputs cleared, the command named, the options parsed, the JSON
/// rendered, and every failure turned into the CLI's exit status and message — in one place.
/// - Parameter outcome: runs the command on the parsed options; `nil` input pointers are reported by the caller's
///   `missing` text.
private func runCommand(
    _ command: UnsafePointer<CChar>?, _ optionsJSON: UnsafePointer<CChar>?,
    _ resultJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ errorMessage: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, missing: String?,
    _ outcome: (AuditCommand, AuditOptions) throws(ApplicationError) -> AuditOutcome
) -> Int32 {
    resultJSON?.pointee = nil
    errorMessage?.pointee = nil
    // In the language of the options ("lang") or the locale once the options are read, as the CLI prints it
    // (Application.errorLanguage; English before).
    func fail(_ error: ApplicationError, language: LabelLanguage = .en) -> Int32 {
        errorMessage?.pointee = copyCString(Array(error.message(in: language).utf8))
        return error.exitStatus
    }
    if let missing { return fail(ApplicationError(.usage, missing)) }
    guard let command, let resultJSON else {
        return fail(ApplicationError(.usage, "command and result_json must not be NULL"))
    }
    let name = String(cString: command)
    guard let auditCommand = AuditCommand(rawValue: name) else {
        return fail(ApplicationError(.usage, "unknown command '\(name)' (commands: "
            + AuditCommand.allCases.map(\.rawValue).joined(separator: ", ") + ")"))
    }
    let options: AuditOptions
    do throws(ApplicationError) {
        options = try AuditOptions(json: optionsJSON.map { String(cString: $0) } ?? "")
    } catch {
        return fail(error)
    }
    do throws(ApplicationError) {
        let result = try outcome(auditCommand, options)
        // JSON unless the options object names another text format ("format": "html", …; validated by the use case).
        resultJSON.pointee = copyCString(try options.format.map { format throws(ApplicationError) in try result.render(format) }
            ?? result.renderJSON())
        return 0
    } catch {
        return fail(error, language: Application.errorLanguage(options))
    }
}

/// `int ab_run(const char *command, const char *case_path, const char *options_json, char **result_json,
///             char **error_message)`
@_cdecl("ab_run")
public func abRun(
    _ command: UnsafePointer<CChar>?, _ casePath: UnsafePointer<CChar>?, _ optionsJSON: UnsafePointer<CChar>?,
    _ resultJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ errorMessage: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    let missing = command == nil || casePath == nil || resultJSON == nil
        ? "command, case_path and result_json must not be NULL" : nil
    return runCommand(command, optionsJSON, resultJSON, errorMessage, missing: missing) { command, options throws(ApplicationError) in
        try Application.run(command, casePath: String(cString: casePath!), options: options)
    }
}

/// `int ab_run_files(const char *command, size_t file_count, const char *const *file_names,
///                   const unsigned char *const *file_contents, const size_t *file_sizes, const char *options_json,
///                   char **result_json, char **error_message)`
@_cdecl("ab_run_files")
public func abRunFiles(
    _ command: UnsafePointer<CChar>?, _ fileCount: Int, _ fileNames: UnsafePointer<UnsafePointer<CChar>?>?,
    _ fileContents: UnsafePointer<UnsafePointer<UInt8>?>?, _ fileSizes: UnsafePointer<Int>?,
    _ optionsJSON: UnsafePointer<CChar>?, _ resultJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ errorMessage: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    var missing: String?
    var files: [(name: String, bytes: [UInt8])] = []
    if command == nil || resultJSON == nil || fileCount <= 0 || fileNames == nil || fileContents == nil || fileSizes == nil {
        missing = "command, file_names, file_contents, file_sizes and result_json must not be NULL, and file_count must "
            + "be at least 1"
    } else if let fileNames, let fileContents, let fileSizes {
        for k in 0..<fileCount {
            let size = fileSizes[k]
            guard let fileName = fileNames[k] else { missing = "file_names[\(k)] is NULL"; break }
            guard size >= 0, size == 0 || fileContents[k] != nil else {
                missing = "file_contents[\(k)] is NULL for \(size) bytes"
                break
            }
            files.append((String(cString: fileName), size == 0 ? [] : Array(UnsafeBufferPointer(start: fileContents[k], count: size))))
        }
    }
    return runCommand(command, optionsJSON, resultJSON, errorMessage, missing: missing) { command, options throws(ApplicationError) in
        try Application.run(command, case: try Application.load(files: files, options: options), options: options)
    }
}

/// `void ab_abi_version(int *major, int *minor)`
@_cdecl("ab_abi_version")
public func abABIVersion(_ major: UnsafeMutablePointer<Int32>?, _ minor: UnsafeMutablePointer<Int32>?) {
    major?.pointee = 1
    minor?.pointee = 2
}

/// A NUL-terminated copy of `bytes` in `malloc`ed memory (released by `ab_string_free`).
func copyCString(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar> {
    let pointer = malloc(bytes.count + 1)!.assumingMemoryBound(to: CChar.self)
    bytes.withUnsafeBytes { raw in
        if let base = raw.baseAddress { memcpy(pointer, base, bytes.count) }
    }
    pointer[bytes.count] = 0
    return pointer
}
