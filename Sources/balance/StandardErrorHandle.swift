#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered writes to file descriptor 2.
enum FileHandleStandardError {
    static func write(_ string: String) {
        _ = FileDescriptorWriter.writeAll(Array(string.utf8), to: 2)
    }
}

/// The result on file descriptor 1: every byte written, or the reason it could not be.
enum StandardOutput {
    /// Writes `bytes` to standard output; returns `nil` on success, else the system's reason
    /// (a full disk, a closed pipe, /dev/full) so that the caller can exit with status 1.
    static func write(_ bytes: [UInt8]) -> String? {
        FileDescriptorWriter.writeAll(bytes, to: 1)
    }
}

/// The one funnel for writes to a file descriptor: retries on EINTR and short writes.
enum FileDescriptorWriter {
    /// Writes all of `bytes` to `fd`; `nil` on success, else `strerror` of the failing call.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> String? {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                systemWrite(fd, buffer.baseAddress! + offset, bytes.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            if n == 0 { return "nothing was written" }
            offset += n
        }
        return nil
    }
}

#if canImport(Glibc)
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int { Glibc.write(fd, pointer, count) }
#elseif canImport(Darwin)
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int { Darwin.write(fd, pointer, count) }
#endif
