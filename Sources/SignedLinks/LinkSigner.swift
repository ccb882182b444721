import RevenueCore

/// Signs per-lead links (placeholder until the signer lands).
public enum LinkSigner {}
