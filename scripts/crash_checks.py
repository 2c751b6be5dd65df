"""The crash harness's checks after a restart: SQLite integrity, acknowledged writes, whole
documents, index consistency, what the start-up log says. Python standard library only."""
import os
import sqlite3

from crash_client import ABSENT

def sql_connect(db, readonly=True):
    uri = "file:%s?mode=ro" % db if readonly else "file:%s" % db
    con = sqlite3.connect(uri, uri=True, timeout=30)
    con.execute("PRAGMA busy_timeout = 30000")
    return con


class Checker:
    """Compares the restarted server and its store with the model. Returns failure strings."""

    def __init__(self, http, db, model, names, faq_ids):
        self.http, self.db, self.model, self.names, self.faq_ids = http, db, model, names, faq_ids

    def integrity(self):
        con = sql_connect(self.db)
        try:
            rows = con.execute("PRAGMA integrity_check").fetchall()
            fk = con.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            con.close()
        out = []
        if rows != [("ok",)]:
            out.append("integrity_check: %s" % rows[:5])
        if fk:
            out.append("foreign_key_check: %d rows, e.g. %s" % (len(fk), fk[:3]))
        return out

    def check(self, rng):
        fails = []
        con = sql_connect(self.db)
        try:
            docs = {n: (i, fp) for i, n, fp in con.execute("SELECT id, name, fingerprint FROM documents")}
            chunk_rows = con.execute("SELECT document_id, ordinal FROM chunks").fetchall()
            faqs = {i: (q, a, d) for i, q, a, d in con.execute("SELECT id, question, answer, document_id FROM faqs")}
            formats = dict(con.execute("SELECT id, format FROM documents"))
        finally:
            con.close()
        self.model.ids.update({n: v[0] for n, v in docs.items()})
        ordinals = {}
        for d, o in chunk_rows:
            ordinals.setdefault(d, []).append(o)
        doc_ids = {v[0] for v in docs.values()}
        orphans = set(ordinals) - doc_ids
        if orphans:
            fails.append("chunks without a document: %s" % sorted(orphans)[:3])
        for d in doc_ids:
            got = sorted(ordinals.get(d, []))
            if got != list(range(len(got))):
                fails.append("document %s: chunk ordinals %s are not 0..n-1" % (d, got[:10]))
        faqs_per_doc = {}
        for q, a, d in faqs.values():
            faqs_per_doc[d] = faqs_per_doc.get(d, 0) + 1
        for d, fmt in formats.items():
            if fmt == "faq_jsonl" and len(ordinals.get(d, [])) != faqs_per_doc.get(d, 0):
                fails.append("FAQ document %s: %d chunks for %d FAQs" % (d, len(ordinals.get(d, [])), faqs_per_doc.get(d, 0)))

        status, listing = self.http.call("GET", "/v1/documents")
        api_docs = {d["name"]: d["fingerprint"] for d in (listing or {}).get("documents", [])} if status == 200 else {}
        if status != 200:
            fails.append("GET /v1/documents -> %s" % status)
        for name in self.names:
            key = ("doc", name)
            allowed = self.model.allowed.get(key, {ABSENT})
            seen = docs[name][1] if name in docs else ABSENT
            if seen not in allowed:
                fails.append("document %s: store has %s, expected one of %s" % (name, short(seen), [short(a) for a in allowed]))
                continue
            if api_docs.get(name) != seen and status == 200:
                fails.append("document %s: API says %s, store %s" % (name, short(api_docs.get(name)), short(seen)))
            self.model.allowed[key] = {seen}
            if seen is ABSENT:
                continue
            doc_id = docs[name][0]
            have = len(ordinals.get(doc_id, []))
            want = self.model.chunks.get(seen)
            if want is None:
                want = self.learn_chunks(seen)
            if want is not None and have != want:
                fails.append("document %s: %d chunks stored, %d acknowledged for this content (half-imported)" % (name, have, want))
            word = self.model.content[seen][1]
            if not self.found(word, lambda h: h.get("document_id") == doc_id):
                fails.append("document %s: its word '%s' is not found by search (index out of step)" % (name, word))

        for fid in self.faq_ids:
            key = ("faq", fid)
            allowed = self.model.allowed.get(key, {ABSENT})
            seen = (faqs[fid][0], faqs[fid][1]) if fid in faqs else ABSENT
            if seen not in allowed:
                fails.append("FAQ %s: store has %s, expected one of %s" % (fid, short(seen), [short(a) for a in allowed]))
                continue
            self.model.allowed[key] = {seen}
            api_status, body = self.http.call("GET", "/v1/faqs/" + fid)
            api = (body["question"], body["answer"]) if api_status == 200 else ABSENT
            if api != seen:
                fails.append("FAQ %s: API says %s (HTTP %s), store %s" % (fid, short(api), api_status, short(seen)))
            if seen is not ABSENT:
                word = self.model.faq_word[seen]
                if not self.found(word, lambda h: h.get("faq_id") == fid):
                    fails.append("FAQ %s: its word '%s' is not found by search (index out of step)" % (fid, word))

        present = [f for f in self.faq_ids if self.model.state(("faq", f)) not in (None, ABSENT)]
        if present:
            fid = rng.choice(present)
            word = self.model.faq_word[self.model.state(("faq", fid))]
            status, body = self.http.call("POST", "/v1/search", {"query": word, "limit": 10, "mode": "hybrid"})
            if status != 200 or not any(h.get("faq_id") == fid for h in body.get("hits", [])):
                fails.append("FAQ %s: hybrid search for '%s' -> %s without it" % (fid, word, status))
        status, stats = self.http.call("GET", "/v1/stats")
        if status != 200:
            fails.append("GET /v1/stats -> %s" % status)
        elif stats.get("indexed_chunks") is not None and stats["indexed_chunks"] != len(chunk_rows):
            fails.append("BM25 index has %s chunks, store %d" % (stats["indexed_chunks"], len(chunk_rows)))
        return fails

    def found(self, word, match):
        status, body = self.http.call("POST", "/v1/search", {"query": word, "limit": 10, "mode": "bm25"})
        return status == 200 and any(match(h) for h in body.get("hits", []))

    def learn_chunks(self, sha):
        """Chunk count of content never acknowledged (the server died answering): import the same
        bytes under another name, read the count, delete it again."""
        text = self.model.content[sha][0]
        status, reply = self.http.call("POST", "/v1/documents", {"name": "probe/" + sha[:16] + ".md", "content": text})
        if status not in (200, 201):
            return None
        self.model.chunks[sha] = reply["chunks"]
        self.http.call("DELETE", "/v1/documents/" + reply["document_id"])
        return reply["chunks"]


def short(state):
    if state is ABSENT:
        return "absent"
    if isinstance(state, tuple):
        return "'%s' / '%s'" % (state[0][:40], state[1][:40])
    return str(state)[:12]



def check_loaded_vectors(server, http, data, loaded):
    """A vector index loaded from disk must equal one rebuilt from the store: compare its count
    (taken right after the start) with the count after a restart without the saved index."""
    server.kill()
    for f in os.listdir(os.path.join(data, "index")):
        if f.startswith("vectors.bin"):
            os.remove(os.path.join(data, "index", f))
    server.start()
    rebuilt = http.call("GET", "/v1/stats")[1].get("vectors")
    if loaded != rebuilt:
        return ["vector index loaded at start had %s vectors, rebuilt from the store %s" % (loaded, rebuilt)]
    return []


def start_reuse(log):
    """How the restarted server treated its derived files, from its log."""
    notes = []
    notes.append("vectors loaded" if "vector index loaded" in log else "vectors rebuilt")
    if "unreadable encoder artifact" in log:
        notes.append("encoder artifact ignored (retrained)")
    if "encoder trained" in log:
        notes.append("encoder trained at start")
    return notes


