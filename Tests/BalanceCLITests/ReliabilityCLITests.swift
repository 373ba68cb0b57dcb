import Foundation
import Testing

/// Reliability (issue 10, first part): no trap, no figure from an impossible input, no lost output.
@Suite("Reliability (CLI)")
struct ReliabilityCLITests {
    static func run(_ command: String, _ files: [String: String], _ extra: [String] = []) throws -> BalanceRun {
        let folder = try BalanceRunner.makeCase(files)
        return try BalanceRunner.run([command, folder.path] + extra)
    }

    @Test("magnitudes beyond 1e±100 are refused naming file, line, column and stream (they trapped or gave null)",
          arguments: [
              ("energy", "id,from,to,value,unit,carrier,kind\nE1,,plant,1e305,万tce,原煤,purchase\nE2,plant,,,万tce,原煤,loss\n", "nodes.csv", "id,stage\nplant,end-use\n"),
              ("reconcile", "id,from,to,value,sigma\nS1,,A,1e200,1\nS2,A,,1e200,1\n", "", ""),
              ("reconcile", "id,from,to,value,sigma\nS1,,A,100,1e-160\nS2,A,,100,1\n", "", ""),
              ("material", "id,from,to,value,unit\nA,,u,1e308,kg\nB,u,,1,kg\n", "", ""),
          ])
    func outOfRange(_ command: String, _ streams: String, _ otherName: String, _ other: String) throws {
        var files = ["streams.csv": streams]
        if !otherName.isEmpty { files[otherName] = other }
        let run = try Self.run(command, files)
        #expect(run.status == 65, "\(command): \(run.stderr)")
        #expect(run.stderr.contains("streams.csv:2:") && run.stderr.contains("1e-100 … 1e100"), "\(run.stderr)")
    }

    @Test("impossible inputs by kind are refused with exit 65", arguments: [
        ("water", ["streams.csv": "id,from,to,value,unit,kind\nW1,,A,-100,m3/d,intake\nW2,A,,,m3/d,discharge\n"], "cannot be negative"),
        ("energy", ["streams.csv": "id,from,to,value,unit,carrier,kind\nE1,,plant,-5,t,原煤,purchase\nE2,plant,,,t,原煤,loss\n",
                    "nodes.csv": "id,stage\nplant,end-use\n"], "only a stock"),
        ("material", ["streams.csv": "id,from,to,value,unit\nA,,u,-10,kg/d\nB,u,,,kg/d\n"], "is negative"),
        ("material", ["streams.csv": "id,from,to,value,unit\nA,,u,10,kg/d\nB,u,,10,kg/d\n",
                      "components.csv": "stream,component,value,unit\nA,Cr,1.5,\nB,Cr,0.5,\n"], "more than the whole"),
        ("material", ["streams.csv": "id,from,to,value,unit\nA,,u,10,kg/d\nB,u,,10,kg/d\n",
                      "components.csv": "stream,component,value,unit\nA,COD,-3,mg/L\nB,COD,2,mg/L\n"], "negative"),
    ])
    func impossibleInputs(_ command: String, _ files: [String: String], _ words: String) throws {
        let run = try Self.run(command, files)
        #expect(run.status == 65, "\(command): \(run.stderr)")
        #expect(run.stderr.contains(words), "\(run.stderr)")
    }

    @Test("a stock change may be negative")
    func negativeStock() throws {
        let run = try Self.run("energy", [
            "streams.csv": "id,from,to,value,unit,carrier,kind\nE1,,plant,100,t,原煤,purchase\nE0,,plant,-5,t,原煤,stock\nE2,plant,,,t,原煤,loss\n",
            "nodes.csv": "id,stage\nplant,end-use\n",
        ])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test("a computed amount below zero is a [negative-value] warning and is marked next to the figure in every table",
          arguments: [
        ("energy", ["streams.csv": "id,from,to,value,unit,carrier,kind\nE1,,plant,100,t,原煤,purchase\nE2,plant,,120,t,原煤,effective\nE3,plant,,,t,原煤,loss\n",
                    "nodes.csv": "id,stage\nplant,end-use\n"], "E3"),
        ("material", ["streams.csv": "id,from,to,value,unit\nA,,u,10,kg/d\nB,u,,15,kg/d\nL,u,,,kg/d\n"], "L"),
    ])
    func computedNegativeMarked(_ command: String, _ files: [String: String], _ stream: String) throws {
        let folder = try BalanceRunner.makeCase(files)
        for lang in ["en", "zh"] {
            let table = try BalanceRunner.run([command, folder.path, "--lang", lang])
            #expect(table.status == 0, "\(table.stderr)")
            let row = table.stdout.split(separator: "\n").first { $0.contains(stream) && $0.contains("-") && ($0.contains("impossible") || $0.contains("不可能")) }
            #expect(row != nil, "\(command) --lang \(lang): no marked row for \(stream)\n\(table.stdout)")
        }
        let json = try BalanceRunner.run([command, folder.path, "--format", "json"])
        #expect(json.status == 0 && json.stdout.contains("[negative-value] \(stream)"), "\(json.stdout)")
    }

    @Test("--top=-1 is a usage error, not a trap")
    func negativeTop() throws {
        let run = try BalanceRunner.run(["advise", BalanceRunner.dataset("demo/dyeing-plant-water"), "--target", "W07", "--top=-1"])
        #expect(run.status == 64, "\(run.stderr)")
    }

    @Test("a result that cannot be written to standard output (/dev/full) is exit 1 with a message")
    func fullDisk() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let process = Process()
        process.executableURL = BalanceRunner.executable
        process.arguments = ["reconcile", BalanceRunner.dataset("published/nj_heat_exchanger_bypass")]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(message)")
        #expect(message.contains("cannot write the result to standard output"), "\(message)")
    }
}

/// The weak messages of issue 10, each now saying what is wrong.
@Suite("Clear messages (CLI)")
struct ClearMessageCLITests {
    @Test("a misspelt subcommand names the nearest one (exit 64)")
    func misspeltCommand() throws {
        let run = try BalanceRunner.run(["reconcil", BalanceRunner.dataset("demo/dyeing-plant-water")])
        #expect(run.status == 64 && run.stderr.contains("did you mean 'reconcile'"), "\(run.stderr)")
    }

    @Test("a negative option value reaches the option's check instead of 'Missing value'")
    func negativeOptionValue() throws {
        let run = try BalanceRunner.run(["simulate", BalanceRunner.dataset("published/nj_heat_exchanger_bypass"), "--trials", "-5"])
        #expect(run.status == 64 && run.stderr.contains("--trials must be a positive whole number"), "\(run.stderr)")
    }

    @Test("a misspelt header (valeu) is refused naming the column it resembles, not blamed on another cell")
    func headerTypo() throws {
        let folder = try BalanceRunner.makeCase(["streams.csv": "id,from,to,valeu,sigma\nS1,,A,10,1\nS2,A,,10,1\n"])
        let run = try BalanceRunner.run(["reconcile", folder.path])
        #expect(run.status == 65 && run.stderr.contains("streams.csv:1:4") && run.stderr.contains("did you mean 'value'"), "\(run.stderr)")
    }

    @Test("tab-separated and UTF-16 files are named as such", arguments: [
        ([UInt8]("id\tfrom\tto\tvalue\nS1\t\tA\t1\n".utf8), "tab-separated"),
        ([UInt8]("id;from;to;value\nS1;;A;1\n".utf8), "semicolons"),
        (Array("id,from,to,value\nS1,,A,1\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), "UTF-16"),
    ])
    func notCommaSeparated(_ bytes: [UInt8], _ words: String) throws {
        let folder = try BalanceRunner.temporaryDirectory()
        try Data(bytes).write(to: folder.appendingPathComponent("streams.csv"))
        let run = try BalanceRunner.run(["check", folder.path])
        #expect(run.status == 65 && run.stderr.contains(words), "\(run.stderr)")
    }

    @Test("--output onto a file of the case is a usage error and the file is kept")
    func outputOntoInput() throws {
        let text = "id,from,to,value,sigma\nS1,,A,10,1\nS2,A,,10,1\n"
        let folder = try BalanceRunner.makeCase(["streams.csv": text])
        let target = folder.appendingPathComponent("streams.csv").path
        let run = try BalanceRunner.run(["reconcile", folder.path, "--output", target])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == text)
    }

    @Test("/dev/stdin can be read as a streams.csv")
    func standardInput() throws {
        let process = Process()
        process.executableURL = BalanceRunner.executable
        process.arguments = ["reconcile", "/dev/stdin", "--format", "json"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        input.fileHandleForWriting.write(Data("id,from,to,value,sigma\nS1,,A,10,1\nS2,A,,12,1\n".utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self).contains("\"statistic\""))
    }
}
