import RevenueCore

/// A client file's values (placeholder until the checker lands).
public enum ClientFile {}
