import Foundation

/// Renders a `CallSummary` as 2–4 sentences in `zh` or `en` (issue, what was done, outcome,
/// follow-up), each with its turn numbers. The labels are interface text, not knowledge.
struct SummaryRenderer: Sendable {
    let language: String
    let knowledge: RoutingKnowledge

    func render(_ s: CallSummary) -> String {
        let zh = language == "zh"
        var parts: [String] = []
        if let issue = s.issue {
            parts.append(zh ? "客户问题（\(turns(issue.turns))）：\(trimEnd(issue.text))。"
                            : "Issue (\(turns(issue.turns))): \(trimEnd(issue.text)).")
        }
        if !s.actions.isEmpty {
            let text = s.actions.map { trimEnd($0.text) }.joined(separator: zh ? "；" : "; ")
            let cited = Array(Set(s.actions.flatMap(\.turns))).sorted()
            parts.append(zh ? "坐席处理（\(turns(cited))）：\(text)。" : "Done (\(turns(cited))): \(text).")
        }
        let outcome = zh ? Self.outcomeZh[s.outcome] ?? s.outcome.rawValue : s.outcome.rawValue
        let cited = s.outcomeTurns.isEmpty ? "" : (zh ? "（\(turns(s.outcomeTurns))）" : " (\(turns(s.outcomeTurns)))")
        let restated = !s.outcomeTurns.isEmpty && s.actions.contains { $0.turns == s.outcomeTurns }
        if !restated && (s.actions.isEmpty || s.outcome != .resolved) {
            parts.append(zh ? "结果\(cited)：\(outcome)，\(trimEnd(s.outcomeReason))。" : "Outcome\(cited): \(outcome), \(trimEnd(s.outcomeReason)).")
        } else {
            parts.append(zh ? "结果\(cited)：\(outcome)。" : "Outcome\(cited): \(outcome).")
        }
        if let f = s.followUps.first(where: \.isDeadline) ?? s.followUps.first {
            let text = trimEnd(CallSummarizer.keySentences(f.text, limit: 90))
            parts.append(zh ? "跟进（\(turns([f.turn]))）：\(text)。" : "Follow-up (\(turns([f.turn]))): \(text).")
        }
        return parts.joined(separator: zh ? "" : " ")
    }

    static let outcomeZh: [CallOutcome: String] = [.resolved: "已解决", .ticket: "已建工单", .escalated: "已升级处理", .unresolved: "未解决"]

    func turns(_ t: [Int]) -> String {
        let list = t.map(String.init).joined(separator: language == "zh" ? "、" : ", ")
        if language == "zh" { return "第\(list)轮" }
        return t.count == 1 ? "turn \(list)" : "turns \(list)"
    }

    /// Drops trailing sentence punctuation so the renderer's own stop does not double it.
    func trimEnd(_ s: String) -> String {
        var t = s
        while let last = t.last, "。.！!？?；;，,".contains(last) { t.removeLast() }
        return t
    }
}
