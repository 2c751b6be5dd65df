import Foundation
import KnowledgeModel
import XCTest
@testable import Ingestion

final class RecordImporterTests: XCTestCase {
    func testIntentsJSONLAndCSV() throws {
        let jsonl = try parse("intents/intents.jsonl", "{\"text\":\"I want to book a service\",\"label\":\"book_maintenance\",\"lang\":\"en\"}\n{\"text\":\"今天天气怎么样\",\"label\":\"oos\"}")
        XCTAssertEqual(jsonl.document.format, .intentsJSONL)
        XCTAssertEqual(jsonl.intentExamples, [IntentExample(text: "I want to book a service", label: "book_maintenance"),
                                              IntentExample(text: "今天天气怎么样", label: IntentExample.outOfScopeLabel)])
        XCTAssertTrue(jsonl.chunks.isEmpty)
        let csv = try parse("intents/extra.csv", "Text,Label\n\"Book, please\",book_maintenance\n")
        XCTAssertEqual(csv.document.format, .intentsCSV)
        XCTAssertEqual(csv.intentExamples, [IntentExample(text: "Book, please", label: "book_maintenance")])
        assertIngestionError(.missingColumn) { _ = try self.parse("i.csv", "text,foo\nx,y\n", format: .intentsCSV) }
    }

    func testSentiment() throws {
        let file = try parse("sentiment/sentiment.jsonl", "{\"text\":\"太失望了\",\"sentiment\":\"negative\",\"lang\":\"zh\"}\n{\"text\":\"ok\",\"sentiment\":\"neutral\"}")
        XCTAssertEqual(file.document.format, .sentimentJSONL)
        XCTAssertEqual(file.sentimentExamples, [SentimentExample(text: "太失望了", label: .negative, lang: "zh"),
                                                SentimentExample(text: "ok", label: .neutral)])
        let error = assertIngestionError(.malformed) {
            _ = try self.parse("s.jsonl", "{\"text\":\"meh\",\"sentiment\":\"angry\"}")
        }
        XCTAssertTrue(error?.message.contains("line 1") ?? false)
    }

    func testReplies() throws {
        let file = try parse("replies/replies.jsonl", "{\"id\":\"RPL-001\",\"intent\":\"book_maintenance\",\"stage\":\"opening\",\"lang\":\"zh\",\"text\":\"{customer_name}您好，您的{model}该保养了，{customer_name}。\"}")
        XCTAssertEqual(file.document.format, .repliesJSONL)
        XCTAssertEqual(file.replies.first?.id, "RPL-001")
        XCTAssertEqual(file.replies.first?.slots, ["customer_name", "model"])
    }

    func testLexiconAndSynonyms() throws {
        let lexicon = try parse("lexicon/entities.jsonl", """
        {"id":"model_e7","name":"E7","type":"model","aliases":["澜途E7","Lanto E7"],"relations":[{"type":"has_trim","target":"trim_e7_max"}]}
        {"id":"city_sh","name":"上海","type":"city"}
        """)
        XCTAssertEqual(lexicon.document.format, .lexiconJSONL)
        XCTAssertEqual(lexicon.lexiconEntities, [
            LexiconEntity(id: "model_e7", name: "E7", type: "model", aliases: ["澜途E7", "Lanto E7"],
                          relations: [EntityRelationRef(type: "has_trim", target: "trim_e7_max")]),
            LexiconEntity(id: "city_sh", name: "上海", type: "city"),
        ])
        let synonyms = try parse("lexicon/synonyms.jsonl", "{\"terms\":[\"保养\",\"维护\",\"service\"]}\n")
        XCTAssertEqual(synonyms.document.format, .synonymsJSONL)
        XCTAssertEqual(synonyms.synonymGroups.first?.canonical, "保养")
        assertIngestionError(.malformed) { _ = try self.parse("lexicon/s.jsonl", "{\"terms\":[]}", format: .synonymsJSONL) }
    }

    func testCampaigns() throws {
        let file = try parse("campaigns/campaigns.jsonl", """
        {"id":"CMP-EXTWAR","name":"Lanto Care+","name_zh":"澜途延保","description":"Extended warranty","condition":"vehicle.age_years >= 3","value":3980,"priority":1,"script":{"zh":"您好","en":"Hello"},"valid_from":"2026-01-01","valid_to":"2026-12-31"}
        {"id":"CMP-SORRY","name":"Goodwill voucher","condition":"conversation.complained","value":200,"script":{"en":"Sorry"},"service_recovery":true}
        """)
        XCTAssertEqual(file.document.format, .campaignsJSONL)
        XCTAssertEqual(file.campaigns[0], Campaign(id: "CMP-EXTWAR", name: "Lanto Care+", nameZh: "澜途延保", description: "Extended warranty",
                                                   condition: "vehicle.age_years >= 3", value: 3980, priority: 1,
                                                   script: ["zh": "您好", "en": "Hello"], serviceRecovery: false,
                                                   validFrom: "2026-01-01", validTo: "2026-12-31"))
        XCTAssertTrue(file.campaigns[1].serviceRecovery)
        XCTAssertNil(file.campaigns[1].priority)
    }

    func testQARules() throws {
        let file = try parse("qa/rules.jsonl", """
        {"id":"QA-001","name":"No promises","name_zh":"禁止承诺","severity":"high","type":"forbidden","patterns":["guarantee","re:100\\\\s*%"]}
        {"id":"QA-002","name":"Verify","severity":"critical","type":"required_when","trigger":{"intents":["report_fault"],"patterns":["broke"]},"patterns":["VIN"],"within_turns":3}
        {"id":"QA-003","name":"Identity first","severity":"medium","type":"order","before":["verify"],"after":["balance"]}
        {"id":"QA-004","name":"Silence","severity":"low","type":"max_silence","seconds":30}
        """)
        XCTAssertEqual(file.document.format, .qaRulesJSONL)
        XCTAssertEqual(file.qaRules.count, 4)
        XCTAssertEqual(file.qaRules[0].patterns, ["guarantee", "re:100\\s*%"])
        XCTAssertEqual(file.qaRules[0].nameZh, "禁止承诺")
        XCTAssertEqual(file.qaRules[1].trigger, QATrigger(intents: ["report_fault"], patterns: ["broke"]))
        XCTAssertEqual(file.qaRules[1].withinTurns, 3)
        XCTAssertEqual(file.qaRules[2].before, ["verify"])
        XCTAssertEqual(file.qaRules[3].seconds, 30)
    }

    func testCustomersJSONLAndCSV() throws {
        let jsonl = try parse("customers/customers.jsonl", """
        {"id":"C0001","name":"张伟","phone":"138****5521","city":"上海","lifecycle":"loyal","tags":["ev_interest"],"vehicles":[{"model":"E7","trim":"Max","vin":"LNTE7M2023A000123","purchase_date":"2023-05-12","mileage_km":45200,"last_service_date":"2025-06-01","last_service_km":40100}]}
        {"id":"C0002","name":"Li Na","lifecycle":"lead"}
        """)
        XCTAssertEqual(jsonl.document.format, .customersJSONL)
        XCTAssertEqual(jsonl.customers[0].vehicles, [Vehicle(model: "E7", trim: "Max", vin: "LNTE7M2023A000123", purchaseDate: "2023-05-12",
                                                             mileageKm: 45200, lastServiceDate: "2025-06-01", lastServiceKm: 40100)])
        XCTAssertEqual(jsonl.customers[1].vehicles, [])
        XCTAssertEqual(jsonl.customers[1].tags, [])

        let csv = try parse("customers/customers.csv", """
        id,name,phone,city,lifecycle,tags,model,trim,vin,purchase_date,mileage_km,last_service_date,last_service_km
        C0001,张伟,138****5521,上海,loyal,ev_interest|family,E7,Max,VIN1,2023-05-12,45200,2025-06-01,40100
        C0002,Li Na,,Hangzhou,lead,,,,,,,,
        C0001,张伟,,,,family|fleet,L5,Comfort,VIN2,2021-01-02,88000,,
        """)
        XCTAssertEqual(csv.document.format, .customersCSV)
        XCTAssertEqual(csv.customers.map(\.id), ["C0001", "C0002"])
        XCTAssertEqual(csv.customers[0].tags, ["ev_interest", "family", "fleet"])
        XCTAssertEqual(csv.customers[0].vehicles.map(\.model), ["E7", "L5"])
        XCTAssertEqual(csv.customers[0].vehicles[1].mileageKm, 88000)
        XCTAssertNil(csv.customers[0].vehicles[1].lastServiceKm)
        XCTAssertEqual(csv.customers[1].vehicles, [])
        XCTAssertNil(csv.customers[1].phone)
        let error = assertIngestionError(.malformed) {
            _ = try self.parse("c.csv", "id,name,model,mileage_km\nC1,A,E5,lots\n", format: .customersCSV)
        }
        XCTAssertTrue(error?.message.contains("line 2") ?? false)
    }

    func testTranscriptsAndSessions() throws {
        let turns = try parse("transcripts/turns.jsonl", """
        {"session":"S001","turn":1,"speaker":"agent","text":"您好，澜途汽车。","ts":0.0}
        {"session":"S001","turn":2,"speaker":"customer","text":"My car won't start.","ts":3.5}
        """)
        XCTAssertEqual(turns.document.format, .transcriptsJSONL)
        XCTAssertEqual(turns.transcriptTurns[1], TranscriptTurn(session: "S001", turn: 2, speaker: "customer", text: "My car won't start.", ts: 3.5))
        let sessions = try parse("transcripts/sessions.jsonl", "{\"session\":\"S001\",\"channel\":\"call\",\"lang\":\"zh\",\"customer_id\":\"C0001\",\"agent_id\":\"A01\",\"agent_name\":\"小李\",\"outcome\":\"resolved\"}")
        XCTAssertEqual(sessions.document.format, .sessionsJSONL)
        XCTAssertEqual(sessions.transcriptSessions, [TranscriptSession(session: "S001", channel: "call", lang: "zh", customerId: "C0001",
                                                                       agentId: "A01", agentName: "小李", outcome: "resolved")])
        let csv = try parse("transcripts/turns.csv", "session,turn,speaker,text,ts\nS002,1,agent,\"Hello, Lanto.\",0\nS002,2,customer,Hi,1.25\nS002,3,agent,Bye,\n")
        XCTAssertEqual(csv.document.format, .transcriptsCSV)
        XCTAssertEqual(csv.transcriptTurns.map(\.text), ["Hello, Lanto.", "Hi", "Bye"])
        XCTAssertEqual(csv.transcriptTurns.map(\.ts), [0, 1.25, nil])
        // Without a turn column the turns are numbered in file order per session.
        let unnumbered = try parse("t.csv", "session,speaker,text\nS,agent,x\nT,customer,y\nS,customer,z\n", format: .transcriptsCSV)
        XCTAssertEqual(unnumbered.transcriptTurns.map(\.turn), [1, 1, 2])
        assertIngestionError(.missingColumn) { _ = try self.parse("t.csv", "session,turn,text\nS,1,x\n", format: .transcriptsCSV) }
        assertIngestionError(.malformed) { _ = try self.parse("t.csv", "session,turn,speaker,text\nS,one,agent,x\n", format: .transcriptsCSV) }
        // Times no call can have: rejected with the line, in both formats.
        assertIngestionError(.malformed) { _ = try self.parse("t.csv", "session,turn,speaker,text,ts\nS,1,agent,x,1e400\n", format: .transcriptsCSV) }
        assertIngestionError(.malformed) { _ = try self.parse("t.csv", "session,turn,speaker,text,ts\nS,1,agent,x,nan\n", format: .transcriptsCSV) }
        assertIngestionError(.malformed) {
            _ = try self.parse("t.jsonl", #"{"session":"S","turn":1,"speaker":"agent","text":"x","ts":1e300}"#, format: .transcriptsJSONL)
        }
    }

    /// A chat export's speakers (`user`/`assistant`, 客户/客服, 0/1) are stored as customer and
    /// agent, so replies, QA and summaries read them alike; its column names are read too.
    func testTranscriptSpeakersAndColumnNamesOfOtherExports() throws {
        let csv = try parse("chats.csv", "conversation_id,turn,role,content\nC9,1,User,My key card stopped working\nC9,2,assistant,Let me check that.\nC9,3,bot,Survey\n")
        XCTAssertEqual(csv.document.format, .transcriptsCSV)
        XCTAssertEqual(csv.transcriptTurns.map(\.speaker), ["customer", "agent", "bot"])
        XCTAssertEqual(csv.transcriptTurns.map(\.session), ["C9", "C9", "C9"])
        let zh = try parse("对话.csv", "会话,轮次,说话人,内容\nS1,1,客户,车钥匙没反应\nS1,2,客服,请您稍等\n")
        XCTAssertEqual(zh.transcriptTurns.map(\.speaker), ["customer", "agent"])
        let jsonl = try parse("t.jsonl", #"{"session":"S","turn":1,"speaker":" 0 ","text":"x"}"# + "\n" + #"{"session":"S","turn":2,"speaker":"1","text":"y"}"#)
        XCTAssertEqual(jsonl.transcriptTurns.map(\.speaker), ["customer", "agent"])
        // A chat export's JSONL: its own field names, a numeric conversation id, no turn numbers.
        let export = try parse("chats.jsonl", #"{"conversation_id":7,"role":"user","content":"Where is my car?"}"# + "\n"
            + #"{"conversation_id":7,"role":"assistant","content":"It leaves the plant on Friday."}"#)
        XCTAssertEqual(export.document.format, .transcriptsJSONL)
        XCTAssertEqual(export.transcriptTurns, [TranscriptTurn(session: "7", turn: 1, speaker: "customer", text: "Where is my car?"),
                                                TranscriptTurn(session: "7", turn: 2, speaker: "agent", text: "It leaves the plant on Friday.")])
        let missing = assertIngestionError(.malformed) { _ = try self.parse("t.jsonl", #"{"session":"S","speaker":"agent"}"#, format: .transcriptsJSONL) }
        XCTAssertTrue(missing?.message.contains("text") ?? false, missing?.message ?? "")
    }

    func testConversationsPerRecordAreTranscripts() throws {
        // Chat-model fine-tuning files: one conversation per line, multi-part content, a system prompt.
        let chat = try parse("chats.jsonl", #"{"id":"c1","messages":[{"role":"system","content":"Be brief."},"#
            + #"{"role":"user","content":"My digital key stopped working"},{"role":"assistant","content":[{"type":"text","text":"Re-pair it in the app."}]}]}"#
            + "\n" + #"{"id":"c2","messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":null,"tool_calls":[]},"#
            + #"{"role":"tool","content":""},{"role":"assistant","content":"Hello!"}]}"#)
        XCTAssertEqual(chat.document.format, .transcriptsJSONL)
        XCTAssertEqual(chat.transcriptTurns, [
            TranscriptTurn(session: "c1", turn: 1, speaker: "system", text: "Be brief."),
            TranscriptTurn(session: "c1", turn: 2, speaker: "customer", text: "My digital key stopped working"),
            TranscriptTurn(session: "c1", turn: 3, speaker: "agent", text: "Re-pair it in the app."),
            TranscriptTurn(session: "c2", turn: 1, speaker: "customer", text: "Hi"),
            TranscriptTurn(session: "c2", turn: 2, speaker: "agent", text: "Hello!"),
        ])
        // ShareGPT, pretty-printed as a JSON array, without ids: the session is a digest of the turns.
        let share = try parse("share.json", """
            [
              {"conversations": [{"from": "human", "value": "续航多少？"}, {"from": "gpt", "value": "620公里。"}]},
              {"conversations": [{"from": "human", "value": "保养多少钱？"}, {"from": "gpt", "value": "约600元。"}]}
            ]
            """)
        XCTAssertEqual(share.document.format, .transcriptsJSONL)
        XCTAssertEqual(share.transcriptTurns.map(\.speaker), ["customer", "agent", "customer", "agent"])
        XCTAssertEqual(share.transcriptTurns.map(\.turn), [1, 2, 1, 2])
        let sessions = share.transcriptTurns.map(\.session)
        XCTAssertTrue(sessions[0].hasPrefix("chat-") && sessions[0] == sessions[1] && sessions[1] != sessions[2], "\(sessions)")
        XCTAssertEqual(try parse("again.json", #"[{"conversations":[{"from":"human","value":"续航多少？"},{"from":"gpt","value":"620公里。"}]}]"#)
            .transcriptTurns.first?.session, sessions[0], "the same conversation gets the same session in any file")
        // One conversation in a pretty-printed object, with a numeric call id.
        let call = try parse("call.json", "{\n  \"call_id\": 42,\n  \"turns\": [{\"speaker\": \"客户\", \"text\": \"车钥匙没反应\"}, {\"speaker\": \"客服\", \"text\": \"请您稍等\"}]\n}")
        XCTAssertEqual(call.transcriptTurns.map(\.session), ["42", "42"])
        XCTAssertEqual(call.transcriptTurns.map(\.speaker), ["customer", "agent"])
        // A later record that is no conversation names its line; a blog post's comments stay a document.
        let broken = assertIngestionError(.malformed) {
            _ = try self.parse("chats.jsonl", #"{"id":"c1","messages":[{"role":"user","content":"Hi"}]}"# + "\n" + #"{"id":"c2","note":"later"}"#)
        }
        XCTAssertTrue(broken?.message.contains("line 2") ?? false, broken?.message ?? "")
        let invalid = assertIngestionError(.malformed) {
            _ = try self.parse("chats.jsonl", #"{"id":"c1","messages":[{"role":"user","content":"Hi"}]}"# + "\n" + #"{"id":"c2","messages":["#)
        }
        XCTAssertTrue(invalid?.message.contains("line 2") ?? false, invalid?.message ?? "")
        let post = try parse("post.json", #"{"title":"Winter tyres","body":"Fit them below 7 °C.","comments":[{"author":"Li","text":"Thanks!"}]}"#)
        XCTAssertEqual(post.document.format, .json)
    }

    func testDialoguesWithoutSpeakersAndConversationsKeyedByID() throws {
        // MultiWOZ's layout: one object keyed by dialogue id, turns in `log` naming no speaker.
        let woz = try parse("test.json", """
            {
              "SNG02": {"goal": {"taxi": {"info": {"leaveAt": "17:15"}}, "message": ["Book a taxi"]},
                        "log": [{"text": "I need a taxi at 17:15.", "metadata": {}},
                                {"text": "Where are you going?", "metadata": {"taxi": {}}},
                                {"text": "", "metadata": {}},
                                {"text": "Booked, a white Toyota.", "metadata": {"taxi": {}}}]},
              "SNG01": {"goal": {}, "log": [{"text": "Is there a museum in the centre?", "metadata": {}},
                                            {"text": "Yes, the Fitzwilliam.", "metadata": {}}]}
            }
            """)
        XCTAssertEqual(woz.document.format, .transcriptsJSONL)
        XCTAssertEqual(woz.transcriptTurns, [
            TranscriptTurn(session: "SNG01", turn: 1, speaker: "customer", text: "Is there a museum in the centre?"),
            TranscriptTurn(session: "SNG01", turn: 2, speaker: "agent", text: "Yes, the Fitzwilliam."),
            TranscriptTurn(session: "SNG02", turn: 1, speaker: "customer", text: "I need a taxi at 17:15."),
            TranscriptTurn(session: "SNG02", turn: 2, speaker: "agent", text: "Where are you going?"),
            TranscriptTurn(session: "SNG02", turn: 3, speaker: "agent", text: "Booked, a white Toyota."),
        ], "an empty turn keeps the parity: the fourth is the agent's")
        // A dialogue as a list of strings (DailyDialog's layout), with its own id.
        let daily = try parse("daily.jsonl", #"{"id":"d7","dialogue":["我的车钥匙没反应","请先检查手机蓝牙","好了，谢谢"]}"#)
        XCTAssertEqual(daily.transcriptTurns.map(\.speaker), ["customer", "agent", "customer"])
        XCTAssertEqual(Set(daily.transcriptTurns.map(\.session)), ["d7"])
        // Only names that say "dialogue" may leave the speaker out: a feed of messages stays a document,
        // and so does an object whose values are not all conversations.
        XCTAssertEqual(try parse("feed.json", #"{"title":"Notices","messages":[{"text":"Closed on Monday"},{"text":"Open on Sunday"}]}"#).document.format, .json)
        XCTAssertEqual(try parse("mixed.json", #"{"a":{"log":[{"text":"Hi"},{"text":"Hello"}]},"b":{"title":"Not a dialogue"}}"#).document.format, .json)
        // Turns that mix named and unnamed speakers are not alternated.
        XCTAssertEqual(try parse("half.json", #"{"title":"x","dialogue":[{"speaker":"agent","text":"Hi"},{"text":"Hello"}]}"#).document.format, .json)
    }

    func testRecordsRoundTripThroughJSON() throws {
        let campaign = Campaign(id: "C", name: "n", condition: "true", value: 1, script: ["en": "x"], serviceRecovery: true)
        let data = try JSONEncoder().encode(campaign)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"service_recovery\":true"), text)
        XCTAssertEqual(try JSONDecoder().decode(Campaign.self, from: data), campaign)
        let example = SentimentExample(text: "t", label: .positive)
        XCTAssertTrue(String(decoding: try JSONEncoder().encode(example), as: UTF8.self).contains("\"sentiment\":\"positive\""))
    }
}
