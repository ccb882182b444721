/// What the daemon tells a provider to do next on a live call, after the lead pressed or said something.
///
/// Provider-neutral: the runtime decides, an adapter that conforms to `CallInstructionRendering` writes
/// it in the provider's language (Twilio: TwiML). Holds personal data (phone numbers, text): never log it.
public enum CallInstruction: Sendable, Hashable {
    /// Say `text` (when not empty); hang up after it when `hangUp`, else hand the call back (a whisper).
    case say(_ text: String, language: Language, hangUp: Bool)
    /// Offer the menu again: say `prompt` while listening for `options`; the result posts to `actionURL`;
    /// `noInput` is said before hanging up when the lead chooses nothing.
    case gather(prompt: String, options: [VoiceOption], language: Language, actionURL: String, noInput: String?)
    /// Say `text`, then ring `number` (E.164); the person who answers first hears what `whisperURL`
    /// answers, and the dial's result posts to `actionURL`.
    case dial(text: String, language: Language, number: String, whisperURL: String, actionURL: String, timeoutSeconds: Int)
}

/// An adapter that can answer a call webhook with a `CallInstruction` (Twilio renders TwiML).
public protocol CallInstructionRendering: ChannelAdapter {
    /// The HTTP reply that makes the provider carry out `instruction`.
    func reply(for instruction: CallInstruction) -> WebhookReply
}
