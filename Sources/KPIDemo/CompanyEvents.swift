/// The demo company's events file (SPEC 6.7): what happened, so the trends can say why they moved.
/// Fixed text, the same for every seed; one event falls after the demo's as-of and is left out.
enum CompanyEvents {
    static let csv = """
        date,kpi,product_line,text
        2026-05-12,,,Spring price update on every plan
        2026-08-03,bookings,SMB,Summer promotion for SMB plans (three weeks)
        2026-10-06,,cloud,Cloud Platform opens its eu-north region
        2026-10-27,revenue,,"Billing migration: two days of invoices posted late"
        2026-11-10,bookings,cloud,Enterprise sales kick-off
        2026-11-12,active_users,mobile,Mobile SDK 4.0 released
        2026-11-16,,,Black Friday campaign starts

        """
}
