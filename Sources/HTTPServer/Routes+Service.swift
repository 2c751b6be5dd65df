import Assist
import Engine
import Foundation
import Hummingbird
import KnowledgeModel

/// Service and marketing: customers, campaigns, QA rules and scorecards, tickets.
extension Routes {
    func registerService(on router: Router<AppRequestContext>) {
        registerCustomers(on: router)
        registerCampaigns(on: router)
        registerQA(on: router)
        registerTickets(on: router)
    }

    private func registerCustomers(on router: Router<AppRequestContext>) {
        router.get("/v1/customers") { request, context in
            let (total, customers) = try context.engine.listCustomers(limit: try intParameter(request, "limit", default: 100, in: 0...1000),
                                                                      offset: try intParameter(request, "offset", default: 0, in: 0...Self.maxOffset))
            return JSON.response(CustomerList(total: total, customers: customers))
        }
        router.post("/v1/customers") { request, context in
            let body = try JSON.decode(CustomerProfile.self, from: try await collect(request))
            return JSON.response(try await blocking { try context.engine.createCustomer(body) }, status: .created)
        }
        router.get("/v1/customers/{id}") { _, context in
            JSON.response(try context.engine.customer(try context.parameters.require("id")))
        }
        router.put("/v1/customers/{id}") { request, context in
            let id = try context.parameters.require("id")
            let body = try JSON.decode(CustomerProfile.self, from: try await collect(request))
            return JSON.response(try await blocking { try context.engine.updateCustomer(id, body) })
        }
        router.delete("/v1/customers/{id}") { _, context in
            let id = try context.parameters.require("id")
            try await blocking { try context.engine.deleteCustomer(id) }
            return JSON.response(DeletedBody(deleted: id))
        }
    }

    private func registerCampaigns(on router: Router<AppRequestContext>) {
        router.get("/v1/campaigns") { _, context in JSON.response(["campaigns": try context.engine.listCampaigns()]) }
        router.post("/v1/campaigns") { request, context in
            let body = try JSON.decode(Campaign.self, from: try await collect(request))
            return JSON.response(try await blocking { try context.engine.createCampaign(body) }, status: .created)
        }
        router.get("/v1/campaigns/{id}") { _, context in
            JSON.response(try context.engine.campaign(try context.parameters.require("id")))
        }
        router.put("/v1/campaigns/{id}") { request, context in
            let id = try context.parameters.require("id")
            let body = try JSON.decode(Campaign.self, from: try await collect(request))
            return JSON.response(try await blocking { try context.engine.updateCampaign(id, body) })
        }
        router.delete("/v1/campaigns/{id}") { _, context in
            let id = try context.parameters.require("id")
            try await blocking { try context.engine.deleteCampaign(id) }
            return JSON.response(DeletedBody(deleted: id))
        }
    }

    private func registerQA(on router: Router<AppRequestContext>) {
        router.get("/v1/qa/rules") { _, context in JSON.response(["rules": try context.engine.listQARules()]) }
        router.post("/v1/qa/rules") { request, context in
            let body = try JSON.decode(QARule.self, from: try await collect(request))
            return JSON.response(try await blocking { try context.engine.createQARule(body) }, status: .created)
        }
        router.get("/v1/qa/rules/{id}") { _, context in
            JSON.response(try context.engine.qaRule(try context.parameters.require("id")))
        }
        router.put("/v1/qa/rules/{id}") { request, context in
            let id = try context.parameters.require("id")
            let body = try JSON.decode(QARule.self, from: try await collect(request))
            return JSON.response(try await blocking { try context.engine.updateQARule(id, body) })
        }
        router.delete("/v1/qa/rules/{id}") { _, context in
            let id = try context.parameters.require("id")
            try await blocking { try context.engine.deleteQARule(id) }
            return JSON.response(DeletedBody(deleted: id))
        }
        router.get("/v1/qa/scorecards") { request, context in
            let q = request.uri.queryParameters
            let source = q.get("source")
            if let source, source != "live", source != "batch" {
                throw APIError(.badRequest, code: "invalid_parameter", "'source' must be live or batch, got '\(source)'")
            }
            let cards = try context.engine.scorecards(agent: q.get("agent"), source: source, limit: try intParameter(request, "limit", default: 100, in: 1...1000))
            return JSON.response(["scorecards": cards])
        }
        router.get("/v1/qa/scorecards/{id}") { _, context in
            JSON.response(try context.engine.scorecard(try context.parameters.require("id")))
        }
        router.post("/v1/qa/batch") { request, context in
            let buffer = try await collect(request)
            let body = buffer.readableBytes == 0 ? QABatchRequest() : try JSON.decode(QABatchRequest.self, from: buffer)
            return JSON.response(try await blocking { try context.engine.qaBatchReport(sessions: body.sessions) })
        }
    }

    private func registerTickets(on router: Router<AppRequestContext>) {
        router.get("/v1/tickets") { request, context in
            let tickets = try context.engine.tickets(status: request.uri.queryParameters.get("status"),
                                                     limit: try intParameter(request, "limit", default: 100, in: 1...1000))
            return JSON.response(["tickets": tickets])
        }
        router.get("/v1/tickets/{id}") { _, context in
            let (record, body) = try context.engine.ticket(try context.parameters.require("id"))
            return JSON.response(TicketDetail(record: record, body: try JSONDecoder().decode(TicketBody.self, from: body)))
        }
        router.post("/v1/tickets/{id}/retry") { _, context in
            let id = try context.parameters.require("id")
            return JSON.response(try await blocking { try context.engine.retryTicket(id) })
        }
    }
}

struct CustomerList: Codable {
    var total: Int
    var customers: [EditableRecord<CustomerProfile>]
}

/// `POST /v1/qa/batch` body: the sessions to score (all imported transcripts when absent).
struct QABatchRequest: Codable {
    var sessions: [String]?
}

/// `GET /v1/tickets/{id}`: the outbox record with the ticket as delivered.
struct TicketDetail: Codable {
    var record: TicketRecord
    var body: TicketBody

    func encode(to encoder: any Encoder) throws {
        try record.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(body.ticket, forKey: .ticket)
        try c.encode(body.summary, forKey: .summary)
    }

    enum Keys: String, CodingKey { case ticket, summary }
}

/// The stored ticket body's parts the API shows.
struct TicketBody: Codable {
    var ticket: TicketDraft
    var summary: String
}
