#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files atomically: the bytes go to a temporary file in the same folder, which is flushed
/// (`fsync`) and then renamed over the target (`rename(2)` is atomic within a file system). A reader
/// — or a run killed midway — sees either the old file or the complete new one, never a half-written
/// file. The temporary name starts with `.` and ends with `.tmp`, so globs of results skip it.
public enum AtomicFile {
    /// Why a file could not be written.
    public struct WriteError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The target path.
        public var path: String
        /// `strerror` of the failing call.
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: errorText()) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                systemWrite(fd, buffer.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = errorText()
                close(fd)
                unlink(temporary)
                throw WriteError(path: path, reason: reason)
            }
            offset += written
        }
        if fsync(fd) != 0 || close(fd) != 0 {
            let reason = errorText()
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = errorText()
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
    }

    /// Writes UTF-8 text to `path` atomically.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Array(text.utf8), to: path)
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}

#if canImport(Glibc)
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int { Glibc.write(fd, pointer, count) }
#elseif canImport(Darwin)
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int { Darwin.write(fd, pointer, count) }
#endif
