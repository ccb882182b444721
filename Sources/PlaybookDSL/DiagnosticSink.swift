import RevenueCore

/// Collects every diagnostic for one file (the compiler never stops at the first).
struct DiagnosticSink {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    mutating func error(_ code: String, at location: SourceLocation, width: Int = 1, _ message: String, hint: String? = nil) {
        emit(.error, code, at: location, width: width, message, hint: hint)
    }

    mutating func warning(_ code: String, at location: SourceLocation, width: Int = 1, _ message: String, hint: String? = nil) {
        emit(.warning, code, at: location, width: width, message, hint: hint)
    }

    mutating func error(_ code: String, at node: SyntaxNode, _ message: String, hint: String? = nil) {
        emit(.error, code, at: node.location, width: node.width, message, hint: hint)
    }

    mutating func error(_ code: String, at scalar: SyntaxNode.Scalar, _ message: String, hint: String? = nil) {
        emit(.error, code, at: scalar.location, width: scalar.width, message, hint: hint)
    }

    mutating func emit(_ severity: Diagnostic.Severity, _ code: String, at location: SourceLocation, width: Int, _ message: String, hint: String?) {
        diagnostics.append(Diagnostic(
            file: file, line: location.line, column: location.column, severity: severity,
            code: code, message: message, hint: hint, length: width))
    }

    var hasErrors: Bool { diagnostics.hasErrors }
}

/// "Did you mean …?" by edit distance.
enum Suggestion {
    /// The closest candidate within a small edit distance, if any.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            let limit = max(1, min(3, candidate.count / 3))
            if distance <= limit, best.map({ distance < $0.1 }) ?? true { best = (candidate, distance) }
        }
        return best?.0
    }

    /// A hint naming the closest candidate, or listing the allowed ones when the list is short.
    static func hint(for word: String, in candidates: [String]) -> String? {
        if let match = closest(to: word, in: candidates) { return "did you mean `\(match)`?" }
        if candidates.count <= 12 { return "expected one of: " + candidates.map { "`\($0)`" }.joined(separator: ", ") }
        return nil
    }

    static func editDistance(_ a: String, _ b: String) -> Int { DidYouMean.distance(a, b) }
}
