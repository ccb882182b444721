import RevenueCore

/// A step as declared, with the nodes diagnostics point at.
struct StepDecl {
    var index: Int
    var name: String
    var node: SyntaxNode
    var nameNode: SyntaxNode
    var channel: Channel?
    var channelNode: SyntaxNode?
    var template: String
    var templateNode: SyntaxNode
    var wait: Wait
    var transitions: [(outcome: SyntaxNode.Scalar, target: SyntaxNode)]
    var fallbacks: [Channel]
    var id: StepID { StepID.cadence(index: index) }
}

/// A reminder or follow-up as declared.
struct AppointmentStepDecl {
    var id: StepID
    var name: String
    var kind: StepKind
    var channel: Channel?
    var channelNode: SyntaxNode
    var template: String
    var templateNode: SyntaxNode
    var wait: Wait
    var fallbacks: [Channel]
}

/// The semantic pass: reads the (shape-checked) tree, runs the cross-reference checks, and lowers
/// the result to a `CompiledPlaybook` when no error was found.
struct Analyzer {
    var sink: DiagnosticSink
    let root: SyntaxNode
    let options: CompilerOptions

    var locales: [Language] = []
    var defaultLocale: Language = .es
    var channels: [Channel] = []
    var chain: [Channel] = []
    var window = SendWindow(days: [], startMinute: 0, endMinute: 0)
    var caps = LeadCaps(touchesPerDay: 3, callsPerDay: 1)
    var smsMaxSegments = 3
    var exitOn: [ExitCondition] = []
    var steps: [StepDecl] = []
    var stepIndex: [String: Int] = [:]
    var appointmentSteps: [AppointmentStepDecl] = []
    var entry: StepID = StepID.cadence(index: 0)
    /// Templates by id (the first of a repeated id), so lookups stay O(1) in large playbooks.
    let templateIndex: [String: SyntaxNode]

    init(root: SyntaxNode, sink: DiagnosticSink, options: CompilerOptions) {
        self.root = root
        self.sink = sink
        self.options = options
        var index: [String: SyntaxNode] = [:]
        for pair in root["templates"]?.pairs ?? [] where index[pair.key.text] == nil {
            index[pair.key.text] = pair.value
        }
        self.templateIndex = index
    }

    mutating func run() -> CompiledPlaybook? {
        readHeader()
        readSendWindow()
        readSteps()
        readStart()
        readReminders()
        readFollowUps()
        checkReachability()
        checkZeroWaitCycles()
        checkTemplates()
        guard !sink.hasErrors else { return nil }
        return lower()
    }

    // MARK: - Header

    mutating func readHeader() {
        locales = root["locales"]?.items.compactMap { $0.string.flatMap(Language.init(rawValue:)) }.uniqued() ?? []
        if let node = root["default_locale"], let text = node.string, let locale = Language(rawValue: text) {
            defaultLocale = locale
            if !locales.isEmpty, !locales.contains(locale) {
                sink.error(DiagnosticCode.defaultLocaleNotDeclared, at: node, "default locale `\(text)` is not one of `locales`",
                           hint: "add `\(text)` to `locales`, or use one of: \(locales.map(\.rawValue).joined(separator: ", "))")
            }
        } else {
            defaultLocale = locales.first ?? .es
        }
        channels = root["channels"]?.items.compactMap { $0.string.flatMap(Channel.init(rawValue:)) }.uniqued() ?? []
        if let node = root["fallback"] {
            for item in node.items {
                guard let channel = item.string.flatMap(Channel.init(rawValue:)) else { continue }
                if !channels.contains(channel) {
                    sink.error(DiagnosticCode.fallbackNotAllowed, at: item, "the fallback chain names `\(channel)`, which `channels` does not allow",
                               hint: "add `\(channel)` to `channels` or remove it from `fallback`")
                } else if !chain.contains(channel) {
                    chain.append(channel)
                }
            }
        }
        if let capsNode = root["caps"] {
            caps.touchesPerDay = capsNode["touches_per_day"]?.int ?? caps.touchesPerDay
            caps.callsPerDay = capsNode["calls_per_day"]?.int ?? caps.callsPerDay
            smsMaxSegments = capsNode["sms_max_segments"]?.int ?? smsMaxSegments
            if caps.callsPerDay > caps.touchesPerDay, let node = capsNode["calls_per_day"] {
                sink.error(DiagnosticCode.outOfRange, at: node, "`calls_per_day` (\(caps.callsPerDay)) is more than `touches_per_day` (\(caps.touchesPerDay))",
                           hint: "calls count as touches; lower `calls_per_day` or raise `touches_per_day`")
            }
        }
        var exits = root["exit_on"].map { $0.items.compactMap { $0.string.flatMap(ExitCondition.init(rawValue:)) } }
            ?? [.replied, .booked, .optedOut, .unqualified]
        if !exits.contains(.optedOut) { exits.append(.optedOut) }
        exitOn = exits.uniqued()
    }

    mutating func readSendWindow() {
        guard let node = root["send_window"] else { return }
        let days = node["days"]?.items.compactMap { $0.string.flatMap(Weekday.init(rawValue:)) }.uniqued().sorted() ?? []
        let start = node["start"]?.string.flatMap(TimeOfDaySyntax.parse)
        let end = node["end"]?.string.flatMap(TimeOfDaySyntax.parse)
        window = SendWindow(days: days, startMinute: start ?? 0, endMinute: end ?? 0)
        if let daysNode = node["days"], case .sequence(let items, _) = daysNode, items.isEmpty {
            sink.error(DiagnosticCode.emptyWindow, at: daysNode, "the send window has no days",
                       hint: "list the days touches may go out, e.g. [mon, tue, wed, thu, fri]")
        }
        guard let start, let end else { return }
        if start >= end, let endNode = node["end"] {
            sink.error(DiagnosticCode.emptyWindow, at: endNode, "the send window closes (\(Self.clock(end))) before it opens (\(Self.clock(start)))",
                       hint: "`end` must be later than `start` on the same day")
        }
        let legal = options.legalWindow
        if start < legal.lowerBound, let startNode = node["start"] {
            sink.error(DiagnosticCode.windowOutsideLegalHours, at: startNode,
                       "the send window opens at \(Self.clock(start)), before the federal calling window (\(Self.clock(legal.lowerBound))–\(Self.clock(legal.upperBound)), 47 CFR 64.1200(c)(1))",
                       hint: "open at \"\(Self.clock(legal.lowerBound))\" or later")
        }
        if end > legal.upperBound, let endNode = node["end"] {
            sink.error(DiagnosticCode.windowOutsideLegalHours, at: endNode,
                       "the send window closes at \(Self.clock(end)), after the federal calling window (\(Self.clock(legal.lowerBound))–\(Self.clock(legal.upperBound)), 47 CFR 64.1200(c)(1))",
                       hint: "close at \"\(Self.clock(legal.upperBound))\" or earlier")
        }
    }

    static func clock(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    // MARK: - Steps

    mutating func readSteps() {
        guard let stepsNode = root["steps"] else { return }
        if case .sequence(let items, _) = stepsNode, items.isEmpty {
            sink.error(DiagnosticCode.missingKey, at: stepsNode, "`steps` is empty", hint: "a playbook needs at least one step")
        }
        for item in stepsNode.items {
            guard case .mapping = item, let nameNode = item["id"], let name = nameNode.string else { continue }
            if let first = stepIndex[name] {
                sink.error(DiagnosticCode.duplicateStep, at: nameNode, "step id `\(name)` is used twice",
                           hint: "rename one; the first is at line \(steps[first].nameNode.location.line)")
                continue
            }
            let channelNode = item["channel"]
            let channel = channelNode?.string.flatMap(Channel.init(rawValue:))
            let templateNode = item["template"] ?? nameNode
            var decl = StepDecl(
                index: steps.count, name: name, node: item, nameNode: nameNode, channel: channel, channelNode: channelNode,
                template: item["template"]?.string ?? name, templateNode: templateNode,
                wait: item["wait"]?.string.flatMap(DurationSyntax.parse) ?? .none, transitions: [], fallbacks: [])
            if let channel, let channelNode {
                checkAllowed(channel, at: channelNode, what: "step `\(name)`")
                decl.fallbacks = resolveFallbacks(item["fallback"], channel: channel, owner: "step `\(name)`")
            }
            for pair in item["on"]?.pairs ?? [] {
                guard pair.value.string != nil else { continue }
                if let channel, let outcome = Outcome(rawValue: pair.key.text), !channel.outcomes.contains(outcome) {
                    sink.error(DiagnosticCode.impossibleOutcome, at: pair.key, "a `\(channel)` step cannot report `\(outcome)`",
                               hint: "`\(channel)` steps report: " + channel.outcomes.map(\.rawValue).joined(separator: ", ") + ", or use `default`")
                }
                decl.transitions.append((pair.key, pair.value))
            }
            stepIndex[name] = steps.count
            steps.append(decl)
        }
        for step in steps {
            for transition in step.transitions {
                guard let target = transition.target.string, target != "end", stepIndex[target] == nil else { continue }
                sink.error(DiagnosticCode.unknownStep, at: transition.target, "step `\(step.name)` goes to `\(target)`, which is not a step",
                           hint: Suggestion.closest(to: target, in: steps.map(\.name) + ["end"]).map { "did you mean `\($0)`?" }
                               ?? "use a step id or `end`")
            }
        }
    }

    mutating func readStart() {
        guard let node = root["start"], let name = node.string else { return }
        if let index = stepIndex[name] {
            entry = steps[index].id
        } else {
            sink.error(DiagnosticCode.unknownStep, at: node, "`start` names `\(name)`, which is not a step",
                       hint: Suggestion.closest(to: name, in: steps.map(\.name)).map { "did you mean `\($0)`?" })
        }
    }

    mutating func checkAllowed(_ channel: Channel, at node: SyntaxNode, what: String) {
        guard !channels.isEmpty, !channels.contains(channel) else { return }
        sink.error(DiagnosticCode.channelNotAllowed, at: node, "\(what) uses `\(channel)`, which `channels` does not allow",
                   hint: "add `\(channel)` to `channels`, or use one of: " + channels.map(\.rawValue).joined(separator: ", "))
    }

    /// The step's override when given, else the channels after `channel` in the playbook chain.
    mutating func resolveFallbacks(_ node: SyntaxNode?, channel: Channel, owner: String) -> [Channel] {
        guard let node else {
            guard let position = chain.firstIndex(of: channel) else { return [] }
            return Array(chain[(position + 1)...])
        }
        var result: [Channel] = []
        for item in node.items {
            guard let fallback = item.string.flatMap(Channel.init(rawValue:)) else { continue }
            if fallback == channel {
                sink.error(DiagnosticCode.fallbackToSelf, at: item, "\(owner) falls back to its own channel `\(channel)`",
                           hint: "a fallback must be another channel; remove `\(channel)` from this list")
            } else if !channels.isEmpty, !channels.contains(fallback) {
                sink.error(DiagnosticCode.fallbackNotAllowed, at: item, "\(owner) falls back to `\(fallback)`, which `channels` does not allow",
                           hint: "add `\(fallback)` to `channels` or remove it from this fallback list")
            } else if !result.contains(fallback) {
                result.append(fallback)
            }
        }
        return result
    }

    // MARK: - Reminders and follow-ups

    mutating func readReminders() {
        guard let node = root["reminders"], let channelNode = node["channel"], let templateNode = node["template"] else { return }
        let channel = channelNode.string.flatMap(Channel.init(rawValue:))
        if let channel { checkAllowed(channel, at: channelNode, what: "`reminders`") }
        let fallbacks = channel.map { resolveFallbacks(node["fallback"], channel: $0, owner: "`reminders`") } ?? []
        var offsets: [Int] = []
        if let offsetsNode = node["offsets"] {
            if case .sequence(let items, _) = offsetsNode, items.isEmpty {
                sink.error(DiagnosticCode.badReminderOffsets, at: offsetsNode, "`offsets` is empty",
                           hint: "remove `offsets` to get the default [24h, 1h, 10m], or list at least one")
            }
            var previous: Int?
            for item in offsetsNode.items {
                guard let text = item.string, let wait = DurationSyntax.parse(text) else { continue }
                guard case .seconds(let seconds) = wait else {
                    sink.error(DiagnosticCode.badReminderOffsets, at: item, "reminder offsets must be fixed durations, not business days",
                               hint: "write the offset in m, h or d")
                    continue
                }
                if seconds <= 0 {
                    sink.error(DiagnosticCode.badReminderOffsets, at: item, "reminder offset `\(text)` is not positive",
                               hint: "a reminder goes out before the appointment: use e.g. 24h, 1h, 10m")
                } else if let previous, seconds >= previous {
                    sink.error(DiagnosticCode.badReminderOffsets, at: item, "reminder offsets must be strictly decreasing; `\(text)` is not shorter than the one before",
                               hint: "order them from furthest to nearest, e.g. [24h, 1h, 10m]")
                }
                previous = seconds
                offsets.append(seconds)
            }
            if offsets.count > 10 {
                sink.error(DiagnosticCode.outOfRange, at: offsetsNode, "at most 10 reminders (steps 200–209)")
            }
        } else {
            offsets = [86_400, 3_600, 600]
        }
        for (index, seconds) in offsets.prefix(10).enumerated() {
            appointmentSteps.append(AppointmentStepDecl(
                id: StepID(StepID.firstReminder.rawValue + index), name: "reminder_" + (seconds % 3600 == 0 ? "\(seconds / 3600)h" : "\(seconds / 60)m"),
                kind: .reminder(beforeSeconds: seconds), channel: channel, channelNode: channelNode,
                template: templateNode.string ?? "", templateNode: templateNode, wait: .none, fallbacks: fallbacks))
        }
    }

    mutating func readFollowUps() {
        guard let node = root["follow_ups"] else { return }
        let kinds: [(key: String, id: StepID, outcomes: [AppointmentOutcome])] = [
            ("no_show", .noShowFollowUp, [.noShow]),
            ("rescheduled", .rescheduleFollowUp, [.rescheduled, .cancelled]),
        ]
        for kind in kinds {
            guard let item = node[kind.key], let channelNode = item["channel"], let templateNode = item["template"] else { continue }
            let channel = channelNode.string.flatMap(Channel.init(rawValue:))
            if let channel { checkAllowed(channel, at: channelNode, what: "follow-up `\(kind.key)`") }
            appointmentSteps.append(AppointmentStepDecl(
                id: kind.id, name: "follow_up_\(kind.key)", kind: .followUp(outcomes: kind.outcomes), channel: channel,
                channelNode: channelNode, template: templateNode.string ?? "", templateNode: templateNode,
                wait: item["wait"]?.string.flatMap(DurationSyntax.parse) ?? .none,
                fallbacks: channel.map { resolveFallbacks(item["fallback"], channel: $0, owner: "follow-up `\(kind.key)`") } ?? []))
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each kept once.
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
