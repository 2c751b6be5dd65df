"""The crash harness's client: random writes against the server, and the model of what the
store may hold after a crash. Python standard library only."""
import hashlib
import threading

WORDS = ("battery charge warranty dealer service brake window seat mirror screen update tyre "
         "range cable plug door light sensor camera key phone app route map voice climate").split()
ABSENT = None  # the state of a key that must not exist

def token(rng):
    """A word no knowledge file contains: 9 random consonants."""
    return "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(9))



class Model:
    """What the store may hold: for each key the set of allowed states.

    A document key is ("doc", name) with state = SHA-256 of its content or ABSENT; a FAQ key is
    ("faq", id) with state = (question, answer) or ABSENT. An acknowledged write collapses the set
    to its result; a write without an answer (the server died) adds its result to the set."""

    def __init__(self):
        self.allowed = {}
        self.chunks = {}     # content sha256 -> chunk count, learned from acknowledgements
        self.content = {}    # content sha256 -> (markdown, unique word)
        self.faq_word = {}   # (question, answer) -> unique word
        self.ids = {}        # document name -> id

    def state(self, key):
        s = self.allowed.get(key, {ABSENT})
        return next(iter(s)) if len(s) == 1 else None

    def acked(self, key, new):
        self.allowed[key] = {new}

    def unknown(self, key, new):
        self.allowed.setdefault(key, {ABSENT}).add(new)



def markdown(rng, word, sections):
    lines = ["# Notes on %s" % word.capitalize(), ""]
    for s in range(sections):
        lines += ["## Section %d about %s" % (s + 1, rng.choice(WORDS)), ""]
        for _ in range(rng.randint(1, 4)):
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 90)))
            lines += ["The %s %s. %s." % (word, rng.choice(WORDS), body.capitalize()), ""]
    return "\n".join(lines)


class Client(threading.Thread):
    """Sends random writes until the server stops answering; records what was acknowledged."""

    def __init__(self, http, model, rng, names, faq_ids, kinds):
        super().__init__(daemon=True)
        self.http, self.model, self.rng = http, model, rng
        self.names, self.faq_ids, self.kinds = names, faq_ids, kinds
        self.in_flight = None   # op kind being sent when the server died
        self.pending = None     # (key, new state) of that op
        self.done = 0
        self.errors = []        # unexpected answers (5xx, wrong 4xx)
        self.stop = False

    def run(self):
        while not self.stop:
            kind = self.rng.choice(self.kinds)
            try:
                getattr(self, "op_" + kind)()
                self.done += 1
            except OSError:
                self.in_flight = kind
                return

    def _send(self, kind, key, new, method, path, body, ok):
        self.in_flight, self.pending = kind, (key, new)
        self.model.unknown(key, new)       # until the answer arrives
        status, reply = self.http.call(method, path, body, timeout=120)
        self.in_flight, self.pending = None, None
        if status in ok:
            self.model.acked(key, new)
            return reply
        prior = self.model.allowed[key] - {new}
        self.model.allowed[key] = prior or {ABSENT}
        self.errors.append("%s %s -> %s %s" % (method, path, status, str(reply)[:200]))
        return None

    def op_upload(self):
        rng = self.rng
        if self.names and rng.random() < 0.3:
            name = rng.choice(self.names)
        else:
            name = "crash/doc-%06d.md" % rng.randrange(10 ** 6)
            self.names.append(name)
        word = token(rng)
        sections = rng.choice([1, 2, 3, 6, 12, 40])
        text = markdown(rng, word, sections)
        sha = hashlib.sha256(text.encode()).hexdigest()
        self.model.content[sha] = (text, word)
        reply = self._send("upload", ("doc", name), sha, "POST", "/v1/documents",
                           {"name": name, "content": text}, (200, 201))
        if reply:
            self.model.chunks[sha] = reply["chunks"]
            self.model.ids[name] = reply["document_id"]

    def op_delete_doc(self):
        live = [n for n in self.names if self.model.state(("doc", n)) is not None]
        if not live:
            return self.op_upload()
        name = self.rng.choice(live)
        doc_id = doc_id_of(self.model, name)
        if doc_id is None:
            return
        self._send("delete_doc", ("doc", name), ABSENT, "DELETE", "/v1/documents/" + doc_id, None, (200,))

    def op_faq_create(self):
        fid = "crash-faq-%06d" % self.rng.randrange(10 ** 6)
        self.faq_ids.append(fid)
        body = self._faq_body(fid)
        self._send("faq_create", ("faq", fid), (body["question"], body["answer"]), "POST", "/v1/faqs", body, (201,))

    def op_faq_update(self):
        live = [f for f in self.faq_ids if self.model.state(("faq", f)) is not None]
        if not live:
            return self.op_faq_create()
        fid = self.rng.choice(live)
        body = self._faq_body(None)
        self._send("faq_update", ("faq", fid), (body["question"], body["answer"]), "PUT", "/v1/faqs/" + fid, body, (200,))

    def op_faq_delete(self):
        live = [f for f in self.faq_ids if self.model.state(("faq", f)) is not None]
        if not live:
            return self.op_faq_create()
        fid = self.rng.choice(live)
        self._send("faq_delete", ("faq", fid), ABSENT, "DELETE", "/v1/faqs/" + fid, None, (200,))

    def _faq_body(self, fid):
        word = token(self.rng)
        q = "How does the %s %s work?" % (word, self.rng.choice(WORDS))
        a = "The %s %s is explained here: %s." % (word, self.rng.choice(WORDS),
                                                   " ".join(self.rng.choice(WORDS) for _ in range(30)))
        self.model.faq_word[(q, a)] = word
        body = {"question": q, "answer": a, "similar": ["what is %s" % word], "tags": ["crash"]}
        if fid:
            body["id"] = fid
        return body


def doc_id_of(model, name):
    return model.ids.get(name)


