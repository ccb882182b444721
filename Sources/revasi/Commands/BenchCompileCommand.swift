import ArgumentParser
import Foundation
import PlaybookDSL
import Yams

/// `revasi bench compile`: compile a generated N-step playbook; baseline: Yams parsing the same text.
struct BenchCompileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile a generated playbook of --steps steps; baseline: YAML parsing alone (Yams compose)."
    )

    @Option(help: "Cadence steps in the generated playbook.")
    var steps = 2000

    @Option(help: "Timed repetitions (the median is reported).")
    var iterations = 15

    func run() async throws {
        let text = SyntheticPlaybook.yaml(steps: steps)
        let data = Data(text.utf8)
        let compiler = PlaybookCompiler()
        let warm = compiler.compile(data, path: "synthetic.yaml")
        guard let playbook = warm.playbook else {
            throw CLIError(message: "the generated playbook did not compile: \(warm.diagnostics.prefix(3).map(\.message))", exitCode: 1)
        }
        let compileMs = Stopwatch.medianMilliseconds(iterations) { _ = compiler.compile(data, path: "synthetic.yaml") }
        let parseMs = Stopwatch.medianMilliseconds(iterations) { _ = try? Yams.compose(yaml: text, .basic) }
        Output.out("""
        playbook: \(steps) cadence steps, \(playbook.steps.count) compiled steps, \(data.count) bytes
        compile (median CPU time of \(iterations)): \(Stopwatch.format(compileMs)) ms
        baseline, Yams compose only:  \(Stopwatch.format(parseMs)) ms
        compiler overhead over parsing: \(Stopwatch.format(compileMs / max(parseMs, 0.001)))x

        """)
    }
}

/// Times closures by the CPU time of the calling thread, so other processes on a busy machine
/// do not inflate the figure (wall time would).
enum Stopwatch {
    /// The median thread CPU time of `iterations` runs, in milliseconds.
    static func medianMilliseconds(_ iterations: Int, _ body: () -> Void) -> Double {
        var samples: [Double] = []
        for _ in 0..<max(1, iterations) {
            let start = threadCPUTime()
            body()
            samples.append((threadCPUTime() - start) * 1000)
        }
        return samples.sorted()[samples.count / 2]
    }

    /// Seconds of CPU this thread has used.
    static func threadCPUTime() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}

/// A large, valid playbook for benchmarks: steps rotate through the channels, every one bilingual.
enum SyntheticPlaybook {
    static func yaml(steps: Int) -> String {
        let channels = ["voice", "whatsapp", "sms", "email"]
        var out = """
        id: synthetic
        version: 1
        vertical: dentists
        locales: [es, en]
        channels: [voice, whatsapp, sms, email]
        fallback: [voice, email, sms]
        send_window: { days: [mon, tue, wed, thu, fri], start: "09:00", end: "19:00" }
        reminders: { channel: sms, template: t_reminder }
        steps:

        """
        for index in 0..<steps {
            let channel = channels[index % channels.count]
            out += "  - id: s\(index)\n    channel: \(channel)\n    wait: \(index % 3 + 1)h\n"
            if index + 2 < steps {
                let outcome = channel == "voice" ? "answered" : "replied"
                out += "    on: { \(outcome): end, default: s\(index + 1) }\n"
            }
        }
        out += "templates:\n"
        out += "  t_reminder:\n    sms:\n      es: \"Su cita es {{appointment.starts_at_local}}. BAJA para salir.\"\n      en: \"Your visit is {{appointment.starts_at_local}}. STOP to opt out.\"\n"
        for index in 0..<steps {
            out += "  s\(index):\n"
            out += "    voice:\n      es: { say: \"Hola {{lead.first_name}}, le llama {{client.name}}.\", options: [{ digit: \"1\", speech: [agendar], intent: book }] }\n"
            out += "      en: { say: \"Hi {{lead.first_name}}, this is {{client.name}}.\" }\n"
            out += "    text:\n      es: \"Hola {{lead.first_name}}, agende en {{booking_link}}. BAJA para salir.\"\n"
            out += "      en: \"Hi {{lead.first_name}}, book at {{booking_link}}. STOP to opt out.\"\n"
            out += "    email:\n      es: { subject: \"Su cita\", body: \"Agende: {{booking_link}} Baja: {{unsubscribe_link}}\" }\n"
            out += "      en: { subject: \"Your visit\", body: \"Book: {{booking_link}} Unsubscribe: {{unsubscribe_link}}\" }\n"
        }
        return out
    }
}
