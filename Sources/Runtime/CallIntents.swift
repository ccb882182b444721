import Engine
import Foundation
import RevenueCore

/// What the lead does on a call: a `<Gather>` result read against the step's options (keypad, or speech in
/// Spanish or English) and carried out — opt out, booking link, transfer to the client, callback, more
/// information, or the menu once more. Every message it sends is a queued confirmation touch due now,
/// keyed by the call's id, so a redelivered webhook adds nothing.
extension RuntimeEventSink {
    /// Everything one call answer needs: the lead, the campaign, the call touch, the rendered step.
    struct CallScene {
        var lead: Lead
        var touch: TouchRun
        var context: CampaignContext
        var rendered: RenderedTouch
        var callSID: String
        var webhookURL: String
        var language: Language { touch.payload.language }
    }

    /// The `.callInput` case: settles the call `answered`, then acts on the intent and says what comes next.
    func callInput(_ e: CallInputEvent, touch: TouchRun, context: WebhookContext, now: Date) async throws -> CallInstruction? {
        guard let scene = try await scene(touch, callSID: e.providerCallID, url: context.url) else { return nil }
        if touch.outcome == nil {
            if try await applier.apply(.answered, to: touch.id, org: touch.orgID, providerMessageID: e.providerCallID, now: now) {
                RuntimeMetrics.touch(touch.channel, Outcome.answered.rawValue)
            }
        }
        let intent = Self.intent(of: e, options: scene.rendered.options)
        RuntimeMetrics.inbound("call_" + (intent?.rawValue ?? "unrecognised"))
        let how = e.digits.map { _ in "keypad" } ?? "speech"
        await events.record(engine: "conversations", org: touch.orgID, campaign: touch.campaignID, lead: touch.leadID,
                            "call answer (\(how)) read as \(intent?.rawValue ?? "unrecognised")", at: now)
        // A lead who opted out hears a goodbye and gets nothing more, whatever else is pressed on the call.
        if scene.lead.state == .doNotContact, intent != .optOut {
            return .say(CallReplies.optOutBye(scene.language), language: scene.language, hangUp: true)
        }
        switch intent {
        case .optOut: return try await callOptOut(scene, how: how, now: now)
        case .book: return try await callBook(scene, now: now)
        case .transfer: return try await callTransfer(scene, now: now)
        case .callback: return try await callBack(scene, speech: e.speech, now: now)
        case .moreInfo: return try await callMoreInfo(scene, now: now)
        case nil:
            let attempt = Int(context.queryItem("attempt") ?? "") ?? 1
            guard attempt < 2 else { return .say(CallReplies.goodbye(scene.language), language: scene.language, hangUp: true) }
            return .gather(prompt: CallReplies.notUnderstood(scene.language) + " " + scene.rendered.body, options: scene.rendered.options,
                           language: scene.language, actionURL: Self.url(scene.webhookURL, touch: touch, extra: [("attempt", "\(attempt + 1)")]),
                           noInput: CallReplies.goodbye(scene.language))
        }
    }

    /// The `.callTransfer` case: the whisper the client hears, or the end of the dial.
    func callTransfer(_ e: CallTransferEvent, touch: TouchRun, context: WebhookContext, now: Date) async throws -> CallInstruction? {
        guard let scene = try await scene(touch, callSID: e.providerCallID, url: context.url) else { return nil }
        switch e.stage {
        case .whisper:
            return .say(CallReplies.whisper(firstName: scene.lead.firstName, campaign: scene.context.campaign.name, language: scene.language),
                        language: scene.language, hangUp: false)
        case .ended(let result):
            await events.record(engine: "conversations", org: touch.orgID, campaign: touch.campaignID, lead: touch.leadID,
                                "call transfer ended: \(result.rawValue)", at: now)
            if result.connected { return .say("", language: scene.language, hangUp: true) }
            return try await transferMissed(scene, why: "the transfer ended \(result.rawValue)", now: now)
        }
    }

    /// The intent the lead chose: a matching option, else an opt-out said in words the options lack
    /// (compliance: "stop calling", "no me llame" are heard even when the step offers no `opt_out`).
    static func intent(of e: CallInputEvent, options: [VoiceOption]) -> VoiceIntent? {
        let chosen = e.matchedOption(in: options)?.intent
        guard let speech = e.speech, !speech.isEmpty, chosen != .optOut else { return chosen }
        let words = TextNormalizer.words(speech)
        if ComplianceKeywords.signal(in: speech) == .optOut || CallReplies.optOutPhrases.contains(where: { TextNormalizer.contains(words, phrase: $0) }) {
            return .optOut
        }
        return chosen
    }

    func scene(_ touch: TouchRun, callSID: String, url: String) async throws -> CallScene? {
        guard let lead = try await store.lead(touch.leadID, org: touch.orgID) else { return nil }
        let context = try await applier.directory.context(org: touch.orgID, campaign: touch.campaignID, playbookHash: touch.playbookHash)
        return CallScene(lead: lead, touch: touch, context: context, rendered: context.orchestrator.render(touch, lead: lead),
                         callSID: callSID, webhookURL: url)
    }

    // MARK: - Intents

    /// do_not_contact everywhere, queued touches cancelled, one confirmation: by text when the number takes
    /// texts, else spoken before hanging up.
    func callOptOut(_ s: CallScene, how: String, now: Date) async throws -> CallInstruction {
        let channel = try await textChannel(s, now: now)
        let confirmationID = Self.touchID(s, kind: "opt_out")
        if channel != nil, try await store.touch(confirmationID, org: s.touch.orgID) != nil {
            return .say(CallReplies.optOutBye(s.language), language: s.language, hangUp: true)  // a redelivered answer
        }
        try await optOut(lead: s.lead.id, org: s.touch.orgID, channel: .voice, reason: "opted out on a call (\(how))", confirm: nil, now: now)
        guard let channel else { return .say(CallReplies.optOutSpoken(s.language), language: s.language, hangUp: true) }
        try await queueText(s, kind: "opt_out", channel: channel, body: ComplianceReplies.text("opt_out", language: s.language), now: now)
        return .say(CallReplies.optOutBye(s.language), language: s.language, hangUp: true)
    }

    /// The booking link sent at once by text, the lead engaged; no link (or no text channel): a callback task.
    func callBook(_ s: CallScene, now: Date) async throws -> CallInstruction {
        try await engage(s, reason: "asked to book on a call", now: now)
        let link = s.context.orchestrator.renderText("{{booking_link}}", lead: s.lead, language: s.language).text
        guard !link.isEmpty, let channel = try await textChannel(s, now: now) else {
            try await task(s, kind: "book", "asked on a call to book, but \(link.isEmpty ? "the client has no booking link" : "the lead takes no texts"); call to book", now: now)
            return .say(CallReplies.callbackSpoken(s.language), language: s.language, hangUp: true)
        }
        try await queueText(s, kind: "book", channel: channel,
                            body: CallReplies.bookingText(link, business: s.context.client.name, language: s.language), now: now)
        return .say(CallReplies.bookingSent(s.language), language: s.language, hangUp: true)
    }

    /// `<Dial>` to the client's phone with a whisper, while the business is open; otherwise a callback task and a text.
    func callTransfer(_ s: CallScene, now: Date) async throws -> CallInstruction {
        try await engage(s, reason: "asked for an advisor on a call", now: now)
        let profile = s.context.client.profile
        guard let phone = profile.phone, !phone.isEmpty else { return try await transferMissed(s, why: "the client has no phone", now: now) }
        guard Self.isOpen(profile.businessHours, zone: s.context.client.timeZone, at: now) else {
            return try await transferMissed(s, why: "outside the client's business hours", now: now)
        }
        return .dial(text: CallReplies.transferring(s.language), language: s.language, number: phone,
                     whisperURL: Self.url(s.webhookURL, touch: s.touch, extra: [("event", "whisper")]),
                     actionURL: Self.url(s.webhookURL, touch: s.touch, extra: [("event", "dial")]), timeoutSeconds: 20)
    }

    /// A transfer that cannot ring or was not answered: a callback task, a text "we'll call you soon", a spoken apology.
    func transferMissed(_ s: CallScene, why: String, now: Date) async throws -> CallInstruction {
        try await task(s, kind: "transfer", "asked for an advisor on a call, \(why); call back soon", now: now)
        if let channel = try await textChannel(s, now: now) {
            try await queueText(s, kind: "transfer", channel: channel,
                                body: CallReplies.callbackText(business: s.context.client.name, language: s.language), now: now)
        }
        return .say(CallReplies.transferUnavailable(s.language), language: s.language, hangUp: true)
    }

    /// A callback task, and the lead's next queued call moved to the time asked (or +2 h), on a compliant instant.
    func callBack(_ s: CallScene, speech: String?, now: Date) async throws -> CallInstruction {
        try await engage(s, reason: "asked for a callback on a call", now: now)
        let zone = TimeZone(identifier: s.lead.timeZone ?? s.context.client.timeZone) ?? TimeZone(identifier: "America/New_York")!
        let asked = CallbackTime.parse(speech, now: now, zone: zone)
        let wanted = asked ?? now.addingTimeInterval(CallbackTime.defaultDelay)
        let history = try await store.touches(lead: s.lead.id, org: s.touch.orgID)
        var at = wanted
        var moved = false
        if var next = history.filter({ $0.channel == .voice && $0.status == .queued && $0.payload.kind == .cadence }).min(by: { $0.scheduledAt < $1.scheduledAt }) {
            next.scheduledAt = wanted
            switch s.context.orchestrator.sendTimeVerdict(for: next, lead: s.lead, history: history, now: wanted) {
            case .send: at = wanted
            case .deferred(let until, _): at = until
            case .skip: at = wanted  // the dispatcher decides again when it is due
            }
            moved = try await store.moveQueued(next.id, org: s.touch.orgID, to: at)
            if moved {
                await events.record(engine: "conversations", org: s.touch.orgID, campaign: s.touch.campaignID, lead: s.lead.id,
                                    "touch \(next.id.rawValue) moved to \(at.ISO8601Format()): callback asked on a call", at: now)
            }
        }
        try await task(s, kind: "callback", "asked on a call to be called back at \(at.ISO8601Format())"
                       + (moved ? "; the next call was moved there" : "; no call is queued, call them"), now: now)
        guard asked != nil else { return .say(CallReplies.callbackSpoken(s.language), language: s.language, hangUp: true) }
        return .say(CallReplies.callbackAt(Self.spoken(at, zone: zone, now: now, language: s.language), language: s.language),
                    language: s.language, hangUp: true)
    }

    /// The step's information text on the lead's text channel (the fixed text and a task when the step has none).
    func callMoreInfo(_ s: CallScene, now: Date) async throws -> CallInstruction {
        try await engage(s, reason: "asked for more information on a call", now: now)
        let info = s.rendered.info.flatMap { $0.isEmpty ? nil : $0 }
        guard let channel = try await textChannel(s, now: now) else {
            if info == nil { try await task(s, kind: "more_info", "asked for more information on a call; the lead takes no texts", now: now) }
            return .say((info.map { $0 + " " } ?? "") + CallReplies.goodbye(s.language), language: s.language, hangUp: true)
        }
        if info == nil { try await task(s, kind: "more_info", "asked for more information on a call; the step has none, write to them", now: now) }
        try await queueText(s, kind: "more_info", channel: channel,
                            body: info ?? CallReplies.moreInfoText(business: s.context.client.name, language: s.language), now: now)
        return .say(CallReplies.moreInfoSent(s.language), language: s.language, hangUp: true)
    }

    // MARK: - Effects

    /// The lead's text channel: WhatsApp while its 24-hour session is open (free text allowed), else SMS,
    /// else WhatsApp (an approved template); only channels the client uses. Nil: the number takes no texts.
    func textChannel(_ s: CallScene, now: Date) async throws -> Channel? {
        let usable = [Channel.whatsapp, .sms].filter { s.lead.isReachable(on: $0) && s.context.client.allows($0) }
        guard usable.count > 1 else { return usable.first }
        let thread = Conversation.id(lead: s.lead.id, channel: .whatsapp)
        let lastInbound = try await store.messages(conversation: thread, org: s.touch.orgID).filter { $0.direction == .inbound }.map(\.at).max()
        if let lastInbound, now.timeIntervalSince(lastInbound) < OutboundMessage.sessionWindow { return .whatsapp }
        return .sms
    }

    /// Moves a lead who has not engaged yet to `engaged`.
    func engage(_ s: CallScene, reason: String, now: Date) async throws {
        try await store.move(s.lead.id, org: s.touch.orgID, to: .engaged, reason: reason, at: now) { [.new, .enriched, .attempting].contains($0) }
    }

    /// One text to the lead, queued due now as a confirmation (step 0), keyed by the call and the intent.
    func queueText(_ s: CallScene, kind: String, channel: Channel, body: String, now: Date) async throws {
        let touch = TouchRun(
            id: Self.touchID(s, kind: kind), orgID: s.touch.orgID, leadID: s.lead.id, campaignID: s.touch.campaignID,
            channel: channel, step: 0, scheduledAt: now,
            payload: TouchPayload(message: body, template: "call.\(kind)", reason: "\(kind) asked on a call", kind: .confirmation, language: s.language),
            idempotencyKey: "\(s.lead.id.rawValue)/call/\(kind)/\(s.callSID)", playbookHash: s.touch.playbookHash)
        try await store.enqueue([touch], org: s.touch.orgID)
    }

    /// An operator task (`director_events`, kind `operator.task`), once per call and intent.
    func task(_ s: CallScene, kind: String, _ what: String, now: Date) async throws {
        let key = ["call_sid": Self.safe(s.callSID, 64), "intent": kind, "lead": Self.safe(s.lead.id.rawValue, 200)]
        let detail = String(decoding: try JSONSerialization.data(withJSONObject: key, options: [.sortedKeys]), as: UTF8.self)
        // The store may keep JSON re-spelled (PostgreSQL jsonb): compare what it says, not its text.
        let recent = try await store.directorEvents(org: s.touch.orgID, limit: 500).filter { $0.kind == "operator.task" }
        if recent.contains(where: { event in
            event.detailJSON.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] } == key
        }) { return }
        try await store.recordDirectorEvent(DirectorEvent(
            orgID: s.touch.orgID, campaignID: s.touch.campaignID, kind: "operator.task",
            summary: "lead \(s.lead.id.rawValue) \(what)", detailJSON: detail, at: now), org: s.touch.orgID)
    }

    static func touchID(_ s: CallScene, kind: String) -> TouchID {
        TouchID("\(s.lead.id.rawValue)-call-\(kind)-\(safe(s.callSID, 40))")
    }

    /// Letters and digits only, at most `limit` (ids that go into keys and JSON).
    static func safe(_ text: String, _ limit: Int) -> String {
        String(String(text.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }.map(Character.init)).suffix(limit))
    }

    /// The webhook URL this call posted to, with only `touch`, `org` and the `extra` query items.
    static func url(_ webhook: String, touch: TouchRun, extra: [(String, String)]) -> String {
        guard var components = URLComponents(string: webhook) else { return webhook }
        components.queryItems = [URLQueryItem(name: "touch", value: touch.id.rawValue), URLQueryItem(name: "org", value: touch.orgID.rawValue)]
            + extra.map { URLQueryItem(name: $0.0, value: $0.1) }
        return components.string ?? webhook
    }

    /// Whether `hours` (local to `zone`) are open at `now`; no hours set: always open.
    static func isOpen(_ hours: SendWindow?, zone: String, at now: Date) -> Bool {
        guard let hours else { return true }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "America/New_York")!
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: now)
        let weekdays: [Weekday] = [.sun, .mon, .tue, .wed, .thu, .fri, .sat]
        guard let weekday = parts.weekday, hours.days.contains(weekdays[weekday - 1]) else { return false }
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        return minute >= hours.startMinute && minute < hours.endMinute
    }

    /// "hoy a las 17:00" / "mañana a las 15:00" / "today at 17:00", as the voice agent says it.
    static func spoken(_ at: Date, zone: TimeZone, now: Date, language: Language) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: now), to: calendar.startOfDay(for: at)).day ?? 0
        let parts = calendar.dateComponents([.hour, .minute], from: at)
        let clock = String(format: "%d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        switch (days, language) {
        case (0, .es): return "hoy a las \(clock)"
        case (1, .es): return "mañana a las \(clock)"
        case (_, .es): return "el \(calendar.component(.day, from: at)) a las \(clock)"
        case (0, _): return "today at \(clock)"
        case (1, _): return "tomorrow at \(clock)"
        default: return "on the \(calendar.component(.day, from: at))th at \(clock)"
        }
    }
}
