import BalanceIO

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
