/// A violation of RFC 4180 found by ``CSVParser``, with the position the user has to fix.
///
/// Positions are 1-based: ``line`` is the physical line (newlines inside quoted fields count),
/// ``field`` the field index within the record (the spreadsheet column), ``character`` the
/// character (Unicode scalar) position within the physical line, ``byteOffset`` the 0-based offset
/// into the parsed bytes (after a UTF-8 byte order mark, which is not counted).
public struct CSVSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Sendable, Hashable {
        /// A quoted field is never closed; the position is that of the opening quote.
        case unterminatedQuote
        /// A closing quote is followed by something other than a comma, a line end or the end of the
        /// input (`"abc"x`); the position is that of the unexpected character, which is given.
        case characterAfterClosingQuote(Unicode.Scalar)
        /// A quote follows spaces at the start of a field (`a, "b,c"`): RFC 4180 reads the quote
        /// literally, which silently splits the intended field at its comma, so this is refused.
        case quoteAfterWhitespace
    }

    /// What is wrong.
    public var kind: Kind
    /// 1-based physical line.
    public var line: Int
    /// 1-based field index within the record.
    public var field: Int
    /// 1-based character position within the physical line.
    public var character: Int
    /// 0-based byte offset in the parsed input.
    public var byteOffset: Int

    public init(_ kind: Kind, line: Int, field: Int, character: Int, byteOffset: Int) {
        self.kind = kind
        self.line = line
        self.field = field
        self.character = character
        self.byteOffset = byteOffset
    }

    /// The explanation without the position prefix; it still names the line where that helps.
    public var message: String {
        switch kind {
        case .unterminatedQuote:
            return "unterminated quoted field: the quote opened on line \(line) (field \(field), character "
                + "\(character)) is never closed; add the closing quote, and write a quote inside a quoted field as \"\""
        case let .characterAfterClosingQuote(scalar):
            let shown = scalar.properties.isWhitespace || scalar.value < 0x20
                ? "U+\(String(scalar.value, radix: 16, uppercase: true))" : String(scalar)
            return "unexpected '\(shown)' after the closing quote of field \(field) on line \(line), character "
                + "\(character): a quoted field must be followed by a comma or the end of the line; "
                + "write a quote inside a quoted field as \"\""
        case .quoteAfterWhitespace:
            return "field \(field) on line \(line) has spaces before its opening quote (character \(character)): "
                + "remove the spaces after the comma, or the quoted text would be split at its commas"
        }
    }

    /// `line:field: message`.
    public var description: String { "\(line):\(field): \(message)" }
}
