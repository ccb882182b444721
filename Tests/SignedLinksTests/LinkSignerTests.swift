import Testing
import SignedLinks

@Test func placeholder() {}
