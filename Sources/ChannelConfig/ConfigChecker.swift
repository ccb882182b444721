import Foundation
import RevenueCore
import Yams

/// Walks the composed YAML node tree (keeping marks) and collects diagnostics.
struct ConfigChecker {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String) { self.path = path }

    mutating func check(_ source: String) -> ChannelConfiguration? {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: source) else {
                error(nil, "CH002", "the file is empty", hint: "start with `version: 1`, `adapters:` and `routes:`")
                return nil
            }
            root = node
        } catch let yamlError as YamlError {
            syntaxError(yamlError)
            return nil
        } catch {
            self.error(nil, "CH001", "YAML syntax error")
            return nil
        }
        guard let top = mapping(root, what: "the file") else { return nil }
        checkKeys(top, allowed: ChannelSchema.topLevelKeys, where: "at the top level")

        var version = 1
        if let node = top["version"] {
            if let value = node.int, value == 1 { version = value } else {
                error(node, "CH016", "unsupported version `\(node.string ?? "?")`", hint: "the only version is 1")
            }
        } else {
            error(root, "CH004", "missing key `version`", hint: "add `version: 1`")
        }
        let webhookBase = top["webhook_base_url"].flatMap { url($0, key: "webhook_base_url") }

        var adapters: [AdapterConfig] = []
        if let node = top["adapters"], let map = mapping(node, what: "`adapters`") {
            if map.count == 0 { error(node, "CH004", "`adapters` is empty", hint: "declare at least one adapter, e.g. `sandbox: {provider: sandbox}`") }
            for (key, value) in map {
                guard let name = scalarKey(key) else { continue }
                if let adapter = checkAdapter(name: name, value) { adapters.append(adapter) }
            }
        } else if top["adapters"] == nil {
            error(root, "CH004", "missing key `adapters`")
        }

        var routes: [RouteConfig] = []
        var seen: [String: Node] = [:]
        if let node = top["routes"] {
            if case .sequence(let sequence) = node {
                for item in sequence {
                    guard let route = checkRoute(item, adapters: adapters) else { continue }
                    let key = "\(route.client)|\(route.channel)"
                    if seen[key] != nil {
                        error(item, "CH015", "duplicate route for client `\(route.client)` on \(route.channel)", hint: "keep one route per client and channel")
                    } else {
                        seen[key] = item
                        routes.append(route)
                    }
                }
            } else {
                error(node, "CH005", "`routes` must be a list", hint: "write each route as `- client: \"*\"`")
            }
        } else {
            error(root, "CH004", "missing key `routes`")
        }
        // Names any route mentions, valid or not: an adapter behind a broken route is not "unused".
        var referenced: Set<String> = []
        if case .sequence(let sequence)? = top["routes"] {
            for item in sequence { if let name = item.mapping?["adapter"]?.string { referenced.insert(name) } }
        }
        for adapter in adapters where !referenced.contains(adapter.name) {
            if let node = top["adapters"]?.mapping?[adapter.name] {
                warning(node, "CH017", "adapter `\(adapter.name)` is not used by any route")
            }
        }
        return ChannelConfiguration(version: version, webhookBaseURL: webhookBase, adapters: adapters.sorted { $0.name < $1.name }, routes: routes)
    }

    // MARK: Sections

    private mutating func checkAdapter(name: String, _ node: Node) -> AdapterConfig? {
        guard let map = mapping(node, what: "adapter `\(name)`") else { return nil }
        checkKeys(map, allowed: ChannelSchema.adapterKeys, where: "in adapter `\(name)`")
        guard let providerNode = map["provider"] else {
            error(node, "CH004", "adapter `\(name)` has no `provider`", hint: "one of: \(ProviderKind.builtIn.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        guard let raw = string(providerNode, key: "provider") else { return nil }
        let provider = ProviderKind(raw)
        guard ProviderKind.builtIn.contains(provider) else {
            error(providerNode, "CH006", "unknown provider `\(raw)`", hint: suggestion(raw, ProviderKind.builtIn.map(\.rawValue)))
            return nil
        }
        var credentials: [String: String] = [:]
        if let credentialsNode = map["credentials"], let credentialMap = mapping(credentialsNode, what: "`credentials`") {
            for (key, value) in credentialMap {
                guard let credential = scalarKey(key) else { continue }
                guard let variable = value.string, case .scalar = value else {
                    error(value, "CH005", "credential `\(credential)` must be an environment variable name")
                    continue
                }
                if ChannelSchema.isEnvironmentName(variable) {
                    credentials[credential] = variable
                } else {
                    // Never echo the value: it may be the secret itself.
                    error(value, "CH007", "credential `\(credential)` is not an environment variable name (inline secrets are not allowed)",
                          hint: "export the secret and write its variable name, e.g. `\(credential): \(name.uppercased().replacingOccurrences(of: "-", with: "_"))_\(credential.uppercased())`")
                }
            }
        }
        for required in ChannelSchema.requiredCredentials[provider] ?? [] where credentials[required] == nil {
            if map["credentials"]?.mapping?[required] == nil {
                error(map["credentials"] ?? node, "CH008", "adapter `\(name)` (\(provider)) needs credential `\(required)`",
                      hint: "add `credentials: {\(required): ENV_VAR_NAME}`")
            }
        }
        var options: [String: String] = [:]
        if let optionsNode = map["options"], let optionMap = mapping(optionsNode, what: "`options`") {
            for (key, value) in optionMap {
                guard let option = scalarKey(key) else { continue }
                if case .scalar(let scalar) = value { options[option] = scalar.string } else {
                    error(value, "CH005", "option `\(option)` must be a single value")
                }
            }
        }
        for required in ChannelSchema.requiredOptions[provider] ?? [] where options[required] == nil {
            error(map["options"] ?? node, "CH004", "adapter `\(name)` (\(provider)) needs option `\(required)`",
                  hint: "add `options: {\(required): …}`")
        }
        return AdapterConfig(
            name: name, provider: provider, baseURL: map["base_url"].flatMap { url($0, key: "base_url") },
            webhookBaseURL: map["webhook_base_url"].flatMap { url($0, key: "webhook_base_url") },
            credentials: credentials, options: options)
    }

    private mutating func checkRoute(_ node: Node, adapters: [AdapterConfig]) -> RouteConfig? {
        guard let map = mapping(node, what: "a route") else { return nil }
        checkKeys(map, allowed: ChannelSchema.routeKeys, where: "in a route")
        var missing = false
        for key in ["client", "channel", "adapter"] where map[key] == nil {
            error(node, "CH004", "route is missing `\(key)`")
            missing = true
        }
        guard !missing, let client = string(map["client"]!, key: "client"),
              let channelName = string(map["channel"]!, key: "channel"),
              let adapterName = string(map["adapter"]!, key: "adapter")
        else { return nil }
        guard let channel = Channel(rawValue: channelName) else {
            error(map["channel"], "CH010", "unknown channel `\(channelName)`", hint: suggestion(channelName, Channel.allCases.map(\.rawValue)))
            return nil
        }
        guard let adapter = adapters.first(where: { $0.name == adapterName }) else {
            error(map["adapter"], "CH011", "no adapter named `\(adapterName)`", hint: suggestion(adapterName, adapters.map(\.name)))
            return nil
        }
        if let served = ChannelSchema.channels[adapter.provider], !served.contains(channel) {
            error(map["channel"], "CH012", "adapter `\(adapterName)` (\(adapter.provider)) does not serve \(channel)",
                  hint: "\(adapter.provider) serves: \(served.map(\.rawValue).joined(separator: ", "))")
        }
        let sender = checkSender(map["sender"], channel: channel, provider: adapter.provider, routeNode: node)
        var rateLimit: RateLimit?
        if let limitNode = map["rate_limit"], let limitMap = mapping(limitNode, what: "`rate_limit`") {
            checkKeys(limitMap, allowed: ChannelSchema.rateLimitKeys, where: "in `rate_limit`")
            let perSecond = limitMap["per_second"]?.float
            let burstNode = limitMap["burst"]
            let burst = burstNode?.int
            if let perSecond, perSecond > 0, burstNode == nil || (burst ?? 0) >= 1 {
                rateLimit = RateLimit(perSecond: perSecond, burst: burst ?? 1)
            } else {
                error(limitNode, "CH014", "`rate_limit` needs `per_second` > 0 and an integer `burst` >= 1", hint: "e.g. `rate_limit: {per_second: 5, burst: 10}`")
            }
        }
        return RouteConfig(client: client, channel: channel, adapter: adapterName, sender: sender, rateLimit: rateLimit)
    }

    private mutating func checkSender(_ node: Node?, channel: Channel, provider: ProviderKind, routeNode: Node) -> SenderIdentity {
        var sender = SenderIdentity()
        if let node, let map = mapping(node, what: "`sender`") {
            checkKeys(map, allowed: ChannelSchema.senderKeys, where: "in `sender`")
            sender.from = map["from"].flatMap { string($0, key: "from") }
            sender.fromName = map["from_name"].flatMap { string($0, key: "from_name") }
            sender.replyTo = map["reply_to"].flatMap { string($0, key: "reply_to") }
            sender.phoneNumberID = map["phone_number_id"].flatMap { string($0, key: "phone_number_id") }
            sender.messagingServiceSID = map["messaging_service_sid"].flatMap { string($0, key: "messaging_service_sid") }
            if let from = sender.from {
                let valid = channel == .email ? Self.isEmail(from) : Self.isE164(from)
                if !valid {
                    error(map["from"], "CH013", channel == .email ? "`from` is not an e-mail address" : "`from` is not an E.164 number",
                          hint: channel == .email ? "e.g. `citas@example.com`" : "e.g. `+13055550100`")
                }
            }
            if let replyTo = sender.replyTo, !Self.isEmail(replyTo) {
                error(map["reply_to"], "CH013", "`reply_to` is not an e-mail address")
            }
            if let id = sender.phoneNumberID, id.isEmpty || !id.allSatisfy(\.isNumber) {
                error(map["phone_number_id"], "CH013", "`phone_number_id` must be digits", hint: "the WhatsApp phone number id from Meta's app dashboard")
            }
        }
        switch provider {
        case .twilio where sender.from == nil && !(channel == .sms && sender.messagingServiceSID != nil):
            error(node ?? routeNode, "CH013", "a Twilio \(channel) route needs `sender.from`", hint: "the Twilio number, e.g. `from: \"+13055550100\"`")
        case .whatsAppCloud where sender.phoneNumberID == nil:
            error(node ?? routeNode, "CH013", "a WhatsApp Cloud route needs `sender.phone_number_id`")
        case .elasticEmail where sender.from == nil, .smtp where sender.from == nil:
            error(node ?? routeNode, "CH013", "an e-mail route needs `sender.from`", hint: "e.g. `from: citas@example.com`")
        default: break
        }
        return sender
    }

    // MARK: Helpers

    static func isE164(_ text: String) -> Bool { text.range(of: "^\\+[1-9][0-9]{6,14}$", options: .regularExpression) != nil }
    static func isEmail(_ text: String) -> Bool { text.range(of: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", options: .regularExpression) != nil }

    private mutating func mapping(_ node: Node, what: String) -> Node.Mapping? {
        if case .mapping(let map) = node { return map }
        error(node, "CH005", "\(what) must be a mapping (`key: value` lines)")
        return nil
    }

    private mutating func string(_ node: Node, key: String) -> String? {
        if case .scalar(let scalar) = node, !scalar.string.isEmpty { return scalar.string }
        error(node, "CH005", "`\(key)` must be a non-empty text value")
        return nil
    }

    private mutating func url(_ node: Node, key: String) -> String? {
        guard let text = string(node, key: key) else { return nil }
        guard let parsed = URL(string: text), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            error(node, "CH009", "`\(key)` is not an http(s) URL", hint: "e.g. `https://hooks.example.com`")
            return nil
        }
        return text
    }

    private mutating func scalarKey(_ node: Node) -> String? {
        if case .scalar(let scalar) = node { return scalar.string }
        error(node, "CH005", "keys must be plain text")
        return nil
    }

    private mutating func checkKeys(_ map: Node.Mapping, allowed: [String], where place: String) {
        var seen: Set<String> = []
        for key in map.keys {
            guard let name = key.string else { continue }
            if !seen.insert(name).inserted {
                error(key, "CH018", "duplicate key `\(name)` \(place)")
            } else if !allowed.contains(name) {
                error(key, "CH003", "unknown key `\(name)` \(place)", hint: suggestion(name, allowed), length: name.count)
            }
        }
    }

    private func suggestion(_ word: String, _ candidates: [String]) -> String? { DidYouMean.hint(word, candidates) }

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
        diagnostics.append(Diagnostic(file: path, line: line, column: column, severity: .error, code: "CH001", message: "YAML syntax error: \(problem)"))
    }

    private mutating func error(_ node: Node?, _ code: String, _ message: String, hint: String? = nil, length: Int = 1) {
        report(node, .error, code, message, hint: hint, length: length)
    }

    private mutating func warning(_ node: Node?, _ code: String, _ message: String, hint: String? = nil) {
        report(node, .warning, code, message, hint: hint, length: 1)
    }

    private mutating func report(_ node: Node?, _ severity: Diagnostic.Severity, _ code: String, _ message: String, hint: String?, length: Int) {
        let mark = node?.mark
        diagnostics.append(Diagnostic(
            file: path, line: mark?.line ?? 1, column: mark?.column ?? 1, severity: severity,
            code: code, message: message, hint: hint, length: length))
    }
}
