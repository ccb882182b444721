import Foundation
import Engine
import RevenueCore
import Yams

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
    static func load(_ path: String) throws(CLIError) -> OutcomeModel {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .usage("cannot read the outcome model \(path)")
        }
        let root: Any?
        do { root = try Yams.load(yaml: text) } catch {
            throw .usage("\(path): not valid YAML (\(String(describing: error).prefix(200)))")
        }
        guard let map = root as? [String: Any] else { throw .usage("\(path): expected a mapping at the top level") }
        var model = OutcomeModel.default
        for (key, value) in map.sorted(by: { $0.key < $1.key }) {
            if let channel = Channel(rawValue: key) {
                model.channels[channel] = try weights(value, allowed: channel.outcomes, key: key, path: path)
                continue
            }
            switch key {
            case "booking":
                let m = try mapping(value, key: key, path: path)
                for (k, v) in m {
                    switch k {
                    case "on_answer": model.bookOnAnswer = try probability(v, key: "booking.\(k)", path: path)
                    case "on_reply": model.bookOnReply = try probability(v, key: "booking.\(k)", path: path)
                    default: throw .usage("\(path): unknown key `booking.\(k)` (expected on_answer, on_reply)")
                    }
                }
            case "opt_out": model.optOut = try probability(value, key: key, path: path)
            case "appointments":
                let m = try mapping(value, key: key, path: path)
                var w: [AppointmentOutcome: Double] = [:]
                for (k, v) in m {
                    guard let outcome = AppointmentOutcome(rawValue: k) else {
                        throw .usage("\(path): unknown appointment outcome `\(k)` (expected \(AppointmentOutcome.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    w[outcome] = try probability(v, key: "appointments.\(k)", path: path)
                }
                model.appointments = w
            default:
                throw .usage("\(path): unknown key `\(key)` (expected voice, sms, whatsapp, email, booking, opt_out, appointments)")
            }
        }
        return model
    }

    private static func mapping(_ value: Any, key: String, path: String) throws(CLIError) -> [String: Any] {
        guard let m = value as? [String: Any] else { throw .usage("\(path): `\(key)` must be a mapping") }
        return m
    }

    private static func probability(_ value: Any, key: String, path: String) throws(CLIError) -> Double {
        let number: Double? = (value as? Double) ?? (value as? Int).map(Double.init)
        guard let p = number, p >= 0, p <= 1 else { throw .usage("\(path): `\(key)` must be a number between 0 and 1") }
        return p
    }

    private static func weights(_ value: Any, allowed: [Outcome], key: String, path: String) throws(CLIError) -> [Outcome: Double] {
        var w: [Outcome: Double] = [:]
        for (k, v) in try mapping(value, key: key, path: path) {
            guard let outcome = Outcome(rawValue: k), allowed.contains(outcome) else {
                throw .usage("\(path): `\(key)` has no outcome `\(k)` (expected \(allowed.map(\.rawValue).joined(separator: ", ")))")
            }
            w[outcome] = try probability(v, key: "\(key).\(k)", path: path)
        }
        return w
    }
}
