import Crypto
import Foundation

/// An `Encoder` that feeds a value's Codable representation straight into SHA-256: the same
/// canonical content as the JSON, without building JSON (hashing a 2,000-step graph stays cheap).
///
/// Every item is written with a one-byte type tag and, for strings and keys, a length prefix, so
/// different values can never produce the same byte stream.
final class HashingEncoder: Encoder {
    var hasher = SHA256()
    /// Bytes not yet fed to the hasher: SHA-256 gets them in large blocks, not one call per tag.
    var pending: [UInt8] = []
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    /// The hex digest of `value`.
    static func digest(of value: some Encodable) -> String {
        let encoder = HashingEncoder()
        encoder.pending.reserveCapacity(Self.flushThreshold + 4096)
        try? value.encode(to: encoder)
        encoder.flush()
        return encoder.hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static let flushThreshold = 32 * 1024

    func flush() {
        pending.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        pending.removeAll(keepingCapacity: true)
    }

    func write(tag: UInt8) { pending.append(tag) }

    func write(_ string: String) {
        write(UInt64(string.utf8.count))
        var string = string
        string.withUTF8 { pending.append(contentsOf: $0) }
        if pending.count >= Self.flushThreshold { flush() }
    }

    func write(_ number: Int64) { write(UInt64(bitPattern: number)) }

    func write(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { pending.append(contentsOf: $0) }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        write(tag: 0x7B)
        return KeyedEncodingContainer(KeyedHashingContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        write(tag: 0x5B)
        return UnkeyedHashingContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleHashingContainer(encoder: self) }

    func write(string: String) { write(tag: 0x73); write(string) }
    func write(bool: Bool) { write(tag: bool ? 0x74 : 0x66) }
    func write(int: Int) { write(tag: 0x69); write(Int64(int)) }

    /// Writes one primitive (or recurses into a nested value).
    func encodeValue(_ value: some Encodable) throws {
        switch value {
        case let string as String: write(string: string)
        case let bool as Bool: write(bool: bool)
        case let int as Int: write(int: int)
        case let double as Double: write(tag: 0x64); write(String(double))
        default: try value.encode(to: self)
        }
    }
}

private struct KeyedHashingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: HashingEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    func key(_ key: Key) { encoder.write(tag: 0x6B); encoder.write(key.stringValue) }
    mutating func encodeNil(forKey key: Key) throws { self.key(key); encoder.write(tag: 0x6E) }
    mutating func encode(_ value: some Encodable, forKey key: Key) throws { self.key(key); try encoder.encodeValue(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { self.key(key); encoder.write(string: value) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { self.key(key); encoder.write(bool: value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { self.key(key); encoder.write(int: value) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }
    mutating func encodeIfPresent(_ value: (some Encodable)?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        self.key(key)
        return encoder.container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        self.key(key)
        return encoder.unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> any Encoder { self.key(key); return encoder }
}

private struct UnkeyedHashingContainer: UnkeyedEncodingContainer {
    let encoder: HashingEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count = 0

    mutating func encodeNil() throws { count += 1; encoder.write(tag: 0x6E) }
    mutating func encode(_ value: some Encodable) throws { count += 1; encoder.write(tag: 0x2C); try encoder.encodeValue(value) }
    mutating func encode(_ value: String) throws { count += 1; encoder.write(tag: 0x2C); encoder.write(string: value) }
    mutating func encode(_ value: Int) throws { count += 1; encoder.write(tag: 0x2C); encoder.write(int: value) }
    mutating func encode(_ value: Bool) throws { count += 1; encoder.write(tag: 0x2C); encoder.write(bool: value) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        count += 1
        return encoder.container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        count += 1
        return encoder.unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { encoder }
}

private struct SingleHashingContainer: SingleValueEncodingContainer {
    let encoder: HashingEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    mutating func encodeNil() throws { encoder.write(tag: 0x6E) }
    mutating func encode(_ value: some Encodable) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: String) throws { encoder.write(string: value) }
    mutating func encode(_ value: Bool) throws { encoder.write(bool: value) }
    mutating func encode(_ value: Int) throws { encoder.write(int: value) }
}
