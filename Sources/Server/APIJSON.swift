import Foundation
import Hummingbird

/// A JSON request body of the API: the snake_case fields it accepts (any other is a 400) and hints for values.
protocol APIRequestBody: Decodable {
    /// Every accepted top-level field, snake_case.
    static var fields: [String] { get }
    /// What a bad value at `field` should look like (`use one of show, no_show, …`), if there is more to say.
    static func hint(for field: String) -> String?
}

extension APIRequestBody {
    static func hint(for field: String) -> String? { nil }
}

/// JSON coding for the API: snake_case keys, ISO 8601 instants, sorted keys (stable output).
enum APIJSON {
    /// The instant format the API accepts, as error messages name it.
    static let dateFormat = "an ISO 8601 instant with a zone, e.g. 2026-12-04T15:00:00Z or 2026-12-04T10:00:00-06:00"

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes a bounded request body; a body that does not decode is a 400 naming the field (snake_case), never its value.
    static func decode<T: APIRequestBody>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch {
            throw APIError.tooLarge
        }
        return try decode(type, from: Data(buffer.readableBytesView))
    }

    /// Decodes `data` as `T`: a JSON object with only `T.fields`, dates in `dateFormat`.
    static func decode<T: APIRequestBody>(_ type: T.Type, from data: Data) throws -> T {
        guard let parsed = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("body is not valid JSON")
        }
        guard let object = parsed as? [String: Any] else { throw APIError.badRequest("body must be a JSON object") }
        if let unknown = object.keys.sorted().first(where: { !T.fields.contains($0) }) {
            throw APIError.badRequest("unknown field \(unknown.prefix(40)); accepted fields: \(T.fields.joined(separator: ", "))")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .custom { decoder in
            let raw = try decoder.singleValueContainer().decode(String.self)
            guard let date = parseDate(raw) else { throw BadDate(path: decoder.codingPath) }
            return date
        }
        do {
            return try decoder.decode(type, from: data)
        } catch let bad as BadDate {
            throw APIError.badRequest("\(field(bad.path)): not a valid date; use \(dateFormat)")
        } catch let DecodingError.keyNotFound(key, context) {
            throw APIError.badRequest("missing field \(field(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(expected, context) {
            throw APIError.badRequest("\(field(context.codingPath)): wrong type; expected \(describe(expected))")
        } catch let DecodingError.valueNotFound(expected, context) {
            throw APIError.badRequest("\(field(context.codingPath)): must not be null; expected \(describe(expected))")
        } catch let DecodingError.dataCorrupted(context) {
            let name = field(context.codingPath)
            guard !context.codingPath.isEmpty else { throw APIError.badRequest("body is not valid JSON") }
            throw APIError.badRequest("\(name): invalid value" + (T.hint(for: name).map { "; \($0)" } ?? ""))
        } catch {
            throw APIError.badRequest("body is not valid JSON")
        }
    }

    /// An ISO 8601 instant that names its zone (`Z` or an offset), with or without fractional seconds.
    static func parseDate(_ raw: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: raw) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: raw)
    }

    /// A coding path as the API spells it: `lead_id`, `items[0].starts_at`.
    static func field(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == "\(index)" {
                out += "[\(index)]"
            } else {
                out += (out.isEmpty ? "" : ".") + snakeCase(key.stringValue)
            }
        }
        return out.isEmpty ? "body" : out
    }

    /// `leadId` → `lead_id`; already snake_case stays as it is.
    static func snakeCase(_ key: String) -> String {
        var out = ""
        for character in key {
            if character.isUppercase {
                if !out.isEmpty { out += "_" }
                out += character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        case is [String: Any].Type: "an object"
        default: "a string"
        }
    }

    /// A date field that did not parse, at `path`.
    struct BadDate: Error { var path: [any CodingKey] }
}
