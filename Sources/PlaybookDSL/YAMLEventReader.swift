import CYaml

/// Builds a `SyntaxNode` tree straight from libyaml's event stream (the parser Yams wraps).
///
/// Why not `Yams.compose`: composing first builds Yams nodes (a tag object per node, duplicate-key
/// hashing per mapping) that we would convert again, which dominated compile time on large
/// playbooks; and expanding aliases node by node is what an alias bomb exploits. Reading events
/// keeps every mark, counts an alias at its anchored size without copying it, and leaves duplicate
/// keys to the shape checker, which reports the second occurrence (PB016).
enum YAMLEventReader {
    static func read(_ text: String, budget: Int) throws(SyntaxError) -> SyntaxNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw .yaml(message: "the YAML parser could not start", location: SourceLocation(line: 1, column: 1))
        }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer throws(SyntaxError) -> SyntaxNode? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = TreeBuilder(budget: budget)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { throw error(of: parser) }
                defer { yaml_event_delete(&event) }
                if try builder.consume(event) { return builder.root }
            }
        }
    }

    static func error(of parser: yaml_parser_t) -> SyntaxError {
        let problem = parser.problem.map { String(cString: $0) } ?? "the YAML could not be read"
        let mark = parser.problem_mark
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = context + ": " + problem
            if parser.context_mark.line != mark.line {
                message += " (it started at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
            }
        }
        return .yaml(message: message, location: location(mark))
    }

    static func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}

/// Assembles nodes from events with an explicit stack (no recursion: deep nesting cannot overflow).
private struct TreeBuilder {
    /// A collection being filled; mutated in place so large mappings are never copied.
    struct Frame {
        var isMapping: Bool
        var items: [SyntaxNode] = []
        var pairs: [(key: SyntaxNode.Scalar, value: SyntaxNode)] = []
        var pendingKey: SyntaxNode.Scalar?
        var start: SourceLocation
        var anchor: String?
        var size = 1
    }

    var budget: Int
    var stack: [Frame] = []
    var anchors: [String: (node: SyntaxNode, size: Int)] = [:]
    var root: SyntaxNode?
    var documents = 0

    init(budget: Int) { self.budget = budget }

    /// Takes one event; returns true at the end of the stream.
    mutating func consume(_ event: yaml_event_t) throws(SyntaxError) -> Bool {
        let location = YAMLEventReader.location(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_END_EVENT:
            documents += 1
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
            let style = scalar.style
            let block = style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE
            let quoted = block || style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
            let node = SyntaxNode.scalar(SyntaxNode.Scalar(text: value, location: location, quoted: quoted, block: block))
            try add(node, size: 1, anchor: Self.string(scalar.anchor), at: location)
        case YAML_ALIAS_EVENT:
            guard let name = Self.string(event.data.alias.anchor), let anchored = anchors[name] else {
                throw .yaml(message: "found an alias to an undefined anchor", location: location)
            }
            try add(anchored.node, size: anchored.size, anchor: nil, at: location)
        case YAML_SEQUENCE_START_EVENT:
            stack.append(Frame(isMapping: false, start: location, anchor: Self.string(event.data.sequence_start.anchor)))
        case YAML_MAPPING_START_EVENT:
            stack.append(Frame(isMapping: true, start: location, anchor: Self.string(event.data.mapping_start.anchor)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return false }
            let node: SyntaxNode = frame.isMapping ? .mapping(frame.pairs, frame.start) : .sequence(frame.items, frame.start)
            try add(node, size: frame.size, anchor: frame.anchor, at: frame.start)
        default:
            break
        }
        return false
    }

    /// Places a finished node in its parent (or as the root), charging its size to the budget.
    mutating func add(_ node: SyntaxNode, size: Int, anchor: String?, at location: SourceLocation) throws(SyntaxError) {
        budget -= size
        if budget < 0 { throw .budgetExceeded(location: location) }
        if let anchor { anchors[anchor] = (node, size) }
        guard !stack.isEmpty else {
            if documents > 0 {
                throw .yaml(message: "a playbook is one YAML document; remove the second `---`", location: location)
            }
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].size += size
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        if let key = stack[top].pendingKey {
            stack[top].pairs.append((key, node))
            stack[top].pendingKey = nil
        } else if case .scalar(let key) = node {
            stack[top].pendingKey = key
        } else {
            throw .nonScalarKey(location: location)
        }
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }
}
