import Foundation
import XCTest
import KnowledgeModel
@testable import Graph

/// Measures the structural extractor against `Knowledge/eval/facts.jsonl` (has_spec facts of the
/// spec sheets, en + zh). Markdown tables are read line by line here (the importer is another
/// target) into chunks with the importer's row format: "key: value", or "h1: v1; h2: v2".
final class RelationEvaluationTests: XCTestCase {
    static let knowledge = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Knowledge")

    struct Fact: Decodable { var subject: String; var relation: String; var attribute: String?; var value: String?; var source: String }

    /// The one place where facts are normalized for comparison.
    enum FactKey {
        /// Document wording of a key (after `RelationExtractor.normalizeKey`) → annotation attribute.
        static let attributeAliases: [String: [String]] = [
            "range": ["range", "续航里程"], "battery_capacity": ["battery", "capacity", "battery capacity", "电池", "电池容量"],
            "dc_fast_charge_10_80": ["dc fast charging 10–80%", "直流快充10%–80%"],
            "dc_fast_charge_30_80": ["dc fast charging 30–80%", "直流快充30%–80%"],
            "ac_charge_0_100": ["ac charging 0–100%", "交流慢充0–100%"],
            "max_dc_charging_power": ["maximum dc charging power", "直流最大充电功率"],
            "motor_power": ["motor power", "total motor power", "电机功率", "电机总功率"],
            "acceleration_0_100": ["0–100 km/h", "百公里加速"], "length": ["length", "长"], "width": ["width", "宽"],
            "height": ["height", "高"], "wheelbase": ["wheelbase", "轴距"], "tyre_pressure": ["tyre pressure", "冷胎胎压"],
            "price": ["price", "价格", "售价"], "seats": ["seats", "座位数"], "electric_range": ["electric range", "纯电续航"],
            "combined_range": ["combined range", "综合续航"], "system_power": ["system power", "系统综合功率"],
            "hybrid_battery": ["hybrid battery", "混动电池"], "fuel_consumption": ["fuel consumption", "综合油耗"],
            "engine_power": ["engine power", "发动机功率"], "towing_capacity": ["towing capacity", "最大拖挂重量"],
            "fuel_tank": ["fuel tank", "油箱容积"], "transmission": ["transmission", "变速器"],
            "boot_capacity": ["boot capacity", "后备厢容积"], "engine_oil": ["engine oil", "机油"],
        ]
        static let attributeIndex: [String: String] = Dictionary(
            attributeAliases.flatMap { canon, keys in keys.map { ($0, canon) } }, uniquingKeysWith: { a, _ in a })

        /// Canonical attribute of an extracted base key (unknown keys map to themselves, snake-cased).
        static func attribute(_ base: String) -> String {
            attributeIndex[base] ?? base.replacingOccurrences(of: " ", with: "_")
        }
        /// Values compare case-insensitively without white space; an extracted value may carry a
        /// trailing remark ("85 kWh NCM", "230 kW (313 hp)") after the annotated value.
        static func value(_ v: String) -> String { v.lowercased().filter { !$0.isWhitespace } }
        static func valueMatches(extracted: String, annotated: String) -> Bool {
            let e = value(extracted), a = value(annotated)
            guard e.hasPrefix(a) else { return false }
            return e.count == a.count || !e[e.index(e.startIndex, offsetBy: a.count)].isNumber
        }
        /// Entity names compare by `EntityResolution.normalizeName` without spaces.
        static func name(_ s: String) -> String { EntityResolution.normalizeName(s).replacingOccurrences(of: " ", with: "") }
    }

    /// One spec sheet read into chunks (one per `##` section), plus the labels of wide-table rows.
    static func read(_ path: String) throws -> (title: String, chunks: [Chunk], rowLabels: Set<String>) {
        let text = try String(contentsOf: knowledge.appendingPathComponent(path), encoding: .utf8)
        var title = "", section: [String] = [], lines: [String] = [], chunks: [Chunk] = [], labels = Set<String>()
        var header: [String]? = nil
        func flush() {
            if !lines.isEmpty {
                chunks.append(Chunk(id: "\(path)#\(chunks.count)", documentID: path, ordinal: chunks.count,
                                    title: title, sectionPath: section, text: lines.joined(separator: "\n")))
            }
            lines = []
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if raw.hasPrefix("# ") { title = String(raw.dropFirst(2)); continue }
            if raw.hasPrefix("## ") { flush(); section = [String(raw.dropFirst(3))]; header = nil; continue }
            guard raw.hasPrefix("|") else { header = nil; continue }
            let cells = raw.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.allSatisfy({ $0.allSatisfy { $0 == "-" || $0 == ":" } }) { continue }
            guard let h = header else { header = cells; continue }
            if cells.count == 2 { lines.append("\(cells[0]): \(cells[1])") } else {
                lines.append(zip(h, cells).map { "\($0): \($1)" }.joined(separator: "; "))
                labels.insert(RelationExtractor.normalizeKey(cells[0]))
            }
        }
        flush()
        return (title, chunks, labels)
    }

    func testStructuralSpecPrecisionAndRecall() throws {
        let lexicon = try String(contentsOf: Self.knowledge.appendingPathComponent("lexicon/entities.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try JSONDecoder().decode(LexiconEntity.self, from: Data($0.utf8)) }
        var idByName: [String: String] = [:]
        for e in lexicon { for n in [e.name] + e.aliases { idByName[FactKey.name(n)] = idByName[FactKey.name(n)] ?? e.id } }
        let facts = try String(contentsOf: Self.knowledge.appendingPathComponent("eval/facts.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try JSONDecoder().decode(Fact.self, from: Data($0.utf8)) }
            .filter { $0.relation == "has_spec" }
        let docs = Set(facts.map(\.source)).filter { $0.hasSuffix("-specs.md") }.sorted()
        let extractor = RelationExtractor()
        var judged = 0, correct = 0, extractedTotal = 0
        var found = Set<Int>()
        let gold = facts.enumerated().filter { docs.contains($0.element.source) }
        for doc in docs {
            let (title, chunks, labels) = try Self.read(doc)
            // Document subject: the model whose name or alias occurs in the title (longest wins).
            let models = lexicon.filter { $0.type == "model" }
            let subject = models.compactMap { m -> (LexiconEntity, Int)? in
                let best = ([m.name] + m.aliases).filter { title.contains($0) }.map(\.count).max()
                return best.map { (m, $0) }
            }.max { $0.1 < $1.1 }?.0
            let s = try XCTUnwrap(subject, "no model in title of \(doc)")
            var seen = Set<String>()
            for chunk in chunks {
                for r in extractor.relations(chunk: chunk, mentions: [], documentSubjects: [s.id]) {
                    let parts = (r.attribute ?? "").components(separatedBy: ", ")
                    let attribute = FactKey.attribute(parts[0])
                    // A qualifier naming one of the sheet's trims moves the fact to that trim.
                    let qualifier = parts.dropFirst().joined(separator: ", ")
                    let trim = labels.contains(qualifier)
                        ? idByName[FactKey.name(s.name + qualifier)] : nil
                    let subjectID = trim ?? r.subject
                    let value = r.literalValue ?? ""
                    guard seen.insert("\(subjectID)|\(attribute)|\(FactKey.value(value))").inserted else { continue }
                    extractedTotal += 1
                    let sameAttribute = gold.filter { $0.element.source == doc && $0.element.attribute == attribute }
                    guard !sameAttribute.isEmpty else { continue }
                    judged += 1
                    let hits = sameAttribute.filter {
                        idByName[FactKey.name($0.element.subject)] == subjectID
                            && FactKey.valueMatches(extracted: value, annotated: $0.element.value ?? "")
                    }
                    if !hits.isEmpty { correct += 1 }
                    hits.forEach { found.insert($0.offset) }
                }
            }
        }
        let precision = Double(correct) / Double(max(judged, 1))
        let recall = Double(found.count) / Double(max(gold.count, 1))
        print(String(format: "has_spec eval: %d docs, %d extracted, %d judged, %d correct, precision %.3f; gold %d, found %d, recall %.3f",
                     docs.count, extractedTotal, judged, correct, precision, gold.count, found.count, recall))
        XCTAssertGreaterThanOrEqual(precision, 0.85)
    }
}
