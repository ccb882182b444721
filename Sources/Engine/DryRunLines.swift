import Foundation
import RevenueCore

/// The JSON objects `revasi dry-run --format jsonl` prints, one per line (keys sorted, nulls written).
public enum DryRunLine {
    /// A `touch` line: every `touch_runs` field plus local time, zone, lead state and score.
    public struct Touch: Encodable {
        public var run: TouchRun
        public var localTime: String
        public var timeZone: String
        public var leadState: LeadState
        public var score: LeadScore
        public var reasonCode: DeferralReason?

        enum Key: String, CodingKey {
            case type, id, org_id, lead_id, campaign_id, channel, step, status, scheduled_at, sent_at, payload, error, attempt
            case idempotency_key, playbook_hash, lease_owner, lease_expires_at, provider_message_id, outcome, appointment_id
            case local_time, timezone, lead_state, score, reason_code
        }
        enum PayloadKey: String, CodingKey { case message, subject, template, reason, kind, language }
        enum ScoreKey: String, CodingKey { case fit, recency, behaviour, total }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode("touch", forKey: .type)
            try c.encode(run.id, forKey: .id)
            try c.encode(run.orgID, forKey: .org_id)
            try c.encode(run.leadID, forKey: .lead_id)
            try c.encode(run.campaignID, forKey: .campaign_id)
            try c.encode(run.channel, forKey: .channel)
            try c.encode(run.step, forKey: .step)
            try c.encode(run.status, forKey: .status)
            try c.encode(DryRunLine.iso(run.scheduledAt), forKey: .scheduled_at)
            try c.encode(run.sentAt.map(DryRunLine.iso), forKey: .sent_at)
            var p = c.nestedContainer(keyedBy: PayloadKey.self, forKey: .payload)
            try p.encode(run.payload.message, forKey: .message)
            try p.encode(run.payload.subject, forKey: .subject)
            try p.encode(run.payload.template, forKey: .template)
            try p.encode(run.payload.reason, forKey: .reason)
            try p.encode(run.payload.kind, forKey: .kind)
            try p.encode(run.payload.language, forKey: .language)
            try c.encode(run.error, forKey: .error)
            try c.encode(run.attempt, forKey: .attempt)
            try c.encode(run.idempotencyKey, forKey: .idempotency_key)
            try c.encode(run.playbookHash, forKey: .playbook_hash)
            try c.encode(run.leaseOwner, forKey: .lease_owner)
            try c.encode(run.leaseExpiresAt.map(DryRunLine.iso), forKey: .lease_expires_at)
            try c.encode(run.providerMessageID, forKey: .provider_message_id)
            try c.encode(run.outcome, forKey: .outcome)
            try c.encode(run.appointmentID, forKey: .appointment_id)
            try c.encode(localTime, forKey: .local_time)
            try c.encode(timeZone, forKey: .timezone)
            try c.encode(leadState, forKey: .lead_state)
            var s = c.nestedContainer(keyedBy: ScoreKey.self, forKey: .score)
            try s.encode(score.fit, forKey: .fit)
            try s.encode(score.recency, forKey: .recency)
            try s.encode(score.behaviour, forKey: .behaviour)
            try s.encode(score.total, forKey: .total)
            try c.encode(reasonCode, forKey: .reason_code)
        }
    }

    /// A `state` line.
    public struct State: Encodable {
        public var type = "state"
        public var lead_id: LeadID
        public var from: LeadState
        public var to: LeadState
        public var at: String
        public var reason: LeadTrigger
    }

    /// An `appointment` line.
    public struct Appointment: Encodable {
        public var type = "appointment"
        public var id: AppointmentID
        public var lead_id: LeadID
        public var status: AppointmentStatus
        public var outcome: AppointmentOutcome?
        public var starts_at: String
        public var starts_at_local: String
        public var timezone: String
        public var at: String

        enum Key: String, CodingKey { case type, id, lead_id, status, outcome, starts_at, starts_at_local, timezone, at }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(type, forKey: .type)
            try c.encode(id, forKey: .id)
            try c.encode(lead_id, forKey: .lead_id)
            try c.encode(status, forKey: .status)
            try c.encode(outcome, forKey: .outcome)
            try c.encode(starts_at, forKey: .starts_at)
            try c.encode(starts_at_local, forKey: .starts_at_local)
            try c.encode(timezone, forKey: .timezone)
            try c.encode(at, forKey: .at)
        }
    }

    /// A `deferral` line (`to` is null when the touch was skipped).
    public struct Deferral: Encodable {
        public var type = "deferral"
        public var lead_id: LeadID
        public var step: Int
        public var channel: Channel
        public var from: String
        public var to: String?
        public var reason: DeferralReason

        enum Key: String, CodingKey { case type, lead_id, step, channel, from, to, reason }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(type, forKey: .type)
            try c.encode(lead_id, forKey: .lead_id)
            try c.encode(step, forKey: .step)
            try c.encode(channel, forKey: .channel)
            try c.encode(from, forKey: .from)
            try c.encode(to, forKey: .to)
            try c.encode(reason, forKey: .reason)
        }
    }

    /// The last line: counts.
    public struct Summary: Encodable {
        public var type = "summary"
        public var leads: Int
        /// touches[channel][status]
        public var touches: [String: [String: Int]]
        public var replies: Int
        public var bookings: Int
        public var shows: Int
        public var deferrals: [String: Int]
        public var final_states: [String: Int]
    }

    /// ISO-8601 UTC with `Z`.
    public static func iso(_ date: Date) -> String { LocalTimeFormatter.isoUTC(Int(date.timeIntervalSince1970)) }
}
