import Engine
import RevenueCore

/// Reads a dry-run outcome model (YAML) over the default one: every key optional, unknown keys rejected.
///
/// ```yaml
/// voice: { answered: 0.2, no_answer: 0.5, voicemail: 0.2, busy: 0.05, failed: 0.05 }
/// whatsapp: { delivered: 0.8, replied: 0.15, failed: 0.05 }
/// booking: { on_answer: 0.3, on_reply: 0.25 }
/// opt_out: 0.05
/// appointments: { show: 0.7, no_show: 0.15, rescheduled: 0.08, cancelled: 0.05, unqualified: 0.02 }
/// ```
enum OutcomeModelFile {
    static let topKeys = Channel.allCases.map(\.rawValue) + ["booking", "opt_out", "appointments"]

    static func load(_ path: String) throws(CLIError) -> OutcomeModel {
        let file = try YAMLMapping.load(path, what: "outcome model")
        var model = OutcomeModel.default
        for key in file.keys {
            if let channel = Channel(rawValue: key) {
                let weights = try file.mapping(key)
                var w: [Outcome: Double] = [:]
                for k in weights.keys {
                    guard let outcome = Outcome(rawValue: k), channel.outcomes.contains(outcome) else {
                        throw weights.unknown(k, expected: channel.outcomes.map(\.rawValue))
                    }
                    w[outcome] = try weights.probability(k)
                }
                model.channels[channel] = w
                continue
            }
            switch key {
            case "booking":
                let booking = try file.mapping(key)
                for k in booking.keys {
                    switch k {
                    case "on_answer": model.bookOnAnswer = try booking.probability(k)
                    case "on_reply": model.bookOnReply = try booking.probability(k)
                    default: throw booking.unknown(k, expected: ["on_answer", "on_reply"])
                    }
                }
            case "opt_out": model.optOut = try file.probability(key)
            case "appointments":
                let rates = try file.mapping(key)
                var w: [AppointmentOutcome: Double] = [:]
                for k in rates.keys {
                    guard let outcome = AppointmentOutcome(rawValue: k) else { throw rates.unknown(k, expected: AppointmentOutcome.allCases.map(\.rawValue)) }
                    w[outcome] = try rates.probability(k)
                }
                model.appointments = w
            default:
                throw file.unknown(key, expected: topKeys)
            }
        }
        return model
    }
}
