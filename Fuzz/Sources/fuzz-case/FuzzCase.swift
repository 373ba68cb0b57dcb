import AuditBalance
import FuzzSupport

/// libFuzzer entry: the bytes are a case's files separated by NUL bytes, loaded from memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCase(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    _ = FuzzSupport.loadCase(data, size)
    return 0
}

/// The executable's entry point (SwiftPM names it after the module): hands over to libFuzzer.
@_cdecl("fuzz_case_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzSupport.run(argc, argv) { data, size in fuzzCase(data, size) }
}
