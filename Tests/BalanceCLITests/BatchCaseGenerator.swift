import Foundation

/// Writes small random balance cases for the batch tests: seeded, so every run sees the same files.
///
/// Each case is a flow network of `streams` streams: a feed into node U1, streams from each node to
/// later nodes (a random acyclic network) and one outlet per node, with true flows that balance
/// exactly; measurements are the true flows with 2 % noise and σ = 2 %; about one stream in eight is
/// unmeasured. Corrupt cases carry one of the data errors `balance` must report.
struct BatchCaseGenerator {
    /// The kinds of corruption, each a bad-data error (exit status 65).
    enum Corruption: CaseIterable {
        case unterminatedQuote, notANumber, duplicateId, negativeSigma, missingUncertainty, noStreamsFile
    }

    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    /// xorshift64*: uniform in [0, 1).
    mutating func uniform() -> Double {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return Double((state &* 0x2545_F491_4F6C_DD1D) >> 11) / Double(1 << 53)
    }

    mutating func integer(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(uniform() * Double(range.count))
    }

    /// A standard normal number (Box–Muller).
    mutating func normal() -> Double {
        let u = max(uniform(), 1e-300), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    /// The text of a streams.csv with about `count` streams.
    mutating func streamsCSV(count: Int) -> String {
        let nodes = max(2, count / 3)
        // Internal edges i → j (i < j) so that the streams number `count`: feed + outlets + internal.
        var edges: [(Int, Int)] = (1..<nodes).map { (integer(0...($0 - 1)), $0) }  // every node reachable
        while edges.count < count - 1 - nodes {
            let j = integer(1...(nodes - 1))
            edges.append((integer(0...(j - 1)), j))
        }
        var inflow = [Double](repeating: 0, count: nodes)
        inflow[0] = 100 + 900 * uniform()
        var flows: [(from: Int?, to: Int?, value: Double)] = [(nil, 0, inflow[0])]
        for i in 0..<nodes {
            let outgoing = edges.filter { $0.0 == i }
            let weights = (0...outgoing.count).map { _ in 0.2 + uniform() }
            let total = weights.reduce(0, +)
            for (k, edge) in outgoing.enumerated() {
                let value = inflow[i] * weights[k] / total
                inflow[edge.1] += value
                flows.append((i, edge.1, value))
            }
            flows.append((i, nil, inflow[i] * weights[outgoing.count] / total))
        }
        var text = "id,from,to,value,sigma\n"
        for (k, flow) in flows.enumerated() {
            let from = flow.from.map { "U\($0 + 1)" } ?? ""
            let to = flow.to.map { "U\($0 + 1)" } ?? ""
            if k > 0 && uniform() < 0.125 {
                text += "S\(k + 1),\(from),\(to),,\n"
            } else {
                let measured = flow.value * (1 + 0.02 * normal())
                text += "S\(k + 1),\(from),\(to),\(measured),2%\n"
            }
        }
        return text
    }

    /// Writes `count` case folders `case-00001` … into `folder`; the cases at `corrupt` indices
    /// (0-based) get a data error. Returns the folder names of the corrupt cases.
    @discardableResult
    mutating func writeCases(count: Int, corrupt: Set<Int> = [], into folder: URL) throws -> [String] {
        var corrupted: [String] = []
        let kinds = Corruption.allCases
        for i in 0..<count {
            let name = "case-" + String(format: "%05d", i + 1)
            let caseFolder = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: caseFolder, withIntermediateDirectories: true)
            var text = streamsCSV(count: integer(10...30))
            if corrupt.contains(i) {
                corrupted.append(name)
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                switch kinds[corrupted.count % kinds.count] {
                case .unterminatedQuote: lines[3] = "\"S3,U1,U2,10,1"
                case .notANumber: lines[2] = "S2,U1,U2,ten,1"
                case .duplicateId: lines[3] = lines[2]
                case .negativeSigma: lines[2] = "S2,U1,U2,10,-1"
                case .missingUncertainty: lines[2] = "S2,U1,U2,10,"
                case .noStreamsFile: lines = []
                }
                text = lines.joined(separator: "\n")
            }
            if !text.isEmpty {
                try Data(text.utf8).write(to: caseFolder.appendingPathComponent("streams.csv"))
            } else {
                try Data("not a case\n".utf8).write(to: caseFolder.appendingPathComponent("readme.txt"))
            }
        }
        return corrupted
    }
}

import Testing

/// The generator of the batch tests: its clean cases must be valid and balance before the noise.
@Suite("Test support: batch case generator")
struct BatchCaseGeneratorSelfTests {
    @Test("generated clean cases reconcile (exit 0) and corrupt ones are data errors (exit 65)")
    func cases() throws {
        var generator = BatchCaseGenerator(seed: 5)
        let folder = try BalanceRunner.temporaryDirectory()
        let corrupt = try generator.writeCases(count: 3, corrupt: [1], into: folder)
        #expect(corrupt.count == 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count == 3)
        for name in names {
            let run = try BalanceRunner.run(["reconcile", folder.appendingPathComponent(name).path, "-f", "json"])
            #expect(run.status == (corrupt.contains(name) ? 65 : 0), "\(name): \(run.stderr)")
        }
    }
}
