/// Turns the raw bytes of an input file into UTF-8 according to a ``TextEncoding``.
public enum TextDecoder {
    /// Decoded text: UTF-8 bytes (a byte order mark, if any, is kept for ``CSVParser`` to skip)
    /// and the encoding that was found or forced (never ``TextEncoding/automatic``).
    public struct Decoded: Sendable, Hashable {
        public var bytes: [UInt8]
        public var encoding: TextEncoding
    }

    /// Decodes `bytes`.
    ///
    /// - ``TextEncoding/automatic``: valid UTF-8 is taken as is; otherwise the bytes are decoded as GB18030.
    /// - ``TextEncoding/utf8``: invalid UTF-8 is an error at the first bad byte.
    /// - ``TextEncoding/gb18030``: decoded with `iconv`; invalid GB18030 is an error at the first bad byte.
    ///
    /// UTF-16 (a byte order mark FF FE or FE FF, as Excel's "Unicode text" writes) is refused with a hint.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - encoding: automatic detection, or the encoding to force (`--encoding`).
    ///   - file: the file name used in error messages.
    /// - Throws: ``InputError`` naming `file`, the line and the byte offset of the first bad byte.
    /// - Complexity: O(n).
    public static func decode(_ bytes: [UInt8], encoding: TextEncoding, file: String) throws(InputError) -> Decoded {
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            throw InputError(file: file, line: 1, message: "the file is UTF-16 (Excel's \"Unicode text\"), which is "
                + "not supported: save it as \"CSV UTF-8\" or \"CSV (comma delimited)\"")
        }
        switch encoding {
        case .utf8:
            if let bad = UTF8Validation.firstInvalidOffset(bytes) {
                let line = BytePosition.line(of: bad, in: bytes)
                throw InputError(file: file, line: line, message: "invalid UTF-8 at byte offset \(bad) (line \(line)): "
                    + "\(BytePosition.hex(bytes, at: bad)); if the file was saved by Excel as \"CSV (comma delimited)\" "
                    + "on Chinese Windows it is GB18030: use the automatic or gb18030 encoding")
            }
            return Decoded(bytes: bytes, encoding: .utf8)
        case .gb18030:
            switch GB18030.decode(bytes) {
            case let .success(utf8):
                return Decoded(bytes: utf8, encoding: .gb18030)
            case let .failure(failure):
                throw error(failure, bytes: bytes, file: file, what: "invalid GB18030")
            }
        case .automatic:
            guard let badUTF8 = UTF8Validation.firstInvalidOffset(bytes) else {
                return Decoded(bytes: bytes, encoding: .utf8)
            }
            switch GB18030.decode(bytes) {
            case let .success(utf8):
                return Decoded(bytes: utf8, encoding: .gb18030)
            case let .failure(failure):
                let utf8Line = BytePosition.line(of: badUTF8, in: bytes)
                throw error(failure, bytes: bytes, file: file,
                            what: "the file is neither UTF-8 (first invalid byte at offset \(badUTF8), line \(utf8Line)) "
                                + "nor GB18030: invalid GB18030")
            }
        }
    }

    private static func error(_ failure: GB18030.Failure, bytes: [UInt8], file: String, what: String) -> InputError {
        switch failure {
        case let .unavailable(code):
            return InputError(file: file, message: "cannot decode GB18030: the C library has no GB18030 converter "
                + "(iconv_open failed, errno \(code)); install the glibc gconv modules or save the file as CSV UTF-8")
        case let .invalid(offset, incomplete):
            let line = BytePosition.line(of: offset, in: bytes)
            let detail = incomplete ? "a character cut off by the end of the file" : BytePosition.hex(bytes, at: offset)
            return InputError(file: file, line: line, message: "\(what) at byte offset \(offset) (line \(line)): \(detail); "
                + "save the file as \"CSV UTF-8\" and check that line")
        }
    }
}
