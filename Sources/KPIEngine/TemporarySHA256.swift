// TEMPORARY until KPIFields.SHA256 lands (fields work): same API, no digest.
struct SHA256 {
    init() {}
    mutating func update(_ buffer: UnsafeRawBufferPointer) {}
    mutating func finalize() -> [UInt8] { [] }
    static func hex(_ digest: [UInt8]) -> String { "" }
}
