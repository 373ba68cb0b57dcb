import AuditBalance
import FuzzSupport

/// libFuzzer entry: any bytes as an `.xlsx` workbook — the ZIP reader (minizip, inflate, CRC), the SpreadsheetML
/// scanner, the cell conversion and the case loading. Every input must end in a value or a typed error, never a
/// trap. The seed corpus (Fuzz/Corpus/workbook) is the test fixtures, good and refused.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbook(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? CaseLoader.load(workbook: bytes, name: "fuzz.xlsx")
    return 0
}

/// The executable's entry point (SwiftPM names it after the module): hands over to libFuzzer.
@_cdecl("fuzz_workbook_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzSupport.run(argc, argv) { data, size in fuzzWorkbook(data, size) }
}
