#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// printf-style formatting through the C library's `vsnprintf`, in the C locale (`.` as the decimal separator):
/// `String(format:)` lives in Foundation proper, whose ICU the command line and the library do not load (issue 12:
/// start-up).
/// - Complexity: O(length of the result).
package enum CFormat {
    /// `format` with `arguments`, as C's `snprintf` writes it.
    package static func format(_ format: String, _ arguments: CVarArg...) -> String {
        var capacity = 64
        while true {
            var buffer = [CChar](repeating: 0, count: capacity)
            // A va_list is consumed by one call: each attempt makes its own.
            let needed = withVaList(arguments) { list in
                buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, capacity, format, list) }
            }
            guard needed >= 0 else { return "" }
            if Int(needed) < capacity {
                return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            }
            capacity = Int(needed) + 1
        }
    }
}
