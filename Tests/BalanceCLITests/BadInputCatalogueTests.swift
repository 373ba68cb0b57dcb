import Foundation
import Testing

/// The bad-input catalogue at the command line (issue 10): each class of bad input or usage, for every
/// input file and command, with the exit status it must give and the words its message must contain.
/// Together with the 43 loader classes of `BadInputTests` and the cases of `ReliabilityCLITests`, it
/// covers the classes docs/ERRORS.md lists.
@Suite("Bad-input catalogue (CLI)")
struct BadInputCatalogueTests {
    struct Entry: Sendable, CustomTestStringConvertible {
        var label: String
        var command: String
        var files: [String: String]
        var arguments: [String] = []
        var status: Int32
        var words: [String]
        var testDescription: String { label }
    }

    static let nj = "id,from,to,value,sigma\nS1,,splitter,101.91,1\nS2,splitter,hx,64.45,1\nS3,splitter,bypass,34.65,1\n"
        + "S4,hx,mixer,64.2,1\nS5,bypass,mixer,36.44,1\nS6,mixer,,98.88,1\n"
    static let water = "id,from,to,value,unit,kind\nW1,,A,100,m3/d,intake\nW2,A,,90,m3/d,discharge\nW3,A,,,m3/d,consumption\n"
    static let energy = "id,from,to,value,unit,carrier,kind\nE1,,plant,100,t,原煤,purchase\nE2,plant,,,t,原煤,loss\n"
    static let energyNodes = "id,stage\nplant,end-use\n"
    static let material = "id,from,to,value,unit\nA,,u,10,kg/d\nB,u,,9,kg/d\nC,u,,,kg/d\n"

    static let entries: [Entry] = [
        // streams.csv, through the commands
        Entry(label: "reconcile: a measured value without uncertainty", command: "reconcile",
              files: ["streams.csv": "id,from,to,value\nS1,,A,10\nS2,A,,10\n"], status: 65, words: ["no uncertainty", "S1"]),
        Entry(label: "reconcile: uncertainty without a value", command: "reconcile",
              files: ["streams.csv": "id,from,to,value,sigma\nS1,,A,,1\nS2,A,,10,1\n"], status: 65, words: ["S1"]),
        Entry(label: "reconcile: empty stream id", command: "reconcile",
              files: ["streams.csv": "id,from,to,value,sigma\n,,A,10,1\nS2,A,,10,1\n"], status: 65, words: ["id"]),
        Entry(label: "reconcile: duplicate stream", command: "reconcile",
              files: ["streams.csv": "id,from,to,value,sigma\nS1,,A,10,1\nS1,A,,10,1\n"], status: 65, words: ["duplicate stream id 'S1'"]),
        Entry(label: "reconcile: loop of an ordinary stream", command: "reconcile",
              files: ["streams.csv": "id,from,to,value,sigma,kind\nS1,A,A,10,1,intake\nS2,,A,10,1,\nS3,A,,10,1,\n"], status: 65, words: ["S1", "same node"]),
        Entry(label: "check: lower/upper bounds are used by reconcile only", command: "check",
              files: ["streams.csv": "id,from,to,value,sigma,lower\nS1,,A,10,1,0\nS2,A,,10,1,\n"], status: 65, words: ["bound", "reconcile"]),
        Entry(label: "reconcile: a component value without uncertainty", command: "reconcile",
              files: ["streams.csv": nj, "components.csv": "stream,component,value\nS1,COD,0.1\n"], status: 65, words: ["components.csv:2", "COD", "no uncertainty"]),
        Entry(label: "reconcile: bounds that cannot be met", command: "reconcile",
              files: ["streams.csv": "id,from,to,value,sigma,lower\nS1,,A,10,0,\nS2,A,,10,1,12\n"], status: 65, words: ["bounds cannot all be met", "S2"]),
        Entry(label: "reconcile: an equation naming an unknown stream", command: "reconcile",
              files: ["streams.csv": nj, "equations.csv": "id,equation\nq,[S1] = 2 * [S9]\n"], status: 65, words: ["equations.csv:2", "equation 'q'", "'S9'"]),
        Entry(label: "reconcile: an equation with a syntax error", command: "reconcile",
              files: ["streams.csv": nj, "equations.csv": "id,equation\nq,[S1] = (2 * [S2]\n"], status: 65, words: ["equation 'q'", "')' expected"]),
        Entry(label: "water: equations.csv is used by reconcile only", command: "water",
              files: ["streams.csv": "id,from,to,value,unit,kind\nW1,,A,10,m3/d,intake\nW2,A,,,m3/d,discharge\n", "equations.csv": "id,equation\nq,[W1] = [W2]\n"],
              status: 65, words: ["equations.csv", "reconcile"]),
        Entry(label: "reconcile: a magnitude beyond 1e100", command: "reconcile",
              files: ["streams.csv": "id,from,to,value,sigma\nS1,,A,1e150,1\nS2,A,,1,1\n"], status: 65, words: ["1e-100 … 1e100"]),
        Entry(label: "check: undetermined unknowns", command: "check",
              files: ["streams.csv": "id,from,to,value\nI,,A,10\nX,A,B,\nY,A,B,\nZ,B,,10\n"], status: 65, words: ["X (in node A, node B)"]),
        Entry(label: "check: covariance.csv is not used by check", command: "check",
              files: ["streams.csv": nj, "covariance.csv": "stream_a,stream_b,correlation\nS1,S2,0.5\n"], status: 65, words: ["covariance.csv"]),
        // nodes.csv
        Entry(label: "nodes: a stream names an undeclared node", command: "reconcile",
              files: ["streams.csv": "id,from,to,value,sigma\nS1,,A,10,1\nS2,A,B,10,1\n", "nodes.csv": "id\nA\n"], status: 65, words: ["'B'"]),
        Entry(label: "nodes: duplicate node", command: "reconcile",
              files: ["streams.csv": nj, "nodes.csv": "id\nsplitter\nsplitter\nhx\nbypass\nmixer\n"], status: 65, words: ["duplicate node"]),
        Entry(label: "nodes: unknown parent", command: "reconcile",
              files: ["streams.csv": nj, "nodes.csv": "id,parent\nsplitter,plant\nhx,\nbypass,\nmixer,\n"], status: 65, words: ["parent", "plant"]),
        Entry(label: "nodes: balance is not yes or no", command: "reconcile",
              files: ["streams.csv": nj, "nodes.csv": "id,balance\nsplitter,maybe\nhx,yes\nbypass,yes\nmixer,yes\n"], status: 65, words: ["'maybe' is not yes or no"]),
        Entry(label: "nodes: hours_per_day above 24", command: "reconcile",
              files: ["streams.csv": nj, "nodes.csv": "id,hours_per_day\nsplitter,30\nhx,\nbypass,\nmixer,\n"], status: 65, words: ["operating time"]),
        Entry(label: "nodes: days_per_year of zero", command: "reconcile",
              files: ["streams.csv": nj, "nodes.csv": "id,days_per_year\nsplitter,0\nhx,\nbypass,\nmixer,\n"], status: 65, words: ["operating days"]),
        // relations.csv
        Entry(label: "relations: unknown stream", command: "reconcile",
              files: ["streams.csv": nj, "relations.csv": "relation,stream,coefficient\nr1,S9,1\n"], status: 65, words: ["S9"]),
        Entry(label: "relations: missing coefficient", command: "reconcile",
              files: ["streams.csv": nj, "relations.csv": "relation,stream,coefficient\nr1,S1,\n"], status: 65, words: ["coefficient"]),
        Entry(label: "relations: conflicting constants", command: "reconcile",
              files: ["streams.csv": nj, "relations.csv": "relation,stream,coefficient,constant\nr1,S1,1,5\nr1,S2,1,6\n"], status: 65, words: ["conflicts"]),
        // covariance.csv
        Entry(label: "covariance: correlation above 1", command: "reconcile",
              files: ["streams.csv": nj, "covariance.csv": "stream_a,stream_b,correlation\nS1,S2,1.5\n"], status: 65, words: ["[−1, 1]"]),
        Entry(label: "covariance: unknown stream", command: "reconcile",
              files: ["streams.csv": nj, "covariance.csv": "stream_a,stream_b,correlation\nS1,S9,0.5\n"], status: 65, words: ["S9"]),
        Entry(label: "covariance: a variance in covariance.csv", command: "reconcile",
              files: ["streams.csv": nj, "covariance.csv": "stream_a,stream_b,covariance\nS1,S1,2\n"], status: 65, words: ["variance belongs in streams.csv"]),
        Entry(label: "covariance: both covariance and correlation", command: "reconcile",
              files: ["streams.csv": nj, "covariance.csv": "stream_a,stream_b,covariance,correlation\nS1,S2,0.1,0.2\n"], status: 65, words: ["not both"]),
        Entry(label: "covariance: not positive definite", command: "reconcile",
              files: ["streams.csv": nj, "covariance.csv": "stream_a,stream_b,correlation\nS1,S2,0.99\nS2,S3,0.99\nS1,S3,-0.99\n"], status: 65, words: ["positive definite"]),
        // units
        Entry(label: "units: an unknown unit among converted ones", command: "reconcile",
              files: ["streams.csv": "id,from,to,value,sigma,unit\nS1,,A,10,1,m3/d\nS2,A,,10,1,furlong\nS3,A,,0,1,m3/d\n"], status: 65, words: ["furlong"]),
        Entry(label: "units: a total among rates", command: "check",
              files: ["streams.csv": "id,from,to,value,unit\nS1,,A,10,m3/d\nS2,A,,70,m3\nS3,A,,0,m3/d\n"], status: 65, words: ["total"]),
        Entry(label: "units: a stream without unit among converted ones", command: "check",
              files: ["streams.csv": "id,from,to,value,unit\nS1,,A,1000,L/d\nS2,A,,1,m3/d\nS3,A,,0,\n"], status: 65, words: ["no unit"]),
        Entry(label: "units: volume and energy in one balance", command: "check",
              files: ["streams.csv": "id,from,to,value,unit\nS1,,A,10,m3/d\nS2,A,,10,kWh/d\nS3,A,,0,m3/d\n"], status: 65, words: ["different kinds of quantity"]),
        // water
        Entry(label: "water: unknown kind", command: "water",
              files: ["streams.csv": "id,from,to,value,unit,kind\nW1,,A,100,m3/d,rain\nW2,A,,100,m3/d,discharge\n"], status: 65, words: ["unknown water stream kind 'rain'"]),
        Entry(label: "water: intake leaving the boundary", command: "water",
              files: ["streams.csv": "id,from,to,value,unit,kind\nW1,,A,100,m3/d,intake\nW2,A,,100,m3/d,intake\n"], status: 65, words: ["new water must enter"]),
        Entry(label: "water: unknown category", command: "water",
              files: ["streams.csv": water, "nodes.csv": "id,category\nA,spaceship\n"], status: 65, words: ["unknown water-use category"]),
        Entry(label: "water: negative volume", command: "water",
              files: ["streams.csv": "id,from,to,value,unit,kind\nW1,,A,-5,m3/d,intake\nW2,A,,,m3/d,discharge\n"], status: 65, words: ["cannot be negative"]),
        Entry(label: "water: --production of zero", command: "water", files: ["streams.csv": water],
              arguments: ["--production", "0"], status: 64, words: ["--production must be a positive number"]),
        Entry(label: "water: unknown benchmark", command: "water", files: ["streams.csv": water],
              arguments: ["--benchmark", "mars"], status: 64, words: ["--benchmark must be one of"]),
        Entry(label: "water: --exact with --default-uncertainty", command: "water", files: ["streams.csv": water],
              arguments: ["--exact", "--default-uncertainty", "2%"], status: 64, words: ["contradict"]),
        // energy
        Entry(label: "energy: unknown carrier", command: "energy",
              files: ["streams.csv": "id,from,to,value,unit,carrier,kind\nE1,,plant,100,t,煤气XYZ,purchase\nE2,plant,,,t,原煤,loss\n", "nodes.csv": energyNodes],
              status: 65, words: ["unknown energy carrier"]),
        Entry(label: "energy: coal in kWh", command: "energy",
              files: ["streams.csv": "id,from,to,value,unit,carrier,kind\nE1,,plant,100,kWh,原煤,purchase\nE2,plant,,,kWh,原煤,loss\n", "nodes.csv": energyNodes],
              status: 65, words: ["E1"]),
        Entry(label: "energy: a node without stage", command: "energy",
              files: ["streams.csv": energy, "nodes.csv": "id\nplant\n"], status: 65, words: ["stage"]),
        Entry(label: "energy: negative purchase", command: "energy",
              files: ["streams.csv": "id,from,to,value,unit,carrier,kind\nE1,,plant,-1,t,原煤,purchase\nE2,plant,,,t,原煤,loss\n", "nodes.csv": energyNodes],
              status: 65, words: ["only a stock"]),
        Entry(label: "energy: required 等价值 missing", command: "energy",
              files: ["streams.csv": "id,from,to,value,unit,carrier,kind\nE1,,plant,1000,kWh,电力,purchase\nE2,plant,,,kWh,电力,loss\n",
                      "nodes.csv": energyNodes], arguments: ["--require-equivalent"], status: 64, words: ["等价值", "--electricity-equivalent"]),
        Entry(label: "energy: unknown coefficient set", command: "energy",
              files: ["streams.csv": energy, "nodes.csv": energyNodes], arguments: ["--coefficients", "gbt2589-1999"], status: 64, words: ["--coefficients"]),
        Entry(label: "energy: negative electricity equivalent", command: "energy",
              files: ["streams.csv": energy, "nodes.csv": energyNodes], arguments: ["--electricity-equivalent", "-0.3"], status: 64, words: ["--electricity-equivalent"]),
        // material
        Entry(label: "material: negative amount", command: "material",
              files: ["streams.csv": "id,from,to,value,unit\nA,,u,-1,kg/d\nB,u,,,kg/d\n"], status: 65, words: ["negative"]),
        Entry(label: "material: unknown concentration unit", command: "material",
              files: ["streams.csv": material, "components.csv": "stream,component,value,unit\nA,Cr,1,furlongs\nB,Cr,1,furlongs\n"], status: 65, words: ["unknown concentration unit"]),
        Entry(label: "material: mass fraction over 1", command: "material",
              files: ["streams.csv": material, "components.csv": "stream,component,value,unit\nA,Cr,120,%\nB,Cr,1,%\n"], status: 65, words: ["more than the whole"]),
        Entry(label: "material: unknown --sankey-component", command: "material",
              files: ["streams.csv": material, "components.csv": "stream,component,value,unit\nA,Cr,1,%\nB,Cr,1,%\nC,Cr,1,%\n"],
              arguments: ["--sankey-component", "Zn"], status: 64, words: ["--sankey-component 'Zn'"]),
        Entry(label: "material: zero density", command: "material", files: ["streams.csv": material],
              arguments: ["--density", "0"], status: 64, words: ["--density"]),
        // options of reconcile, simulate, advise
        Entry(label: "reconcile: alpha of 1", command: "reconcile", files: ["streams.csv": nj], arguments: ["--alpha", "1"], status: 64, words: ["--alpha"]),
        Entry(label: "reconcile: a default uncertainty of 0", command: "reconcile", files: ["streams.csv": nj],
              arguments: ["--default-uncertainty", "0"], status: 64, words: ["--default-uncertainty"]),
        Entry(label: "reconcile: the graph solver on relations", command: "reconcile",
              files: ["streams.csv": nj, "relations.csv": "relation,stream,coefficient\nr1,S1,1\nr1,S2,-1\nr1,S3,-1\n"],
              arguments: ["--solver", "graph"], status: 64, words: ["graph solver"]),
        Entry(label: "reconcile: hours per day of 25", command: "reconcile", files: ["streams.csv": nj],
              arguments: ["--hours-per-day", "25"], status: 64, words: ["--hours-per-day"]),
        Entry(label: "simulate: a truth file naming an unknown stream", command: "simulate",
              files: ["streams.csv": nj, "truth.csv": "stream,value\nS9,1\n"], arguments: ["--truth", "TRUTH"], status: 65, words: ["S9"]),
        Entry(label: "advise: an improvement factor of 1", command: "advise", files: ["streams.csv": nj],
              arguments: ["--improvement-factor", "1"], status: 64, words: ["--improvement-factor"]),
        Entry(label: "advise: a new-meter uncertainty of 0", command: "advise", files: ["streams.csv": nj],
              arguments: ["--new-meter-uncertainty", "0"], status: 64, words: ["--new-meter-uncertainty"]),
    ]

    @Test("each class gives its exit status and names what is wrong", arguments: entries)
    func refused(_ entry: Entry) throws {
        let folder = try BalanceRunner.makeCase(entry.files)
        let arguments = entry.arguments.map { $0 == "TRUTH" ? folder.appendingPathComponent("truth.csv").path : $0 }
        let run = try BalanceRunner.run([entry.command, folder.path] + arguments)
        #expect(run.status == entry.status, "\(entry.label): status \(run.status): \(run.stderr)")
        for word in entry.words { #expect(run.stderr.contains(word), "\(entry.label): '\(word)' not in: \(run.stderr)") }
        #expect(run.stdout.isEmpty || entry.status == 0, "\(entry.label): a refused case printed a result")
    }

    @Test("with --lang zh every data error of the catalogue is explained in Chinese, with the same status", arguments: entries.filter { $0.status == 65 })
    func chinese(_ entry: Entry) throws {
        let folder = try BalanceRunner.makeCase(entry.files)
        let arguments = entry.arguments.map { $0 == "TRUTH" ? folder.appendingPathComponent("truth.csv").path : $0 }
        let run = try BalanceRunner.run([entry.command, folder.path] + arguments + ["--lang", "zh"])
        #expect(run.status == entry.status, "\(entry.label): status \(run.status): \(run.stderr)")
        let line = run.stderr.split(separator: "\n").first { $0.hasPrefix("balance: 错误：") }.map(String.init) ?? run.stderr
        #expect(Self.explainsInChinese(line), "\(entry.label): \(line)")
    }

    /// `true` when a Chinese character appears outside the quoted names (`'S1'`, `“S1”`) and the file locations of
    /// `line`: the reason itself is Chinese, not only the names it quotes.
    static func explainsInChinese(_ line: String) -> Bool {
        var inQuote: Character?
        for character in line.dropFirst("balance: 错误：".count) {
            if let open = inQuote {
                if (open == "'" && character == "'") || (open == "“" && character == "”") { inQuote = nil }
                continue
            }
            if character == "'" || character == "“" { inQuote = character; continue }
            if character.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) { return true }
        }
        return false
    }

    @Test("the catalogue with the loader's classes has at least 80 classes")
    func size() {
        #expect(Self.entries.count + 43 >= 80)
    }
}
