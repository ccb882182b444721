import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One message a fake SMTP server accepted (or the envelope it refused).
public struct ReceivedMail: Sendable, Hashable {
    public var helo: String?
    /// `user` from AUTH PLAIN, if the client authenticated.
    public var authenticatedUser: String?
    public var mailFrom: String?
    public var recipients: [String]
    /// Whether the message arrived over TLS (STARTTLS or implicit).
    public var tls: Bool = false
    /// The DATA section, dot-unstuffed, without the terminating `.` line.
    public var data: String

    /// A header value from the message (first match, case-insensitive).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased() + ":"
        for line in data.components(separatedBy: "\r\n") {
            if line.isEmpty { return nil }
            if line.lowercased().hasPrefix(wanted) { return line.dropFirst(wanted.count).trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }
}

/// The mail a fake SMTP server received.
public actor MailLog {
    public private(set) var messages: [ReceivedMail] = []
    /// Every command line received, in order (AUTH arguments replaced by `***`).
    public private(set) var commands: [String] = []
    public init() {}
    func append(_ mail: ReceivedMail) { messages.append(mail) }
    func command(_ line: String) { commands.append(line.uppercased().hasPrefix("AUTH ") ? "AUTH ***" : line) }
}

/// An SMTP server on 127.0.0.1 that speaks enough RFC 5321 for submission tests and records mail.
public enum FakeSMTPServer {
    /// How the fake behaves.
    public struct Behavior: Sendable {
        /// Required AUTH PLAIN user and password, if any.
        public var credentials: (user: String, password: String)?
        /// RCPT replies by address (`550 5.1.1 No such user`).
        public var rejectRecipients: [String: String]
        /// Seconds to wait before the greeting (timeout tests).
        public var greetingDelay: Double
        /// How the server offers TLS (with `FakeTLSIdentity`).
        public var tls: TLSMode
        public init(
            credentials: (user: String, password: String)? = nil, rejectRecipients: [String: String] = [:],
            greetingDelay: Double = 0, tls: TLSMode = .none
        ) {
            self.credentials = credentials
            self.rejectRecipients = rejectRecipients
            self.greetingDelay = greetingDelay
            self.tls = tls
        }
    }

    /// TLS on the fake server.
    public enum TLSMode: Sendable {
        /// No TLS offered.
        case none
        /// Offers STARTTLS; with `required`, refuses AUTH and MAIL before it (`530`).
        case startTLS(required: Bool)
        /// TLS from the first byte.
        case implicit
    }

    static func serverContext() throws -> NIOSSLContext {
        let certificates = try NIOSSLCertificate.fromPEMBytes(Array(FakeTLSIdentity.certificatePEM.utf8))
        let key = try NIOSSLPrivateKey(bytes: Array(FakeTLSIdentity.privateKeyPEM.utf8), format: .pem)
        return try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key)))
    }

    /// Runs the server for the duration of `body`, passing its port and log.
    public static func run<T>(_ behavior: Behavior = .init(), _ body: (_ port: Int, _ log: MailLog) async throws -> T) async throws -> T {
        let log = MailLog()
        let context = try serverContext()
        let implicit = if case .implicit = behavior.tls { true } else { false }
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicit { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context)) }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let port = server.channel.localAddress?.port ?? 0
        let serverChannel = server.channel
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await withThrowingDiscardingTaskGroup { connections in
                    try await server.executeThenClose { inbound in
                        for try await connection in inbound {
                            connections.addTask { try? await session(connection, behavior, log, context) }
                        }
                    }
                }
            }
            do {
                let result = try await body(port, log)
                group.cancelAll()
                try? await serverChannel.close()
                return result
            } catch {
                group.cancelAll()
                try? await serverChannel.close()
                throw error
            }
        }
    }

    private static func session(
        _ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, _ behavior: Behavior, _ log: MailLog, _ context: NIOSSLContext
    ) async throws {
        let raw = connection.channel
        var offersStartTLS = false
        var requiresTLS = false
        var secure = false
        switch behavior.tls {
        case .none: break
        case .startTLS(let required):
            offersStartTLS = true
            requiresTLS = required
        case .implicit: secure = true
        }
        try await connection.executeThenClose { inbound, outbound in
            var lines = Lines(inbound.makeAsyncIterator())
            func say(_ text: String) async throws { try await outbound.write(ByteBuffer(string: text + "\r\n")) }
            if behavior.greetingDelay > 0 { try await Task.sleep(nanoseconds: UInt64(behavior.greetingDelay * 1_000_000_000)) }
            try await say("220 fake.smtp.localhost ESMTP ready")
            var mail = ReceivedMail(helo: nil, authenticatedUser: nil, mailFrom: nil, recipients: [], data: "")
            func refuseInsecure() async throws -> Bool {
                guard requiresTLS && !secure else { return false }
                try await say("530 5.7.0 Must issue a STARTTLS command first")
                return true
            }
            var authenticated = behavior.credentials == nil
            while let line = try await lines.next() {
                await log.command(line)
                let upper = line.uppercased()
                if upper.hasPrefix("EHLO ") || upper.hasPrefix("HELO ") {
                    mail.helo = String(line.dropFirst(5))
                    try await say("250-fake.smtp.localhost")
                    try await say("250-8BITMIME")
                    if offersStartTLS && !secure { try await say("250-STARTTLS") }
                    try await say("250 AUTH PLAIN")
                } else if upper == "STARTTLS" && offersStartTLS && !secure {
                    // Reply and insert TLS in one event-loop turn, so the reply leaves in clear text.
                    try await raw.eventLoop.submit {
                        raw.writeAndFlush(ByteBuffer(string: "220 2.0.0 Ready to start TLS\r\n"), promise: nil)
                        try raw.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context), position: .first)
                    }.get()
                    secure = true
                    mail.helo = nil
                } else if upper.hasPrefix("AUTH PLAIN ") {
                    if try await refuseInsecure() { continue }
                    let decoded = Data(base64Encoded: String(line.dropFirst(11))).map { String(decoding: $0, as: UTF8.self) } ?? ""
                    let parts = decoded.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
                    if let expected = behavior.credentials, parts.count == 3, parts[1] == expected.user, parts[2] == expected.password {
                        authenticated = true
                        mail.authenticatedUser = parts[1]
                        try await say("235 2.7.0 Authentication successful")
                    } else {
                        try await say("535 5.7.8 Authentication credentials invalid")
                    }
                } else if upper.hasPrefix("MAIL FROM:") {
                    if try await refuseInsecure() { continue }
                    guard authenticated else { try await say("530 5.7.0 Authentication required"); continue }
                    mail.mailFrom = address(line.dropFirst(10))
                    try await say("250 2.1.0 OK")
                } else if upper.hasPrefix("RCPT TO:") {
                    let recipient = address(line.dropFirst(8))
                    if let rejection = behavior.rejectRecipients[recipient] {
                        try await say(rejection)
                    } else {
                        mail.recipients.append(recipient)
                        try await say("250 2.1.5 OK")
                    }
                } else if upper == "DATA" {
                    guard !mail.recipients.isEmpty else { try await say("554 5.5.1 No valid recipients"); continue }
                    try await say("354 End data with <CR><LF>.<CR><LF>")
                    var data: [String] = []
                    while let dataLine = try await lines.next(), dataLine != "." {
                        data.append(dataLine.hasPrefix("..") ? String(dataLine.dropFirst()) : dataLine)
                    }
                    mail.data = data.joined(separator: "\r\n")
                    mail.tls = secure
                    await log.append(mail)
                    try await say("250 2.0.0 Ok: queued as FAKE\(await log.messages.count)")
                    mail = ReceivedMail(helo: mail.helo, authenticatedUser: mail.authenticatedUser, mailFrom: nil, recipients: [], data: "")
                } else if upper == "QUIT" {
                    try await say("221 2.0.0 Bye")
                    return
                } else if upper == "RSET" || upper == "NOOP" {
                    try await say("250 2.0.0 OK")
                } else {
                    try await say("502 5.5.2 Command not recognized")
                }
            }
        }
    }

    private static func address(_ text: Substring) -> String {
        text.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
    }

    /// CRLF line splitter over the inbound byte stream.
    struct Lines {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var pending: [UInt8] = []
        init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.iterator = iterator }
        mutating func next() async throws -> String? {
            while true {
                if let index = pending.firstIndex(of: 0x0A) {
                    var line = Array(pending[..<index])
                    pending.removeFirst(index + 1)
                    if line.last == 0x0D { line.removeLast() }
                    return String(decoding: line, as: UTF8.self)
                }
                guard let buffer = try await iterator.next() else { return nil }
                pending.append(contentsOf: buffer.readableBytesView)
            }
        }
    }
}
