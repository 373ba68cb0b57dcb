import Testing
@testable import BalanceIO

@Suite("CSV parser (RFC 4180)")
struct CSVParserTests {
    private func rows(_ text: String) throws -> [[String]] {
        try CSVParser.parse(text).rows
    }

    @Test("plain fields are neither trimmed nor altered")
    func plain() throws {
        #expect(try rows("a,b,c\n1, 2 ,3\n") == [["a", "b", "c"], ["1", " 2 ", "3"]])
    }

    @Test("quoted fields keep commas; \"\" stands for one quote")
    func quotes() throws {
        let table = try CSVParser.parse("id,name\nS1,\"Feed, softened\"\nS2,\"Steam \"\"HP\"\"\"\nS3,\"\"\n")
        #expect(table.rows == [["id", "name"], ["S1", "Feed, softened"], ["S2", "Steam \"HP\""], ["S3", ""]])
    }

    @Test("a quote inside an unquoted field is literal")
    func literalQuote() throws {
        #expect(try rows("12\" pipe,x\"y\n") == [["12\" pipe", "x\"y"]])
    }

    @Test("CRLF, LF and lone CR all end records", arguments: ["\r\n", "\n", "\r"])
    func lineEnds(_ newline: String) throws {
        let table = try CSVParser.parse("a,b" + newline + "1,2" + newline + "3,4")
        #expect(table.rows == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(table.map(\.line) == [1, 2, 3])
    }

    @Test("newlines inside quotes are kept and counted in line numbers", arguments: ["\r\n", "\n", "\r"])
    func newlineInsideQuotes(_ newline: String) throws {
        let text = "id,note\r\nS1,\"two" + newline + "lines\"\r\nS2,\"three" + newline + newline + "lines\"\r\nS3,x\r\n"
        let table = try CSVParser.parse(text)
        #expect(table.rows == [["id", "note"], ["S1", "two" + newline + "lines"],
                               ["S2", "three" + newline + newline + "lines"], ["S3", "x"]])
        #expect(table.map(\.line) == [1, 2, 4, 7])
    }

    @Test("a UTF-8 byte order mark is skipped")
    func byteOrderMark() throws {
        let table = try CSVParser.parse([0xEF, 0xBB, 0xBF] + Array("id,值\nS1,1\n".utf8))
        #expect(table.rows == [["id", "值"], ["S1", "1"]])
        #expect(table[0][0].unicodeScalars.count == 2)
    }

    @Test("a BOM-only or empty input has no records", arguments: [[], [0xEF, 0xBB, 0xBF], Array("\n\r\n".utf8)])
    func empty(_ bytes: [UInt8]) throws {
        #expect(try CSVParser.parse(bytes).isEmpty)
    }

    @Test("empty lines are skipped; lines of commas and a quoted empty field are records")
    func blankLines() throws {
        let table = try CSVParser.parse("a\n\n\r\n,,\n\"\"\nb")
        #expect(table.rows == [["a"], ["", "", ""], [""], ["b"]])
        #expect(table.map(\.line) == [1, 4, 5, 6])
    }

    @Test("a trailing comma gives an empty last field; the final line end is optional")
    func trailingComma() throws {
        #expect(try rows("a,b,\n1,2,") == [["a", "b", ""], ["1", "2", ""]])
    }

    @Test("fields carry 1-based column numbers")
    func columns() throws {
        let record = try CSVParser.parse("x,\"y,z\",w\n")[0]
        #expect(record.fields == [CSVField(column: 1, value: "x"), CSVField(column: 2, value: "y,z"),
                                  CSVField(column: 3, value: "w")])
        #expect(record.field(column: 2) == "y,z")
        #expect(record.field(column: 4) == nil)
    }

    @Test("Chinese text, also inside quotes")
    func chinese() throws {
        #expect(try rows("编号,名称\nW1,\"回水，已处理\"\n") == [["编号", "名称"], ["W1", "回水，已处理"]])
    }

    @Test("an unterminated quote is an error naming the line where it opened")
    func unterminatedQuote() throws {
        let text = "id,name\nS1,ok\nS2,\"never closed\nS3,x\nS4,y\n"
        let error = #expect(throws: CSVSyntaxError.self) { try CSVParser.parse(text) }
        #expect(error?.kind == .unterminatedQuote)
        #expect(error?.line == 3)
        #expect(error?.field == 2)
        #expect(error?.character == 4)
        #expect(error?.message.contains("line 3") == true)
    }

    @Test("characters after a closing quote are an error with line and column")
    func afterClosingQuote() throws {
        let error = #expect(throws: CSVSyntaxError.self) { try CSVParser.parse("a,b\n\"x\"\n1,\"中文\"y,3\n") }
        #expect(error?.kind == .characterAfterClosingQuote("y"))
        #expect(error?.line == 3)
        #expect(error?.field == 2)
        #expect(error?.character == 7)  // 1 , " 中 文 " y
        #expect(error?.message.contains("line 3") == true)
    }

    @Test("a space before the closing-quote separator is an error too")
    func spaceAfterClosingQuote() throws {
        let error = #expect(throws: CSVSyntaxError.self) { try CSVParser.parse("\"a\" ,b\n") }
        #expect(error?.kind == .characterAfterClosingQuote(" "))
        #expect(error?.message.contains("U+20") == true)
    }

    @Test("a quote after leading spaces is refused rather than splitting the field")
    func quoteAfterWhitespace() throws {
        let error = #expect(throws: CSVSyntaxError.self) { try CSVParser.parse("id,name\nS1, \"a, b\"\n") }
        #expect(error?.kind == .quoteAfterWhitespace)
        #expect(error?.line == 2)
        #expect(error?.field == 2)
    }

    @Test("a quote closed exactly at the end of the input is fine")
    func quoteAtEnd() throws {
        #expect(try rows("\"a\"") == [["a"]])
        #expect(try rows("\"a\"\"\"") == [["a\""]])
    }

    @Test("invalid UTF-8 given to the parser directly is replaced, not a crash")
    func invalidUTF8() throws {
        let table = try CSVParser.parse([0x61, 0xFF, 0x2C, 0x62])
        #expect(table.rows == [["a\u{FFFD}", "b"]])
    }
}
