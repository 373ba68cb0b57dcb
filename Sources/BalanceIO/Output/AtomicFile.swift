#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files atomically: the bytes go to a temporary file in the same folder, which is flushed
/// (`fsync`) and then renamed over the target (`rename(2)` is atomic within a file system). A reader
/// — or a run killed midway — sees either the old file or the complete new one, never a half-written
/// file. The temporary name starts with `.` and ends with `.tmp`, so globs of results skip it.
///
/// A large result is written in pieces with a ``Writer`` (issue 12, Deliver 3: the JSON of 10⁶ streams is never one
/// array of bytes); `write(_:to:)` is the one-piece form.
public enum AtomicFile {
    /// Why a file could not be written.
    public struct WriteError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The target path.
        public var path: String
        /// `strerror` of the failing call.
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// A file being written: ``append(_:)`` the pieces, then ``commit()`` renames it over the target. A writer
    /// released without a commit removes its temporary file, so the target is never touched.
    public final class Writer {
        /// The target path.
        public let path: String
        private let temporary: String
        private let durable: Bool
        private var fd: Int32
        private var failure: String?

        /// Opens the temporary file next to `path`. With `durable` (the default) ``commit()`` flushes the file with
        /// `fsync` before the rename; a batch flushes its whole folder instead.
        /// - Throws: ``WriteError`` when the temporary file cannot be created (no folder, no permission).
        public init(path: String, durable: Bool = true) throws(WriteError) {
            self.path = path
            self.durable = durable
            self.temporary = AtomicFile.temporaryName(for: path)
            self.fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw WriteError(path: path, reason: AtomicFile.errorText()) }
        }

        /// Appends `bytes`; after a failed write the rest is dropped and ``commit()`` reports the failure.
        /// - Complexity: O(`bytes.count`).
        public func append(_ bytes: [UInt8]) {
            guard failure == nil, fd >= 0 else { return }
            failure = FileDescriptorWriter.writeAll(bytes, to: fd)
        }

        /// Flushes, closes and renames the file over the target.
        /// - Throws: ``WriteError`` for the first failed write, flush, close or rename; the target is then unchanged.
        public func commit() throws(WriteError) {
            guard fd >= 0 else { throw WriteError(path: path, reason: "the file was already closed") }
            let descriptor = fd
            fd = -1
            if failure == nil, durable, fsync(descriptor) != 0 { failure = AtomicFile.errorText() }
            if close(descriptor) != 0, failure == nil { failure = AtomicFile.errorText() }
            if failure == nil, rename(temporary, path) != 0 { failure = AtomicFile.errorText() }
            if let failure {
                unlink(temporary)
                throw WriteError(path: path, reason: failure)
            }
        }

        /// Closes and removes the temporary file without touching the target.
        public func discard() {
            guard fd >= 0 else { return }
            close(fd)
            fd = -1
            unlink(temporary)
        }

        deinit { discard() }
    }

    /// Writes `bytes` to `path` atomically (with `fsync`).
    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        try write(bytes, to: path, durable: true)
    }

    /// Writes `bytes` to `path` atomically; `durable` flushes the file before the rename.
    package static func write(_ bytes: [UInt8], to path: String, durable: Bool) throws(WriteError) {
        let writer = try Writer(path: path, durable: durable)
        writer.append(bytes)
        try writer.commit()
    }

    /// Writes UTF-8 text to `path` atomically.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Array(text.utf8), to: path)
    }

    /// The temporary file beside `path`: `.NAME.PID.RANDOM.tmp` in the same folder (hidden, skipped by globs of
    /// results, and recognised by a batch's clean-up of the files a killed run left).
    package static func temporaryName(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return folder + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    fileprivate static func errorText() -> String { String(cString: strerror(errno)) }
}
