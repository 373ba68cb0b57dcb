#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a case is written in Chinese, for the default report language (issue 13).
extension CaseFiles {
    /// `true` when the header of the streams file `file` holds a CJK ideograph (`编号,来源,…`), when it is not
    /// UTF-8 (GB18030, which Chinese Excel writes), or when it is a sheet of an `.xlsx` workbook (`book.xlsx[流股]`:
    /// auditors' workbooks). `false` when it cannot be read or is not a regular file (a pipe such as `/dev/stdin` has
    /// been read once already, by the loader, which records the answer from the bytes it read:
    /// `LoadedCase.streamsHeaderIsChinese`).
    /// - Complexity: reads at most the first 4 KiB of the file.
    package static func hasChineseHeader(_ file: String) -> Bool {
        if InputError.workbookSheet(file) != nil || isWorkbook(file) { return true }
        var status = stat()
        guard stat(file, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, let handle = fopen(file, "rb") else {
            return false
        }
        defer { fclose(handle) }
        var header = [UInt8](repeating: 0, count: headerBytes)
        header.removeSubrange(fread(&header, 1, header.count, handle)...)
        return hasChineseHeader(bytes: header)
    }

    /// The rule of ``hasChineseHeader(_:)`` applied to the bytes of a streams file: its first line, within the
    /// first 4 KiB, holds a CJK ideograph or is not UTF-8.
    /// - Complexity: O(1): at most 4 KiB are looked at.
    package static func hasChineseHeader(bytes: [UInt8]) -> Bool {
        var header = bytes.prefix(headerBytes)
        if let newline = header.firstIndex(of: 0x0A) { header = header[..<newline] }
        guard let text = String(validating: header, as: UTF8.self) else { return true }
        return text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }

    /// How much of a streams file is looked at for its header's language.
    private static let headerBytes = 4096
}
