import RevenueCore

/// How the simulator decides what each touch produced: outcome weights per channel, booking,
/// opt-out and appointment-outcome rates. `revasi dry-run --outcomes MODEL.yaml` overrides it.
public struct OutcomeModel: Sendable, Hashable, Codable {
    /// Relative weights of each outcome, per channel.
    public var channels: [Channel: [Outcome: Double]]
    /// Probability that an answered call books an appointment.
    public var bookOnAnswer: Double
    /// Probability that a reply books an appointment.
    public var bookOnReply: Double
    /// Probability that an answered call or a reply is an opt-out (STOP, "no me llamen").
    public var optOut: Double
    /// Relative weights of appointment outcomes.
    public var appointments: [AppointmentOutcome: Double]

    public init(channels: [Channel: [Outcome: Double]], bookOnAnswer: Double, bookOnReply: Double, optOut: Double, appointments: [AppointmentOutcome: Double]) {
        self.channels = channels
        self.bookOnAnswer = bookOnAnswer
        self.bookOnReply = bookOnReply
        self.optOut = optOut
        self.appointments = appointments
    }

    /// Rough rates for Hispanic-market SMB outbound, for planning, not forecasting.
    public static let `default` = OutcomeModel(
        channels: [
            .voice: [.answered: 0.18, .noAnswer: 0.45, .voicemail: 0.25, .busy: 0.07, .failed: 0.05],
            .sms: [.delivered: 0.85, .replied: 0.10, .failed: 0.05],
            .whatsapp: [.delivered: 0.80, .replied: 0.17, .failed: 0.03],
            .email: [.delivered: 0.60, .opened: 0.28, .replied: 0.04, .bounced: 0.08],
        ],
        bookOnAnswer: 0.30, bookOnReply: 0.25, optOut: 0.05,
        appointments: [.show: 0.70, .noShow: 0.15, .rescheduled: 0.08, .cancelled: 0.05, .unqualified: 0.02])
}

/// An `OutcomeModel` as cumulative 64-bit thresholds: one draw and a short scan per touch.
struct OutcomeSampler: Sendable {
    private var tables: [[(UInt64, Outcome)]] = []
    private let appointments: [(UInt64, AppointmentOutcome)]
    let bookOnAnswer: UInt64
    let bookOnReply: UInt64
    let optOut: UInt64

    init(_ model: OutcomeModel) {
        for channel in ChannelBits.channels {
            let weights = model.channels[channel] ?? OutcomeModel.default.channels[channel] ?? [:]
            tables.append(Self.cumulative(channel.outcomes.map { ($0, weights[$0] ?? 0) }))
        }
        appointments = Self.cumulative(AppointmentOutcome.allCases.map { ($0, model.appointments[$0] ?? 0) })
        bookOnAnswer = Self.threshold(model.bookOnAnswer)
        bookOnReply = Self.threshold(model.bookOnReply)
        optOut = Self.threshold(model.optOut)
    }

    private static func threshold(_ p: Double) -> UInt64 {
        p <= 0 ? 0 : p >= 1 ? UInt64.max : UInt64(p * 18_446_744_073_709_551_615.0)
    }

    private static func cumulative<T>(_ pairs: [(T, Double)]) -> [(UInt64, T)] {
        let total = pairs.reduce(0) { $0 + max(0, $1.1) }
        guard total > 0 else { return pairs.isEmpty ? [] : [(UInt64.max, pairs[0].0)] }
        var acc = 0.0
        var out: [(UInt64, T)] = []
        for (value, w) in pairs where w > 0 {
            acc += w
            out.append((acc >= total ? UInt64.max : threshold(acc / total), value))
        }
        return out
    }

    @inline(__always)
    func outcome(channel: UInt8, draw: UInt64) -> Outcome {
        let table = tables[Int(channel)]
        for (limit, outcome) in table where draw < limit { return outcome }
        return table[table.count - 1].1
    }

    @inline(__always)
    func appointmentOutcome(draw: UInt64) -> AppointmentOutcome {
        for (limit, outcome) in appointments where draw < limit { return outcome }
        return appointments.last?.1 ?? .show
    }
}
