import BalanceCore
import CXlsxWriter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a ``Spreadsheet`` as an `.xlsx` workbook with libxlsxwriter (John McNamara; Debian's
/// `libxlsxwriter-dev`). The only file that imports `CXlsxWriter`.
///
/// Numbers are stored as numbers in Excel's General format, shown with up to 11 significant digits and stored with
/// 16 (libxlsxwriter's `%.16G`: within 5e-16 relative of the JSON's double; Excel itself computes with 15) — fractions
/// (``Spreadsheet/Sheet/percentColumns``, ``Spreadsheet/Sheet/percentRows``) in the percent format `0.00%`; the
/// header row is bold and frozen; columns are as wide as their longest entry (a CJK character
/// counts two), between 6 and 60 characters. The workbook is written in libxlsxwriter's constant-memory mode, row
/// by row.
///
/// libxlsxwriter is opened on the first workbook written (BalanceCore's `SharedLibrary`: `libxlsxwriter.so.<LXW_SOVERSION>` of
/// the installed header), not linked: a process that writes no workbook never loads it or its libcrypto.
///
/// - Complexity: O(cells) time; memory O(one row) besides the document.
public enum XLSXWriter {
    /// The functions used, looked up once in libxlsxwriter; their types are the installed header's
    /// (`Sources/CXlsxWriter/shim.h`).
    struct Functions: @unchecked Sendable {
        let newWorkbook: AB_workbook_new_opt_t
        let setProperties: AB_workbook_set_properties_t
        let addFormat: AB_workbook_add_format_t
        let setBold: AB_format_set_bold_t
        let setNumberFormat: AB_format_set_num_format_t
        let addWorksheet: AB_workbook_add_worksheet_t
        let setColumn: AB_worksheet_set_column_t
        let freezePanes: AB_worksheet_freeze_panes_t
        let writeString: AB_worksheet_write_string_t
        let writeNumber: AB_worksheet_write_number_t
        let writeBoolean: AB_worksheet_write_boolean_t
        let close: AB_workbook_close_t
        let errorText: AB_lxw_strerror_t

        private init(_ library: SharedLibrary) throws(SharedLibrary.LoadError) {
            newWorkbook = try library.function("workbook_new_opt", as: AB_workbook_new_opt_t.self)
            setProperties = try library.function("workbook_set_properties", as: AB_workbook_set_properties_t.self)
            addFormat = try library.function("workbook_add_format", as: AB_workbook_add_format_t.self)
            setBold = try library.function("format_set_bold", as: AB_format_set_bold_t.self)
            setNumberFormat = try library.function("format_set_num_format", as: AB_format_set_num_format_t.self)
            addWorksheet = try library.function("workbook_add_worksheet", as: AB_workbook_add_worksheet_t.self)
            setColumn = try library.function("worksheet_set_column", as: AB_worksheet_set_column_t.self)
            freezePanes = try library.function("worksheet_freeze_panes", as: AB_worksheet_freeze_panes_t.self)
            writeString = try library.function("worksheet_write_string", as: AB_worksheet_write_string_t.self)
            writeNumber = try library.function("worksheet_write_number", as: AB_worksheet_write_number_t.self)
            writeBoolean = try library.function("worksheet_write_boolean", as: AB_worksheet_write_boolean_t.self)
            close = try library.function("workbook_close", as: AB_workbook_close_t.self)
            errorText = try library.function("lxw_strerror", as: AB_lxw_strerror_t.self)
        }

        private static let loaded = SharedLibrary.routines(
            ["libxlsxwriter.so." + LXW_SOVERSION, "libxlsxwriter.so"], package: "libxlsxwriter-dev"
        ) { (library) throws(SharedLibrary.LoadError) in try Functions(library) }

        /// libxlsxwriter's text for a status.
        func message(_ status: lxw_error) -> String {
            errorText(status).map { String(cString: $0) } ?? "error \(status.rawValue)"
        }

        /// The functions, opening the library on the first call (thread-safe: a `static let`).
        static func library() throws(WriteError) -> Functions {
            switch loaded {
            case let .success(functions): return functions
            case let .failure(error): throw WriteError(message: "cannot write a workbook: \(error.reason)")
            }
        }
    }

    /// A workbook that could not be written, with libxlsxwriter's own message.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The creation date stored in the workbook (seconds since 1970): `SOURCE_DATE_EPOCH` when it is set to a positive
    /// integer (the reproducible-builds convention), else 1980-01-01T00:00:00Z (315,532,800) — never the time of the
    /// run, so that the same input gives the same bytes.
    static var creationDate: Int {
        if let text = getenv("SOURCE_DATE_EPOCH").map({ String(cString: $0) }), let epoch = Int(text), epoch > 0 {
            return epoch
        }
        return 315_532_800
    }

    /// Writes `spreadsheet` to the file `path` (created or replaced; the caller makes the write atomic).
    /// - Throws: ``WriteError`` for a sheet with more rows than Excel holds, a text longer than 32,767 characters,
    ///   or a file that cannot be written.
    public static func write(_ spreadsheet: Spreadsheet, to path: String) throws(WriteError) {
        for sheet in spreadsheet.sheets where sheet.rows.count + 1 > Spreadsheet.maximumRows {
            throw WriteError(message: "the sheet '\(sheet.name)' has \(sheet.rows.count) rows, more than the "
                + "\(Spreadsheet.maximumRows - 1) an Excel worksheet holds: write this result as CSV or JSON")
        }
        let api = try Functions.library()
        var options = lxw_workbook_options()
        options.constant_memory = 1
        options.use_zip64 = 1
        guard let workbook = api.newWorkbook(path, &options) else {
            throw WriteError(message: "cannot create the workbook \(path)")
        }
        // The same result gives the same bytes: the creation date is fixed (SOURCE_DATE_EPOCH when set, else the
        // 1980-01-01 that libxlsxwriter also gives the ZIP entries), never the clock's.
        var properties = lxw_doc_properties()
        properties.created = time_t(Self.creationDate)
        _ = api.setProperties(workbook, &properties)
        var failure: String?
        let bold = api.addFormat(workbook)
        api.setBold(bold)
        let general = api.addFormat(workbook)
        // Fractions (rates, closures, shares) in Excel's percent format: the number stays the fraction.
        let percent = api.addFormat(workbook)
        api.setNumberFormat(percent, "0.00%")
        for sheet in spreadsheet.sheets {
            guard let worksheet = api.addWorksheet(workbook, sheet.name) else {
                failure = "cannot add the sheet '\(sheet.name)'"
                break
            }
            // Column widths first: libxlsxwriter writes them before the rows.
            for (k, header) in sheet.columns.enumerated() {
                var width = displayWidth(header)
                for row in sheet.rows where k < row.count { width = max(width, displayWidth(row[k])) }
                _ = api.setColumn(worksheet, lxw_col_t(k), lxw_col_t(k), Double(min(60, max(6, width + 2))), nil)
            }
            api.freezePanes(worksheet, 1, 0)
            for (k, header) in sheet.columns.enumerated() {
                if let error = check(api, api.writeString(worksheet, 0, lxw_col_t(k), header, bold), sheet.name, 0, k) {
                    failure = error
                }
            }
            for (r, row) in sheet.rows.enumerated() where failure == nil {
                let line = lxw_row_t(r + 1)
                for (k, cell) in row.enumerated() {
                    let column = lxw_col_t(k)
                    let status: lxw_error
                    switch cell {
                    case let .number(x):
                        status = api.writeNumber(worksheet, line, column, x, sheet.isPercent(row: r, column: k) ? percent : general)
                    case let .text(s): status = api.writeString(worksheet, line, column, s, nil)
                    case let .bool(b): status = api.writeBoolean(worksheet, line, column, b ? 1 : 0, nil)
                    case .notDeterminable: status = api.writeString(worksheet, line, column, "—", nil)
                    case .empty: continue
                    }
                    if let error = check(api, status, sheet.name, r + 1, k) {
                        failure = error
                        break
                    }
                }
            }
            if failure != nil { break }
        }
        let closed = api.close(workbook)
        if let failure { throw WriteError(message: failure) }
        guard closed == LXW_NO_ERROR else {
            throw WriteError(message: "cannot write the workbook \(path): \(api.message(closed))")
        }
    }

    /// The bytes of the workbook, for writers that place them themselves (atomically, in a batch's folder, through
    /// the C interface). libxlsxwriter writes files only: the workbook goes through a private temporary file
    /// (`$TMPDIR`, else `/tmp`), removed before returning.
    /// - Throws: ``WriteError`` as ``write(_:to:)``, or when no temporary file can be made.
    public static func data(_ spreadsheet: Spreadsheet) throws(WriteError) -> [UInt8] {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/auditbalance-XXXXXX.xlsx").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 5) }
        guard descriptor >= 0 else {
            throw WriteError(message: "cannot make a temporary file in \(folder) for the workbook (\(String(cString: strerror(errno))))")
        }
        close(descriptor)
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        try write(spreadsheet, to: path)
        guard let bytes = BatchInputs.readAll(path) else {
            throw WriteError(message: "cannot read back the temporary workbook \(path)")
        }
        return bytes
    }

    /// `nil` for success, else a message naming the cell.
    private static func check(
        _ api: Functions, _ status: lxw_error, _ sheet: String, _ row: Int, _ column: Int
    ) -> String? {
        guard status != LXW_NO_ERROR else { return nil }
        return "cannot write \(sheet)!\(Workbook.columnName(column + 1))\(row + 1): \(api.message(status))"
    }

    /// Width in Excel's character units: CJK and other wide characters count two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.properties.isIdeographic || (0xFF00...0xFFEF).contains($1.value) || (0x3000...0x303F).contains($1.value) ? 2 : 1) }
    }

    static func displayWidth(_ cell: Spreadsheet.Cell) -> Int {
        switch cell {
        case let .number(x): return min(12, x.description.count)
        case let .text(s): return displayWidth(s)
        case .bool: return 5
        case .notDeterminable: return 1
        case .empty: return 0
        }
    }
}
