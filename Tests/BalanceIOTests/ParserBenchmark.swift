import TestSupport
import Foundation
import Testing
import BalanceIO

/// Parser throughput on a generated ~50 MB numeric CSV. Off by default (it takes a few seconds and
/// wall-clock time varies between runs); run it in release:
///
///     BALANCEIO_BENCHMARK=1 swift test -c release -Xswiftc -enable-testing \
///         --scratch-path .build-io --filter ParserBenchmark
@Suite("Parser throughput", .enabled(if: ProcessInfo.processInfo.environment["BALANCEIO_BENCHMARK"] != nil))
struct ParserBenchmark {
    /// `id,v1,…,v9` rows with plain and scientific numbers, CRLF line ends.
    static func numericCSV(megabytes: Int) -> (bytes: [UInt8], rows: Int) {
        var random = SplitMix64(seed: 42)
        var text = "id,v1,v2,v3,v4,v5,v6,v7,v8,v9\r\n"
        var rows = 0
        while text.utf8.count < megabytes * 1_000_000 {
            var line = "S\(rows)"
            for k in 0..<9 {
                let x = Double(Int.random(in: -1_000_000...1_000_000, using: &random)) / 1000
                line += k % 3 == 2 ? ",\(x * 1e-5)" : ",\(x)"
            }
            text += line + "\r\n"
            rows += 1
        }
        return (Array(text.utf8), rows)
    }

    @Test("parse ~50 MB of numbers")
    func throughput() throws {
        let (bytes, rows) = Self.numericCSV(megabytes: 50)
        let megabytes = Double(bytes.count) / 1e6
        var best = Duration.seconds(1000)
        var table: CSVTable?
        for _ in 0..<5 {
            let start = ContinuousClock.now
            table = try CSVParser.parse(bytes)
            best = min(best, ContinuousClock.now - start)
        }
        let parsed = try #require(table)
        #expect(parsed.count == rows + 1)
        #expect(parsed.fieldCount == 10 * (rows + 1))

        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18
        let decodeStart = ContinuousClock.now
        var characters = 0
        for record in parsed { for field in record { characters += field.utf8.count } }
        let decode = ContinuousClock.now - decodeStart
        let decodeSeconds = Double(decode.components.seconds) + Double(decode.components.attoseconds) * 1e-18
        let validateStart = ContinuousClock.now
        let decoded = try TextDecoder.decode(bytes, encoding: .automatic, file: "bench.csv")
        let validate = ContinuousClock.now - validateStart
        let validateSeconds = Double(validate.components.seconds) + Double(validate.components.attoseconds) * 1e-18
        #expect(decoded.encoding == .utf8 && characters > 0)
        print(String(format: "CSV parse: %.1f MB, %d rows, %d fields: best of 5 %.3f s = %.0f MB/s; "
                     + "all fields to String %.3f s (%.0f MB/s); UTF-8 check %.3f s (%.0f MB/s)",
                     megabytes, rows + 1, parsed.fieldCount, seconds, megabytes / seconds,
                     decodeSeconds, megabytes / decodeSeconds, validateSeconds, megabytes / validateSeconds))
    }

    @Test("load a 100 000-stream case")
    func caseLoading() throws {
        var text = "id,from,to,value,sigma,name,source\r\n"
        for k in 0..<100_000 {
            text += "S\(k),N\(k % 1000),N\((k * 7 + 1) % 1000),\(Double(k % 977) + 0.25),2%,\"流股 \(k), 冷却水\",FT-\(k)\r\n"
        }
        let input = CSVInput(name: "streams.csv", text: text)
        let start = ContinuousClock.now
        let loaded = try CaseLoader.load(streams: input)
        let elapsed = ContinuousClock.now - start
        #expect(loaded.model.streams.count == 100_000)
        #expect(loaded.model.nodes.count == 1000)
        print("CaseLoader: \(input.bytes.count / 1_000_000) MB, 100000 streams in \(elapsed)")
    }
}
