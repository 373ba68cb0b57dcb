/// The character encoding of an input file.
///
/// Excel on Chinese Windows saves "CSV (comma delimited)" in GB18030/GBK (code page 936) and
/// "CSV UTF-8" in UTF-8 with a byte order mark; both must load without the user knowing which.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    /// UTF-8 when the bytes are valid UTF-8 (with or without byte order mark), else GB18030.
    case automatic
    /// UTF-8; invalid bytes are an error.
    case utf8
    /// GB18030, a superset of GBK and GB2312; invalid bytes are an error.
    case gb18030

    /// Parses a user-given name, case-insensitively: `auto`/`automatic`, `utf8`/`utf-8`,
    /// `gb18030`/`gbk`/`gb2312`/`cp936` (GB18030 decodes all of them). `nil` for anything else.
    public init?(name: String) {
        switch name.lowercased().filter({ $0 != "-" && $0 != "_" && $0 != " " }) {
        case "auto", "automatic": self = .automatic
        case "utf8": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
        default: return nil
        }
    }
}
