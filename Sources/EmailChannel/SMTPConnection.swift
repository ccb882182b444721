import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import RevenueCore

/// A reply from an SMTP server: the three-digit code and its text lines.
struct SMTPReply: Sendable {
    var code: Int
    var lines: [String]
    var text: String { lines.joined(separator: " ") }
}

/// One SMTP client session over a NIO TCP connection (plain text; no STARTTLS).
struct SMTPConnection {
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var pending: [UInt8] = []

    init(inbound: NIOAsyncChannelInboundStream<ByteBuffer>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
    }

    /// Reads one (possibly multi-line) reply.
    mutating func reply() async throws -> SMTPReply {
        var lines: [String] = []
        while true {
            guard let line = try await nextLine() else { throw SMTPClosed() }
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)) else { throw SMTPClosed() }
            lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") { return SMTPReply(code: code, lines: lines) }
        }
    }

    /// Sends a command line (CRLF added) and reads the reply.
    mutating func command(_ line: String) async throws -> SMTPReply {
        try await write(line + "\r\n")
        return try await reply()
    }

    func write(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    private mutating func nextLine() async throws -> String? {
        while true {
            if let index = pending.firstIndex(of: 0x0A) {
                var line = Array(pending[..<index])
                pending.removeFirst(index + 1)
                if line.last == 0x0D { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard let buffer = try await inbound.next() else { return nil }
            pending.append(contentsOf: buffer.readableBytesView)
        }
    }
}

/// The server closed the connection or spoke something that is not SMTP.
struct SMTPClosed: Error {}

/// The server refused a step with a reply code we did not expect.
struct SMTPRejected: Error {
    var reply: SMTPReply
    var stage: String
}

/// How an SMTP connection is secured.
public enum SMTPSecurity: String, Sendable, Hashable {
    /// `STARTTLS` after `EHLO` (submission port 587); refuses servers that do not offer it.
    case startTLS = "starttls"
    /// TLS from the first byte (port 465).
    case implicit
    /// Plain text (loopback relays only).
    case none
}

/// The server does not offer STARTTLS although the adapter requires it.
struct SMTPNoStartTLS: Error {}

/// The TLS handshake failed (certificate not trusted, wrong host name, protocol error).
struct SMTPTLSFailure: Error {
    var reason: String
}

/// One submission: connect, EHLO, optional STARTTLS + EHLO, optional AUTH PLAIN, MAIL, RCPT, DATA, QUIT.
enum SMTPSession {
    static func deliver(
        host: String, port: Int, heloName: String, security: SMTPSecurity, trustRootsPEM: String?,
        auth: (user: String, password: String)?, from: String, recipient: String, payload: String, connectTimeoutSeconds: Double
    ) async throws {
        let tls = security == .none ? nil : try tlsContext(trustRootsPEM: trustRootsPEM)
        let hostname = isIPAddress(host) ? nil : host
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.milliseconds(Int64(max(100, connectTimeoutSeconds * 1000))))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if security == .implicit, let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: hostname))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let raw = channel.channel
        try await channel.executeThenClose { inbound, outbound in
            var smtp = SMTPConnection(inbound: inbound, outbound: outbound)
            let greeting: SMTPReply
            do {
                greeting = try await smtp.reply()
            } catch where security == .implicit {
                throw SMTPTLSFailure(reason: String(describing: error))
            }
            try expect(greeting, [220], "greeting")
            let ehlo = try await smtp.command("EHLO \(heloName)")
            try expect(ehlo, [250], "ehlo")
            if security == .startTLS, let tls {
                guard ehlo.lines.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else { throw SMTPNoStartTLS() }
                try expect(try await smtp.command("STARTTLS"), [220], "starttls")
                try await raw.eventLoop.submit {
                    try raw.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: hostname), position: .first)
                }.get()
                let secured: SMTPReply
                do {
                    secured = try await smtp.command("EHLO \(heloName)")
                } catch {
                    throw SMTPTLSFailure(reason: String(describing: error))
                }
                try expect(secured, [250], "ehlo")
            }
            if let auth {
                let token = Data("\u{0}\(auth.user)\u{0}\(auth.password)".utf8).base64EncodedString()
                try expect(try await smtp.command("AUTH PLAIN \(token)"), [235], "auth")
            }
            try expect(try await smtp.command("MAIL FROM:<\(from)>"), [250], "mail")
            try expect(try await smtp.command("RCPT TO:<\(recipient)>"), [250, 251], "rcpt")
            try expect(try await smtp.command("DATA"), [354], "data")
            try await smtp.write(payload)
            try expect(try await smtp.reply(), [250], "message")
            _ = try? await smtp.command("QUIT")
        }
    }

    /// Client TLS: full verification against the system roots, or only `trustRootsPEM` when given.
    static func tlsContext(trustRootsPEM: String?) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let trustRootsPEM {
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(trustRootsPEM.utf8)))
        }
        return try NIOSSLContext(configuration: configuration)
    }

    static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || (host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil })
    }

    private static func expect(_ reply: SMTPReply, _ codes: [Int], _ stage: String) throws {
        guard codes.contains(reply.code) else { throw SMTPRejected(reply: reply, stage: stage) }
    }
}
