import Engine
import Foundation
import RevenueCore
import Testing

@Suite("Templates and scoring")
struct TemplateRendererTests {
    @Test func rendersTheClosedVariableSet() {
        let r = TemplateRenderer(client: Fixture.client, offer: DemoPlaybook.offer, links: DemoPlaybook.links)
        let lead = Fixture.lead()
        #expect(r.render("{{lead.first_name}} {{ lead.last_name }} · {{client.name}} · {{agent.name}}", lead: lead, language: .es)
                == "Ana López · Clínica Dental Sonrisa · Ana")
        #expect(r.render("{{booking_link}}", lead: lead, language: .es) == "https://example.com/book?lead=L1")
        #expect(r.render("{{nope}}!", lead: lead, language: .es) == "!")
        var nameless = lead
        nameless.firstName = nil
        #expect(r.render("{{lead.first_name}}", lead: nameless, language: .es) == "López")
    }

    @Test func appointmentTimesInTheLeadsZoneAndLanguage() {
        let r = TemplateRenderer(client: Fixture.client, offer: DemoPlaybook.offer, links: DemoPlaybook.links)
        let zone = ZoneRules(identifier: "America/Phoenix")!
        let start = Fixture.utc(2026, 12, 4, 15, 30, zone: "America/Phoenix")
        let ctx = TemplateRenderer.AppointmentContext(startsAt: start, zone: zone)
        #expect(r.render("{{appointment.starts_at_local}}", lead: Fixture.lead(), language: .es, appointment: ctx) == "viernes 4 de diciembre a las 15:30")
        #expect(r.render("{{appointment.starts_at_local}}", lead: Fixture.lead(), language: .en, appointment: ctx) == "Friday, December 4 at 3:30 PM")
        #expect(LocalTimeFormatter.isoLocal(start, zone: zone) == "2026-12-04T15:30:00-07:00")
        #expect(LocalTimeFormatter.isoUTC(start) == "2026-12-04T22:30:00Z")
    }

    @Test func scorePartsAreVisibleAndOrdered() {
        let book = DemoPlaybook.make()
        let full = Fixture.lead()
        let reachFull = CadencePlan.reach(of: full, allowed: Channel.allCases)
        let now = Fixture.seconds(Fixture.start)
        let a = Scoring.score(lead: full, playbook: book, reach: reachFull, behaviour: LeadBehaviour(), now: now)
        #expect(a.fit == 10 + 15 + 15 && a.recency == 15 && a.behaviour == 0)
        let landline = Fixture.lead(email: nil, landline: true)
        let b = Scoring.score(lead: landline, playbook: book, reach: CadencePlan.reach(of: landline, allowed: Channel.allCases), behaviour: LeadBehaviour(), now: now)
        #expect(b.fit == 10 + 10 + 3)
        let engaged = Scoring.score(lead: full, playbook: book, reach: reachFull, behaviour: LeadBehaviour(answered: true, replied: true, opened: true), now: now)
        #expect(engaged.behaviour == 30 && engaged > a && a > b)
    }
}
