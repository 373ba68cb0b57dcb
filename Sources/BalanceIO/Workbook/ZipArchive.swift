import CMinizip

/// A ZIP archive held in memory, read with minizip (zlib's `contrib/minizip`): the container of an `.xlsx`
/// workbook (ECMA-376 Part 2, Open Packaging Conventions). The only file that imports `CMinizip`.
///
/// The archive is read from bytes through minizip's I/O callbacks, so that a workbook on disk and one handed over
/// in memory (the C interface, the fuzzers) take the same path. Entries are inflated whole; an entry larger than
/// ``maximumEntrySize`` or a CRC mismatch is an error, never a truncated result.
///
/// - Complexity: opening reads the central directory, O(entries); ``entry(_:)`` is O(compressed + uncompressed
///   size of that entry).
struct ZipArchive {
    /// The largest uncompressed entry read (256 MiB): a sheet of a million streams is about 100 MiB of XML; more is
    /// a damaged or hostile file (a "zip bomb").
    static let maximumEntrySize: UInt64 = 256 << 20

    /// Why an archive or an entry cannot be read, for the caller to put in an ``InputError``.
    struct Failure: Error {
        var message: String
    }

    /// The archive's bytes; the callbacks read them through ``MemoryStream``.
    private let stream: MemoryStream
    /// Entry names in archive order.
    let names: [String]

    /// Opens the archive in `bytes`.
    /// - Throws: ``Failure`` when the bytes are not a ZIP archive (no end-of-central-directory record).
    init(bytes: [UInt8]) throws(Failure) {
        stream = MemoryStream(bytes: bytes)
        var names: [String] = []
        let done: Int32? = stream.withArchive { file in
            var status = unzGoToFirstFile(file)
            while status == UNZ_OK {
                var info = unz_file_info64()
                var name = [CChar](repeating: 0, count: 1024)
                guard unzGetCurrentFileInfo64(file, &info, &name, UInt(name.count), nil, 0, nil, 0) == UNZ_OK else {
                    return UNZ_BADZIPFILE
                }
                names.append(String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
                status = unzGoToNextFile(file)
            }
            return status == UNZ_END_OF_LIST_OF_FILE ? UNZ_OK : status
        }
        guard let done, done == UNZ_OK else {
            throw Failure(message: "not a ZIP archive (an .xlsx workbook is one); the file may be damaged or not a workbook")
        }
        self.names = names
    }

    /// The uncompressed bytes of the entry `name` (exact, then ignoring case), or `nil` when there is none.
    /// - Throws: ``Failure`` for a damaged entry (bad compressed data, CRC mismatch) or one too large.
    func entry(_ name: String) throws(Failure) -> [UInt8]? {
        guard let stored = names.first(where: { $0 == name }) ?? names.first(where: { $0.lowercased() == name.lowercased() })
        else { return nil }
        var failure: String?
        var bytes: [UInt8] = []
        _ = stream.withArchive { file -> Int32 in
            guard unzLocateFile(file, stored, 1) == UNZ_OK else { failure = "cannot locate \(stored)"; return UNZ_BADZIPFILE }
            var info = unz_file_info64()
            guard unzGetCurrentFileInfo64(file, &info, nil, 0, nil, 0, nil, 0) == UNZ_OK else {
                failure = "cannot read the directory entry of \(stored)"; return UNZ_BADZIPFILE
            }
            guard info.uncompressed_size <= Self.maximumEntrySize else {
                failure = "\(stored) unpacks to \(info.uncompressed_size) bytes, more than the \(Self.maximumEntrySize) accepted"
                return UNZ_BADZIPFILE
            }
            guard unzOpenCurrentFile(file) == UNZ_OK else {
                failure = "cannot open \(stored) (encrypted or an unknown compression method?)"; return UNZ_BADZIPFILE
            }
            bytes.reserveCapacity(Int(info.uncompressed_size))
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = unzReadCurrentFile(file, &chunk, UInt32(chunk.count))
                if count < 0 { failure = "\(stored) is damaged (inflate error \(count))"; break }
                if count == 0 { break }
                bytes.append(contentsOf: chunk[0..<Int(count)])
                if UInt64(bytes.count) > Self.maximumEntrySize {
                    failure = "\(stored) unpacks to more than the \(Self.maximumEntrySize) bytes accepted"; break
                }
            }
            // unzCloseCurrentFile checks the CRC once the entry has been read to its end.
            let close = unzCloseCurrentFile(file)
            if failure == nil && close == UNZ_CRCERROR { failure = "\(stored) is damaged (CRC mismatch)" }
            return UNZ_OK
        }
        if let failure { throw Failure(message: failure) }
        return bytes
    }
}

/// The bytes of an archive and a read position, behind minizip's `zlib_filefunc64_def` callbacks.
private final class MemoryStream {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Opens the archive on these bytes, runs `body` with minizip's handle, closes it; `nil` when minizip cannot
    /// open it.
    func withArchive<R>(_ body: (unzFile) -> R) -> R? {
        position = 0
        var functions = zlib_filefunc64_def()
        functions.opaque = Unmanaged.passUnretained(self).toOpaque()
        functions.zopen64_file = { opaque, _, _ in opaque }
        functions.zread_file = { opaque, _, buffer, size in
            let stream = Unmanaged<MemoryStream>.fromOpaque(opaque!).takeUnretainedValue()
            let count = Swift.min(Int(size), stream.bytes.count - stream.position)
            guard count > 0, let buffer else { return 0 }
            stream.bytes.withUnsafeBytes { source in
                buffer.copyMemory(from: source.baseAddress! + stream.position, byteCount: count)
            }
            stream.position += count
            return UInt(count)
        }
        functions.zwrite_file = { _, _, _, _ in 0 }
        functions.ztell64_file = { opaque, _ in
            UInt64(Unmanaged<MemoryStream>.fromOpaque(opaque!).takeUnretainedValue().position)
        }
        functions.zseek64_file = { opaque, _, offset, origin in
            let stream = Unmanaged<MemoryStream>.fromOpaque(opaque!).takeUnretainedValue()
            let base: Int
            switch origin {
            case ZLIB_FILEFUNC_SEEK_SET: base = 0
            case ZLIB_FILEFUNC_SEEK_CUR: base = stream.position
            case ZLIB_FILEFUNC_SEEK_END: base = stream.bytes.count
            default: return -1
            }
            guard offset <= UInt64(Int.max - base) else { return -1 }
            let target = base + Int(offset)
            guard target <= stream.bytes.count else { return -1 }
            stream.position = target
            return 0
        }
        functions.zclose_file = { _, _ in 0 }
        functions.zerror_file = { _, _ in 0 }
        guard let file = unzOpen2_64("memory", &functions) else { return nil }
        defer { unzClose(file) }
        return body(file)
    }
}
