import ArgumentParser
import Assist
import Engine
import Foundation

/// `switchboard eval service`: imports a knowledge folder into a fresh temporary store, trains,
/// replays its transcripts as live assist would, and measures next-best actions
/// (`eval/nba.jsonl`), QA rules (`eval/qa_turns.jsonl`) and ticket routing (`eval/tickets.jsonl`),
/// each beside its keyword-rule baseline, plus summaries and the batch QA throughput.
struct EvalServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service",
        abstract: "Next-best actions, QA rules and ticket routing against labels, each beside a keyword baseline; batch QA speed.")

    @Option(help: "The knowledge folder (with transcripts/, customers/, campaigns/, qa/, service/ and eval/).")
    var knowledge = "Knowledge"
    @Option(help: "The clock the calls run on (ISO 8601): vehicle ages and campaign windows depend on it. The default knowledge's labels were written for 2026-11-25.")
    var now = "2026-11-25T02:00:00Z"
    @Option(help: "A config file for the settings.") var config: String?
    @Flag(help: "Print as JSON.") var json = false

    struct OfferLabel: Decodable {
        var session: String
        var expectedCampaign: String?
        enum CodingKeys: String, CodingKey { case session, expectedCampaign = "expected_campaign" }
    }

    func run() throws {
        guard let clock = ISO8601DateFormatter().date(from: now) else { throw CLIError("--now must be an ISO 8601 time such as 2026-11-25T02:00:00Z, got '\(now)'") }
        let root = URL(fileURLWithPath: knowledge)
        func labels<T: Decodable>(_ file: String, _ type: T.Type) throws -> [T] {
            let path = root.appendingPathComponent("eval/\(file)").path
            return FileManager.default.fileExists(atPath: path) ? try EvalData.readJSONL(path, as: type) : []
        }
        let offers = try labels("nba.jsonl", OfferLabel.self).map { (session: $0.session, campaign: $0.expectedCampaign) }
        let set = ServiceEvalLabels(offers: offers, qaTurns: try labels("qa_turns.jsonl", QATurnLabel.self),
                                    tickets: try labels("tickets.jsonl", TicketLabel.self))
        let dir = EvalData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = try EvalData.importedEngine(knowledge: knowledge, config: config, in: dir)
        try engine.train()
        let r = try engine.serviceEvaluation(set, now: clock)
        if json { printJSON(r); return }
        if let n = r.nba {
            print("next-best actions, \(n.ours.cases) labelled calls (purchase intent: \(n.purchaseIntentSource)):")
            for (name, s) in [("ours", n.ours), ("keyword baseline", n.baseline)] {
                print("  " + name.padding(toLength: 17, withPad: " ", startingAt: 0) + String(format: " accuracy %.3f  precision %.3f  recall %.3f  none-accuracy %.3f  offered %d",
                             s.accuracy, s.precision, s.recall, s.noneAccuracy, s.offered))
            }
        }
        if let q = r.qa {
            print("QA rules, \(q.labelledTurns) labelled agent turns in \(q.sessions) calls (violations per turn and rule):")
            for (name, m) in [("ours", q.ours), ("keyword baseline", q.baseline)] {
                print("  " + name.padding(toLength: 17, withPad: " ", startingAt: 0) + String(format: " precision %.3f  recall %.3f  F1 %.3f  (tp %d, fp %d, fn %d)",
                             m.micro.precision, m.micro.recall, m.micro.f1, m.micro.tp, m.micro.fp, m.micro.fn))
            }
        }
        if let t = r.routing, let all = t.groups["all"] {
            print("ticket routing, \(all.cases) labelled tickets:")
            print(String(format: "  ours              department %.3f  top-3 %.3f  priority %.3f (within one level %.3f)",
                         all.department, all.departmentTop3, all.priority, all.priorityWithinOne))
            print(String(format: "  keyword baseline  department %.3f  top-3 %.3f", all.baselineDepartment, all.baselineTop3))
        }
        if let s = r.summaries {
            print(String(format: "summaries, %d calls: outcome agrees with the recorded one %.3f, citations valid %.3f, %.1f ms per call",
                         s.sessions, s.outcomeAccuracy, s.citationsValid, s.millisecondsPerCall))
        }
        print(String(format: "batch QA: %d calls, %d turns in %.3f s = %.0f turns/s (one thread, intents classified on the way)",
                     r.batch.calls, r.batch.turns, r.batch.seconds, r.batch.turnsPerSecond))
    }
}
