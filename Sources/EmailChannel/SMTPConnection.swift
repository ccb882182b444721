import Foundation
import NIOCore
import NIOPosix
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

/// One submission: connect, EHLO, optional AUTH PLAIN, MAIL, RCPT, DATA, QUIT.
enum SMTPSession {
    static func deliver(
        host: String, port: Int, heloName: String, auth: (user: String, password: String)?, from: String,
        recipient: String, payload: String, connectTimeoutSeconds: Double
    ) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.milliseconds(Int64(max(100, connectTimeoutSeconds * 1000))))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var smtp = SMTPConnection(inbound: inbound, outbound: outbound)
            try expect(try await smtp.reply(), [220], "greeting")
            try expect(try await smtp.command("EHLO \(heloName)"), [250], "ehlo")
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

    private static func expect(_ reply: SMTPReply, _ codes: [Int], _ stage: String) throws {
        guard codes.contains(reply.code) else { throw SMTPRejected(reply: reply, stage: stage) }
    }
}
