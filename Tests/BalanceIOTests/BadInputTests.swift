import BalanceCore
import Testing
@testable import BalanceIO

/// A case that must be refused, and where the error must point.
struct BadInput: Sendable, CustomTestStringConvertible {
    var label: String
    var streams: String
    var nodes: String? = nil
    var relations: String? = nil
    var components: String? = nil
    var options = CaseLoadOptions()
    /// The file, line and (if a single field is to blame) column the error must name.
    var file = "streams.csv"
    var line: Int
    var column: Int? = nil
    /// The stream the error must name, if any.
    var stream: String? = nil
    /// Further text the message must contain.
    var mentions: [String] = []

    var testDescription: String { label }

    static let all: [BadInput] = [
        BadInput(label: "empty file", streams: "", line: 1, mentions: ["empty"]),
        BadInput(label: "blank lines only", streams: "\r\n\r\n", line: 1, mentions: ["empty"]),
        BadInput(label: "header only", streams: "id,from,to,value,sigma\r\n", line: 1, mentions: ["no streams"]),
        BadInput(label: "header only after blank lines", streams: "\n\nid,value\n,\n", line: 3, mentions: ["no streams"]),
        BadInput(label: "required id column missing", streams: "name,value\nx,1\n", line: 1,
                 mentions: ["required column 'id'", "编号"]),
        BadInput(label: "duplicate column header", streams: "id,value,sigma,VALUE\nS1,1,1,2\n", line: 1, column: 4,
                 mentions: ["duplicate column", "column 2"]),
        BadInput(label: "duplicate column through an alias", streams: "id,value,测量值\nS1,1,2\n", line: 1, column: 3,
                 mentions: ["duplicate column", "'value'"]),
        BadInput(label: "duplicate unknown column", streams: "id,note,note\nS1,a,b\n", line: 1, column: 3,
                 mentions: ["duplicate column"]),
        BadInput(label: "too many fields", streams: "id,value\nS1,1\nS2,1,5\n", line: 3, column: 3, stream: "S2",
                 mentions: ["3 fields", "header has 2", "quotes"]),
        BadInput(label: "unquoted decimal comma gives too many fields", streams: "id,value,sigma\nS1,1,5,0.1\n",
                 line: 2, column: 4, stream: "S1"),
        BadInput(label: "NaN text", streams: "id,value,sigma\nS1,1,1\nS2,NaN,1\n", line: 3, column: 2, stream: "S2",
                 mentions: ["'NaN' is not a number", "column 'value'"]),
        BadInput(label: "inf text", streams: "id,value,sigma\nS1,1,inf\n", line: 2, column: 3, stream: "S1",
                 mentions: ["'inf'", "infinity"]),
        BadInput(label: "-Infinity text", streams: "id,lower\nS1,-Infinity\n", line: 2, column: 2, stream: "S1"),
        BadInput(label: "letters", streams: "id,测量值\nS1,abc\n", line: 2, column: 2, stream: "S1",
                 mentions: ["'abc' is not a number", "column '测量值'"]),
        BadInput(label: "decimal comma", streams: "id,value\nS1,\"1,5\"\n", line: 2, column: 2, stream: "S1",
                 mentions: ["decimal separator"]),
        BadInput(label: "hexadecimal", streams: "id,value\nS1,0x10\n", line: 2, column: 2, stream: "S1"),
        BadInput(label: "overflow", streams: "id,value\nS1,1e999\n", line: 2, column: 2, stream: "S1",
                 mentions: ["too large"]),
        BadInput(label: "percentage value", streams: "id,value\nS1,5%\n", line: 2, column: 2, stream: "S1",
                 mentions: ["percentage"]),
        BadInput(label: "negative sigma", streams: "id,value,sigma\nS1,10,1\nS2,10,-1\n", line: 3, column: 3,
                 stream: "S2", mentions: ["negative"]),
        BadInput(label: "negative percentage mpe", streams: "id,value,mpe\nS1,10,-2%\n", line: 2, column: 3,
                 stream: "S1", mentions: ["negative"]),
        BadInput(label: "two uncertainties", streams: "id,value,sigma,u95\nS1,10,1,2\n", line: 2, column: 4,
                 stream: "S1", mentions: ["more than one uncertainty", "'sigma' and 'u95'"]),
        BadInput(label: "percentage of a zero value", streams: "id,value,sigma\nS1,0,2%\n", line: 2, column: 3,
                 stream: "S1", mentions: ["absolute"]),
        BadInput(label: "percentage without value", streams: "id,value,sigma\nS1,,2%\n", line: 2, column: 3,
                 stream: "S1", mentions: ["needs a value"]),
        BadInput(label: "uncertainty without value", streams: "id,value,u95\nS1,,2\n", line: 2, column: 3,
                 stream: "S1", mentions: ["no value"]),
        BadInput(label: "relative default uncertainty on a zero value", streams: "id,value\nS1,0\n",
                 options: CaseLoadOptions(defaultUncertainty: .relative(0.02)), line: 2, column: 2, stream: "S1",
                 mentions: ["absolute"]),
        BadInput(label: "empty stream id", streams: "id,value\nS1,1\n ,2\n", line: 3, column: 1, mentions: ["id is empty"]),
        BadInput(label: "duplicate stream ids", streams: "id,value\nS1,1\nS2,2\nS1,3\n", line: 4, stream: "S1",
                 mentions: ["duplicate stream id 'S1'", "first defined at streams.csv:2"]),
        BadInput(label: "lower above upper", streams: "id,value,lower,upper\nS1,5,10,1\n", line: 2, stream: "S1",
                 mentions: ["lower bound"]),
        BadInput(label: "unterminated quote", streams: "id,name\nS1,ok\nS2,\"Feed\nS3,x\n", line: 3, column: 2,
                 mentions: ["unterminated", "line 3"]),
        BadInput(label: "text after closing quote", streams: "id,name\nS1,\"Feed\"water\n", line: 2, column: 2,
                 mentions: ["after the closing quote", "'w'"]),
        BadInput(label: "unknown node with nodes.csv", streams: "id,from,to\nS1,,U1\nS2,U1,U9\n",
                 nodes: "id\nU1\n", line: 3, stream: "S2", mentions: ["'U9'", "nodes.csv"]),
        BadInput(label: "bad balance flag", streams: "id,to\nS1,U1\n", nodes: "id,balance\nU1,maybe\n",
                 file: "nodes.csv", line: 2, column: 2, mentions: ["node 'U1'", "'maybe'"]),
        BadInput(label: "duplicate node", streams: "id,to\nS1,U1\n", nodes: "id\nU1\nU1\n", file: "nodes.csv", line: 3,
                 mentions: ["duplicate node id 'U1'"]),
        BadInput(label: "unknown parent", streams: "id,to\nS1,U1\n", nodes: "id,parent\nU1,Plant\n", file: "nodes.csv",
                 line: 2, mentions: ["'Plant'"]),
        BadInput(label: "empty nodes.csv", streams: "id,to\nS1,U1\n", nodes: "", file: "nodes.csv", line: 1,
                 mentions: ["empty"]),
        BadInput(label: "unknown stream in relations", streams: "id\nS1\nS2\n",
                 relations: "relation,stream,coefficient\nR1,S1,1\nR1,S9,-1\n", file: "relations.csv", line: 3,
                 column: 2, stream: "S9", mentions: ["relation 'R1'"]),
        BadInput(label: "conflicting relation constants", streams: "id\nS1\nS2\n",
                 relations: "relation,stream,coefficient,constant\nR1,S1,1,5\nR1,S2,1,6\n", file: "relations.csv",
                 line: 3, column: 4, stream: "S2", mentions: ["relation 'R1'", "conflicts", "line 2"]),
        BadInput(label: "relation term without coefficient", streams: "id\nS1\n",
                 relations: "relation,stream,coefficient\nR1,S1,\n", file: "relations.csv", line: 2, column: 3,
                 stream: "S1", mentions: ["coefficient is empty"]),
        BadInput(label: "relations.csv without coefficient column", streams: "id\nS1\n",
                 relations: "relation,stream\nR1,S1\n", file: "relations.csv", line: 1,
                 mentions: ["required column 'coefficient'"]),
        BadInput(label: "unknown stream in components", streams: "id\nS1\n",
                 components: "stream,component,value\nS1,COD,5\nS7,COD,6\n", file: "components.csv", line: 3,
                 column: 1, stream: "S7", mentions: ["not defined in streams.csv"]),
        BadInput(label: "component given twice", streams: "id\nS1\n",
                 components: "stream,component,value\nS1,COD,5\nS1,COD,6\n", file: "components.csv", line: 3,
                 column: 2, stream: "S1", mentions: ["component 'COD'", "first on line 2"]),
        BadInput(label: "component without value", streams: "id\nS1\n",
                 components: "stream,component,value,sigma\nS1,COD,,1\n", file: "components.csv", line: 2,
                 column: 3, stream: "S1", mentions: ["value is empty"]),
        BadInput(label: "component negative u95", streams: "id\nS1\n",
                 components: "stream,component,value,u95\nS1,COD,5,-1\n", file: "components.csv", line: 2,
                 column: 4, stream: "S1", mentions: ["negative"]),
    ]
}

@Suite("Bad input: every error names the file, line, column and stream")
struct BadInputTests {
    @Test(arguments: BadInput.all)
    func refused(_ bad: BadInput) throws {
        let error = #expect(throws: InputError.self) {
            try CaseLoader.load(
                streams: CSVInput(name: "streams.csv", text: bad.streams),
                nodes: bad.nodes.map { CSVInput(name: "nodes.csv", text: $0) },
                relations: bad.relations.map { CSVInput(name: "relations.csv", text: $0) },
                components: bad.components.map { CSVInput(name: "components.csv", text: $0) },
                options: bad.options)
        }
        guard let error else { return }
        #expect(error.file == bad.file)
        #expect(error.line == bad.line)
        if let column = bad.column { #expect(error.column == column) }
        let position = "\(bad.file):\(bad.line)" + (bad.column.map { ":\($0)" } ?? "") + ": "
        #expect(error.description.hasPrefix(position), "\(error)")
        if let stream = bad.stream {
            #expect(error.stream == stream)
            #expect(error.message.contains("'\(stream)'"), "\(error)")
        }
        for text in bad.mentions {
            #expect(error.message.contains(text), "\(error)")
        }
    }

    @Test("model errors keep their kind and location")
    func modelError() throws {
        let error = #expect(throws: InputError.self) {
            try CaseLoader.load(streams: CSVInput(name: "s.csv", text: "id\nS1\nS1\n"))
        }
        #expect(error?.modelError?.kind == .duplicateStream(id: "S1", first: SourceLocation(file: "s.csv", line: 2)))
        #expect(error?.modelError?.location == SourceLocation(file: "s.csv", line: 3))
    }
}
