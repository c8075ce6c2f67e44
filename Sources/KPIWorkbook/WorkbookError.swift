import CXlsxWriter

/// A libxlsxwriter failure, named by the call that failed and the library's own message.
public struct WorkbookError: Error, Sendable, CustomStringConvertible {
    /// The libxlsxwriter call (or writer step) that failed, e.g. `worksheet_add_table(Data)`.
    public var operation: String
    /// The raw `lxw_error` code; nil when the failure is not a libxlsxwriter return code.
    public var code: Int?
    /// `lxw_strerror(code)`, or the writer's own explanation.
    public var message: String

    public init(operation: String, code: Int?, message: String) {
        self.operation = operation; self.code = code; self.message = message
    }

    init(operation: String, error: lxw_error) {
        self.operation = operation
        self.code = Int(error.rawValue)
        self.message = lxw_strerror(error).map { String(cString: $0) } ?? "libxlsxwriter error \(error.rawValue)"
    }

    public var description: String { "xlsx: \(operation): \(message)" }
}
