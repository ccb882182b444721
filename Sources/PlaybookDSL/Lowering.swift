import Foundation
import RevenueCore

extension Analyzer {
    /// Builds the immutable step graph; called only when no error was found.
    func lower() -> CompiledPlaybook {
        var compiled: [CompiledStep] = []
        for step in steps {
            guard let channel = step.channel else { continue }
            let explicit = step.transitions.compactMap { transition -> Transition? in
                guard let outcome = Outcome(rawValue: transition.outcome.text) else { return nil }
                return Transition(outcome: outcome, target: target(transition.target))
            }.sorted { $0.outcome < $1.outcome }
            let otherwise: StepTarget = otherwiseIndex(of: step).map { .step(steps[$0].id) } ?? .end
            compiled.append(CompiledStep(
                id: step.id, name: step.name, kind: .cadence, channel: channel, wait: step.wait,
                transitions: explicit, otherwise: otherwise, fallbacks: step.fallbacks, template: step.template,
                content: content(template: step.template, channels: [channel] + step.fallbacks)))
        }
        for step in appointmentSteps {
            guard let channel = step.channel else { continue }
            compiled.append(CompiledStep(
                id: step.id, name: step.name, kind: step.kind, channel: channel, wait: step.wait, transitions: [],
                otherwise: .end, fallbacks: step.fallbacks, template: step.template,
                content: content(template: step.template, channels: [channel] + step.fallbacks)))
        }
        compiled.sort { $0.id < $1.id }
        var playbook = CompiledPlaybook(
            id: root["id"]?.string ?? "", version: root["version"]?.int ?? 1, vertical: root["vertical"]?.string ?? "",
            description: root["description"]?.string ?? "", locales: locales, defaultLocale: defaultLocale,
            channels: channels, sendWindow: window, caps: caps, exitOn: exitOn, entry: entry, steps: compiled,
            contentHash: "")
        playbook.contentHash = ContentHash.of(playbook)
        return playbook
    }

    func target(_ node: SyntaxNode) -> StepTarget {
        targetIndex(node).map { .step(steps[$0].id) } ?? .end
    }

    /// Every (channel, locale) message of a template, in channel then locale order.
    func content(template name: String, channels: [Channel]) -> [MessageVariant] {
        guard let template = templateIndex[name] else { return [] }
        var variants: [MessageVariant] = []
        for channel in channels {
            guard let key = Self.contentKey(for: channel, in: template), let perLocale = template[key] else { continue }
            for locale in locales {
                guard let node = perLocale[locale.rawValue] else { continue }
                variants.append(MessageVariant(channel: channel, language: locale, template: message(from: node)))
            }
        }
        return variants
    }

    func message(from node: SyntaxNode) -> MessageTemplate {
        if let text = node.string { return MessageTemplate(body: text) }
        let options = node["options"]?.items.map { option in
            VoiceOption(
                digit: option["digit"]?.string, speech: option["speech"]?.items.compactMap(\.string) ?? [],
                intent: option["intent"]?.string.flatMap(VoiceIntent.init(rawValue:)) ?? .moreInfo)
        } ?? []
        let approved = node["approved_template"]
        let variables = approved?["variables"]?.items.compactMap(\.string) ?? []
        return MessageTemplate(
            body: node["body"]?.string ?? node["say"]?.string ?? "", subject: node["subject"]?.string,
            html: node["html"]?.string, voicemail: node["voicemail"]?.string, options: options, info: node["info"]?.string,
            approvedTemplate: approved?.string ?? approved?["name"]?.string,
            approvedTemplateVariables: variables.isEmpty ? nil : variables)
    }
}

/// The content hash running leads are pinned to.
public enum ContentHash {
    /// Hex SHA-256 of the compiled graph's canonical encoding (with an empty hash field): comments,
    /// key order and formatting in the YAML do not change it; any change to behaviour or copy does.
    public static func of(_ playbook: CompiledPlaybook) -> String {
        var unhashed = playbook
        unhashed.contentHash = ""
        return HashingEncoder.digest(of: unhashed)
    }
}

/// The one JSON encoding used for hashes, golden files and `revasi compile --format json`.
public enum CanonicalJSON {
    /// Sorted keys, pretty-printed, slashes unescaped.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }
}
