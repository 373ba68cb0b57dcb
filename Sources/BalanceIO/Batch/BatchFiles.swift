#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File operations of a batch run: results written by temporary file + rename, modification times,
/// removal of temporary files left by a killed run, and flushing the output folder.
///
/// A result is written the way ``AtomicFile`` writes (a hidden `.NAME.PID.RANDOM.tmp` in the same
/// folder, renamed over the target), so a run that is killed — even with SIGKILL — never leaves a
/// half-written result under a result's name. Unlike ``AtomicFile`` it does not `fsync` every file
/// (5 ms each on a typical disk, more than the computation of a small case): the run flushes the whole
/// folder with `syncfs` before each summary it writes, so that the summary never lists a result that
/// a power failure could lose. `durable: true` syncs every file as ``AtomicFile`` does. A result that replaces an
/// older one is exchanged with it, and the old file is reused for the next result (``ResultWriter``).
enum BatchFiles {
    /// Modification time of `path` in nanoseconds since 1970, or `nil` when it does not exist.
    static func modificationTime(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        return Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        return Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }

    /// Creates `path` and its parents when missing; returns an error message, or `nil` on success.
    static func makeDirectory(_ path: String) -> String? {
        var info = stat()
        if stat(path, &info) == 0 {
            return (info.st_mode & S_IFMT) == S_IFDIR ? nil : "\(path) exists and is not a folder"
        }
        let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        if !parent.isEmpty, let problem = makeDirectory(parent) { return problem }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { return "cannot create \(path): \(errorText())" }
        return nil
    }

    /// Removes the temporary files (`.NAME.PID.RANDOM.tmp`) that processes no longer running left in
    /// `folder`: a run killed with SIGKILL, or a power failure. Returns how many were removed.
    @discardableResult
    static func removeStaleTemporaries(in folder: String) -> Int {
        guard let directory = opendir(folder) else { return 0 }
        defer { closedir(directory) }
        var removed = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            guard let pid = temporaryOwner(name), pid != getpid(), !isRunning(pid) else { continue }
            if unlink(folder + "/" + name) == 0 { removed += 1 }
        }
        return removed
    }

    /// Whether process `pid` exists and is not a zombie (a killed process its parent has not reaped yet).
    static func isRunning(_ pid: pid_t) -> Bool {
        if kill(pid, 0) != 0 && errno == ESRCH { return false }
        #if os(Linux)
        // /proc/PID/stat: "PID (COMMAND) STATE …"; the command may contain spaces and parentheses.
        guard let file = fopen("/proc/\(pid)/stat", "r") else { return true }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 512)
        guard fgets(&buffer, Int32(clamping: buffer.count), file) != nil else { return true }
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let close = line.lastIndex(of: ")") else { return true }
        return !line[line.index(after: close)...].hasPrefix(" Z")
        #else
        return true
        #endif
    }

    /// The process id in a temporary file's name `.NAME.PID.RANDOM.tmp`, or `nil` for any other name.
    static func temporaryOwner(_ name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 4, UInt32(parts[parts.count - 1]) != nil, let pid = pid_t(parts[parts.count - 2]), pid > 0
        else { return nil }
        return pid
    }

    /// Flushes everything written to the file system that holds `folder` (`syncfs`; `sync` elsewhere).
    static func flush(_ folder: String) {
        // syncfs(2) is Linux-only and not in the Swift Glibc module: looked up at run time.
        typealias SyncFS = @convention(c) (Int32) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "syncfs") else { return sync() }
        let fd = open(folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return sync() }
        if unsafeBitCast(symbol, to: SyncFS.self)(fd) != 0 { sync() }
        close(fd)
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}

