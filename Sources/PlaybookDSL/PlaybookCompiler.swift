import Foundation
import RevenueCore

/// Settings for the compiler.
public struct CompilerOptions: Sendable {
    /// The federal calling window, in minutes after local midnight (47 CFR 64.1200(c)(1)).
    public var legalWindow: ClosedRange<Int>
    public init(legalWindow: ClosedRange<Int> = (8 * 60)...(21 * 60)) {
        self.legalWindow = legalWindow
    }
}

/// What compiling one file produced: a graph when there was no error, and every diagnostic.
public struct CompilationResult: Sendable {
    /// The compiled graph; nil when any diagnostic is an error.
    public let playbook: CompiledPlaybook?
    /// Every diagnostic, sorted by position.
    public let diagnostics: [Diagnostic]
    /// The source, for rendering diagnostics with their line; nil when the file could not be read.
    public let source: SourceFile?
}

/// YAML playbook → checks → `CompiledPlaybook`, collecting every diagnostic on the way.
public struct PlaybookCompiler: Sendable {
    public let options: CompilerOptions

    public init(options: CompilerOptions = .init()) {
        self.options = options
    }

    /// Reads and compiles the file at `path`; an unreadable file is one diagnostic, not a throw.
    public func compile(fileAt path: String) -> CompilationResult {
        let url = URL(fileURLWithPath: path)
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > SourceFile.maximumSize {
            return compile(Data(count: size), path: path)
        }
        guard let data = try? Data(contentsOf: url) else {
            let diagnostic = Diagnostic(file: path, line: 1, column: 1, severity: .error, code: "PB000",
                                        message: "cannot read the file", hint: "check the path and its permissions")
            return CompilationResult(playbook: nil, diagnostics: [diagnostic], source: nil)
        }
        return compile(data, path: path)
    }

    /// Compiles YAML bytes; `path` is only used to name the file in diagnostics.
    public func compile(_ data: Data, path: String) -> CompilationResult {
        let source: SourceFile
        switch SourceFile.load(data, path: path) {
        case .failure(let diagnostic): return CompilationResult(playbook: nil, diagnostics: [diagnostic], source: nil)
        case .success(let file): source = file
        }
        var sink = DiagnosticSink(file: path)
        let root: SyntaxNode
        do {
            guard let parsed = try SyntaxNode.parse(source.text) else {
                sink.error(DiagnosticCode.emptyFile, at: SourceLocation(line: 1, column: 1), "the file has no YAML document")
                return finish(nil, sink, source)
            }
            root = parsed
        } catch {
            report(error, into: &sink)
            return finish(nil, sink, source)
        }
        guard case .mapping = root else {
            sink.error(DiagnosticCode.wrongType, at: root, "a playbook must be a mapping of keys (id, version, steps, …), found \(root.kindName)",
                       hint: "start from one of the playbooks in playbooks/")
            return finish(nil, sink, source)
        }
        var shapes = ShapeChecker(sink: sink)
        shapes.check(root, against: PlaybookSchema.root, key: "playbook")
        var analyzer = Analyzer(root: root, sink: shapes.sink, options: options)
        let playbook = analyzer.run()
        return finish(playbook, analyzer.sink, source)
    }

    private func report(_ error: SyntaxError, into sink: inout DiagnosticSink) {
        switch error {
        case .yaml(let message, let location):
            sink.error(DiagnosticCode.yamlSyntax, at: location, "YAML syntax error: \(message)",
                       hint: "check indentation (spaces, not tabs) and that every `key:` has a space after the colon")
        case .budgetExceeded(let location):
            sink.error(DiagnosticCode.tooManyNodes, at: location, "the YAML expands to more than \(SyntaxNode.nodeBudget) nodes",
                       hint: "remove anchors and aliases (`&name`, `*name`) that repeat large blocks")
        case .nonScalarKey(let location):
            sink.error(DiagnosticCode.wrongType, at: location, "a mapping key must be a plain word", hint: "remove `?` complex keys")
        }
    }

    private func finish(_ playbook: CompiledPlaybook?, _ sink: DiagnosticSink, _ source: SourceFile) -> CompilationResult {
        let sorted = sink.diagnostics.sorted()
        return CompilationResult(playbook: sorted.hasErrors ? nil : playbook, diagnostics: sorted, source: source)
    }
}
