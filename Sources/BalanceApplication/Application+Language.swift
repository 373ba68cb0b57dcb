import BalanceIO
import BalanceStandards
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Application {
    /// The commands whose report language follows the locale or the case when none is chosen (the others keep zh,
    /// the language of the standards' tables).
    static let languageFollowsCase: Set<AuditCommand> = [.reconcile, .check, .simulate, .advise, .compare, .report]

    /// The report language when none is given (issue 13): the environment's locale when it names one
    /// (`LC_ALL`, else `LANG`: `zh_CN.UTF-8` → zh, `en_US.UTF-8` → en), else — `C`, `POSIX` or unset, as in
    /// containers and CI — zh for a case whose streams file has a Chinese header (a CJK header, GB18030 bytes, or a
    /// workbook sheet) and en otherwise.
    /// - Parameter file: the case's streams file as loaded (the first of `LoadedCase.files`).
    /// - Complexity: reads at most the first 4 KiB of that file.
    public static func preferredLanguage(forStreamsFile file: String?) -> LabelLanguage {
        preferredLanguage(chineseHeader: file.map(CaseFiles.hasChineseHeader) == true)
    }

    /// The same rule when the header's language is already known (the loader recorded it from the bytes it read).
    static func preferredLanguage(chineseHeader: Bool) -> LabelLanguage {
        localeLanguage() ?? (chineseHeader ? .zh : .en)
    }

    /// The language the environment's locale names (`LC_ALL`, else `LANG`: `zh_*` → zh, any other → en), or `nil`
    /// when it names none (`C`, `POSIX`, unset).
    static func localeLanguage() -> LabelLanguage? {
        for name in ["LC_ALL", "LANG"] {
            guard let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty else { continue }
            let locale = value.lowercased()
            if locale == "c" || locale == "posix" || locale.hasPrefix("c.") { return nil }
            return locale.hasPrefix("zh") ? .zh : .en
        }
        return nil
    }

    /// The language of an error message: the one chosen (`--lang`, the options' `"lang"`), else the environment's
    /// locale when it names one (`zh_*` → zh), else English — the case is not read for it (it may be what failed).
    /// Errors are written in English and printed through BalanceIO's `MessageCatalogue` (the entries it has; others in English).
    public static func errorLanguage(_ options: AuditOptions) -> LabelLanguage {
        options.languageChosen ? options.language : localeLanguage() ?? .en
    }

    /// `options` with the language decided for `command` on `loaded`, unless it was chosen — the one place every
    /// front end (CLI, batch, C, Python) gets the rule from.
    static func resolvingLanguage(_ options: AuditOptions, for command: AuditCommand, case loaded: LoadedCase) -> AuditOptions {
        guard !options.languageChosen, languageFollowsCase.contains(command) else { return options }
        var resolved = options
        resolved.language = loaded.streamsHeaderIsChinese.map { preferredLanguage(chineseHeader: $0) }
            ?? preferredLanguage(forStreamsFile: loaded.files.first)
        return resolved
    }
}

extension ApplicationError {
    /// The message in `language`: as written (English), or its Chinese form from BalanceIO's `MessageCatalogue` — the
    /// parts it has an entry for; the rest stays English. Every front end prints an error through this (the CLI after
    /// `错误：`, `ab_run`/`ab_run_files` and so Python in their error text), with ``Application/errorLanguage(_:)``.
    /// - Complexity: O(catalogue entries · length of the message).
    public func message(in language: LabelLanguage) -> String {
        language.isChinese ? MessageCatalogue.text(message, language: .zh) : message
    }
}
