import BalanceIO
import BalanceStandards
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Application {
    /// The report language when none is given (issue 13): the environment's locale when it names one
    /// (`LC_ALL`, else `LANG`: `zh_CN.UTF-8` → zh, `en_US.UTF-8` → en), else — `C`, `POSIX` or unset, as in
    /// containers and CI — zh for a case with Chinese headers (a CJK header, GB18030 bytes, or a workbook) and en
    /// otherwise.
    /// - Complexity: reads at most the first 4 KiB of the case's streams file.
    public static func preferredLanguage(forCase path: String) -> LabelLanguage {
        for name in ["LC_ALL", "LANG"] {
            guard let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty else { continue }
            let locale = value.lowercased()
            if locale == "c" || locale == "posix" || locale.hasPrefix("c.") { break }
            return locale.hasPrefix("zh") ? .zh : .en
        }
        return CaseFiles.hasChineseHeader(path) ? .zh : .en
    }
}
