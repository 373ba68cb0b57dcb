import BalanceApplication
import BalanceCore
import BalanceIO
import CAuditBalanceHeaders

// ab_version, ab_status_name, ab_case_*: see include/audit_balance.h for the contract.

/// `const char *ab_version(void)`
@_cdecl("ab_version")
public func abVersion() -> UnsafePointer<CChar> {
    ("0.1.0" as StaticString).cString
}

/// `const char *ab_status_name(ab_status)`
@_cdecl("ab_status_name")
public func abStatusName(_ status: ab_status) -> UnsafePointer<CChar> {
    statusName(status).cString
}

/// `ab_status ab_case_create(size_t, const char *const *ids, const char *const *from, const char *const *to,
///                           const double *values, const double *sigmas, ab_case **, ab_error *)`
@_cdecl("ab_case_create")
public func abCaseCreate(
    _ count: Int, _ ids: UnsafePointer<UnsafePointer<CChar>?>?, _ from: UnsafePointer<UnsafePointer<CChar>?>?,
    _ to: UnsafePointer<UnsafePointer<CChar>?>?, _ values: UnsafePointer<Double>?, _ sigmas: UnsafePointer<Double>?,
    _ outCase: UnsafeMutablePointer<OpaquePointer?>?, _ failure: UnsafeMutablePointer<ab_error>?
) -> ab_status {
    guard let outCase else { return report(AB_INVALID_ARGUMENT, "out_case is NULL", failure) }
    guard count > 0 else { return report(AB_INVALID_ARGUMENT, "count is 0: a case needs at least one stream", failure) }
    guard let ids else { return report(AB_INVALID_ARGUMENT, "ids is NULL", failure) }
    guard let values else { return report(AB_INVALID_ARGUMENT, "values is NULL", failure) }
    func node(_ array: UnsafePointer<UnsafePointer<CChar>?>?, _ i: Int) -> String? {
        guard let text = array?[i].map({ String(cString: $0) }), !text.isEmpty else { return nil }
        return text
    }
    var streams: [BalanceStream] = []
    streams.reserveCapacity(count)
    for i in 0..<count {
        guard let id = ids[i] else { return report(AB_INVALID_ARGUMENT, "ids[\(i)] is NULL", failure) }
        let value = values[i].isNaN ? nil : values[i]
        var sigma: Double?
        if value != nil, let sigmas, !sigmas[i].isNaN { sigma = sigmas[i] }
        streams.append(BalanceStream(id: String(cString: id), from: node(from, i), to: node(to, i), value: value, sigma: sigma))
    }
    do throws(ModelError) {
        let model = try BalanceModel(streams: streams)
        outCase.pointee = Handle.make(CaseHandle(LoadedCase(model: model, name: "case")))
        return success(failure)
    } catch {
        return report(AB_BAD_DATA, error.description, failure)
    }
}

/// `ab_status ab_case_load(const char *path, ab_case **, ab_error *)`
@_cdecl("ab_case_load")
public func abCaseLoad(
    _ path: UnsafePointer<CChar>?, _ outCase: UnsafeMutablePointer<OpaquePointer?>?,
    _ failure: UnsafeMutablePointer<ab_error>?
) -> ab_status {
    guard let outCase else { return report(AB_INVALID_ARGUMENT, "out_case is NULL", failure) }
    guard let path else { return report(AB_INVALID_ARGUMENT, "path is NULL", failure) }
    do throws(ApplicationError) {
        let loaded = try Application.load(String(cString: path), options: AuditOptions())
        outCase.pointee = Handle.make(CaseHandle(loaded))
        return success(failure)
    } catch {
        return report(error, failure)
    }
}

/// `size_t ab_case_stream_count(const ab_case *)`
@_cdecl("ab_case_stream_count")
public func abCaseStreamCount(_ handle: OpaquePointer?) -> Int {
    Handle.object(handle, as: CaseHandle.self)?.model.streams.count ?? 0
}

/// `void ab_case_free(ab_case *)`
@_cdecl("ab_case_free")
public func abCaseFree(_ handle: OpaquePointer?) {
    Handle.release(handle, as: CaseHandle.self)
}

/// `int ab_blas_set_threads(int)`
@_cdecl("ab_blas_set_threads")
public func abBLASSetThreads(_ count: Int32) -> Int32 {
    BLASInfo.setThreadCount(Int(max(1, count))) ? 1 : 0
}
