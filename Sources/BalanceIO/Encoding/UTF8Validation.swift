/// UTF-8 validation on raw bytes (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
    /// The offset of the first byte that does not start a valid UTF-8 sequence, or `nil` if all
    /// of `bytes` is valid. A sequence cut off by the end of the input is invalid at its first byte.
    /// - Complexity: O(n); ASCII runs are checked eight bytes at a time.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b -> Int? in
            let n = b.count
            var i = 0
            while i < n {
                // ASCII fast path.
                if b[i] < 0x80 {
                    if let base = b.baseAddress {
                        let raw = UnsafeRawPointer(base)
                        while i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                            i += 8
                        }
                    }
                    while i < n && b[i] < 0x80 { i += 1 }
                    if i >= n { break }
                }
                let lead = b[i]
                let length: Int
                var low: UInt8 = 0x80, high: UInt8 = 0xBF  // allowed range of the second byte
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return i
                }
                guard i + length <= n else { return i }
                guard b[i + 1] >= low && b[i + 1] <= high else { return i }
                var k = 2
                while k < length {
                    guard b[i + k] & 0xC0 == 0x80 else { return i }
                    k += 1
                }
                i += length
            }
            return nil
        }
    }
}

/// Positions in raw bytes, for messages about encoding errors.
enum BytePosition {
    /// 1-based line of byte `offset`: one more than the number of line ends (LF, CRLF, lone CR)
    /// before it. Valid for ASCII-compatible encodings (UTF-8, GB18030 never use 0x0A/0x0D in
    /// multibyte sequences).
    static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] == 0x0A {
                line += 1
            } else if bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A) {
                line += 1
            }
            i += 1
        }
        return line
    }

    /// `0xAB 0xCD …`: up to `count` bytes from `offset`.
    static func hex(_ bytes: [UInt8], at offset: Int, count: Int = 4) -> String {
        let end = min(bytes.count, offset + count)
        guard offset < end else { return "end of file" }
        return bytes[offset..<end].map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return "0x" + (digits.count == 1 ? "0" + digits : digits)
        }.joined(separator: " ")
    }
}
