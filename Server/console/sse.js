// Server-Sent Events read over fetch, so that the API key travels in the Authorization header
// (EventSource cannot send headers). Reconnects with back-off until stopped, or until the
// stream is gone (404) or refused (401, 403).
import { authHeaders } from './api.js';

/**
 * Listens to `path`; calls `onEvent(type, data, id)` per event and `onState(open)` when the stream
 * opens or drops. Returns a function that stops listening.
 */
export function listen(path, onEvent, onState = () => {}) {
  const control = new AbortController();
  let lastId = null;
  let wait = 1000;
  const run = async () => {
    while (!control.signal.aborted) {
      try {
        const headers = authHeaders({ Accept: 'text/event-stream' });
        if (lastId !== null) headers['Last-Event-ID'] = lastId;
        const response = await fetch(path, { headers, signal: control.signal, cache: 'no-store' });
        if (response.status === 404 || response.status === 401 || response.status === 403) { onState(false); return; }
        if (!response.ok || !response.body) throw new Error('HTTP ' + response.status);
        onState(true);
        wait = 1000;
        await read(response.body, (type, data, id) => { if (id !== null) lastId = id; onEvent(type, data, id); });
      } catch (e) {
        if (control.signal.aborted) return;
      }
      onState(false);
      if (control.signal.aborted) return;
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 15000);
    }
  };
  run();
  return () => control.abort();
}

/** Splits a byte stream into events (blank-line separated `event:`, `data:`, `id:` fields). */
async function read(body, emit) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message', id = null;
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') type = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') id = value;
      }
      if (data.length) emit(type, data.join('\n'), id);
    }
  }
}
