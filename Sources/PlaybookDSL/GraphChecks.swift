import RevenueCore

extension Analyzer {
    /// The index of the step an `on:` target names, or nil for `end` or an unknown name.
    func targetIndex(_ node: SyntaxNode) -> Int? {
        node.string.flatMap { stepIndex[$0] }
    }

    /// Where outcomes without an edge go: `on.default`, else the next step, else the end.
    func otherwiseIndex(of step: StepDecl) -> Int? {
        if let fallthrough_ = step.transitions.first(where: { $0.outcome.text == "default" }) {
            return targetIndex(fallthrough_.target)
        }
        return step.index + 1 < steps.count ? step.index + 1 : nil
    }

    /// Every step index reachable in one move from `step`.
    func successors(of step: StepDecl) -> [Int] {
        var result = step.transitions.filter { $0.outcome.text != "default" }.compactMap { targetIndex($0.target) }
        if let other = otherwiseIndex(of: step) { result.append(other) }
        return result.uniqued()
    }

    /// PB022: steps no path from `start` reaches.
    mutating func checkReachability() {
        guard !steps.isEmpty, let entryIndex = steps.firstIndex(where: { $0.id == entry }) else { return }
        var reached = Set([entryIndex])
        var queue = [entryIndex]
        while let index = queue.popLast() {
            for next in successors(of: steps[index]) where reached.insert(next).inserted {
                queue.append(next)
            }
        }
        for step in steps where !reached.contains(step.index) {
            sink.warning(DiagnosticCode.unreachableStep, at: step.nameNode.location, width: step.nameNode.width,
                         "step `\(step.name)` can never be reached from `\(steps[entryIndex].name)`",
                         hint: "send an outcome of an earlier step here, or remove the step")
        }
    }

    /// PB023: a loop of steps that could spin without waiting (every step on it has a zero wait).
    mutating func checkZeroWaitCycles() {
        enum Mark { case unvisited, active, done }
        var marks = [Mark](repeating: .unvisited, count: steps.count)
        var path: [Int] = []
        var reported: Set<Int> = []
        func visit(_ index: Int, _ analyzer: inout Analyzer) {
            marks[index] = .active
            path.append(index)
            for next in analyzer.successors(of: analyzer.steps[index]) where analyzer.steps[next].wait.isZero {
                switch marks[next] {
                case .active:
                    let cycle = path[path.lastIndex(of: next)!...]
                    if reported.insert(next).inserted {
                        let names = (cycle.map { analyzer.steps[$0].name } + [analyzer.steps[next].name]).joined(separator: " → ")
                        let step = analyzer.steps[next]
                        analyzer.sink.error(DiagnosticCode.zeroWaitCycle, at: step.nameNode,
                                            "steps \(names) form a loop with no wait",
                                            hint: "give one of these steps a `wait:` so a lead is not touched in a tight loop")
                    }
                case .unvisited: visit(next, &analyzer)
                case .done: break
                }
            }
            path.removeLast()
            marks[index] = .done
        }
        for step in steps where step.wait.isZero && marks[step.index] == .unvisited {
            visit(step.index, &self)
        }
    }
}
