#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a case is written in Chinese, for the default report language (issue 13).
extension CaseFiles {
    /// `true` when the header of the case's streams file holds a CJK ideograph (`编号,来源,…`), when it is not
    /// UTF-8 (GB18030, which Chinese Excel writes), or when the case is an `.xlsx` workbook (auditors' workbooks;
    /// reading it whole only to choose a language would double the work). `false` when it cannot be read (the
    /// loading then reports why) or is not a regular file: a pipe such as `/dev/stdin` can be read only once, by
    /// the loader.
    /// - Complexity: reads at most the first 4 KiB of one file.
    package static func hasChineseHeader(_ path: String) -> Bool {
        guard let files = try? find(path) else { return false }
        if files.workbook != nil { return true }
        var status = stat()
        guard stat(files.streams, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
              let file = fopen(files.streams, "rb") else { return false }
        defer { fclose(file) }
        var header = [UInt8](repeating: 0, count: 4096)
        header.removeSubrange(fread(&header, 1, header.count, file)...)
        if let newline = header.firstIndex(of: 0x0A) { header = Array(header[..<newline]) }
        guard let text = String(validating: header, as: UTF8.self) else { return true }
        return text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }
}
