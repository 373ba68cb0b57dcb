import BalanceIO
import Mustache

/// A Mustache template of the audit report (mustache.github.io/mustache.5.html): the report's prose, headings
/// and layout live in a template file, not in code, so that an audit office can edit its own (`--template FILE`).
/// The built-in templates are `Templates/report.html.mustache` and `Templates/report.md.mustache` of this module,
/// embedded at build time; the context is ``AuditReport/document`` (FORMATS.md §5.13), with `zh` true for a
/// Chinese report, so that one template holds both languages (`{{#zh}}水平衡{{/zh}}{{^zh}}Water balance{{/zh}}`).
///
/// Rendering is swift-mustache's (hummingbird-project, spec-compliant but for lambdas): `{{name}}` escapes HTML,
/// `{{{name}}}` does not (the SVG diagram). The Markdown template sets `{{% CONTENT_TYPE: TEXT }}`.
public struct ReportTemplate: Sendable {
    /// The built-in templates.
    public enum BuiltIn: String, Sendable, CaseIterable {
        /// HTML with the diagram as inline SVG, for a browser or for printing to PDF.
        case html
        /// Markdown, for a report drafted in a word processor (the diagram is left out).
        case markdown
    }

    /// A template that cannot be used: a file that cannot be read or is not UTF-8, or text that does not parse.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        /// The template's name (the file, or `built-in html`).
        public let template: String
        /// Line and column (1-based) of a parse error, `nil` for a file that cannot be read.
        public let line: Int?, column: Int?
        /// What went wrong.
        public let reason: String

        public var description: String {
            guard let line, let column else { return "\(template): \(reason)" }
            return "\(template):\(line):\(column): the Mustache template does not parse (\(reason))"
        }
    }

    private let template: MustacheTemplate

    /// The built-in template `kind`.
    public static func builtIn(_ kind: BuiltIn) -> ReportTemplate {
        let bytes = kind == .html ? PackageResources.report_html_mustache : PackageResources.report_md_mustache
        // The built-in templates parse: ReportTemplateTests renders both.
        guard let template = try? ReportTemplate(text: String(decoding: bytes, as: UTF8.self), name: "built-in \(kind.rawValue)") else {
            preconditionFailure("the built-in \(kind.rawValue) template does not parse")
        }
        return template
    }

    /// Parses `text` as a template named `name` (in errors).
    /// - Throws: ``LoadError`` with the line and column.
    /// - Complexity: O(length of the text).
    public init(text: String, name: String) throws(LoadError) {
        do {
            template = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            throw LoadError(template: name, line: error.context.lineNumber, column: error.context.columnNumber, reason: "\(error.error)")
        } catch {
            throw LoadError(template: name, line: 1, column: 1, reason: "\(error)")
        }
    }

    /// Reads and parses the template file at `path` (UTF-8; a byte order mark is skipped).
    /// - Throws: ``LoadError`` naming the file, and for a parse error its line and column.
    /// - Complexity: O(size of the file).
    public init(file path: String) throws(LoadError) {
        let bytes: [UInt8]
        do throws(InputError) {
            bytes = try CaseLoader.read(path)
        } catch {
            throw LoadError(template: path, line: nil, column: nil, reason: error.message)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        guard let text = String(validating: body, as: UTF8.self) else {
            throw LoadError(template: path, line: nil, column: nil, reason: "the template is not UTF-8 text")
        }
        try self.init(text: text, name: path)
    }

    /// The report written with this template.
    /// - Complexity: O(size of the template × size of the document's sections).
    public func render(_ report: AuditReport) -> String {
        template.render(report.document.mustacheContext)
    }
}
