extension BM25Index {
    /// A copy without tombstones: doc numbers are reassigned, posting lists filtered,
    /// document frequencies recomputed. O(total postings).
    public func compacted() -> BM25Index {
        var remap = [UInt32](repeating: UInt32.max, count: chunks.count)
        var out = BM25Index()
        for (old, chunk) in chunks.enumerated() where alive[old] {
            let new = UInt32(out.chunks.count)
            remap[old] = new
            out.chunks.append(chunk)
            out.alive.append(true)
            out.lengths.append(lengths[old])
            out.totalLength += SIMD4<Double>(lengths[old])
            out.docNumbers[chunk.chunkID] = new
            out.byDocument[chunk.documentID, default: []].append(new)
            out.liveCount += 1
        }
        for (term, id) in termIDs {
            var fields: [[Posting]] = []
            var docs = Set<UInt32>()
            for list in postings[Int(id) * 4 ..< Int(id) * 4 + 4] {
                let kept = list.compactMap { p -> Posting? in
                    let n = remap[Int(p.doc)]
                    return n == UInt32.max ? nil : Posting(doc: n, tf: p.tf)
                }
                for p in kept { docs.insert(p.doc) }
                fields.append(kept)
            }
            guard !docs.isEmpty else { continue }
            out.termIDs[term] = UInt32(out.docFrequency.count)
            out.postings.append(contentsOf: fields)
            out.docFrequency.append(UInt32(docs.count))
        }
        return out
    }
}
