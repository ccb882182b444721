import Foundation
import NIOCore
import PostgresNIO
import RevenueCore
import StoreSchema

/// The element type of one column of a batch bound as an array.
enum PGArrayElement: Sendable {
    case text, int8, timestamptz

    /// The SQL spelling of the array type (`text[]` …).
    var arrayTypeName: String {
        switch self {
        case .text: "text[]"
        case .int8: "int8[]"
        case .timestamptz: "timestamptz[]"
        }
    }
}

/// One column of a batch as a binary PostgreSQL array that may hold NULLs (PostgresNIO's own
/// array encoding has no NULL elements).
struct PGColumnArray: PostgresThrowingDynamicTypeEncodable {
    let element: PGArrayElement
    let column: String
    let values: [StoreValue]

    var psqlType: PostgresDataType {
        switch element {
        case .text: .textArray
        case .int8: .int8Array
        case .timestamptz: .timestamptzArray
        }
    }

    var psqlFormat: PostgresFormat { .binary }

    private var elementType: PostgresDataType {
        switch element {
        case .text: .text
        case .int8: .int8
        case .timestamptz: .timestamptz
        }
    }

    /// The array wire format: dimensions, has-NULL flag, element type, length and lower bound,
    /// then each element as a length (-1 for NULL) and its binary value.
    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) throws {
        buffer.writeInteger(values.isEmpty ? 0 : 1, as: Int32.self)
        buffer.writeInteger(values.contains(.null) ? 1 : 0, as: Int32.self)
        buffer.writeInteger(elementType.rawValue)
        guard !values.isEmpty else { return }
        buffer.writeInteger(Int32(values.count))
        buffer.writeInteger(1, as: Int32.self)
        for value in values {
            if value == .null {
                buffer.writeInteger(-1, as: Int32.self)
                continue
            }
            let lengthIndex = buffer.writerIndex
            buffer.writeInteger(0, as: Int32.self)
            let start = buffer.writerIndex
            switch (element, value) {
            case (.text, .text(let text)): text.encode(into: &buffer, context: context)
            case (.int8, .int(let int)): int.encode(into: &buffer, context: context)
            case (.timestamptz, .date(let date)): date.encode(into: &buffer, context: context)
            default: throw StoreError(code: "invalid_value", message: "column \(column) is bound as \(element.arrayTypeName) but got another type")
            }
            buffer.setInteger(Int32(buffer.writerIndex - start), at: lengthIndex)
        }
    }
}

/// A set-based INSERT of many rows of one record: every column is bound as one array and the
/// rows come from `unnest(…)`, so a batch is one statement and one round trip.
struct PGBatchInsert: Sendable {
    let columns: [String]
    let elements: [PGArrayElement]
    /// `INSERT … SELECT … FROM unnest($1::text[], …) ON CONFLICT DO NOTHING RETURNING <returning>`.
    let sql: String

    /// `elements` names each column's array type, in `R.Columns` order; JSON columns are bound as text and cast.
    init<R: StoreRecord>(_ record: R.Type, elements: [PGArrayElement], returning: String) {
        precondition(elements.count == R.columnNames.count, "one element type per column of \(R.table)")
        columns = R.columnNames
        self.elements = elements
        let arrays = zip(elements.indices, elements).map { "$\($0 + 1)::\($1.arrayTypeName)" }
        let select = columns.map { R.jsonColumns.contains($0) ? "CAST(d.\($0) AS JSONB)" : "d.\($0)" }
        sql = """
            INSERT INTO \(R.table) (\(R.selectList))
            SELECT \(select.joined(separator: ", "))
            FROM unnest(\(arrays.joined(separator: ", "))) AS d(\(R.selectList))
            ON CONFLICT DO NOTHING RETURNING \(returning)
            """
    }

    /// The statement for `rows` (each in column order), one array per column.
    func query(_ rows: [[StoreValue]]) throws -> PostgresQuery {
        var binds = PostgresBindings(capacity: columns.count)
        for (index, column) in columns.enumerated() {
            try binds.append(PGColumnArray(element: elements[index], column: column, values: rows.map { $0[index] }))
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}

extension PostgresStore {
    /// Rows per batch statement: large enough that round trips stop mattering, small enough to keep
    /// one statement's bind buffer to a few megabytes.
    static let touchBatchSize = 2_000

    /// `touch_runs` bound column by column, in `TouchRunRecord.Columns` order.
    static let touchBatch = PGBatchInsert(
        TouchRunRecord.self,
        elements: [
            .text, .text, .text, .text, .text, .int8, .text, .timestamptz, .timestamptz, .text, .text, .int8, .text,
            .text, .text, .timestamptz, .text, .text, .text,
        ],
        returning: "id")

    /// Inserts touches set-based (one statement per `touchBatchSize` rows) in the caller's
    /// transaction; rows whose key or id already exists — in the table or earlier in the same
    /// call — are skipped and counted as duplicates, exactly as one INSERT per row would.
    static func insertTouchBatches(_ rows: [(TouchID, [StoreValue])], db: PGSession) async throws -> EnqueueResult {
        var inserted: [TouchID] = []
        inserted.reserveCapacity(rows.count)
        var start = rows.startIndex
        while start < rows.endIndex {
            let chunk = rows[start..<min(rows.endIndex, start + touchBatchSize)]
            start = chunk.endIndex
            var written = Set(try await db.rows(try touchBatch.query(chunk.map(\.1))).map { try $0.requiredText("id") })
            // RETURNING promises no order: report the inserted ids in input order.
            for (id, _) in chunk where written.remove(id.rawValue) != nil { inserted.append(id) }
        }
        return EnqueueResult(inserted: inserted, duplicates: rows.count - inserted.count)
    }
}
