import KnowledgeModel

/// Builds the records of the structured formats (FAQ, intents, sentiment, replies, lexicon, synonyms,
/// campaigns, QA rules, customers, transcripts, sessions) from JSONL, JSON arrays or CSV.
enum RecordImporter {
    /// Fills `file` with the records of `bytes` in `format` (a non-prose format).
    static func parse(_ format: DocumentFormat, bytes: [UInt8], into file: inout ParsedFile) throws(ParseFailure) {
        switch format {
        case .faqJSONL:
            let decoded = try JSONRecords.decode(FAQLine.self, from: bytes)
            try addFAQs(count: decoded.values.count, to: &file) { i in
                let v = decoded.values[i]
                return (id: v.id, question: v.question, similar: v.similar, answer: v.answer, tags: v.tags)
            } location: { decoded.location($0) }
        case .faqCSV:
            try faqCSV(bytes, tab: TextUtil.fileExtension(file.document.name) == "tsv", into: &file)
        case .intentsJSONL:
            file.intentExamples = try checked(JSONRecords.decode(IntentExample.self, from: bytes)) { $0.text.isEmpty || $0.label.isEmpty ? "empty text or label" : nil }
        case .intentsCSV:
            let table = try CSVTable(bytes: bytes, tab: TextUtil.fileExtension(file.document.name) == "tsv")
            let text = try table.require("text", "utterance"), label = try table.require("label", "intent")
            for row in table.rows {
                let example = IntentExample(text: CSVTable.value(row, text), label: CSVTable.value(row, label))
                if example.text.isEmpty || example.label.isEmpty { throw ParseFailure(.malformed, "line \(row.line): empty text or label") }
                file.intentExamples.append(example)
            }
        case .sentimentJSONL:
            let decoded = try JSONRecords.decode(SentimentLine.self, from: bytes)
            file.sentimentExamples = try decoded.values.enumerated().map { (i, line) throws(ParseFailure) in
                guard let value = line.sentiment ?? line.label, let label = SentimentLabel(rawValue: value.lowercased()) else {
                    throw ParseFailure(.malformed, "\(decoded.location(i)): \"sentiment\" must be negative, neutral or positive")
                }
                return SentimentExample(text: line.text, label: label, lang: line.lang)
            }
        case .repliesJSONL:
            file.replies = try unique(JSONRecords.decode(ReplyScript.self, from: bytes), id: \.id)
        case .lexiconJSONL:
            file.lexiconEntities = try unique(JSONRecords.decode(LexiconEntity.self, from: bytes), id: \.id)
        case .synonymsJSONL:
            file.synonymGroups = try checked(JSONRecords.decode(SynonymGroup.self, from: bytes)) { $0.terms.isEmpty ? "empty terms" : nil }
        case .campaignsJSONL:
            file.campaigns = try unique(JSONRecords.decode(Campaign.self, from: bytes), id: \.id)
        case .qaRulesJSONL:
            file.qaRules = try unique(JSONRecords.decode(QARule.self, from: bytes), id: \.id)
        case .customersJSONL:
            file.customers = try unique(JSONRecords.decode(CustomerProfile.self, from: bytes), id: \.id)
        case .customersCSV:
            file.customers = try customersCSV(bytes, tab: TextUtil.fileExtension(file.document.name) == "tsv")
        case .transcriptsJSONL:
            file.transcriptTurns = try checked(JSONRecords.decode(TranscriptTurn.self, from: bytes)) { t in
                t.ts.flatMap { TranscriptTurn.isValidTime($0) ? nil : TranscriptTurn.invalidTimeMessage($0) }
            }.map { t in var t = t; t.speaker = TranscriptTurn.canonicalSpeaker(t.speaker); return t }
            file.transcriptTurns = TranscriptTurn.numbered(file.transcriptTurns)
        case .transcriptsCSV:
            file.transcriptTurns = try transcriptsCSV(bytes, tab: TextUtil.fileExtension(file.document.name) == "tsv")
        case .sessionsJSONL:
            file.transcriptSessions = try JSONRecords.decode(TranscriptSession.self, from: bytes).values
        case .routingJSONL:
            file.routingRules = try JSONRecords.rawObjects(bytes, requiring: "kind")
        case .vehicleProgramsJSONL:
            file.vehiclePrograms = try unique(JSONRecords.decode(VehicleProgram.self, from: bytes), id: \.model)
        case .graph:
            throw ParseFailure(.unknownFormat, "a graph export is imported with `switchboard graph import` or POST /v1/graph/import")
        case .markdown, .html, .text, .docx, .json, .csv:
            preconditionFailure("prose formats are parsed by the prose importers")
        }
    }

    /// A sentiment record: the label in `sentiment` (the knowledge format) or in `label` (as public
    /// sentiment data sets write it), in any case.
    private struct SentimentLine: Decodable {
        var text: String
        var sentiment: String?
        var label: String?
        var lang: String?
    }

    /// The id a FAQ gets when its file gives none: `"faq-"` + 10 hex characters of SHA-256(question).
    static func faqID(question: String) -> String {
        "faq-" + SHA256.hex(question).prefix(10)
    }

    private typealias RawFAQ = (id: String?, question: String, similar: [String], answer: String, tags: [String])

    /// Adds one FAQ record and one `.faq` chunk per FAQ; ids must be unique and questions non-empty.
    /// An empty answer is allowed: editors often catalogue questions before their answers are written
    /// (search still matches them; answering code treats them as unanswered).
    /// Items are made one at a time by `item(i)`, so that a bad row stops the work early.
    private static func addFAQs(count: Int, to file: inout ParsedFile, item: (Int) -> RawFAQ,
                                location locations: (Int) -> String) throws(ParseFailure) {
        var seen = Set<String>()
        let documentID = file.document.id
        file.faqs.reserveCapacity(count)
        file.chunks.reserveCapacity(count)
        for i in 0..<count {
            let item = item(i)
            let question = item.question.trimmedSpaces(), answer = item.answer.trimmedSpaces()
            guard !question.isEmpty else { throw ParseFailure(.malformed, "\(locations(i)): empty question") }
            let given = item.id?.trimmedSpaces() ?? ""
            let id = given.isEmpty ? faqID(question: question) : given
            guard seen.insert(id).inserted else { throw ParseFailure(.malformed, "\(locations(i)): duplicate FAQ id \(id)") }
            let similar = item.similar.map { $0.trimmedSpaces() }.filter { !$0.isEmpty }
            let tags = item.tags.map { $0.trimmedSpaces() }.filter { !$0.isEmpty }
            file.faqs.append(FAQ(id: id, question: question, similar: similar, answer: answer, tags: tags))
            let ordinal = file.chunks.count
            file.chunks.append(Chunk(id: "\(documentID)#\(ordinal)", documentID: documentID, ordinal: ordinal, kind: .faq,
                                     title: file.document.title, text: answer, faqID: id, question: question,
                                     similarQuestions: similar, tags: tags))
        }
    }

    /// FAQ rows: question and answer required; similar_questions, tags (`|` separated) and id optional.
    private static func faqCSV(_ bytes: [UInt8], tab: Bool, into file: inout ParsedFile) throws(ParseFailure) {
        let table = try CSVTable(bytes: bytes, tab: tab)
        let question = try table.require("question")
        let answer = try table.require("answer")
        let similar = table.optional("similar_questions", "similar_question", "similar")
        let tags = table.optional("tags", "tag")
        let id = table.optional("id", "faq_id")
        try addFAQs(count: table.rows.count, to: &file) { i in
            let row = table.rows[i]
            return (id: CSVTable.value(row, id), question: CSVTable.value(row, question),
                    similar: CSVTable.list(row, similar), answer: CSVTable.value(row, answer), tags: CSVTable.list(row, tags))
        } location: { "line \(table.rows[$0].line)" }
    }

    /// One row per vehicle; rows with the same id are merged into one profile (first non-empty values win).
    private static func customersCSV(_ bytes: [UInt8], tab: Bool) throws(ParseFailure) -> [CustomerProfile] {
        let table = try CSVTable(bytes: bytes, tab: tab)
        let id = try table.require("id", "customer_id"), name = try table.require("name")
        let phone = table.optional("phone"), city = table.optional("city"), lifecycle = table.optional("lifecycle")
        let tags = table.optional("tags"), model = table.optional("model"), trim = table.optional("trim")
        let vin = table.optional("vin"), purchase = table.optional("purchase_date")
        let mileage = table.optional("mileage_km"), serviceDate = table.optional("last_service_date")
        let serviceKm = table.optional("last_service_km")
        var profiles: [CustomerProfile] = []
        var index: [String: Int] = [:]
        func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
        for row in table.rows {
            let customerID = CSVTable.value(row, id)
            guard !customerID.isEmpty else { throw ParseFailure(.malformed, "line \(row.line): empty id") }
            let position: Int
            if let existing = index[customerID] {
                position = existing
            } else {
                position = profiles.count
                index[customerID] = position
                profiles.append(CustomerProfile(id: customerID, name: CSVTable.value(row, name)))
            }
            var p = profiles[position]
            if p.name.isEmpty { p.name = CSVTable.value(row, name) }
            p.phone = p.phone ?? nonEmpty(CSVTable.value(row, phone))
            p.city = p.city ?? nonEmpty(CSVTable.value(row, city))
            p.lifecycle = p.lifecycle ?? nonEmpty(CSVTable.value(row, lifecycle))
            for tag in CSVTable.list(row, tags) where !p.tags.contains(tag) { p.tags.append(tag) }
            let modelName = CSVTable.value(row, model)
            if !modelName.isEmpty {
                p.vehicles.append(Vehicle(model: modelName, trim: nonEmpty(CSVTable.value(row, trim)),
                                          vin: nonEmpty(CSVTable.value(row, vin)),
                                          purchaseDate: nonEmpty(CSVTable.value(row, purchase)),
                                          mileageKm: try integer(row, mileage, "mileage_km"),
                                          lastServiceDate: nonEmpty(CSVTable.value(row, serviceDate)),
                                          lastServiceKm: try integer(row, serviceKm, "last_service_km")))
            }
            profiles[position] = p
        }
        return profiles
    }

    /// Turns `session,turn,speaker,text[,ts]`; without a turn column, numbered in file order per session.
    private static func transcriptsCSV(_ bytes: [UInt8], tab: Bool) throws(ParseFailure) -> [TranscriptTurn] {
        let table = try CSVTable(bytes: bytes, tab: tab)
        let session = try table.require("session"), turn = table.optional("turn")  // session_id and other names: headerAliases
        let speaker = try table.require("speaker"), text = try table.require("text")
        let ts = table.optional("ts", "time")
        var turns: [TranscriptTurn] = []
        turns.reserveCapacity(table.rows.count)
        for row in table.rows {
            var number = TranscriptTurn.unnumbered
            if turn != nil {
                guard let given = try integer(row, turn, "turn") else { throw ParseFailure(.malformed, "line \(row.line): empty turn") }
                number = given
            }
            let seconds = CSVTable.value(row, ts)
            var time: Double? = nil
            if !seconds.isEmpty {
                guard let value = Double(seconds) else { throw ParseFailure(.malformed, "line \(row.line): ts \"\(seconds)\" is not a number") }
                guard TranscriptTurn.isValidTime(value) else {
                    throw ParseFailure(.malformed, "line \(row.line): \(TranscriptTurn.invalidTimeMessage(value))")
                }
                time = value
            }
            turns.append(TranscriptTurn(session: CSVTable.value(row, session), turn: number,
                                        speaker: TranscriptTurn.canonicalSpeaker(CSVTable.value(row, speaker)),
                                        text: CSVTable.value(row, text), ts: time))
        }
        return TranscriptTurn.numbered(turns)
    }

    private static func integer(_ row: CSVParser.Record, _ column: Int?, _ name: String) throws(ParseFailure) -> Int? {
        let text = CSVTable.value(row, column)
        guard !text.isEmpty else { return nil }
        if let value = Int(text) { return value }
        if let value = Double(text), value == value.rounded() { return Int(value) }
        throw ParseFailure(.malformed, "line \(row.line): \(name) \"\(text)\" is not a whole number")
    }

    private static func unique<T>(_ decoded: JSONRecords.Decoded<T>, id: KeyPath<T, String>) throws(ParseFailure) -> [T] {
        var seen = Set<String>()
        for (i, value) in decoded.values.enumerated() {
            let key = value[keyPath: id]
            if key.trimmedSpaces().isEmpty { throw ParseFailure(.malformed, "\(decoded.location(i)): missing id") }
            if !seen.insert(key).inserted { throw ParseFailure(.malformed, "\(decoded.location(i)): duplicate id \(key)") }
        }
        return decoded.values
    }

    private static func checked<T>(_ decoded: JSONRecords.Decoded<T>, _ problem: (T) -> String?) throws(ParseFailure) -> [T] {
        for (i, value) in decoded.values.enumerated() {
            if let message = problem(value) { throw ParseFailure(.malformed, "\(decoded.location(i)): \(message)") }
        }
        return decoded.values
    }
}
