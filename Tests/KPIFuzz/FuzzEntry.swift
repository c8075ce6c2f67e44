import Foundation
import KPIFuzzHarness

// Built two ways. `make fuzz` builds it with `-sanitize=fuzzer` and `-D KPIREVIEW_FUZZ`: the
// executable's entry (SwiftPM names it `kpireview_fuzz_main`) hands over to libFuzzer's driver,
// which calls the entry point below; KPIREVIEW_FUZZ_TARGET picks the target. A plain build gives
// a replay tool: `kpireview-fuzz TARGET FILE…` runs each file once.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let target = ProcessInfo.processInfo.environment["KPIREVIEW_FUZZ_TARGET"] ?? "csv"
    FuzzHarness.run(target, Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> Int32 {
    FuzzHarness.prepare(ProcessInfo.processInfo.environment["KPIREVIEW_FUZZ_TARGET"] ?? "csv")
    return 0
}

#if KPIREVIEW_FUZZ
/// libFuzzer's driver (LLVM ≥ 11), for programs whose `main` is their own.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

@_cdecl("kpireview_fuzz_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector) { data, size in fuzzOneInput(data, size) }
}
#else
@main
struct Replay {
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        guard let target = args.first, FuzzHarness.targets.contains(target) else {
            print("usage: kpireview-fuzz \(FuzzHarness.targets.joined(separator: "|")) FILE…")
            exit(2)
        }
        for path in args.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { print("cannot read \(path)"); exit(1) }
            FuzzHarness.run(target, [UInt8](data))
        }
        print("\(args.count - 1) input(s) replayed through \(target)")
    }
}
#endif
