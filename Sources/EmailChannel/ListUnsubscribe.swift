import RevenueCore

/// RFC 2369 / RFC 8058 headers every campaign mail carries.
public enum ListUnsubscribe {
    /// `List-Unsubscribe` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click` for a campaign touch,
    /// none for transactional mail. Campaign mail without an unsubscribe URL is refused (`.misconfigured`).
    public static func headers(for touch: OutboundMessage, provider: ProviderKind, mailto: String? = nil) throws(ChannelError) -> [HeaderField] {
        guard touch.isCampaign else { return [] }
        guard let url = touch.unsubscribeURL, url.hasPrefix("https://") || url.hasPrefix("http://") else {
            throw ChannelError(.misconfigured, provider: provider, code: "no_unsubscribe_url", detail: "campaign mail needs an http(s) unsubscribe URL")
        }
        var value = "<\(url)>"
        if let mailto { value += ", <mailto:\(mailto)>" }
        return [HeaderField("List-Unsubscribe", value), HeaderField("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")]
    }
}
