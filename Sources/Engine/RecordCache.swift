import Foundation
import Storage
import Synchronization

/// Stored records decoded once per knowledge generation. QA rules are read on every agent turn
/// and customer profiles on every reply suggestion for a stored customer; records only change
/// with an import or a delete, and both bump the store's generation in the same transaction, so
/// a cached list is used for as long as the generation it was read at is current.
final class RecordCache: Sendable {
    private struct Entry: @unchecked Sendable {
        var generation: Int
        /// A `[T]` of the kind's record type (only `Sendable` types are stored).
        var records: Any
    }

    private let entries = Mutex<[RecordKind: Entry]>([:])

    /// The records of `kind`, decoded as `type`: from the cache when the store's generation has
    /// not changed since they were read, otherwise read now.
    func records<T: Decodable & Sendable>(kind: RecordKind, as type: T.Type, in store: Store) throws(StorageError) -> [T] {
        let generation = try store.generation()
        if let cached = entries.withLock({ $0[kind] }), cached.generation == generation, let records = cached.records as? [T] {
            return records
        }
        // Read after the generation: if a write lands in between, these records are newer than
        // the generation they are kept under, and the next call reads them again.
        let records = try store.records(kind: kind, as: type)
        entries.withLock { $0[kind] = Entry(generation: generation, records: records) }
        return records
    }
}

/// Values derived from stored records (compiled QA rules, campaign conditions, models trained on
/// transcripts), built once per knowledge generation like `RecordCache`'s lists.
final class DerivedCache: Sendable {
    private struct Entry: @unchecked Sendable {
        var generation: Int
        var value: Any
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The value called `name`: cached while the store's generation is unchanged, else built now.
    func value<T: Sendable>(_ name: String, in store: Store, build: () throws(EngineError) -> T) throws(EngineError) -> T {
        let generation: Int
        do { generation = try store.generation() } catch { throw Engine.storageError(error) }
        if let cached = entries.withLock({ $0[name] }), cached.generation == generation, let value = cached.value as? T { return value }
        let value = try build()
        entries.withLock { $0[name] = Entry(generation: generation, value: value) }
        return value
    }
}
