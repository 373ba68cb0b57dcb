import AuditBalance
import FuzzSupport

/// libFuzzer entry: any bytes through the text decoder and the CSV parser, and the header matching of
/// streams.csv. Every input must end in a value or a typed error — never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? CSVParser.parse(bytes)
    _ = try? CaseLoader.load(streams: CSVInput(name: "streams.csv", bytes: bytes))
    return 0
}

/// The executable's entry point (SwiftPM names it after the module): hands over to libFuzzer.
@_cdecl("fuzz_csv_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzSupport.run(argc, argv) { data, size in fuzzCSV(data, size) }
}
