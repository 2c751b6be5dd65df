// Transcript replay: paste JSONL ({"speaker","text","ts"} per line) or CSV (a header with
// speaker,text,ts) and the turns are sent with their real timing, divided by a speed factor.
import { el } from './api.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);
let running = null; // {stopped: boolean}

/** Wires the replay form; `ensureConversation()` → id, `sendTurn({speaker, text, ts})` → result. */
export function initReplay({ ensureConversation, sendTurn }) {
  $('replay-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    let turns;
    try {
      turns = parseTranscript($('replay-text').value);
    } catch (e) {
      $('replay-status').replaceChildren(el('span', { class: 'alert-high', role: 'alert' }, e.message));
      return;
    }
    const speed = Math.max(0.1, Number($('replay-speed').value) || 1);
    await replay(turns, speed, ensureConversation, sendTurn).catch(() => {});
  });
  $('replay-stop').addEventListener('click', () => { if (running) running.stopped = true; });
}

/** Parses pasted turns; throws an Error naming the line that is wrong. */
export function parseTranscript(text) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (!lines.length) throw new Error(t('rp.empty'));
  const turns = lines[0].startsWith('{') ? lines.map(parseJSONLine) : parseCSV(lines);
  let previous = 0;
  turns.forEach((x, i) => {
    if (x.speaker !== 'customer' && x.speaker !== 'agent') throw new Error(`${t('rp.line')} ${x.line}: ${t('rp.speaker')}`);
    if (!x.text) throw new Error(`${t('rp.line')} ${x.line}: ${t('rp.notext')}`);
    if (x.ts === undefined) x.ts = i === 0 ? 0 : previous + 2;
    if (x.ts < previous) throw new Error(`${t('rp.line')} ${x.line}: ${t('rp.order')}`);
    previous = x.ts;
  });
  return turns;
}

function parseJSONLine(line, i) {
  let o;
  try { o = JSON.parse(line); } catch (e) { throw new Error(`${t('rp.line')} ${i + 1}: ${e.message}`); }
  return { speaker: String(o.speaker || o.role || '').toLowerCase(), text: String(o.text || '').trim(), ts: toSeconds(o.ts, i + 1), line: i + 1 };
}

function parseCSV(lines) {
  const header = splitCSV(lines[0]).map((h) => h.trim().toLowerCase());
  const col = (name) => header.indexOf(name);
  if (col('speaker') < 0 || col('text') < 0) throw new Error(t('rp.header'));
  return lines.slice(1).map((line, i) => {
    const cells = splitCSV(line);
    const ts = col('ts') >= 0 ? cells[col('ts')] : undefined;
    return { speaker: (cells[col('speaker')] || '').trim().toLowerCase(), text: (cells[col('text')] || '').trim(), ts: toSeconds(ts, i + 2), line: i + 2 };
  });
}

/** One CSV line's cells (quotes with "" escapes). */
function splitCSV(line) {
  const cells = [];
  let cell = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cell); cell = ''; } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/** `ts` as seconds: a number, "12.5", or "mm:ss" / "hh:mm:ss"; undefined when absent. */
function toSeconds(v, line) {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return v;
  const parts = String(v).trim().split(':').map(Number);
  if (parts.some((p) => !Number.isFinite(p))) throw new Error(`${t('rp.line')} ${line}: ${t('rp.ts')} “${v}”`);
  return parts.reduce((s, p) => s * 60 + p, 0);
}

async function replay(turns, speed, ensureConversation, sendTurn) {
  if (running) running.stopped = true;
  const me = { stopped: false };
  running = me;
  $('replay-stop').disabled = false;
  $('replay-start').disabled = true;
  try {
    await ensureConversation();
    const began = performance.now();
    for (const [i, turn] of turns.entries()) {
      const due = (turn.ts - turns[0].ts) * 1000 / speed;
      const wait = due - (performance.now() - began);
      $('replay-status').textContent = `${t('rp.turn')} ${i + 1}/${turns.length} · ${turn.ts}s`;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (me.stopped) break;
      await sendTurn(turn);
    }
    $('replay-status').textContent = me.stopped ? t('rp.stopped') : `${t('rp.done')}: ${turns.length}`;
  } catch (e) {
    $('replay-status').replaceChildren(el('span', { class: 'alert-high', role: 'alert' }, e.message));
  } finally {
    if (running === me) running = null;
    $('replay-stop').disabled = true;
    $('replay-start').disabled = false;
  }
}
