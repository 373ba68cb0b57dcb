import BalanceApplication
import BalanceCore
import BalanceIO
import CAuditBalanceHeaders

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The objects behind the opaque C handles, and the one place where they cross the boundary.
// A handle is a retained Swift object (`Unmanaged.passRetained`), released by its free function.
// Both are immutable after creation, so concurrent reads from several threads are safe.

/// Behind `ab_case *`: a loaded case (model, covariance, warnings), as the application layer takes it.
final class CaseHandle: Sendable {
    let loaded: LoadedCase

    init(_ loaded: LoadedCase) {
        self.loaded = loaded
    }

    var model: BalanceModel { loaded.model }
}

/// Behind `ab_result *`: the outcome of `reconcile` plus the C strings handed out by the getters,
/// allocated once and freed with the handle.
final class ResultHandle: @unchecked Sendable {
    let outcome: AuditOutcome
    let model: BalanceModel
    let result: ReconciliationResult
    /// Stream ids as C strings, in stream order.
    let streamIDs: [UnsafeMutablePointer<CChar>]
    /// Gross-error locations as C strings.
    let grossErrorLocations: [UnsafeMutablePointer<CChar>]

    init?(case handle: CaseHandle, outcome: AuditOutcome) {
        guard case let .reconciliation(report) = outcome.document else { return nil }
        self.outcome = outcome
        model = handle.model
        result = report.result
        streamIDs = result.streams.map { strdup($0.id)! }
        grossErrorLocations = result.grossErrors.map { strdup($0.location)! }
    }

    deinit {
        for pointer in streamIDs { free(pointer) }
        for pointer in grossErrorLocations { free(pointer) }
    }
}

enum Handle {
    static func make<Object: AnyObject>(_ object: Object) -> OpaquePointer {
        OpaquePointer(Unmanaged.passRetained(object).toOpaque())
    }

    static func object<Object: AnyObject>(_ pointer: OpaquePointer?, as _: Object.Type) -> Object? {
        guard let pointer else { return nil }
        return Unmanaged<Object>.fromOpaque(UnsafeRawPointer(pointer)).takeUnretainedValue()
    }

    static func release<Object: AnyObject>(_ pointer: OpaquePointer?, as _: Object.Type) {
        guard let pointer else { return }
        Unmanaged<Object>.fromOpaque(UnsafeRawPointer(pointer)).release()
    }
}

/// Fills the caller's `ab_error` (if given) and returns the status.
func report(_ status: ab_status, _ message: String, _ error: UnsafeMutablePointer<ab_error>?) -> ab_status {
    guard let error else { return status }
    error.pointee.status = status
    withUnsafeMutableBytes(of: &error.pointee.message) { buffer in
        let capacity = buffer.count - 1
        var bytes = Array(message.utf8.prefix(capacity))
        // Do not cut a UTF-8 sequence in half.
        if bytes.count == capacity {
            while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
            if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
        }
        buffer.copyBytes(from: bytes)
        buffer[bytes.count] = 0
    }
    return status
}

/// Reports an application error with the status of its kind: the C statuses' side of the one mapping.
func report(_ error: ApplicationError, _ out: UnsafeMutablePointer<ab_error>?) -> ab_status {
    let status: ab_status
    switch error.kind {
    case .badData: status = AB_BAD_DATA
    case .usage: status = AB_INVALID_ARGUMENT
    case .computation, .output: status = AB_COMPUTATION_FAILED
    }
    return report(status, error.message, out)
}

/// Marks success in the caller's `ab_error` (if given).
func success(_ error: UnsafeMutablePointer<ab_error>?) -> ab_status {
    report(AB_OK, "", error)
}

/// The C name of a status; static storage.
func statusName(_ status: ab_status) -> StaticString {
    switch status {
    case AB_OK: return "AB_OK"
    case AB_INVALID_ARGUMENT: return "AB_INVALID_ARGUMENT"
    case AB_BAD_DATA: return "AB_BAD_DATA"
    case AB_COMPUTATION_FAILED: return "AB_COMPUTATION_FAILED"
    case AB_NOT_FOUND: return "AB_NOT_FOUND"
    default: return "AB_UNKNOWN_STATUS"
    }
}

extension StaticString {
    /// The literal as a NUL-terminated C string in static storage.
    var cString: UnsafePointer<CChar> {
        UnsafeRawPointer(utf8Start).assumingMemoryBound(to: CChar.self)
    }
}
