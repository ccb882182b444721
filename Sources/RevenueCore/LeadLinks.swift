/// Builds the per-lead URLs templates and headers carry (`{{unsubscribe_link}}`, `List-Unsubscribe`,
/// the default `{{booking_link}}`). The daemon signs them with a key every daemon shares; dry-runs use fixed bases.
public struct LeadLinks: Sendable {
    /// The one-click unsubscribe URL of a lead, or nil when none can be made.
    public var unsubscribe: @Sendable (OrgID, LeadID) -> String?
    /// The booking page of a lead when the client's profile names none, or nil.
    public var booking: @Sendable (OrgID, LeadID) -> String?

    public init(
        unsubscribe: @escaping @Sendable (OrgID, LeadID) -> String?, booking: @escaping @Sendable (OrgID, LeadID) -> String? = { _, _ in nil }
    ) {
        self.unsubscribe = unsubscribe
        self.booking = booking
    }

    /// No links: `{{unsubscribe_link}}` renders empty (and a touch that needs it is not sent).
    public static let none = LeadLinks(unsubscribe: { _, _ in nil })

    /// Fixed bases with `?lead=<id>` appended (dry-runs and demos; never signed).
    public static func fixed(unsubscribe: String) -> LeadLinks {
        LeadLinks(unsubscribe: { _, lead in unsubscribe + (unsubscribe.contains("?") ? "&" : "?") + "lead=" + lead.rawValue })
    }
}
