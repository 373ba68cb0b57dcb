/// A growing buffer of bytes that the JSON writer appends to, with the capacity check inlined: an `Array`'s
/// `append` goes through a uniqueness check and a call for each piece, which was a tenth of a batch run's profile
/// (issue 12; `perf record` of `balance batch`, 500 small cases, JSON results of 20–40 KB each).
///
/// Also a `TextOutputStream` whose `_writeASCII` takes the digits a `Double` writes of itself
/// (`Double.write(to:)`) without making a `String` of them: the same shortest round-trip digits as
/// `Double.description`, one allocation fewer per number for the 16–17 significant digits of most results.
///
/// Owns its memory (freed in `deinit`); not shared between threads.
/// - Complexity: appending n bytes is amortised O(n) (the capacity doubles).
final class ByteSink: TextOutputStream {
    private var base: UnsafeMutablePointer<UInt8>
    /// The number of bytes written.
    private(set) var count = 0
    private var capacity: Int

    /// An empty sink with room for `capacity` bytes before it first grows.
    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far, copied into an array.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Forgets the bytes written, keeping the memory.
    func removeAll() { count = 0 }

    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    @inline(never)
    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Appends one byte.
    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Appends the bytes of `buffer`.
    @inline(__always)
    func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress, !buffer.isEmpty else { return }
        reserve(buffer.count)
        (base + count).update(from: source, count: buffer.count)
        count += buffer.count
    }

    /// Appends the UTF-8 of a literal.
    @inline(__always)
    func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    /// Appends `n` spaces (indentation).
    func appendSpaces(_ n: Int) {
        guard n > 0 else { return }
        reserve(n)
        (base + count).initialize(repeating: 0x20, count: n)
        count += n
    }

    /// Appends the decimal digits of `value`, with a minus sign when negative (as `String(value)`).
    func appendDecimal(_ value: Int) {
        var magnitude = value.magnitude
        reserve(20)
        if value < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for the 20 digits of UInt64.max
        let written = withUnsafeMutableBytes(of: &digits) { scratch -> Int in
            var end = scratch.count
            repeat {
                end -= 1
                scratch[end] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            let length = scratch.count - end
            (base + count).update(from: scratch.baseAddress!.assumingMemoryBound(to: UInt8.self) + end, count: length)
            return length
        }
        count += written
    }

    /// `TextOutputStream`: appends the UTF-8 of `string`.
    func write(_ string: String) {
        var string = string
        string.withUTF8 { append($0) }
    }

    /// `TextOutputStream`: appends ASCII text handed over as bytes (how `Double.write(to:)` delivers its digits).
    func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        append(buffer)
    }
}
