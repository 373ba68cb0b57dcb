import BalanceCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads a file of true values for `balance simulate`: CSV with columns `stream` (or `id`, 流股, 编号)
/// and `value` (or 真值, 数值). Streams not listed get `nil` (the simulation then uses the reconciled values).
public enum TruthFile {
    public static func load(_ path: String, model: BalanceModel, encoding: TextEncoding = .automatic) throws(InputError) -> [Double?] {
        let csv = try CaseLoader.csv(try CaseLoader.read(path), file: path, encoding: encoding)
        guard let header = csv.first else { throw InputError(file: path, message: "the file is empty") }
        let names = header.map { Text.trim($0).lowercased() }
        guard let idColumn = names.firstIndex(where: { ["stream", "id", "流股", "编号"].contains($0) }),
              let valueColumn = names.firstIndex(where: { ["value", "true", "真值", "数值"].contains($0) }) else {
            throw InputError(file: path, line: header.line, message: "need a 'stream' and a 'value' column")
        }
        var values = [Double?](repeating: nil, count: model.streams.count)
        for record in csv.dropFirst() {
            let id = Text.trim(record.field(column: idColumn + 1) ?? "")
            let text = Text.trim(record.field(column: valueColumn + 1) ?? "")
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
