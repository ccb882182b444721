import Foundation
import RevenueCore
import Yams

/// Walks a composed client mapping (keeping marks) into a `ClientPatch`, collecting every problem.
struct ClientChecker {
    let path: String
    private(set) var issues: [ClientFileIssue] = []

    init(path: String) { self.path = path }

    /// Parses YAML text, then checks it.
    mutating func check(source: String) -> ClientPatch? {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: source) else {
                error(nil, "", "CL002", "the file is empty", hint: "start with `name:` and `time_zone:`")
                return nil
            }
            root = node
        } catch let yamlError as YamlError {
            syntaxError(yamlError)
            return nil
        } catch {
            self.error(nil, "", "CL001", "YAML syntax error")
            return nil
        }
        return check(root)
    }

    /// Checks a top-level mapping node.
    mutating func check(_ root: Node) -> ClientPatch? {
        guard case .mapping(let top) = root else {
            error(root, "", "CL004", "a client file must be a mapping (`key: value` lines)", hint: "e.g. `name: Clínica Sonrisa`")
            return nil
        }
        checkKeys(top, allowed: ClientSchema.topLevelKeys, parent: "")
        var patch = ClientPatch()
        for (keyNode, value) in top {
            guard let key = keyNode.string, ClientSchema.topLevelKeys.contains(key) else { continue }
            switch key {
            case "id":
                if let text = required(value, key) {
                    if text.range(of: ClientSchema.idPattern, options: .regularExpression) != nil { patch.id = ClientID(text) } else {
                        error(value, key, "CL014", "`id` may only hold letters, digits, - and _", hint: "e.g. `clinica-sonrisa`")
                    }
                }
            case "name": patch.name = required(value, key)
            case "time_zone":
                if let zone = required(value, key) {
                    if TimeZoneInference.isValidZone(zone) { patch.timeZone = zone } else {
                        error(value, key, "CL006", "`time_zone` is not an IANA time zone", hint: zoneHint(zone))
                    }
                }
            case "agent_name": patch.agentName = optionalText(value, key)
            case "address": patch.address = optionalText(value, key)
            case "brand_name": patch.brandName = optionalText(value, key)
            case "tone": patch.tone = optionalText(value, key)
            case "phone": patch.phone = phone(value)
            case "website": patch.website = link(value, key)
            case "booking_link": patch.bookingLink = link(value, key)
            case "reschedule_link": patch.rescheduleLink = link(value, key)
            case "business_hours": patch.businessHours = window(value, key)
            case "send_window": patch.sendWindow = window(value, key)
            case "allowed_channels":
                if let names = list(value, key) {
                    var channels: [Channel] = []
                    var bad = false
                    for (node, name) in names {
                        if let channel = Channel(rawValue: name) {
                            if !channels.contains(channel) { channels.append(channel) }
                        } else {
                            bad = true
                            error(node, key, "CL009", "unknown channel `\(name)` in `allowed_channels`", hint: Self.suggestion(name, Channel.allCases.map(\.rawValue)))
                        }
                    }
                    if !bad, channels.isEmpty {
                        error(value, key, "CL004", "`allowed_channels` is empty", hint: "list at least one of: \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
                    } else if !bad { patch.allowedChannels = channels }
                }
            case "limits": limits(value, into: &patch)
            case "status":
                if let text = required(value, key) {
                    if let status = ClientStatus(rawValue: text) { patch.status = status } else {
                        error(value, key, "CL012", "unknown status `\(text)`", hint: "one of: \(ClientStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                }
            default: break
            }
        }
        return issues.contains { $0.diagnostic.severity == .error } ? nil : patch
    }

    // MARK: Values

    private mutating func phone(_ node: Node) -> Change<String>? {
        guard let change = optionalText(node, "phone") else { return nil }
        guard case .set(let text) = change else { return .clear }
        let hint = "write the number in E.164, with + and the country code, e.g. `+13055550100`"
        do {
            let parsed = try PhoneNumber(parsing: text)
            guard parsed.e164 == text else {
                error(node, "phone", "CL005", "`phone` is not an E.164 number", hint: "write it as `\(parsed.e164)`")
                return nil
            }
            return .set(parsed.e164)
        } catch {
            // The error names the rule broken, never the number.
            self.error(node, "phone", "CL005", "`phone` is not an E.164 number: \(error.description)", hint: hint)
            return nil
        }
    }

    private mutating func link(_ node: Node, _ key: String) -> Change<String>? {
        guard let change = optionalText(node, key) else { return nil }
        guard case .set(let text) = change else { return .clear }
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), !(url.host ?? "").isEmpty else {
            error(node, key, "CL007", "`\(key)` is not an http(s) URL", hint: "e.g. `https://example.com/citas`")
            return nil
        }
        return .set(text)
    }

    private mutating func window(_ node: Node, _ key: String) -> Change<SendWindow>? {
        if isNull(node) { return .clear }
        guard case .mapping(let map) = node else {
            error(node, key, "CL004", "`\(key)` must be a mapping with `days`, `start` and `end`", hint: "e.g. `\(key): {days: [mon, tue], start: \"09:00\", end: \"18:00\"}`")
            return nil
        }
        checkKeys(map, allowed: ClientSchema.windowKeys, parent: key)
        var days = Weekday.allCases
        var ok = true
        if let daysNode = map["days"] {
            if let names = list(daysNode, "\(key).days") {
                var chosen: [Weekday] = []
                for (dayNode, name) in names {
                    if let day = Weekday(rawValue: name.lowercased()) {
                        if !chosen.contains(day) { chosen.append(day) }
                    } else {
                        ok = false
                        error(dayNode, "\(key).days", "CL010", "unknown day `\(name)`", hint: Self.suggestion(name, Weekday.allCases.map(\.rawValue)))
                    }
                }
                if ok, chosen.isEmpty {
                    ok = false
                    error(daysNode, "\(key).days", "CL004", "`\(key).days` is empty", hint: "leave `days` out for every day")
                }
                days = chosen.sorted()
            } else { ok = false }
        }
        var minutes: [Int] = []
        for part in ["start", "end"] {
            guard let partNode = map[part] else {
                ok = false
                error(node, "\(key).\(part)", "CL004", "`\(key)` is missing `\(part)`", hint: "e.g. `\(part): \"\(part == "start" ? "09:00" : "18:00")\"`")
                continue
            }
            guard let text = required(partNode, "\(key).\(part)") else { ok = false; continue }
            guard let value = Self.minutes(text) else {
                ok = false
                error(partNode, "\(key).\(part)", "CL008", "`\(key).\(part)` must be a time like \"09:00\" (HH:MM, 24-hour)")
                continue
            }
            minutes.append(value)
        }
        guard ok, minutes.count == 2 else { return nil }
        guard minutes[0] < minutes[1] else {
            error(map["end"], "\(key).end", "CL008", "`\(key)` ends before it starts", hint: "`end` must be after `start` (windows do not cross midnight)")
            return nil
        }
        return .set(SendWindow(days: days, startMinute: minutes[0], endMinute: minutes[1]))
    }

    private mutating func limits(_ node: Node, into patch: inout ClientPatch) {
        guard case .mapping(let map) = node else {
            error(node, "limits", "CL004", "`limits` must be a mapping", hint: "e.g. `limits: {touches_per_hour: 120}`")
            return
        }
        checkKeys(map, allowed: ClientSchema.limitKeys, parent: "limits")
        for (keyNode, value) in map {
            guard let key = keyNode.string else { continue }
            let field = "limits.\(key)"
            switch key {
            case "touches_per_lead_per_day": patch.touchesPerLeadPerDay = positive(value, field)
            case "touches_per_hour": patch.touchesPerHour = positive(value, field)
            case "calls_per_day": patch.callsPerDay = positive(value, field)
            case "per_channel_per_hour":
                if isNull(value) { patch.perChannelPerHour = [:]; continue }
                guard case .mapping(let channels) = value else {
                    error(value, field, "CL004", "`\(field)` must be a mapping of channel to a number", hint: "e.g. `{voice: 60, sms: 200}`")
                    continue
                }
                var result: [Channel: Int] = [:]
                var ok = true
                var seen: Set<String> = []
                for (channelNode, countNode) in channels {
                    guard let name = channelNode.string else { continue }
                    guard seen.insert(name).inserted else {
                        ok = false
                        error(channelNode, "\(field).\(name)", "CL013", "duplicate key `\(name)` in `\(field)`")
                        continue
                    }
                    guard let channel = Channel(rawValue: name) else {
                        ok = false
                        error(channelNode, "\(field).\(name)", "CL009", "unknown channel `\(name)` in `\(field)`",
                              hint: Self.suggestion(name, Channel.allCases.map(\.rawValue)), length: name.count)
                        continue
                    }
                    switch positive(countNode, "\(field).\(name)") {
                    case .set(let n)?: result[channel] = n
                    case .clear?: break
                    case nil: ok = false
                    }
                }
                if ok { patch.perChannelPerHour = result }
            default: break
            }
        }
    }

    private mutating func positive(_ node: Node, _ field: String) -> Change<Int>? {
        if isNull(node) { return .clear }
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any, let n = Int(scalar.string), n >= 1 else {
            error(node, field, "CL011", "`\(field)` must be a whole number of at least 1", hint: "leave it out (or write null) for no limit")
            return nil
        }
        return .set(n)
    }

    // MARK: Shapes

    /// A required non-empty text value.
    private mutating func required(_ node: Node, _ field: String) -> String? {
        if isNull(node) {
            error(node, field, "CL015", "`\(field)` needs a value", hint: "this key cannot be cleared; leave it out to keep the current value")
            return nil
        }
        guard case .scalar(let scalar) = node, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
            error(node, field, "CL004", "`\(field)` must be a non-empty text value")
            return nil
        }
        return scalar.string.trimmingCharacters(in: .whitespaces)
    }

    /// An optional text value: null or empty clears it.
    private mutating func optionalText(_ node: Node, _ field: String) -> Change<String>? {
        if isNull(node) { return .clear }
        guard case .scalar(let scalar) = node else {
            error(node, field, "CL004", "`\(field)` must be a text value")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? .clear : .set(text)
    }

    /// A list of text values (a single value is read as a one-item list).
    private mutating func list(_ node: Node, _ field: String) -> [(Node, String)]? {
        switch node {
        case .sequence(let items):
            var out: [(Node, String)] = []
            for item in items {
                guard case .scalar(let scalar) = item else {
                    error(item, field, "CL004", "`\(field)` must be a list of names")
                    return nil
                }
                out.append((item, scalar.string))
            }
            return out
        case .scalar(let scalar) where !isNull(node):
            return scalar.string.split(separator: ",").map { (node, $0.trimmingCharacters(in: .whitespaces)) }
        default:
            error(node, field, "CL004", "`\(field)` must be a list", hint: "e.g. `[\(field.hasSuffix("days") ? "mon, tue" : "sms, email")]`")
            return nil
        }
    }

    private func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private mutating func checkKeys(_ map: Node.Mapping, allowed: [String], parent: String) {
        var seen: Set<String> = []
        let place = parent.isEmpty ? "at the top level" : "in `\(parent)`"
        for key in map.keys {
            guard case .scalar(let scalar) = key else {
                error(key, parent, "CL004", "keys must be plain text")
                continue
            }
            let name = scalar.string
            let field = parent.isEmpty ? name : "\(parent).\(name)"
            if !seen.insert(name).inserted {
                error(key, field, "CL013", "duplicate key `\(name)` \(place)", length: name.count)
            } else if !allowed.contains(name) {
                error(key, field, "CL003", "unknown key `\(name)` \(place)", hint: Self.suggestion(name, allowed), length: name.count)
            }
        }
    }

    // MARK: Helpers

    /// `"HH:MM"` as minutes after midnight (24:00 allowed as an end).
    static func minutes(_ text: String) -> Int? {
        guard text.range(of: ClientSchema.timePattern, options: .regularExpression) != nil else { return nil }
        let parts = text.split(separator: ":")
        return Int(parts[0])! * 60 + Int(parts[1])!
    }

    private func zoneHint(_ zone: String) -> String {
        let known = TimeZone.knownTimeZoneIdentifiers
        let best = known.map { ($0, DidYouMean.distance(zone.lowercased(), $0.lowercased())) }.min { $0.1 < $1.1 }
        if let (name, d) = best, d <= 3 { return "did you mean `\(name)`?" }
        return "use a region name like `America/New_York` or `America/Mexico_City` (abbreviations like EST are refused)"
    }

    static func suggestion(_ word: String, _ candidates: [String]) -> String? { DidYouMean.hint(word, candidates) }

    private mutating func syntaxError(_ yamlError: YamlError) {
        var line = 1, column = 1, problem = "YAML syntax error"
        switch yamlError {
        case .scanner(_, let text, let mark, _), .parser(_, let text, let mark, _), .composer(_, let text, let mark, _):
            line = mark.line
            column = mark.column
            problem = text
        case .duplicatedKeysInMapping(let duplicates, let context):
            line = context.mark.line
            column = context.mark.column
            problem = "duplicate keys: \(duplicates.joined(separator: ", "))"
        default: break
        }
        issues.append(ClientFileIssue(field: "", diagnostic: Diagnostic(
            file: path, line: line, column: column, severity: .error, code: "CL001", message: "YAML syntax error: \(problem)")))
    }

    private mutating func error(_ node: Node?, _ field: String, _ code: String, _ message: String, hint: String? = nil, length: Int = 1) {
        let mark = node?.mark
        issues.append(ClientFileIssue(field: field, diagnostic: Diagnostic(
            file: path, line: mark?.line ?? 1, column: mark?.column ?? 1, severity: .error, code: code, message: message, hint: hint, length: length)))
    }
}
