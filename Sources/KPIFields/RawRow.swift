/// Where one field lies in a row's byte buffer.
public struct FieldSpan: Sendable {
    public var start: Int32
    public var length: Int32
    @inlinable public init(start: Int32, length: Int32) { self.start = start; self.length = length }
}

/// A borrowed view of one CSV record: the fields' unescaped bytes, valid only inside the importer's callback.
/// No `String` is made per field on the hot path.
public struct RawRow {
    public var bytes: UnsafePointer<UInt8>
    public var spans: UnsafePointer<FieldSpan>
    public var count: Int

    @inlinable public init(bytes: UnsafePointer<UInt8>, spans: UnsafePointer<FieldSpan>, count: Int) {
        self.bytes = bytes; self.spans = spans; self.count = count
    }

    /// The field's bytes; empty for a column index past the row's end.
    @inlinable public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        guard i < count else { return UnsafeBufferPointer(start: bytes, count: 0) }
        let s = spans[i]
        return UnsafeBufferPointer(start: bytes + Int(s.start), count: Int(s.length))
    }
}

/// How a source writes its numbers (SPEC 3, 4.2).
public struct NumberFormat: Sendable, Hashable {
    /// `.` or `,`
    public var decimal: UInt8
    /// 0 for none, else `,` `.` or space
    public var thousands: UInt8
    /// A trailing `%` divides by 100 (the targets file only).
    public var allowPercent: Bool

    public init(decimal: UInt8 = UInt8(ascii: "."), thousands: UInt8 = UInt8(ascii: ","), allowPercent: Bool = false) {
        self.decimal = decimal; self.thousands = thousands; self.allowPercent = allowPercent
    }
    public static let standard = NumberFormat()
}
