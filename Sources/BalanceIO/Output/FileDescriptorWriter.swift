#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one funnel for `write(2)`: every result, temporary file and standard-output write of the package goes through
/// ``writeAll(_:to:)``, which retries on `EINTR` and short writes and keeps the system's reason on failure.
package enum FileDescriptorWriter {
    /// Writes all of `bytes` to `fd`; `nil` on success, else `strerror` of the failing call.
    /// - Complexity: O(`bytes.count`).
    package static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> String? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            if n == 0 { return "nothing was written" }
            offset += n
        }
        return nil
    }

    /// Writes all of `bytes` to `fd`; `nil` on success, else `strerror` of the failing call.
    package static func writeAll(_ bytes: [UInt8], to fd: Int32) -> String? {
        bytes.withUnsafeBytes { writeAll($0, to: fd) }
    }
}

#if canImport(Glibc)
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int { Glibc.write(fd, pointer, count) }
#elseif canImport(Darwin)
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int { Darwin.write(fd, pointer, count) }
#endif
