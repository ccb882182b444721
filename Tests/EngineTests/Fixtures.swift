import Engine
import Foundation
import RevenueCore

/// Builds small compiled playbooks and leads for engine tests (the compiler is not involved).
enum Fixture {
    static let start = Date(timeIntervalSince1970: 1_796_130_000)  // 2026-12-01T13:00:00Z, a Tuesday
    static let client = DemoPlaybook.client

    /// A cadence of `channels` (one step each) with `wait` between steps, reminders 24h/1h/10m on SMS.
    static func playbook(channels: [Channel], wait: Wait = .seconds(3600), fallbacks: [Channel] = [],
                         window: SendWindow = SendWindow(days: Weekday.allCases, startMinute: 8 * 60, endMinute: 21 * 60),
                         caps: LeadCaps = LeadCaps(touchesPerDay: 20, callsPerDay: 20), exitOn: [ExitCondition] = [.replied, .booked, .optedOut]) -> CompiledPlaybook {
        func content(_ name: String) -> [MessageVariant] {
            Channel.allCases.flatMap { ch in
                Language.allCases.map { lang in
                    MessageVariant(channel: ch, language: lang, template: MessageTemplate(
                        body: lang == .es ? "Hola {{lead.first_name}} \(name)" : "Hi {{lead.first_name}} \(name)",
                        subject: ch == .email ? "{{client.name}}" : nil))
                }
            }
        }
        var steps: [CompiledStep] = channels.enumerated().map { i, ch in
            CompiledStep(id: StepID.cadence(index: i), name: "s\(i + 1)", kind: .cadence, channel: ch, wait: i == 0 ? .none : wait,
                         transitions: [], otherwise: i + 1 < channels.count ? .step(StepID.cadence(index: i + 1)) : .end,
                         fallbacks: fallbacks.filter { $0 != ch }, template: "s\(i + 1)", content: content("s\(i + 1)"))
        }
        for (n, before) in [(200, 86_400), (201, 3600), (202, 600)] {
            steps.append(CompiledStep(id: StepID(n), name: "reminder", kind: .reminder(beforeSeconds: before), channel: .sms, wait: .none,
                                      transitions: [], otherwise: .end, fallbacks: [], template: "reminder",
                                      content: [MessageVariant(channel: .sms, language: .es, template: MessageTemplate(body: "Cita {{appointment.starts_at_local}}")),
                                                MessageVariant(channel: .sms, language: .en, template: MessageTemplate(body: "Visit {{appointment.starts_at_local}}"))]))
        }
        steps.append(CompiledStep(id: 210, name: "no_show", kind: .followUp(outcomes: [.noShow]), channel: .sms, wait: .seconds(1800),
                                  transitions: [], otherwise: .end, fallbacks: [], template: "no_show", content: content("no_show")))
        steps.append(CompiledStep(id: 220, name: "reschedule", kind: .followUp(outcomes: [.rescheduled, .cancelled]), channel: .sms, wait: .seconds(600),
                                  transitions: [], otherwise: .end, fallbacks: [], template: "reschedule", content: content("reschedule")))
        return CompiledPlaybook(id: "fixture", version: 1, vertical: "dentists", description: "", locales: [.es, .en], defaultLocale: .es,
                                channels: Channel.allCases, sendWindow: window, caps: caps, exitOn: exitOn, entry: 1,
                                steps: steps.sorted { $0.id < $1.id }, contentHash: String(repeating: "f", count: 64))
    }

    static func lead(_ id: String = "L1", state: String? = "TX", zone: String = "America/Chicago", email: String? = "a@example.com",
                     phone: String? = "+12145550100", landline: Bool = false, language: Language? = .es) -> Lead {
        Lead(id: LeadID(id), orgID: "org", firstName: "Ana", lastName: "López", phone: phone, phoneLineType: landline ? .landline : .mobile,
             email: email, usState: state, timeZone: zone, timeZoneSource: .explicit, language: language, createdAt: start)
    }

    static func seconds(_ d: Date) -> Int { Int(d.timeIntervalSince1970) }

    /// UTC instant of a local wall time in `zone`.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0, zone: String) -> Int {
        let rules = ZoneRules(identifier: zone)!
        return rules.utc(fromLocal: CivilCalendar.day(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60)
    }
}
