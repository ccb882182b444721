import Testing
import ClientConfig

@Test func placeholder() {}
