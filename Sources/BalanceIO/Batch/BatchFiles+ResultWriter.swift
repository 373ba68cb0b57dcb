#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BatchFiles {
    /// Writes the results of one batch run atomically, recycling the files it replaces.
    ///
    /// Each result is written to a hidden temporary file (`.NAME.PID.RANDOM.tmp`) and then put in place in one step:
    /// - a **new** result is renamed to its name (`rename(2)`), as ``AtomicFile`` does;
    /// - an **existing** result is *exchanged* with the temporary file (Linux `renameat2(…, RENAME_EXCHANGE)`, also
    ///   atomic: a reader or a killed run sees the old result or the new one, never a mixture). The temporary name
    ///   then holds the old result: a *spare*, whose file is overwritten with a later result instead of a new file
    ///   being made and the old one deleted.
    ///
    /// Why: on ext4 a file renamed over another is flushed at once (`auto_da_alloc`); without a journal every new
    /// inode skips the inodes deleted in the last 30 s; with the `discard` mount option every freed block is
    /// discarded before the call returns. Re-running a batch of 500 small cases into its output folder spent
    /// 0.6–1.2 s on making, renaming and deleting files; shrinking a recycled file costs about as much as deleting it
    /// (it frees blocks). So a result goes into a spare of as many blocks as it needs, else into the largest smaller
    /// one (it grows, nothing is freed), else into a new file; at most ``spareLimit`` spares are kept (the largest
    /// is deleted beyond) and the rest are deleted by ``finish()``. Measured with a C program doing the same calls on
    /// this project's machines: 500 re-written results 25–30 ms, against 0.6–1.2 s renamed over the old ones.
    ///
    /// An old result becomes a spare only when it is a plain file of ours that nothing else shares: a regular file
    /// with one link (a hard link kept by a backup is never overwritten), owned by this user, with the mode this run
    /// creates files with. Otherwise its temporary name is removed, which removes only this run's link to it.
    /// A target that is not a regular file (a symbolic link, a folder) is replaced by `rename(2)` as before. Where
    /// the exchange is missing (not Linux, an old kernel, a file system without it) every result is renamed.
    ///
    /// Used from one thread at a time (the batch's writer queue).
    /// - Complexity: O(size of the result + ``spareLimit``) per ``write(_:to:)``, and a constant number of system
    ///   calls.
    final class ResultWriter: @unchecked Sendable {
        /// The most spares kept.
        static let spareLimit = 16

        /// A temporary file holding an old result, ours to overwrite.
        private struct Spare {
            var path: String
            var size: Int
        }

        /// `fsync` every result before it is put in place.
        let durable: Bool
        private var spares: [Spare] = []
        /// The mode of the files this run creates (the umask applied to 0644), known after the first one.
        private var createdMode: mode_t?
        /// The file system's block size, known after the first file.
        private var blockSize = 4096
        /// `renameat2`, when the system has it and it worked so far.
        private var exchange: RenameExchange?
        /// `sync_file_range`, when the system has it.
        private var startWriteback: SyncFileRange?

        private typealias RenameExchange = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32

        init(durable: Bool) {
            self.durable = durable
            #if os(Linux)
            if let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") {
                exchange = unsafeBitCast(symbol, to: RenameExchange.self)
            }
            if let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "sync_file_range") {
                startWriteback = unsafeBitCast(symbol, to: SyncFileRange.self)
            }
            #endif
        }

        deinit { finish() }

        /// Removes the spare temporary files; called at the end of the run (and by `deinit`).
        func finish() {
            for spare in spares { unlink(spare.path) }
            spares.removeAll()
        }

        private func blocks(_ size: Int) -> Int { (size + blockSize - 1) / blockSize }

        /// The spare to overwrite with `size` bytes: one of as many blocks, else the largest of fewer; `nil` when
        /// every spare is larger (shrinking one would free blocks).
        private func takeSpare(for size: Int) -> Spare? {
            let needed = blocks(size)
            var best: Int?
            for (i, spare) in spares.enumerated() {
                let have = blocks(spare.size)
                if have == needed { best = i; break }
                if have < needed, best.map({ spares[$0].size < spare.size }) ?? true { best = i }
            }
            return best.map { spares.remove(at: $0) }
        }

        /// Puts `bytes` at `path` atomically (see the type's description).
        /// - Throws: ``AtomicFile/WriteError`` with the failing call's reason; the target is then unchanged.
        func write(_ bytes: [UInt8], to path: String) throws(AtomicFile.WriteError) {
            // A spare (an old result) is overwritten; when it cannot be opened, a new temporary file is made.
            var temporary = ""
            var fd: Int32 = -1
            var reused: Spare?
            if let spare = takeSpare(for: bytes.count) {
                fd = open(spare.path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
                if fd >= 0 { (temporary, reused) = (spare.path, spare) } else { unlink(spare.path) }
            }
            if fd < 0 {
                temporary = AtomicFile.temporaryName(for: path)
                fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
                guard fd >= 0 else { throw AtomicFile.WriteError(path: path, reason: BatchFiles.errorText()) }
            }
            if createdMode == nil, reused == nil {
                var info = stat()
                if fstat(fd, &info) == 0 {
                    createdMode = info.st_mode & 0o7777
                    if info.st_blksize > 0 { blockSize = Int(info.st_blksize) }
                }
            }
            var failure = FileDescriptorWriter.writeAll(bytes, to: fd)
            // A longer spare is cut to the new length (within its last block: nothing is freed). Not truncated to zero
            // first: ext4 flushes a file truncated to zero when it is closed.
            if failure == nil, let reused, reused.size > bytes.count, ftruncate(fd, off_t(bytes.count)) != 0 {
                failure = BatchFiles.errorText()
            }
            if failure == nil, durable, fsync(fd) != 0 { failure = BatchFiles.errorText() }
            // Not durable: the disk starts writing now (`SYNC_FILE_RANGE_WRITE`, which does not wait), while the next
            // cases are computed, so the folder's flush before the summary has little left to do (it took 40–60 ms
            // of a 350 ms run of 500 cases). A hint only: its failure changes nothing.
            if failure == nil, !durable, let startWriteback { _ = startWriteback(fd, 0, 0, Self.writeFlag) }
            if close(fd) != 0, failure == nil { failure = BatchFiles.errorText() }
            if failure == nil { failure = place(temporary, at: path) }
            if let failure {
                unlink(temporary)
                throw AtomicFile.WriteError(path: path, reason: failure)
            }
        }

        /// Exchanges `temporary` with an existing regular file at `path` (keeping the old one as a spare when it can be
        /// recycled), else renames it; `nil` on success, else the reason.
        private func place(_ temporary: String, at path: String) -> String? {
            var target = stat()
            if let exchange, lstat(path, &target) == 0, (target.st_mode & S_IFMT) == S_IFREG {
                if exchange(Self.currentFolder, temporary, Self.currentFolder, path, Self.exchangeFlag) == 0 {
                    keep(temporary)
                    return nil
                }
                // EINVAL / ENOSYS: no exchange here; anything else: let rename(2) report it.
                if errno == EINVAL || errno == ENOSYS { self.exchange = nil }
            }
            return rename(temporary, path) == 0 ? nil : BatchFiles.errorText()
        }

        /// Keeps the old result now at `temporary` as a spare when it may be overwritten, else removes the name.
        private func keep(_ temporary: String) {
            var info = stat()
            guard let createdMode, lstat(temporary, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                info.st_nlink == 1, info.st_uid == geteuid(), (info.st_mode & 0o7777) == createdMode
            else {
                unlink(temporary)
                return
            }
            spares.append(Spare(path: temporary, size: Int(info.st_size)))
            if spares.count > Self.spareLimit, let largest = spares.indices.max(by: { spares[$0].size < spares[$1].size }) {
                unlink(spares.remove(at: largest).path)
            }
        }

        /// `AT_FDCWD`: paths relative to the working folder.
        private static let currentFolder: Int32 = -100
        /// `SYNC_FILE_RANGE_WRITE` of `sync_file_range(2)`.
        private static let writeFlag: UInt32 = 2
        /// `RENAME_EXCHANGE` of `renameat2(2)`.
        private static let exchangeFlag: UInt32 = 2
    }
}
