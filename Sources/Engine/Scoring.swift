import RevenueCore

/// A lead's score and its visible parts (0–100 in all): fit 0–40, recency 0–30, behaviour 0–30.
public struct LeadScore: Sendable, Hashable, Codable, Comparable {
    public var fit: Int
    public var recency: Int
    public var behaviour: Int
    public var total: Int { fit + recency + behaviour }

    public init(fit: Int, recency: Int, behaviour: Int) {
        self.fit = fit
        self.recency = recency
        self.behaviour = behaviour
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.total < rhs.total }
}

/// What a lead has done so far, for the behaviour part of the score.
public struct LeadBehaviour: Sendable, Hashable {
    public var answered = false
    public var replied = false
    public var opened = false
    public init(answered: Bool = false, replied: Bool = false, opened: Bool = false) {
        self.answered = answered
        self.replied = replied
        self.opened = opened
    }

    /// Notes an outcome.
    public mutating func note(_ outcome: Outcome) {
        switch outcome {
        case .answered: answered = true
        case .replied: replied = true
        case .opened: opened = true
        default: break
        }
    }
}

/// Scores leads to order who is attacked first. The formula is in docs/architecture.md ("Scoring").
public enum Scoring {
    /// Verticals the product is built for score full vertical fit; others half.
    public static let coreVerticals: Set<String> = ["auto_dealers", "dentists", "lenders", "agencies"]

    /// Fit: vertical (0–10), completeness (0–15: name, phone, e-mail 5 each), reachable channels (0–15).
    public static func fit(vertical: String, hasName: Bool, hasPhone: Bool, hasEmail: Bool, reachable: Int, playbookChannels: Int) -> Int {
        let v = coreVerticals.contains(vertical) ? 10 : 5
        let c = (hasName ? 5 : 0) + (hasPhone ? 5 : 0) + (hasEmail ? 5 : 0)
        let r = playbookChannels == 0 ? 0 : 15 * reachable / playbookChannels
        return v + c + r
    }

    /// Recency: lead age (15 at 0 days, 0 at 30 days) + last activity (15 now, 0 at 14 days or never).
    @inline(__always)
    public static func recency(ageSeconds: Int, sinceActivitySeconds: Int?) -> Int {
        let age = max(0, 15 - 15 * max(0, ageSeconds) / (30 * 86_400))
        guard let since = sinceActivitySeconds else { return age }
        return age + max(0, 15 - 15 * max(0, since) / (14 * 86_400))
    }

    /// Behaviour: answered 10, replied 15, opened 5, at most 30.
    @inline(__always)
    public static func behaviour(_ b: LeadBehaviour) -> Int {
        min(30, (b.answered ? 10 : 0) + (b.replied ? 15 : 0) + (b.opened ? 5 : 0))
    }

    /// Whether the lead has any name (`Lead.fullName != nil`, without building the string).
    @inline(__always)
    public static func hasName(_ lead: Lead) -> Bool {
        [lead.name, lead.firstName, lead.lastName, lead.contactName, lead.companyName].contains { $0.map { !$0.isEmpty } ?? false }
    }

    /// The full score of a lead at `now` (seconds), given its behaviour.
    public static func score(lead: Lead, playbook: CompiledPlaybook, reach: UInt8, behaviour b: LeadBehaviour, now: Int) -> LeadScore {
        let reachable = playbook.channels.filter { reach & (1 << ChannelBits.of($0)) != 0 }.count
        let fit = fit(
            vertical: playbook.vertical, hasName: hasName(lead), hasPhone: lead.phone != nil, hasEmail: lead.email != nil,
            reachable: reachable, playbookChannels: playbook.channels.count)
        let created = Int(lead.createdAt.timeIntervalSince1970)
        let activity = lead.lastActivityAt.map { now - Int($0.timeIntervalSince1970) }
        return LeadScore(fit: fit, recency: recency(ageSeconds: now - created, sinceActivitySeconds: activity), behaviour: behaviour(b))
    }
}
