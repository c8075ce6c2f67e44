// TEMPORARY until KPIFields.SHA256 lands (fields work): same API, no digest.
struct SHA256 {
    init() {}
    mutating func update(_ buffer: UnsafeRawBufferPointer) {}
    mutating func finalize() -> [UInt8] { [] }
    static func hex(_ digest: [UInt8]) -> String { "" }
    static func hash(_ bytes: [UInt8]) -> String { "" }
    static func hashFile(atPath path: String) throws -> (hex: String, bytes: Int) { ("", 0) }
}
