import KnowledgeModel

/// A digest of what the importer returned, so that `bench fuzz --digests` files of two builds can
/// be compared line by line (a parser made faster must still parse every case alike).
enum FuzzDigest {
    /// FNV-1a (64 bits) over the description of every value the file produced, in order.
    static func of(_ file: ParsedFile) -> String {
        var h = FNV()
        h.add("\(file.document)")
        let values: [[Any]] = [file.chunks, file.faqs, file.intentExamples, file.replies, file.sentimentExamples,
                               file.lexiconEntities, file.synonymGroups, file.campaigns, file.qaRules, file.customers,
                               file.transcriptTurns, file.transcriptSessions, file.vehiclePrograms]
        for list in values { for x in list { h.add("\(x)") } }
        for x in file.routingRules { h.add(x) }
        return h.hex
    }

    /// The digest of an error message.
    static func of(_ message: String) -> String {
        var h = FNV()
        h.add(message)
        return h.hex
    }

    private struct FNV {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325

        mutating func add(_ s: String) {
            for b in s.utf8 { value = (value ^ UInt64(b)) &* 0x100_0000_01B3 }
            value = (value ^ 0xFF) &* 0x100_0000_01B3  // separator
        }

        var hex: String { String(value, radix: 16) }
    }
}
