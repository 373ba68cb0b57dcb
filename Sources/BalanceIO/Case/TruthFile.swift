import BalanceCore
import Foundation

/// Reads a file of true values for `balance simulate`: CSV with columns `stream` (or `id`, 流股, 编号)
/// and `value` (or 真值, 数值). Streams not listed get `nil` (the simulation then uses the reconciled values).
public enum TruthFile {
    public static func load(_ path: String, model: BalanceModel, encoding: TextEncoding = .automatic) throws(InputError) -> [Double?] {
        let bytes = try CaseLoader.read(path)
        let decoded = try TextDecoder.decode(bytes, encoding: encoding, file: path)
        let csv: CSVTable
        do throws(CSVSyntaxError) {
            csv = try CSVParser.parse(decoded.bytes)
        } catch {
            throw InputError(file: path, line: error.line, column: error.field, message: error.message)
        }
        guard let header = csv.first else { throw InputError(file: path, message: "the file is empty") }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let idColumn = names.firstIndex(where: { ["stream", "id", "流股", "编号"].contains($0) }),
              let valueColumn = names.firstIndex(where: { ["value", "true", "真值", "数值"].contains($0) }) else {
            throw InputError(file: path, line: header.line, message: "need a 'stream' and a 'value' column")
        }
        var values = [Double?](repeating: nil, count: model.streams.count)
        for record in csv.dropFirst() {
            let id = (record.field(column: idColumn + 1) ?? "").trimmingCharacters(in: .whitespaces)
            let text = (record.field(column: valueColumn + 1) ?? "").trimmingCharacters(in: .whitespaces)
            if id.isEmpty && text.isEmpty { continue }
            guard let j = model.streamIndex[id] else {
                throw InputError(file: path, line: record.line, column: idColumn + 1, stream: id, message: "stream '\(id)' is not in the case")
            }
            guard let value = Double(text), value.isFinite else {
                throw InputError(file: path, line: record.line, column: valueColumn + 1, stream: id, message: "'\(text)' is not a number")
            }
            values[j] = value
        }
        return values
    }
}
