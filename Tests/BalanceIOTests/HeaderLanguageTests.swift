import Foundation
import Testing
import TestSupport
@testable import BalanceIO

/// The default report language's look at a case (issue 13): the loader records it from the bytes it read, and that
/// gives what reading the file again gave (the rule of `CaseFiles.hasChineseHeader(_:)`), without reading it again.
@Suite("Chinese header of a streams file")
struct HeaderLanguageTests {
    static let samples: [(String, [UInt8], Bool)] = [
        ("English", Array("id,from,to,value,sigma\nS1,,U1,10,1\n".utf8), false),
        ("Chinese", Array("编号,来源,去向,测量值,标准差\nS1,,U1,10,1\n".utf8), true),
        ("Chinese value only below the header", Array("id,from,to,value,sigma\n冷却水,,U1,10,1\n".utf8), false),
        ("GB18030 (not UTF-8)", [0xB1, 0xE0, 0xBA, 0xC5, 0x2C, 0x69, 0x64, 0x0A], true),
        ("no newline", Array("id,from,to,value".utf8), false),
        ("empty", [], false),
        ("a header past 4 KiB, ideograph after it", Array((String(repeating: "a", count: 5000) + "编号\n").utf8), false),
    ]

    @Test("bytes and file agree", arguments: 0..<samples.count)
    func bytesAgreeWithFile(index: Int) throws {
        let (name, bytes, expected) = Self.samples[index]
        let folder = try TemporaryFolder.make(prefix: "header-language")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("streams.csv").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data(bytes)))
        #expect(CaseFiles.hasChineseHeader(file) == expected, "\(name): file")
        #expect(CaseFiles.hasChineseHeader(bytes: bytes) == expected, "\(name): bytes")
    }

    @Test("a case loaded from a folder records its header's language")
    func loaderRecords() throws {
        let folder = try TemporaryFolder.make(prefix: "header-language-case")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("streams.csv").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data("编号,来源,去向,测量值,标准差\nS1,,U1,10,1\nS2,U1,,9,1\n".utf8)))
        let loaded = try CaseFiles.find(folder.path).load(options: .init())
        #expect(loaded.streamsHeaderIsChinese == true)
    }
}
