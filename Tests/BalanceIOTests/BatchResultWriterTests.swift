import TestSupport
import Foundation
import Testing
@testable import BalanceIO
import BalanceApplication

#if canImport(Glibc)
import Glibc
#endif

/// The batch's result writer (`BatchFiles.ResultWriter`): results replaced by exchange, old files recycled as spares
/// whatever their sizes, and what must never be overwritten (hard links, symbolic links, folders).
@Suite("Batch result writer")
struct BatchResultWriterTests {
    static func folder() throws -> URL { try TemporaryFolder.make(prefix: "result-writer") }

    static func contents(_ url: URL) -> [UInt8]? { FileManager.default.contents(atPath: url.path).map { [UInt8]($0) } }

    static func names(_ folder: URL) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }

    /// Bytes of `count` that differ by `seed`, so that a stale tail or another file's bytes would show.
    static func bytes(_ count: Int, seed: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed) } }

    @Test("rewriting results of every size leaves exactly the new bytes and no temporary file", arguments: [false, true])
    func rewrites(durable: Bool) throws {
        let folder = try Self.folder()
        // Sizes across block boundaries, growing and shrinking, three rounds (the 2nd and 3rd replace the 1st's files).
        let sizes = [0, 1, 4095, 4096, 4097, 20_000, 38_000, 9_000, 12_288, 100, 70_000, 3]
        for round in 0..<3 {
            let writer = BatchFiles.ResultWriter(durable: durable)
            for (i, size) in sizes.enumerated() {
                let count = round == 1 ? sizes[(i + 5) % sizes.count] : size
                try writer.write(Self.bytes(count, seed: 10 * round + i), to: folder.appendingPathComponent("r\(i).json").path)
            }
            writer.finish()
            for (i, size) in sizes.enumerated() {
                let count = round == 1 ? sizes[(i + 5) % sizes.count] : size
                #expect(Self.contents(folder.appendingPathComponent("r\(i).json")) == Self.bytes(count, seed: 10 * round + i))
            }
            #expect(try Self.names(folder) == sizes.indices.map { "r\($0).json" }.sorted())
        }
    }

    @Test("a hard-linked old result is never overwritten: the link keeps the old bytes")
    func hardLink() throws {
        let folder = try Self.folder()
        let target = folder.appendingPathComponent("a.json"), backup = folder.appendingPathComponent("backup-a.json")
        let writer = BatchFiles.ResultWriter(durable: false)
        try writer.write(Self.bytes(5000, seed: 1), to: target.path)
        #expect(link(target.path, backup.path) == 0)
        try writer.write(Self.bytes(5000, seed: 2), to: target.path)
        // The next result must not go into the shared file.
        try writer.write(Self.bytes(5000, seed: 3), to: folder.appendingPathComponent("b.json").path)
        writer.finish()
        #expect(Self.contents(target) == Self.bytes(5000, seed: 2))
        #expect(Self.contents(backup) == Self.bytes(5000, seed: 1))
        #expect(Self.contents(folder.appendingPathComponent("b.json")) == Self.bytes(5000, seed: 3))
        #expect(try Self.names(folder) == ["a.json", "b.json", "backup-a.json"])
    }

    @Test("a symbolic link or a folder in the way: the link is replaced and what it points to is untouched; a folder is refused")
    func notRegular() throws {
        let folder = try Self.folder()
        let elsewhere = folder.appendingPathComponent("elsewhere.txt")
        try Data("keep".utf8).write(to: elsewhere)
        let target = folder.appendingPathComponent("a.json")
        #expect(symlink(elsewhere.path, target.path) == 0)
        let writer = BatchFiles.ResultWriter(durable: false)
        try writer.write(Self.bytes(10, seed: 4), to: target.path)
        #expect(Self.contents(target) == Self.bytes(10, seed: 4))
        #expect(Self.contents(elsewhere) == Array("keep".utf8))
        let directory = folder.appendingPathComponent("d.json")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        #expect(throws: AtomicFile.WriteError.self) { try writer.write(Self.bytes(10, seed: 5), to: directory.path) }
        writer.finish()
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder) && isFolder.boolValue)
        #expect(try Self.names(folder) == ["a.json", "d.json", "elsewhere.txt"])
    }

    @Test("a batch run again with --force gives the same bytes as the first run, and leaves no temporary file")
    func rerunSameBytes() throws {
        let root = try Self.folder()
        let cases = TestDatasets.root.appendingPathComponent("published").path
        let out = root.appendingPathComponent("out")
        let jobs = BatchInputs.expand([cases])
        #expect(jobs.count >= 10)
        var first: [String: [UInt8]] = [:]
        for round in 0..<2 {
            let runner = BatchRunner(
                command: .application(.reconcile, options: .init()), outputDirectory: out.path, force: true, width: 2)
            _ = try runner.run(jobs)
            let names = try Self.names(out)
            #expect(!names.contains { $0.hasSuffix(".tmp") })
            for name in names where name != "summary.csv" {
                let bytes = Self.contents(out.appendingPathComponent(name))
                if round == 0 { first[name] = bytes } else { #expect(bytes == first[name], "\(name)") }
            }
        }
        #expect(first.count >= 10)
    }
}
