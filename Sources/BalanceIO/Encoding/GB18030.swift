#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GB18030 → UTF-8 through the C library's `iconv` (Foundation on Linux has no GB18030 codec).
enum GB18030 {
    /// Why a conversion failed.
    enum Failure: Error {
        /// The bytes at `offset` are not a GB18030 character (`incomplete`: cut off by the end of input).
        case invalid(offset: Int, incomplete: Bool)
        /// `iconv_open` failed: the C library has no GB18030 converter (glibc's gconv modules missing).
        case unavailable(errno: Int32)
    }

    /// Converts all of `bytes` to UTF-8.
    /// - Parameter initialCapacity: the first output buffer size; by default 1.5 n + 16 bytes, which
    ///   always suffices (a 2-byte GB18030 character becomes at most 3 UTF-8 bytes); it doubles on `E2BIG`.
    /// - Complexity: O(n).
    static func decode(_ bytes: [UInt8], initialCapacity: Int? = nil) -> Result<[UInt8], Failure> {
        let converter = iconv_open("UTF-8", "GB18030")
        if converter == iconv_t(bitPattern: -1) { return .failure(.unavailable(errno: errno)) }
        defer { iconv_close(converter) }

        var input = bytes
        var output = [UInt8](repeating: 0, count: max(1, initialCapacity ?? bytes.count + bytes.count / 2 + 16))
        var used = 0
        let total = input.count
        return input.withUnsafeMutableBufferPointer { inBuffer -> Result<[UInt8], Failure> in
            var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress.map {
                UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
            }
            var inLeft = total
            while true {
                var status = 0
                var code: Int32 = 0
                output.withUnsafeMutableBufferPointer { outBuffer in
                    var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress.map {
                        UnsafeMutableRawPointer($0 + used).assumingMemoryBound(to: CChar.self)
                    }
                    var outLeft = outBuffer.count - used
                    // With no input left, one more call flushes any pending state.
                    status = inLeft > 0
                        ? iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                        : iconv(converter, nil, nil, &outPointer, &outLeft)
                    code = errno
                    used = outBuffer.count - outLeft
                }
                if status != -1 {
                    if inLeft == 0 {
                        output.removeSubrange(used...)
                        return .success(output)
                    }
                    continue
                }
                switch code {
                case E2BIG:
                    output.append(contentsOf: repeatElement(0, count: output.count))
                case EINVAL:
                    return .failure(.invalid(offset: total - inLeft, incomplete: true))
                default:  // EILSEQ
                    return .failure(.invalid(offset: total - inLeft, incomplete: false))
                }
            }
        }
    }
}
