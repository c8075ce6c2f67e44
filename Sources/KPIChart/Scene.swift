/// What a renderer draws: shapes in logical pixels (the SVG's user units; the PNG scales them by
/// its density). Laid out once by `ChartLayout`, so the SVG and the PNG show the same picture.
public struct Scene: Sendable, Hashable {
    public var width: Double
    public var height: Double
    /// For `<title>` and `<desc>`.
    public var title: String
    public var description: String
    public var shapes: [Shape]

    public init(width: Double, height: Double, title: String, description: String, shapes: [Shape]) {
        self.width = width; self.height = height; self.title = title; self.description = description; self.shapes = shapes
    }
}

public struct Point: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}

/// An sRGB colour.
public struct Color: Sendable, Hashable {
    public var r: UInt8, g: UInt8, b: UInt8
    public init(_ hex: UInt32) {
        r = UInt8((hex >> 16) & 0xFF); g = UInt8((hex >> 8) & 0xFF); b = UInt8(hex & 0xFF)
    }
    /// `#1f4e79`.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        return "#" + String([r, g, b].flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }
}

public struct Stroke: Sendable, Hashable {
    public var color: Color
    public var width: Double
    /// Dash and gap lengths; empty for a solid line.
    public var dash: [Double]
    public init(_ color: Color, width: Double, dash: [Double] = []) { self.color = color; self.width = width; self.dash = dash }
}

public enum TextAnchor: String, Sendable, Hashable {
    case start, middle, end
}

public enum Shape: Sendable, Hashable {
    case line(Point, Point, Stroke)
    /// An open path through the points.
    case polyline([Point], Stroke)
    case rect(x: Double, y: Double, width: Double, height: Double, fill: Color?, stroke: Stroke?)
    case circle(center: Point, radius: Double, fill: Color?, stroke: Stroke?)
    /// A closed path (the target's diamond).
    case polygon([Point], fill: Color?, stroke: Stroke?)
    /// Text whose baseline starts, centres or ends at `at`.
    case text(String, at: Point, size: Double, anchor: TextAnchor, color: Color)
}

/// The chart's colours: dark blue for this year, a light blue-grey for last year, orange targets,
/// purple events; greys for axes. Chosen to stay apart for the common colour-vision deficiencies
/// (blue against orange) and to print on a grey-scale printer (dark solid, light dashed, hollow markers).
public enum Palette {
    public static let background = Color(0xFFFFFF)
    public static let thisYear = Color(0x1F4E79)
    public static let lastYear = Color(0x8DA9C8)
    public static let target = Color(0xC8590C)
    public static let event = Color(0x6B4C9A)
    public static let grid = Color(0xE3E6EA)
    public static let zero = Color(0x8A8F96)
    public static let axisText = Color(0x555B62)
    public static let title = Color(0x1B1F24)
    public static let empty = Color(0x8A8F96)
}
