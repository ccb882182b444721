/// A self-signed certificate for `localhost` and `127.0.0.1` (valid 2020–2120) and its key: TEST ONLY.
/// Fake servers present it; tests trust it explicitly. It protects nothing.
public enum FakeTLSIdentity {
    /// The certificate (PEM).
    public static let certificatePEM = """
    -----BEGIN CERTIFICATE-----
    MIIBWzCCAQGgAwIBAgIUfmB55hsUUF/3HhsyxMIjH0IUeYAwCgYIKoZIzj0EAwIw
    FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTIwMDEwMTAwMDAwMFoYDzIxMjAwMTAx
    MDAwMDAwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
    PQMBBwNCAAQ+RAnvLUUvChACJ6sNaIQV7DQ1lZk/HkxobLNR6XX0mRu3S1JyaHvz
    qOmwJ6DkqtuFbM/+VAqQqR0g/R+FqsdAoy8wLTAaBgNVHREEEzARgglsb2NhbGhv
    c3SHBH8AAAEwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEA2D4z
    QDEdgnDTSnH6pDno+Yo6CTxuWvfvbrqev1iWOGgCIGeyhR0bXV2jSr9SRPZ8qT4o
    3CmjjF6Mr52G8QDUbCFQ
    -----END CERTIFICATE-----
    """

    /// The private key (PKCS#8 PEM).
    public static let privateKeyPEM = """
    -----BEGIN PRIVATE KEY-----
    MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgiA4pil7FyzSu7PHY
    HMY9fN9qBaq4Jg18Pts10+buG6ahRANCAAQ+RAnvLUUvChACJ6sNaIQV7DQ1lZk/
    HkxobLNR6XX0mRu3S1JyaHvzqOmwJ6DkqtuFbM/+VAqQqR0g/R+FqsdA
    -----END PRIVATE KEY-----
    """
}
