#!/usr/bin/env python3
"""Builds a Switchboard knowledge folder from the public ABCD data set (ASAPP, MIT licence).

The data set is read at run time from ../shared/data/kb_en_abcd (or --data) and never copied into
the repository. The output folder holds:

  docs/<flow>.md            one document per flow: `# Flow`, a description line, one `## Subflow`
                            section per subflow with its instructions and actions
  lexicon/entities.jsonl    entities derived from ontology.json, guidelines.json and kb.json
  eval/doc_questions.jsonl  the hand-written questions beside this script
  .switchboardignore        keeps eval/ out of the import

Usage: python3 Benchmarks/abcd/make_kb.py OUTPUT_DIR [--data DIR]
Standard library only.
"""
import argparse
import json
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data", "kb_en_abcd"))

# Guideline buttons that are not actions of their own: placeholders, and the FAQ category toggles
# (their names are the product types and FAQ categories, which are entities of other kinds).
NOT_ACTIONS = {"N/A", "Boots", "Shirt", "Jeans", "Jacket", "Pricing", "Membership", "Timing", "Policy"}
# Guideline buttons whose ontology action id is not their name in kebab case.
BUTTON_ACTION_IDS = {
    "Notify Internal Team": "notify-team",
    "Membership Privileges": "membership",
    "Select Answer": "select-faq",
    "Log Out/In": "log-out-in",
    "Enter Detail": "enter-details",
}
# Ontology slot values that become entities, with the entity type; other slots (customer names,
# security answers, survey reasons such as 'email' or 'news') are personal data or too generic.
SLOT_TYPES = {
    "membership_level": "membership_level",
    "payment_method": "payment_method",
    "refund_target": "refund_method",
    "shipping_option": "shipping_status",
    "company_team": "team",
    "account_slotval": "account_update",
    "change_option": "order_change",
}
# order_slotval holds two kinds of value: how a return travels, and other order updates.
RETURN_METHODS = {"by mail", "in store", "drop off center"}
CREDIT_SOURCES = {"subscription refund", "previous purchase", "promotional package"}
# Entity types whose names are countable nouns (they get plural/singular variants).
COUNTABLE = {"payment_method", "refund_method", "team"}
LEVEL_SUFFIXES = ["member", "members", "membership", "level", "tier"]


def slug(text):
    """Lower-case words joined by '-' ('Single-Item Query' → 'single-item-query')."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def ident(kind, text):
    return kind + "_" + slug(text).replace("-", "_")


def title(text):
    return " ".join(w if w.isupper() else w.capitalize() for w in text.split())


def plural(word):
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es" if not word.endswith("s") else word
    return word + "s"


def singular(word):
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def variants(name, number=False):
    """Obvious surface variants of a name: lower case, hyphen vs space and, for countable nouns
    (`number`), plural/singular of the last word. The matcher folds case; lower-case forms are
    listed anyway so the lexicon reads plainly."""
    base = name.lower()
    out = [base]
    words = base.split()
    if number and words:
        last = words[-1]
        for w in {plural(last), singular(last)} - {last}:
            if len(w) > 2:
                out.append(" ".join(words[:-1] + [w]))
    for v in list(out):
        if " " in v:
            out.append(v.replace(" ", "-"))
        if "-" in v:
            out.append(v.replace("-", " "))
    return unique(out)


def unique(xs):
    seen, out = set(), []
    for x in xs:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


class Lexicon:
    """Entities in insertion order; a surface form is kept for the first entity that claims it
    (Switchboard drops a surface claimed by two entities for both)."""

    def __init__(self):
        self.entities = {}
        self.owner = {}
        self.dropped = []

    def add(self, eid, name, etype, aliases=(), relations=()):
        if eid in self.entities:
            e = self.entities[eid]
            for a in aliases:
                self._alias(e, a)
            for r in relations:
                if r not in e["relations"]:
                    e["relations"].append(r)
            return e
        key = self._key(name)
        if key in self.owner:
            raise SystemExit(f"entity name '{name}' ({eid}) is already a surface of {self.owner[key]}")
        e = {"id": eid, "name": name, "type": etype, "aliases": [], "relations": list(relations)}
        self.entities[eid] = e
        self.owner[key] = eid
        for a in aliases:
            self._alias(e, a)
        return e

    def _alias(self, e, alias):
        key = self._key(alias)
        owner = self.owner.get(key)
        if not key or alias == e["name"] or alias in e["aliases"]:
            return
        if owner == e["id"]:
            e["aliases"].append(alias)  # a case variant of a surface it has (the matcher folds case)
            return
        if owner is not None:
            self.dropped.append((alias, e["id"], owner))
            return
        self.owner[key] = e["id"]
        e["aliases"].append(alias)

    def relate(self, eid, rtype, target):
        r = {"type": rtype, "target": target}
        if r not in self.entities[eid]["relations"]:
            self.entities[eid]["relations"].append(r)

    @staticmethod
    def _key(surface):
        return " ".join(surface.lower().split())

    def rows(self):
        for e in self.entities.values():
            e["relations"] = [r for r in e["relations"] if r["target"] in self.entities]
            yield e


def load(data, name):
    path = os.path.join(data, name)
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        raise SystemExit(f"{path} not found: point --data at the ABCD folder (kb_en_abcd)")


def intent_ids(ontology, guidelines):
    """(flow name, subflow name) → (flow id, subflow id): guideline names and ontology ids are
    in the same order within each flow."""
    flows = ontology["intents"]["subflows"]
    out = {}
    for flow, body in guidelines.items():
        fid = slug(flow).replace("-", "_")
        if fid not in flows:
            raise SystemExit(f"flow '{flow}' has no ontology intent '{fid}'")
        names = list(body["subflows"])
        if len(names) != len(flows[fid]):
            raise SystemExit(f"flow '{flow}': {len(names)} subflows in guidelines, {len(flows[fid])} in ontology")
        for name, sid in zip(names, flows[fid]):
            out[(flow, name)] = (fid, sid)
    return out


def write_document(path, flow, body):
    lines = [f"# {flow}", "", f"Agent guidelines for {flow.lower()} chats: {body['description']}.", ""]
    for name, sub in body["subflows"].items():
        lines += [f"## {name}", ""]
        instructions = [i.strip() for i in sub.get("instructions", []) if i.strip()]
        if instructions:
            lines += [instructions[0], ""]
        for action in sub.get("actions", []):
            button = action.get("button", "").strip()
            text = " ".join(action.get("text", "").split())
            label = "" if button in ("", "N/A") else f"**{button}**: "
            lines.append(f"- {label}{text}")
            for sub_text in action.get("subtext", []):
                # A '>' inside a step separates alternatives; keep them on one bullet.
                lines.append(f"  - {' '.join(sub_text.split())}")
        lines.append("")
        for extra in instructions[1:]:
            lines += [extra, ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines).rstrip() + "\n")


def build_lexicon(ontology, guidelines, kb):
    lex = Lexicon()
    values = ontology["values"]["enumerable"]
    item_types = ontology["intents"]["subflows"]["single_item_query"]

    # Product types, brands and products ("calvin klein boots" = brand + type).
    for t in item_types:
        lex.add(ident("type", t), title(t), "product_type", variants(t, number=True))
    for product in values["product"]:
        words = product.split()
        kind = words[-1]
        brand = " ".join(words[:-1])
        if kind not in item_types:
            raise SystemExit(f"product '{product}' does not end with a product type")
        bid = ident("brand", brand)
        lex.add(bid, title(brand), "brand", variants(brand))
        lex.add(ident("product", product), title(product), "product", variants(product, number=True),
                [{"type": "made_by", "target": bid}, {"type": "is_a", "target": ident("type", kind)}])

    # Membership levels, with the ways customers name them ("gold member", "gold tier").
    for level in values["membership_level"]:
        aliases = [f"{level} {s}" for s in LEVEL_SUFFIXES]
        lex.add(ident("level", level), title(level), "membership_level", aliases)

    for slot, etype in SLOT_TYPES.items():
        if slot == "membership_level":
            continue
        for v in values[slot]:
            eid = ident(etype, v)
            name = "PayPal" if v == "paypal" else title(v)
            extra = ["pay pal"] if v == "paypal" else []
            if v == "credit card" and slot == "refund_target":
                continue  # the payment method entity: one thing, one entity
            lex.add(eid, name, etype, variants(v, number=etype in COUNTABLE) + extra)
    for v in values["order_slotval"]:
        etype = "return_method" if v in RETURN_METHODS else "order_update"
        lex.add(ident(etype, v), title(v), etype, variants(v))
    for v in values["reason_slotval"]:
        if v in CREDIT_SOURCES:
            lex.add(ident("credit_source", v), title(v), "credit_source", variants(v))

    # Actions: the guideline buttons, with their ontology ids as aliases.
    ontology_actions = {a: kind for kind, acts in ontology["actions"].items() for a in acts}
    action_of = {}  # ontology action id → entity id
    for body in guidelines.values():
        for sub in body["subflows"].values():
            for action in sub.get("actions", []):
                button = action.get("button", "").strip()
                if not button or button in NOT_ACTIONS:
                    continue
                aid = BUTTON_ACTION_IDS.get(button, slug(button))
                canonical = "Enter Details" if aid == "enter-details" else button
                eid = ident("action", aid)
                aliases = variants(canonical) + ([button] if button != canonical else [])
                if aid in ontology_actions and "-" in aid:
                    aliases += [aid, aid.replace("-", " ")]
                lex.add(eid, canonical, "action", aliases)
                if aid in ontology_actions:
                    action_of[aid] = eid

    # Flows and subflows; a subflow is part of its flow and uses its actions (kb.json, guidelines).
    ids = intent_ids(ontology, guidelines)
    for flow, body in guidelines.items():
        fid = ident("flow", flow)
        lex.add(fid, flow, "flow", variants(flow))
        for name in body["subflows"]:
            _, sid = ids[(flow, name)]
            eid = ident("subflow", f"{flow} {name}")
            label = name
            if Lexicon._key(name) in lex.owner:  # e.g. the subflow 'Shipping Status' vs the action
                label = f"{name} ({flow})"
            lex.add(eid, label, "subflow", variants(name) if label == name else [],
                    [{"type": "part_of", "target": fid}])
            used = list(kb.get(sid, []))
            for action in body["subflows"][name].get("actions", []):
                button = action.get("button", "").strip()
                if button and button not in NOT_ACTIONS:
                    used.append(BUTTON_ACTION_IDS.get(button, slug(button)))
            for aid in unique(used):
                target = action_of.get(aid, ident("action", aid))
                lex.relate(eid, "uses_action", target)
    return lex


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("output", help="the knowledge folder to write (created; its docs/, lexicon/, eval/ are replaced)")
    ap.add_argument("--data", default=DEFAULT_DATA, help="the ABCD folder (guidelines.json, ontology.json, kb.json)")
    ap.add_argument("--questions", default=os.path.join(HERE, "doc_questions.jsonl"))
    args = ap.parse_args()

    guidelines = load(args.data, "guidelines.json")
    ontology = load(args.data, "ontology.json")
    kb = load(args.data, "kb.json")

    out = args.output
    for sub in ("docs", "lexicon", "eval"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
        os.makedirs(os.path.join(out, sub))
    with open(os.path.join(out, ".switchboardignore"), "w", encoding="utf-8") as f:
        f.write("eval/\n")

    documents = {}
    for flow, body in guidelines.items():
        name = f"docs/{slug(flow)}.md"
        write_document(os.path.join(out, name), flow, body)
        documents[name] = list(body["subflows"])

    lex = build_lexicon(ontology, guidelines, kb)
    rows = list(lex.rows())
    with open(os.path.join(out, "lexicon", "entities.jsonl"), "w", encoding="utf-8") as f:
        for e in rows:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")

    # The questions must name a document and a section that exist.
    count, bad = 0, []
    with open(args.questions, encoding="utf-8") as f, \
            open(os.path.join(out, "eval", "doc_questions.jsonl"), "w", encoding="utf-8") as w:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            q = json.loads(line)
            if q["expected_section"] not in documents.get(q["expected_doc"], []):
                bad.append(f"line {n}: {q['expected_doc']} has no section '{q['expected_section']}'")
            w.write(json.dumps(q, ensure_ascii=False) + "\n")
            count += 1
    if bad:
        raise SystemExit("questions that point nowhere:\n  " + "\n  ".join(bad))

    types = {}
    for e in rows:
        types[e["type"]] = types.get(e["type"], 0) + 1
    print(f"wrote {out}: {len(documents)} documents, "
          f"{sum(len(s) for s in documents.values())} sections, {len(rows)} entities "
          f"({', '.join(f'{t} {c}' for t, c in sorted(types.items()))}), {count} questions", file=sys.stderr)
    for alias, eid, owner in lex.dropped:
        print(f"  alias '{alias}' of {eid} left out: already a surface of {owner}", file=sys.stderr)


if __name__ == "__main__":
    main()
