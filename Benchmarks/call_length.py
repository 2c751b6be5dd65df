"""One live call of N alternating turns against a running server (see call-length.sh).

Customer and agent texts are taken in order from Knowledge/transcripts/turns.jsonl and cycled;
every request is sent after the previous one returns (concurrency 1), so a window's times are
the server's cost for that stretch of the call, not queueing.

Usage: call_length.py PORT TURNS
"""
import http.client
import json
import sys
import time


def main():
    port, n = int(sys.argv[1]), int(sys.argv[2])
    rows = [json.loads(line) for line in open("Knowledge/transcripts/turns.jsonl", encoding="utf-8") if line.strip()]
    customer = [r["text"] for r in rows if r["speaker"] == "customer"]
    agent = [r["text"] for r in rows if r["speaker"] == "agent"]
    conn = http.client.HTTPConnection("127.0.0.1", port)

    def post(path, body):
        conn.request("POST", path, json.dumps(body), {"content-type": "application/json"})
        response = conn.getresponse()
        data = response.read()
        if response.status >= 400:
            raise SystemExit(f"{path}: HTTP {response.status} {data[:200]!r}")
        return data

    call = json.loads(post("/v1/conversations", {"channel": "call"}))["id"]
    times = []
    for i in range(n):
        speaker, texts = ("customer", customer) if i % 2 == 0 else ("agent", agent)
        start = time.perf_counter()
        post(f"/v1/conversations/{call}/turns", {"speaker": speaker, "text": texts[(i // 2) % len(texts)]})
        if speaker == "customer":
            times.append((i, (time.perf_counter() - start) * 1000))
    print(f"one call of {n} alternating turns (Knowledge/transcripts), customer turns at concurrency 1")
    for w in range(0, n, 40):
        window = sorted(t for i, t in times if w <= i < w + 40)
        if window:
            print(f"turns {w + 1:4d}-{w + 40:4d}: customer turn median {window[len(window) // 2]:.2f} ms, max {window[-1]:.2f} ms")


if __name__ == "__main__":
    main()
