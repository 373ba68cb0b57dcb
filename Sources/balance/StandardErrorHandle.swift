#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered writes to file descriptor 2.
enum FileHandleStandardError {
    static func write(_ string: String) {
        let bytes = Array(string.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                systemWrite(2, buffer.baseAddress! + offset, bytes.count - offset)
            }
            if n <= 0 { return }
            offset += n
        }
    }
}

#if canImport(Glibc)
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int { Glibc.write(fd, pointer, count) }
#elseif canImport(Darwin)
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int { Darwin.write(fd, pointer, count) }
#endif
