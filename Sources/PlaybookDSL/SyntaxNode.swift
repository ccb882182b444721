
/// A position in the source: 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.line, lhs.column) < (rhs.line, rhs.column) }
}

/// The YAML document as a tree that keeps every node's position (Yams `Mark`).
///
/// Aliases are expanded while converting, under a node budget, so an alias bomb stops with PB005
/// instead of exhausting memory.
indirect enum SyntaxNode: Sendable {
    case scalar(Scalar)
    case mapping([(key: Scalar, value: SyntaxNode)], SourceLocation)
    case sequence([SyntaxNode], SourceLocation)

    /// A scalar with its text, position and whether it was quoted.
    struct Scalar: Sendable {
        var text: String
        var location: SourceLocation
        var quoted: Bool
        /// A `|` or `>` block scalar: columns inside it do not line up with the key's line.
        var block: Bool = false

        /// `~`, `null` or nothing at all, unquoted.
        var isNull: Bool { !quoted && ["", "~", "null", "Null", "NULL"].contains(text) }
        /// The caret width: the text plus its quotes.
        var width: Int { block ? 1 : max(1, (text.split(separator: "\n").first?.count ?? 0) + (quoted ? 2 : 0)) }

        /// Where the character at `offset` in the text sits, when the scalar is on one line.
        func location(ofOffset offset: Int) -> SourceLocation {
            guard !block, !text.unicodeScalars.prefix(offset).contains("\n") else { return location }
            return SourceLocation(line: location.line, column: location.column + offset + (quoted ? 1 : 0))
        }
    }

    var location: SourceLocation {
        switch self {
        case .scalar(let s): s.location
        case .mapping(_, let l), .sequence(_, let l): l
        }
    }

    /// The caret width for a diagnostic at this node.
    var width: Int {
        if case .scalar(let s) = self { return s.width }
        return 1
    }

    /// The scalar's text when it is a non-null scalar.
    var string: String? {
        if case .scalar(let s) = self, !s.isNull { return s.text }
        return nil
    }

    var scalar: Scalar? {
        if case .scalar(let s) = self { return s }
        return nil
    }

    /// An unquoted integer scalar.
    var int: Int? {
        if case .scalar(let s) = self, !s.quoted { return Int(s.text) }
        return nil
    }

    var items: [SyntaxNode] {
        if case .sequence(let items, _) = self { return items }
        return []
    }

    var pairs: [(key: Scalar, value: SyntaxNode)] {
        if case .mapping(let pairs, _) = self { return pairs }
        return []
    }

    /// The value of the first pair with this key, in a mapping.
    subscript(key: String) -> SyntaxNode? {
        pairs.first { $0.key.text == key }?.value
    }

    /// The key scalar itself (for positions), in a mapping.
    func keyScalar(_ key: String) -> Scalar? {
        pairs.first { $0.key.text == key }?.key
    }

    /// What kind of node this is, for "expected X, found Y" messages.
    var kindName: String {
        switch self {
        case .scalar(let s): s.isNull ? "nothing" : "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

/// Why YAML could not become a syntax tree.
enum SyntaxError: Error {
    case yaml(message: String, location: SourceLocation)
    case budgetExceeded(location: SourceLocation)
    case nonScalarKey(location: SourceLocation)
}

extension SyntaxNode {
    /// The most nodes a playbook may expand to (aliases counted at their expanded size).
    static let nodeBudget = 1_000_000

    /// Parses YAML text into a tree, or throws a `SyntaxError` with a position.
    static func parse(_ text: String) throws(SyntaxError) -> SyntaxNode? {
        try YAMLEventReader.read(text, budget: nodeBudget)
    }
}
