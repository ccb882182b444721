import Foundation
import RevenueCore

/// Renders a compiled step graph for people (text), programs (JSON) and Graphviz (dot).
public enum GraphRenderer {
    /// The canonical JSON (the golden-file format).
    public static func json(_ playbook: CompiledPlaybook) -> String {
        let data = (try? CanonicalJSON.encoder.encode(playbook)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// A readable summary: header, then one block per step with its edges.
    public static func text(_ playbook: CompiledPlaybook) -> String {
        var out = "playbook \(playbook.id) v\(playbook.version) (\(playbook.vertical))\n"
        out += "hash      \(playbook.contentHash)\n"
        out += "locales   \(playbook.locales.map(\.rawValue).joined(separator: ", ")) (default \(playbook.defaultLocale))\n"
        out += "channels  \(playbook.channels.map(\.rawValue).joined(separator: ", "))\n"
        let window = playbook.sendWindow
        out += "window    \(window.days.map(\.rawValue).joined(separator: ",")) \(clock(window.startMinute))–\(clock(window.endMinute))\n"
        out += "caps      \(playbook.caps.touchesPerDay) touches/day, \(playbook.caps.callsPerDay) calls/day\n"
        out += "exit on   \(playbook.exitOn.map(\.rawValue).joined(separator: ", "))\n"
        out += "entry     \(playbook.entry)\n"
        for step in playbook.steps {
            var header = "\n[\(step.id)] \(step.name)  \(step.channel)"
            switch step.kind {
            case .cadence: if !step.wait.isZero { header += "  after \(step.wait)" }
            case .reminder(let before): header += "  \(Wait.seconds(before)) before the appointment"
            case .followUp(let outcomes): header += "  on \(outcomes.map(\.rawValue).joined(separator: "/"))"
                if !step.wait.isZero { header += " after \(step.wait)" }
            }
            out += header + "\n"
            if !step.fallbacks.isEmpty { out += "    fallback → \(step.fallbacks.map(\.rawValue).joined(separator: " → "))\n" }
            for transition in step.transitions { out += "    \(transition.outcome) → \(name(transition.target, in: playbook))\n" }
            if case .cadence = step.kind { out += "    otherwise → \(name(step.otherwise, in: playbook))\n" }
            out += "    template \(step.template): " + step.content.map { "\($0.channel)/\($0.language)" }.joined(separator: " ") + "\n"
        }
        return out
    }

    /// Graphviz: steps as boxes, edges labelled by outcome; render with `dot -Tsvg`.
    public static func dot(_ playbook: CompiledPlaybook) -> String {
        var out = "digraph \"\(escape(playbook.id))\" {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
        out += "  end [shape=doublecircle, label=\"end\"];\n"
        for step in playbook.steps {
            let wait = step.wait.isZero ? "" : "\\nafter \(step.wait)"
            out += "  s\(step.id) [label=\"\(step.id) \(escape(step.name))\\n\(step.channel)\(wait)\"];\n"
        }
        for step in playbook.steps where step.kind == .cadence {
            for transition in step.transitions {
                out += "  s\(step.id) -> \(node(transition.target)) [label=\"\(transition.outcome)\"];\n"
            }
            out += "  s\(step.id) -> \(node(step.otherwise)) [label=\"otherwise\", style=dashed];\n"
        }
        return out + "}\n"
    }

    static func name(_ target: StepTarget, in playbook: CompiledPlaybook) -> String {
        switch target {
        case .end: "end"
        case .step(let id): playbook.step(id).map { "[\(id)] \($0.name)" } ?? "[\(id)]"
        }
    }

    static func node(_ target: StepTarget) -> String {
        switch target {
        case .end: "end"
        case .step(let id): "s\(id)"
        }
    }

    static func clock(_ minutes: Int) -> String { Analyzer.clock(minutes) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
