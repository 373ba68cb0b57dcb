/// A pull scanner for the XML parts of an `.xlsx` workbook (SpreadsheetML, ECMA-376 Part 1 §18): start tags with
/// their attributes, end tags and character data, with the five predefined entities and character references
/// decoded.
///
/// Why not a library: the XML parsers at hand (libxml2, Foundation's `XMLParser`) bring ICU into the process,
/// which issue 12 removed from start-up; SpreadsheetML needs none of what they add (DTDs, validation, namespaces
/// beyond a prefix). What it does not handle it refuses: a `<!DOCTYPE` (entity expansion is how XML bombs work),
/// an unknown entity, a tag that does not end.
///
/// Names are reported without their namespace prefix (`x:row` → `row`), as workbooks written by other tools
/// prefix the SpreadsheetML namespace.
///
/// - Complexity: O(n) over the n bytes of the part; each event allocates its strings.
struct XMLScanner {
    /// One step through the document.
    enum Event: Equatable {
        /// `<name a="v" …>`; `empty` for `<name …/>`, which has no matching ``end(_:)``.
        case start(String, attributes: [String: String], empty: Bool)
        case end(String)
        /// Character data between tags (entities decoded; may be white space only).
        case text(String)
    }

    /// Malformed XML, with the byte offset where it was found.
    struct Failure: Error {
        var offset: Int
        var message: String
    }

    private let bytes: [UInt8]
    private(set) var offset = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
    }

    /// The next event, or `nil` at the end of the document.
    /// - Throws: ``Failure`` for XML this scanner does not accept.
    mutating func next() throws(Failure) -> Event? {
        while offset < bytes.count {
            if bytes[offset] != UInt8(ascii: "<") {
                let start = offset
                while offset < bytes.count && bytes[offset] != UInt8(ascii: "<") { offset += 1 }
                return .text(try Self.decode(bytes[start..<offset], at: start))
            }
            if matches("<?") {
                try skip(past: "?>")
                continue
            }
            if matches("<!--") {
                try skip(past: "-->")
                continue
            }
            if matches("<![CDATA[") {
                let start = offset + 9
                try skip(past: "]]>")
                return .text(String(decoding: bytes[start..<(offset - 3)], as: UTF8.self))
            }
            if matches("<!") {
                throw Failure(offset: offset, message: "a document type declaration (<!DOCTYPE …>) is not accepted")
            }
            if matches("</") {
                offset += 2
                let name = readName()
                skipSpace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: ">") else {
                    throw Failure(offset: offset, message: "an end tag </\(name) does not end with '>'")
                }
                offset += 1
                return .end(Self.localName(name))
            }
            return try startTag()
        }
        return nil
    }

    /// Skips to the end of the element whose start tag was just read (not empty), nested elements included.
    mutating func skipElement() throws(Failure) {
        var depth = 1
        while depth > 0, let event = try next() {
            switch event {
            case .start(_, _, let empty): if !empty { depth += 1 }
            case .end: depth -= 1
            case .text: break
            }
        }
    }

    /// The character data up to the end tag of the element whose start tag was just read (nested elements' text
    /// included, e.g. the runs of a rich-text string), and consumes that end tag. `skipping` names child elements
    /// whose text does not count (the phonetic runs `rPh` of a shared string).
    mutating func text(skipping: Set<String> = []) throws(Failure) -> String {
        var result = ""
        var depth = 1
        while depth > 0, let event = try next() {
            switch event {
            case let .start(name, _, empty):
                if skipping.contains(name) { if !empty { try skipElement() } } else if !empty { depth += 1 }
            case .end: depth -= 1
            case let .text(text): result += text
            }
        }
        return result
    }

    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { literal in
            for k in 0..<count where bytes[offset + k] != literal[k] { return false }
            return true
        }
    }

    private mutating func skip(past literal: StaticString) throws(Failure) {
        let start = offset
        while offset < bytes.count {
            if matches(literal) {
                offset += literal.utf8CodeUnitCount
                return
            }
            offset += 1
        }
        throw Failure(offset: start, message: "unterminated markup (no '\(literal)')")
    }

    private mutating func skipSpace() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
    }

    private mutating func readName() -> String {
        let start = offset
        while offset < bytes.count {
            let b = bytes[offset]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ">") || b == 0x2F /* slash */
                || b == UInt8(ascii: "=") { break }
            offset += 1
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private mutating func startTag() throws(Failure) -> Event {
        let tagStart = offset
        offset += 1
        let name = readName()
        guard !name.isEmpty else { throw Failure(offset: tagStart, message: "a '<' that starts no tag") }
        var attributes: [String: String] = [:]
        while true {
            skipSpace()
            guard offset < bytes.count else { throw Failure(offset: tagStart, message: "the tag <\(name) does not end") }
            if bytes[offset] == UInt8(ascii: ">") {
                offset += 1
                return .start(Self.localName(name), attributes: attributes, empty: false)
            }
            if matches("/>") {
                offset += 2
                return .start(Self.localName(name), attributes: attributes, empty: true)
            }
            let attribute = readName()
            skipSpace()
            guard !attribute.isEmpty, offset < bytes.count, bytes[offset] == UInt8(ascii: "=") else {
                throw Failure(offset: offset, message: "an attribute of <\(name)> has no value")
            }
            offset += 1
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") || bytes[offset] == UInt8(ascii: "'") else {
                throw Failure(offset: offset, message: "the value of \(attribute) in <\(name)> is not quoted")
            }
            let quote = bytes[offset]
            offset += 1
            let start = offset
            while offset < bytes.count && bytes[offset] != quote { offset += 1 }
            guard offset < bytes.count else { throw Failure(offset: start, message: "unterminated attribute value") }
            attributes[Self.localName(attribute)] = try Self.decode(bytes[start..<offset], at: start)
            offset += 1
        }
    }

    /// `x:row` → `row`.
    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// Character data with `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` and `&#…;` / `&#x…;` decoded.
    static func decode(_ slice: ArraySlice<UInt8>, at start: Int) throws(Failure) -> String {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var i = slice.startIndex
        while i < slice.endIndex {
            let b = slice[i]
            guard b == UInt8(ascii: "&") else { out.append(b); i += 1; continue }
            guard let semicolon = slice[i...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                throw Failure(offset: start + (i - slice.startIndex), message: "an '&' that starts no entity")
            }
            let entity = String(decoding: slice[(i + 1)..<semicolon], as: UTF8.self)
            let scalar: Unicode.Scalar?
            switch entity {
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "amp": scalar = "&"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                } else {
                    scalar = nil
                }
            }
            guard let scalar else {
                throw Failure(offset: start + (i - slice.startIndex), message: "unknown entity '&\(entity);'")
            }
            out.append(contentsOf: String(Character(scalar)).utf8)
            i = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
