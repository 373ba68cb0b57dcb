import Foundation
import Testing

/// `.xlsx` workbooks given where a case is (issue 13): the same results as the case folder the workbook was made
/// from, and damaged cells refused with the sheet and cell named.
///
/// The workbooks (Tests/BalanceIOTests/Fixtures/xlsx, made by its make.sh from Datasets/) store numbers as numeric
/// cells, percentages as fractions with a percent format, text as shared strings and one value as a formula with
/// its cached value — as Excel does.
@Suite("Excel workbooks as cases")
struct WorkbookCLITests {
    static let folder = BalanceRunner.repositoryRoot.appendingPathComponent("Tests/BalanceIOTests/Fixtures/xlsx")

    /// Each workbook, the dataset it was made from, and the commands that take it.
    static let workbooks: [(book: String, dataset: String, commands: [String])] = [
        ("dyeing-plant-water", "demo/dyeing-plant-water", ["reconcile", "water", "check"]),
        ("brewery-24-units", "water/brewery-24-units", ["water"]),
        ("benchmark_p14_24_streams_gross_errors", "published/benchmark_p14_24_streams_gross_errors", ["reconcile"]),
        ("nj_heat_exchanger_bypass", "published/nj_heat_exchanger_bypass", ["reconcile"]),
        ("dyeing-mill-2024", "energy/dyeing-mill-2024", ["energy"]),
        ("chrome-plating-line", "material/chrome-plating-line", ["material"]),
        ("ncsu-cooling-water-correlated", "correlated/ncsu-cooling-water-correlated", ["reconcile"]),
        ("heat-exchanger-network", "nonlinear/heat-exchanger-network", ["reconcile"]),
        ("dyeing-plant-readings", "water/dyeing-plant-readings", ["reconcile", "water"]),
    ]

    /// The JSON of a run as a dictionary, without `warnings` (the workbook's extra sheet is warned about).
    static func result(_ arguments: [String]) throws -> NSDictionary {
        let run = try BalanceRunner.run(arguments + ["--format", "json"])
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        var trimmed = object
        trimmed["warnings"] = nil
        #expect(!trimmed.isEmpty)
        return trimmed as NSDictionary
    }

    @Test("a workbook gives exactly the results of its case folder", arguments: workbooks.map(\.book))
    func sameAsFolder(book: String) throws {
        let entry = try #require(Self.workbooks.first { $0.book == book })
        let path = Self.folder.appendingPathComponent(book + ".xlsx").path
        for command in entry.commands {
            let fromBook = try Self.result([command, path])
            let fromFolder = try Self.result([command, BalanceRunner.dataset(entry.dataset)])
            // Exact equality: the same doubles (numbers as stored, percentages shifted in text, not multiplied).
            #expect(fromBook == fromFolder, "\(command) \(book): the workbook's JSON differs from the folder's")
        }
    }

    @Test("a sheet that is not a case sheet is named in a warning, the case's own sheets in Chinese are read")
    func extraSheetWarned() throws {
        let run = try BalanceRunner.run(["reconcile", Self.folder.appendingPathComponent("dyeing-plant-water.xlsx").path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("sheet '说明' is not a case sheet and is ignored"))
    }

    @Test("damaged or refused workbooks: exit 65 naming the workbook, the sheet and the cell", arguments: [
        ("error-value", "流股!E3: the cell holds the Excel error #DIV/0!"),
        ("formula-without-value", "流股!E5: the cell holds a formula without a saved value"),
        ("readings-sheet", "读数 row 1: required column 'stream' is missing from the header"),
        ("not-a-zip", "not a ZIP archive"),
    ])
    func refused(book: String, expected: String) throws {
        let path = Self.folder.appendingPathComponent("bad/\(book).xlsx").path
        let run = try BalanceRunner.run(["reconcile", path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("balance: error: \(path): \(expected)"), "\(run.stderr)")
    }

    @Test("a bad value in a sheet is reported at its cell with the stream, as in a CSV file at its line and column")
    func badValueAtCell() throws {
        let folder = try BalanceRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = BalanceRunner.dataset("demo/dyeing-plant-water")
        var streams = try String(contentsOfFile: source + "/streams.csv", encoding: .utf8)
        streams = streams.replacingOccurrences(of: "W03,漂洗车间进水,管网,漂洗车间,306,m3/d,2%", with: "W03,漂洗车间进水,管网,漂洗车间,306,m3/d,-2%")
        try streams.write(to: folder.appendingPathComponent("streams.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: source + "/nodes.csv", toPath: folder.appendingPathComponent("nodes.csv").path)
        let book = folder.appendingPathComponent("plant.xlsx").path
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = ["python3", BalanceRunner.dataset("scripts/case_to_xlsx.py"), folder.path, book, "--chinese"]
        try make.run()
        make.waitUntilExit()
        try #require(make.terminationStatus == 0)
        let run = try BalanceRunner.run(["reconcile", book])
        #expect(run.status == 65)
        // Column G is 准确度; row 4 is W03's. The percentage is quoted as Excel shows it, not as stored (−0.02).
        #expect(run.stderr.contains("plant.xlsx: 流股!G4: stream 'W03', column '准确度': the uncertainty '-2%' is negative"),
                "\(run.stderr)")
    }

    @Test("batch: every workbook in a folder of cases is a case, each named after its file")
    func batchFolder() throws {
        let out = try BalanceRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try BalanceRunner.run(["batch", Self.folder.path, "--command", "reconcile", "--out", out.path])
        let summary = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        let cases = summary.split(whereSeparator: \.isNewline).dropFirst().map { String($0.prefix { $0 != "," }) }
        #expect(cases.sorted() == Self.workbooks.map(\.book).sorted(), "\(run.stderr)")
        for entry in Self.workbooks where entry.commands.contains("reconcile") {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(entry.book + ".json").path))
        }
    }

    @Test("--format xlsx: every command writes a workbook to --output, the same bytes on every run; without --output it is a usage error")
    func xlsxOutput() throws {
        let folder = try BalanceRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs: [(String, String)] = [
            ("reconcile", "published/nj_heat_exchanger_bypass"), ("check", "demo/dyeing-plant-water"),
            ("water", "demo/dyeing-plant-water"), ("energy", "energy/dyeing-mill-2024"),
            ("material", "material/chrome-plating-line"), ("advise", "published/nj_heat_exchanger_bypass"),
        ]
        for (command, dataset) in runs {
            let path = folder.appendingPathComponent("\(command).xlsx").path
            let first = try BalanceRunner.run([command, BalanceRunner.dataset(dataset), "--format", "xlsx", "-o", path])
            #expect(first.status == 0, "\(command): \(first.stderr)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), "\(command): not a ZIP archive")
            _ = try BalanceRunner.run([command, BalanceRunner.dataset(dataset), "--format", "xlsx", "-o", path])
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "\(command): the bytes differ between runs")
        }
        let toTerminal = try BalanceRunner.run(["reconcile", BalanceRunner.dataset("published/nj_heat_exchanger_bypass"), "--format", "xlsx"])
        #expect(toTerminal.status == 64 && toTerminal.stderr.contains("give the file with --output FILE.xlsx"))
    }
}
