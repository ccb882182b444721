import BenchTools
import Testing

@Suite("wrk report")
struct WrkRunnerTests {
    @Test func wrkReportIsParsed() {
        let report = """
            Running 10s test @ http://127.0.0.1:8080/api/ping
              2 threads and 64 connections
              Latency Distribution
                 50%  812.00us
                 99%    4.20ms
              120345 requests in 10.00s, 12.00MB read
              Non-2xx or 3xx responses: 3
            Requests/sec:  12034.50
            """
        let result = WrkRunner.parse(report)
        #expect(result.requestsPerSecond == 12034.5)
        #expect(result.p50Milliseconds == 0.812)
        #expect(result.p99Milliseconds == 4.2)
        #expect(result.requests == 120345)
        #expect(result.errors == 3)
    }
}
