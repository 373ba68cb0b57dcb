import Foundation
import Testing
@testable import BalanceIO

@Suite("Text encodings: UTF-8 and GB18030")
struct EncodingTests {
    private let chinese = "编号,来源,去向,测量值,标准差\r\nW1,,一车间,120,2%\r\n"

    /// `text` in GB18030, as Excel on Chinese Windows saves it (checked against python3's codec in the fixtures).
    private func gb18030(_ text: String) throws -> [UInt8] {
        try GB18030Encoding.encode(text)
    }

    @Test("valid UTF-8, with or without BOM, is taken as UTF-8")
    func utf8() throws {
        let bytes = Array(chinese.utf8)
        #expect(try TextDecoder.decode(bytes, encoding: .automatic, file: "f.csv") == .init(bytes: bytes, encoding: .utf8))
        let bom = [0xEF, 0xBB, 0xBF] + bytes
        #expect(try TextDecoder.decode(bom, encoding: .automatic, file: "f.csv").encoding == .utf8)
    }

    @Test("GB18030 is detected automatically and can be forced")
    func gb18030Detection() throws {
        let fixture = try [UInt8](Data(contentsOf: Fixtures.url("gb18030/streams.csv")))
        #expect(UTF8Validation.firstInvalidOffset(fixture) != nil)
        for encoding in [TextEncoding.automatic, .gb18030] {
            let decoded = try TextDecoder.decode(fixture, encoding: encoding, file: "streams.csv")
            #expect(decoded.encoding == .gb18030)
            let rows = try CSVParser.parse(decoded.bytes).rows
            #expect(rows.first == ["编号", "来源", "去向", "测量值", "标准差", "名称"])
            #expect(rows[3] == ["W3", "循环水池", "一车间", "79", "1.5", "回水，已处理"])
        }
    }

    @Test("the output buffer grows when iconv reports E2BIG")
    func growingBuffer() throws {
        let bytes = try [UInt8](Data(contentsOf: Fixtures.url("gb18030/streams.csv")))
        let small = try GB18030.decode(bytes, initialCapacity: 1).get()
        let normal = try GB18030.decode(bytes).get()
        #expect(small == normal)
        #expect(String(decoding: small, as: UTF8.self).contains("循环冷却水"))
    }

    @Test("a GB18030 byte order mark is removed like the UTF-8 one")
    func gb18030ByteOrderMark() throws {
        let decoded = try TextDecoder.decode([0x84, 0x31, 0x95, 0x33] + Array("a,b\n".utf8) + [0xB1, 0xE0],
                                             encoding: .gb18030, file: "x.csv")
        #expect(try CSVParser.parse(decoded.bytes).rows == [["a", "b"], ["编"]])
    }

    @Test("bytes valid in neither encoding: error with file, line and byte offset of the first bad byte")
    func invalidBytes() throws {
        let path = Fixtures.path("invalid-bytes/streams.csv")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let error = #expect(throws: InputError.self) {
            try TextDecoder.decode(bytes, encoding: .automatic, file: "invalid-bytes/streams.csv")
        }
        #expect(error?.file == "invalid-bytes/streams.csv")
        #expect(error?.line == 3)
        #expect(error?.description.hasPrefix("invalid-bytes/streams.csv:3: ") == true)
        #expect(error?.message.contains("byte offset 34") == true)
        #expect(error?.message.contains("0xFF") == true)

        let loadError = #expect(throws: InputError.self) { try CaseLoader.load(path) }
        #expect(loadError?.file == path)
        #expect(loadError?.line == 3)
    }

    @Test("forcing UTF-8 on a GB18030 file names the first bad byte and suggests GB18030")
    func forcedUTF8() throws {
        let error = #expect(throws: InputError.self) {
            try TextDecoder.decode(try gb18030("id,name\nS1,ok\nS2,新水\n"), encoding: .utf8, file: "streams.csv")
        }
        #expect(error?.line == 3)
        #expect(error?.description.hasPrefix("streams.csv:3: invalid UTF-8 at byte offset 17") == true)
        #expect(error?.message.contains("GB18030") == true)
    }

    @Test("invalid GB18030 when forced; a character cut off at the end of the file")
    func invalidGB18030() throws {
        let bad = #expect(throws: InputError.self) {
            try TextDecoder.decode(Array("a\nb\n".utf8) + [0x80], encoding: .gb18030, file: "n.csv")
        }
        #expect(bad?.description.hasPrefix("n.csv:3: invalid GB18030 at byte offset 4") == true)
        let cut = #expect(throws: InputError.self) {
            try TextDecoder.decode(Array("a,".utf8) + [0xB1], encoding: .gb18030, file: "n.csv")
        }
        #expect(cut?.message.contains("cut off") == true)
        #expect(cut?.line == 1)
    }

    @Test("UTF-16 is refused with a hint", arguments: [[0xFF, 0xFE, 0x61, 0x00], [0xFE, 0xFF, 0x00, 0x61]] as [[UInt8]])
    func utf16(_ bytes: [UInt8]) {
        let error = #expect(throws: InputError.self) { try TextDecoder.decode(bytes, encoding: .automatic, file: "u.csv") }
        #expect(error?.message.contains("UTF-16") == true)
    }

    @Test("encoding names", arguments: [
        ("auto", TextEncoding.automatic), ("UTF-8", .utf8), ("utf8", .utf8), ("GB18030", .gb18030), ("gbk", .gb18030),
        ("GB2312", .gb18030),
    ])
    func names(_ name: String, _ expected: TextEncoding) {
        #expect(TextEncoding(name: name) == expected)
        #expect(TextEncoding(name: "latin1") == nil)
    }

    @Test("UTF-8 validation rejects overlong forms, surrogates and truncated sequences", arguments: [
        ([0xC0, 0x80], 0), ([0xE0, 0x80, 0x80], 0), ([0xED, 0xA0, 0x80], 0), ([0xF4, 0x90, 0x80, 0x80], 0),
        ([0x61, 0x62, 0xE4, 0xB8], 2), ([0x61, 0x80], 1), (Array("abcdefghij\u{10FFFF}k".utf8) + [0xFF], 15),
    ] as [([UInt8], Int)])
    func utf8Validation(_ bytes: [UInt8], _ offset: Int) {
        #expect(UTF8Validation.firstInvalidOffset(bytes) == offset)
        #expect(UTF8Validation.firstInvalidOffset(Array("中文 abc 😀 αβγ 0123456789".utf8)) == nil)
    }
}

/// Encodes test text to GB18030 with iconv (UTF-8 → GB18030), the reverse of the code under test.
enum GB18030Encoding {
    struct Failure: Error {}

    static func encode(_ text: String) throws -> [UInt8] {
        let converter = iconv_open("GB18030", "UTF-8")
        guard converter != iconv_t(bitPattern: -1) else { throw Failure() }
        defer { iconv_close(converter) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 8)
        let inCount = input.count, outCount = output.count
        var inLeft = inCount, outLeft = outCount
        let status = input.withUnsafeMutableBytes { inRaw in
            output.withUnsafeMutableBytes { outRaw in
                var inPointer = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPointer = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        guard status != -1, inLeft == 0 else { throw Failure() }
        return Array(output.prefix(outCount - outLeft))
    }
}

/// The test fixtures (copied into the test bundle).
enum Fixtures {
    static var root: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }
    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
    static func path(_ relative: String) -> String { url(relative).path }
}
