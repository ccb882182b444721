import RevenueCore

/// The playbook language as data: every key, its shape and its one-line meaning.
enum PlaybookSchema {
    static let channelNames = Channel.allCases.map(\.rawValue)
    static let localeNames = Language.allCases.map(\.rawValue)
    static let outcomeKeys = Outcome.allCases.map(\.rawValue) + ["default"]
    static let contentKeys = channelNames + ["text"]
    static let knownVerticals = ["auto_dealers", "dentists", "lenders", "agencies"]

    static let channelList = Shape.list(.choice(channelNames), unique: true)

    static let sendWindow = Shape.object([
        Field("days", .list(.choice(Weekday.allCases.map(\.rawValue)), unique: true), required: true,
              "Days touches may go out (lead's local time)."),
        Field("start", .timeOfDay, required: true, "Opening time HH:MM, inclusive; not before 08:00."),
        Field("end", .timeOfDay, required: true, "Closing time HH:MM, exclusive; not after 21:00."),
    ])

    static let caps = Shape.object([
        Field("touches_per_day", .integer(minimum: 1, maximum: 20), "Touches on any channel per lead per local day (default 3)."),
        Field("calls_per_day", .integer(minimum: 0, maximum: 10), "Voice calls per lead per local day (default 1)."),
        Field("sms_max_segments", .integer(minimum: 1, maximum: 10), "Warn when an SMS is estimated longer than this many segments (default 3)."),
    ])

    static let step = Shape.object([
        Field("id", .string(.snakeCase), required: true,
              "The step's name, unique in the playbook."),
        Field("channel", .choice(channelNames), required: true, "The channel this step sends on."),
        Field("template", .string(.snakeCase),
              "Template id; default: the step id."),
        Field("wait", .duration, "Wait before this step: 30m, 2h, 1d, 2bd (business days). Default 0m."),
        Field("on", .dictionary(keys: .choice(outcomeKeys), value: .string(.snakeCase.named("a step id or end"))),
              "Transitions: outcome (or default) to a step id or end."),
        Field("fallback", channelList, "Channels to try, in order, when this one cannot deliver; [] disables."),
    ])

    static let reminders = Shape.object([
        Field("channel", .choice(channelNames), required: true, "Channel reminders are sent on."),
        Field("template", .string(.snakeCase), required: true, "Reminder template id."),
        Field("offsets", .list(.duration, unique: true), "How long before the appointment; default [24h, 1h, 10m] (steps 200, 201, 202)."),
        Field("fallback", channelList, "Fallback channels for reminders."),
    ])

    static let followUp = Shape.object([
        Field("channel", .choice(channelNames), required: true, "Channel the follow-up is sent on."),
        Field("template", .string(.snakeCase), required: true, "Follow-up template id."),
        Field("wait", .duration, "Wait after the outcome is recorded; default 0m."),
        Field("fallback", channelList, "Fallback channels for this follow-up."),
    ])

    static let followUps = Shape.object([
        Field("no_show", followUp, "After a no-show (step 210)."),
        Field("rescheduled", followUp, "After a reschedule or cancellation (step 220)."),
    ])

    static let approvedTemplate = Shape.stringOrObject([
        Field("name", .text, required: true, "The approved template's name, or a Twilio ContentSid."),
        Field("variables", .list(.text, unique: false),
              "Template variable names filling the approved template's {{1}}, {{2}} … in order, e.g. [lead.first_name, booking_link]."),
    ])

    static let textContent = Shape.stringOrObject([
        Field("body", .text, required: true, "The message text."),
        Field("approved_template", approvedTemplate,
              "WhatsApp: the approved template (a name or Twilio ContentSid, or {name, variables}) used outside the 24-hour window."),
    ])

    static let emailContent = Shape.object([
        Field("subject", .text, "E-mail subject line."),
        Field("body", .text, required: true, "E-mail body (plain text)."),
        Field("html", .text, "E-mail body as HTML, sent beside the plain-text body; same variables."),
    ])

    static let voiceOption = Shape.object([
        Field("digit", .string(.keypad), "Keypad key that selects this option."),
        Field("speech", .list(.text, unique: true), "Words that select this option by voice."),
        Field("intent", .choice(VoiceIntent.allCases.map(\.rawValue)), required: true, "What choosing this option means."),
    ])

    static let voiceContent = Shape.object([
        Field("say", .text, required: true, "What the voice agent says."),
        Field("voicemail", .text, "What the agent leaves on an answering machine."),
        Field("options", .list(voiceOption, unique: false), "Choices offered by keypad or speech."),
        Field("info", .text, "Text sent to the lead's SMS or WhatsApp when they choose a more_info option on the call."),
    ])

    static func perLocale(_ content: Shape) -> Shape {
        .dictionary(keys: .choice(localeNames), value: content)
    }

    static let template = Shape.object([
        Field("voice", perLocale(voiceContent), "Voice script per locale."),
        Field("sms", perLocale(textContent), "SMS text per locale."),
        Field("whatsapp", perLocale(textContent), "WhatsApp text per locale."),
        Field("text", perLocale(textContent), "Text shared by SMS and WhatsApp per locale."),
        Field("email", perLocale(emailContent), "E-mail subject and body per locale."),
    ])

    static let root = Shape.object([
        Field("id", .string(.playbookID), required: true,
              "The playbook's stable name."),
        Field("version", .integer(minimum: 1, maximum: 1_000_000), required: true, "Version number, bumped on every edit."),
        Field("vertical", .string(.snakeCase), required: true,
              "auto_dealers, dentists, lenders, agencies, or a custom snake_case name."),
        Field("description", .text, "One line for people."),
        Field("locales", .list(.choice(localeNames), unique: true), required: true, "Languages every template must have."),
        Field("default_locale", .choice(localeNames), "Language when the lead's is unknown; default: the first locale."),
        Field("channels", channelList, required: true, "Channels this playbook may use."),
        Field("fallback", channelList, "Default fallback chain, e.g. [voice, email, sms]."),
        Field("send_window", sendWindow, required: true, "When touches may go out, in the lead's local time."),
        Field("caps", caps, "Per-lead limits."),
        Field("exit_on", .list(.choice(ExitCondition.allCases.map(\.rawValue)), unique: true),
              "Conditions that end the cadence; opted_out always applies."),
        Field("start", .string(.snakeCase.named("a step id")), "First step; default: the first in steps."),
        Field("steps", .list(step, unique: false), required: true, "The cadence, in order."),
        Field("reminders", reminders, "Appointment reminders (steps 200, 201, 202)."),
        Field("follow_ups", followUps, "Appointment outcome follow-ups (steps 210 and 220)."),
        Field("templates", .dictionary(keys: .pattern(.snakeCase.named("a lower_snake_case template id")), value: template),
              required: true, "Message content by template id, channel and locale."),
    ])

    /// Every value of every closed set (channels, outcomes, days, intents, exit conditions, locales).
    static var allChoiceValues: Set<String> {
        var values: Set<String> = []
        func visit(_ shape: Shape) {
            switch shape {
            case .choice(let words): values.formUnion(words)
            case .object(let fields), .stringOrObject(let fields): fields.forEach { visit($0.shape) }
            case .list(let item, _): visit(item)
            case .dictionary(_, let value): visit(value)
            default: break
            }
        }
        visit(root)
        return values
    }

    /// Every key name the language has, at any depth (for documentation checks).
    static var allKeyNames: Set<String> {
        var names: Set<String> = []
        func visit(_ shape: Shape) {
            switch shape {
            case .object(let fields), .stringOrObject(let fields):
                for field in fields {
                    names.insert(field.name)
                    visit(field.shape)
                }
            case .list(let item, _): visit(item)
            case .dictionary(let keys, let value):
                if case .choice(let words) = keys { names.formUnion(words) }
                visit(value)
            default: break
            }
        }
        visit(root)
        return names
    }
}
