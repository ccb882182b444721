import RevenueCore

extension Orchestrator {
    /// Renders one template text (`{{booking_link}}`, a call's spoken reply) for `lead` with this campaign's
    /// client profile and signed links, and the variables that came out empty.
    public func renderText(_ text: String, lead: Lead, language: Language) -> (text: String, missing: [String]) {
        var missing: [String] = []
        let rendered = renderer.render(text, lead: lead, language: language, appointment: nil, missing: &missing)
        return (rendered, missing)
    }
}
