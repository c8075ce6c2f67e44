import KPIModel
/// How one product line of the synthetic company behaves: its orders, money, usage and the
/// ambition of its targets. The numbers are invented to tell a plausible story, not measured.
struct ProductLineProfile: Sendable {
    var id: String
    var name: String
    var group: LineGroup
    /// Other spellings the raw orders export uses for this line, each with its share of rows;
    /// the config maps them back through `aliases`.
    var rawSpellings: [(text: String, share: Double)]

    // Orders
    var orderShare: Double
    var orderGrowth: Double          // per year, compounding; negative for a declining line
    var seasonAmplitude: Double      // peak-to-mean swing over the year
    var seasonPeak: Double           // fraction of the year where demand peaks (0 = 1 January)
    var quarterEndPush: Double       // extra orders in a quarter's last ten days (sales pushes)
    var weekendLevel: Double         // weekend orders relative to a weekday
    var listPricesCents: [Int]
    var maxQuantity: Int
    var discountWeights: [Int]       // weights for 0%, 5%, 10%, … discounts

    // Revenue and cost
    var revenuePerDay: Double        // dollars per day at the first day
    var revenueGrowth: Double
    var grossMargin: Double          // at the first day
    var marginDriftPerYear: Double

    // Usage
    var activeUsers: Double
    var usersGrowth: Double
    var apiCallsPerUser: Double

    // Targets: target = plan basis × ambition (above 1 means the line will miss).
    var ambitionPreviousYear: Double
    var ambitionCurrentYear: Double
    var usersAmbition: Double

    var isEnterprise: Bool { group == .enterprise }
}

/// Enterprise lines are sold by a sales team; SMB lines are bought self-serve.
enum LineGroup: String, Sendable {
    case enterprise = "Enterprise"
    case smb = "SMB"
}

extension ProductLineProfile {
    /// Northwind Analytics: three Enterprise lines sold by a sales team (big, lumpy, quarter-end
    /// pushes, weekday orders) and three SMB lines bought self-serve (small, steady, weekends too).
    static let northwind: [ProductLineProfile] = [
        ProductLineProfile(
            id: "cloud", name: "Cloud Platform", group: .enterprise,
            rawSpellings: [("CLOUD", 0.08), ("Cloud Platform", 0.06)],
            orderShare: 0.15, orderGrowth: 0.32, seasonAmplitude: 0.08, seasonPeak: 0.88,
            quarterEndPush: 0.6, weekendLevel: 0.2,
            listPricesCents: [120_000, 240_000, 480_000, 960_000], maxQuantity: 12,
            discountWeights: [30, 15, 20, 15, 10, 6, 4],
            revenuePerDay: 26_000, revenueGrowth: 0.30, grossMargin: 0.57, marginDriftPerYear: 0.01,
            activeUsers: 3_800, usersGrowth: 0.28, apiCallsPerUser: 1_400,
            ambitionPreviousYear: 0.97, ambitionCurrentYear: 0.90, usersAmbition: 0.95),
        ProductLineProfile(
            id: "security", name: "Security Suite", group: .enterprise,
            rawSpellings: [("Security Suite", 0.10)],
            orderShare: 0.10, orderGrowth: 0.18, seasonAmplitude: 0.12, seasonPeak: 0.95,
            quarterEndPush: 0.8, weekendLevel: 0.15,
            listPricesCents: [180_000, 360_000, 600_000], maxQuantity: 10,
            discountWeights: [25, 15, 20, 20, 10, 6, 4],
            revenuePerDay: 15_000, revenueGrowth: 0.16, grossMargin: 0.71, marginDriftPerYear: 0,
            activeUsers: 2_100, usersGrowth: 0.15, apiCallsPerUser: 600,
            ambitionPreviousYear: 1.02, ambitionCurrentYear: 1.16, usersAmbition: 1.03),
        ProductLineProfile(
            id: "data", name: "Data Warehouse", group: .enterprise,
            rawSpellings: [("Data Warehouse", 0.07), ("DWH", 0.03)],
            orderShare: 0.08, orderGrowth: 0.08, seasonAmplitude: 0.06, seasonPeak: 0.80,
            quarterEndPush: 0.5, weekendLevel: 0.25,
            listPricesCents: [250_000, 450_000, 850_000], maxQuantity: 8,
            discountWeights: [35, 15, 20, 15, 10, 5, 0],
            revenuePerDay: 17_000, revenueGrowth: 0.07, grossMargin: 0.58, marginDriftPerYear: 0,
            activeUsers: 1_500, usersGrowth: 0.06, apiCallsPerUser: 2_500,
            ambitionPreviousYear: 0.98, ambitionCurrentYear: 1.05, usersAmbition: 0.98),
        ProductLineProfile(
            id: "crm", name: "CRM Starter", group: .smb,
            rawSpellings: [("CRM", 0.12)],
            orderShare: 0.24, orderGrowth: 0.14, seasonAmplitude: 0.10, seasonPeak: 0.20,
            quarterEndPush: 0, weekendLevel: 0.55,
            listPricesCents: [24_000, 48_000, 96_000], maxQuantity: 10,
            discountWeights: [60, 20, 12, 5, 3, 0, 0],
            revenuePerDay: 9_000, revenueGrowth: 0.12, grossMargin: 0.68, marginDriftPerYear: 0,
            activeUsers: 14_000, usersGrowth: 0.12, apiCallsPerUser: 90,
            ambitionPreviousYear: 1.00, ambitionCurrentYear: 0.96, usersAmbition: 0.97),
        ProductLineProfile(
            id: "payments", name: "Payments", group: .smb,
            rawSpellings: [("PAYMENTS", 0.09)],
            orderShare: 0.20, orderGrowth: 0.42, seasonAmplitude: 0.15, seasonPeak: 0.92,
            quarterEndPush: 0, weekendLevel: 0.8,
            listPricesCents: [18_000, 36_000, 120_000], maxQuantity: 8,
            discountWeights: [55, 25, 12, 5, 3, 0, 0],
            revenuePerDay: 7_000, revenueGrowth: 0.40, grossMargin: 0.56, marginDriftPerYear: -0.01,
            activeUsers: 8_000, usersGrowth: 0.45, apiCallsPerUser: 350,
            ambitionPreviousYear: 1.05, ambitionCurrentYear: 1.22, usersAmbition: 1.12),
        ProductLineProfile(
            id: "mobile", name: "Mobile SDK", group: .smb,
            rawSpellings: [("Mobile SDK", 0.05)],
            orderShare: 0.23, orderGrowth: -0.16, seasonAmplitude: 0.05, seasonPeak: 0.60,
            quarterEndPush: 0, weekendLevel: 0.7,
            listPricesCents: [9_900, 29_900, 79_900], maxQuantity: 6,
            discountWeights: [50, 25, 15, 10, 0, 0, 0],
            revenuePerDay: 9_500, revenueGrowth: -0.10, grossMargin: 0.66, marginDriftPerYear: 0,
            activeUsers: 52_000, usersGrowth: -0.12, apiCallsPerUser: 60,
            ambitionPreviousYear: 1.08, ambitionCurrentYear: 0.93, usersAmbition: 1.15),
    ]
}
