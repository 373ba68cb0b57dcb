import BalanceIO
import BalanceReport

extension AuditOutcome {
    /// The audit report in `format`: HTML or Markdown from the template (the user's, else the built-in one of the
    /// format; `table` is the Markdown), PDF as the HTML printed by headless Chromium, JSON the document.
    /// - Throws: usage (64) for csv and xlsx; output (1) when PDF is asked for and Chromium is missing or fails.
    func renderReport(_ report: AuditReport, template: ReportTemplate?, format: ReportFormat) throws(ApplicationError) -> [UInt8] {
        var bytes: [UInt8]
        switch format {
        case .json:
            return renderJSON()
        case .html:
            bytes = Array((template ?? .builtIn(.html)).render(report).utf8)
        case .markdown, .table:
            bytes = Array((template ?? .builtIn(.markdown)).render(report).utf8)
        case .pdf:
            let html = (template ?? .builtIn(.html)).render(report)
            do throws(HeadlessChromium.PrintError) {
                return try HeadlessChromium.pdf(html: html)
            } catch {
                throw ApplicationError(.output, error.description)
            }
        case .csv, .xlsx:
            throw ApplicationError(.usage, "`balance report` writes html, pdf, markdown or json, not \(format.rawValue) "
                + "(the tables are in `balance \(options.comparedBalance ?? "reconcile") --format \(format.rawValue)`)")
        }
        if bytes.last != 0x0A { bytes.append(0x0A) }
        return bytes
    }
}
