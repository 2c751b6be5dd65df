import ArgumentParser
import Engine
import Foundation

/// `switchboard customers|campaigns|qa|tickets`: the service records and results the API serves,
/// on the command line (`--json` prints what the API returns).
struct CustomersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "customers", abstract: "Customer profiles with their derived signals.",
                                                    subcommands: [List.self, Show.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List customers.")
        @OptionGroup var common: CommonOptions
        @Option(help: "At most this many.") var limit = 100
        @Option(help: "Skip this many.") var offset = 0
        @Flag(help: "Print as JSON.") var json = false
        func run() throws {
            let (total, customers) = try common.engine().listCustomers(limit: limit, offset: offset)
            if json { printJSON(["total": AnyEncodable(total), "customers": AnyEncodable(customers)]); return }
            for c in customers {
                let cars = c.item.vehicles.map(\.model).joined(separator: ", ")
                print("\(c.item.id)  \(c.item.name)  \(c.item.city ?? "-")  \(c.item.lifecycle ?? "-")  \(cars)")
            }
            print("\(customers.count) of \(total)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One customer with the signals derived from the profile.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The customer's id.") var id: String
        @Flag(help: "Print as JSON.") var json = false
        func run() throws {
            let c = try common.engine().customer(id)
            if json { printJSON(c); return }
            print("\(c.profile.id)  \(c.profile.name)  lifecycle \(c.lifecycle ?? "-")  purchase intent \(String(format: "%.2f", c.purchaseIntent))")
            for s in c.signals { print("  \(s.name) = \(s.value)  (\(s.explanation))") }
        }
    }
}

struct CampaignsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "campaigns", abstract: "List campaigns (offers) with their conditions.")
    @OptionGroup var common: CommonOptions
    @Flag(help: "Print as JSON.") var json = false
    func run() throws {
        let campaigns = try common.engine().listCampaigns()
        if json { printJSON(["campaigns": campaigns]); return }
        for c in campaigns { print("\(c.item.id)  value \(Int(c.item.value))  priority \(c.item.priority.map(String.init) ?? "-")  \(c.item.condition)") }
    }
}

struct QACommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "qa", abstract: "Quality inspection: rules, batch scoring of imported transcripts, scorecards.",
                                                    subcommands: [Rules.self, Batch.self, Scorecards.self])

    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the QA rules.")
        @OptionGroup var common: CommonOptions
        @Flag(help: "Print as JSON.") var json = false
        func run() throws {
            let rules = try common.engine().listQARules()
            if json { printJSON(["rules": rules]); return }
            for r in rules { print("\(r.item.id)  \(r.item.severity)  \(r.item.type)  \(r.item.name)") }
        }
    }

    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "batch", abstract: "Score imported transcripts (all, or --session ...) and report per agent.")
        @OptionGroup var common: CommonOptions
        @Option(name: .customLong("session"), help: "A session to score (repeatable; default all).") var sessions: [String] = []
        @Flag(help: "Print as JSON.") var json = false
        func run() throws {
            let r = try common.engine().qaBatchReport(sessions: sessions.isEmpty ? nil : sessions)
            if json { printJSON(r); return }
            print(String(format: "%d calls, %d turns in %.3f s (%.0f turns/s)", r.calls, r.turns, r.elapsedSeconds, r.turnsPerSecond))
            for a in r.agents {
                let top = a.hitsPerRule.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3).map { "\($0.key)×\($0.value)" }
                print(String(format: "  %@ %@  calls %d  mean score %.1f  passed %d  %@", a.agentID, a.agentName ?? "", a.calls, a.meanScore, a.passed,
                             top.joined(separator: " ")))
            }
        }
    }

    struct Scorecards: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "scorecards", abstract: "Stored scorecards of closed calls and scored transcripts.")
        @OptionGroup var common: CommonOptions
        @Option(help: "Only this agent's.") var agent: String?
        @Option(help: "At most this many.") var limit = 100
        @Flag(help: "Print as JSON.") var json = false
        func run() throws {
            let cards = try common.engine().scorecards(agent: agent, limit: limit)
            if json { printJSON(["scorecards": cards]); return }
            for c in cards {
                print("\(c.conversationID)  \(c.agentID ?? "-")  score \(Int(c.scorecard.score))  \(c.scorecard.passed ? "passed" : "failed")  "
                      + c.scorecard.hits.map { "\($0.ruleID)@\($0.turn)" }.joined(separator: " "))
            }
        }
    }
}

struct TicketsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tickets", abstract: "The ticket outbox: list, show, retry delivery.",
                                                    subcommands: [List.self, Retry.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List tickets, newest first.")
        @OptionGroup var common: CommonOptions
        @Option(help: "held, pending, delivered or dead_letter.") var status: String?
        @Flag(help: "Print as JSON.") var json = false
        func run() throws {
            let tickets = try common.engine().tickets(status: status)
            if json { printJSON(["tickets": tickets]); return }
            for t in tickets { print("\(t.id)  \(t.status)  \(t.department)  \(t.priority)  attempts \(t.attempts)  \(t.lastError ?? "")") }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "retry", abstract: "Queue a ticket for delivery again (the server delivers it).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The ticket's id.") var id: String
        func run() throws {
            let t = try common.engine().retryTicket(id)
            print("\(t.id)  \(t.status)")
        }
    }
}
