// The agent workbench: start or open a conversation, send customer and agent turns (typed,
// pasted or replayed), watch the results live over Server-Sent Events, close with a summary.
import { api, el } from './api.js';
import { t } from './i18n.js';
import { listen } from './sse.js';
import { renderAssist, renderAlerts, setSuggestionHandler, clearAssist } from './assist.js';
import { renderClosing } from './closing.js';
import { initReplay } from './replay.js';
import { initSearchForm } from './search.js';

const $ = (id) => document.getElementById(id);
const enc = encodeURIComponent;

/** The open conversation: {id, stop: () => void | null, seen: Set<number>, lastCustomer, pending, closed}. */
let conv = null;

export function initWorkbench() {
  $('conv-new').addEventListener('click', () => start().catch(() => {}));
  $('conv-open-form').addEventListener('submit', (ev) => { ev.preventDefault(); open($('conv-open-id').value.trim()).catch(() => {}); });
  $('conv-close').addEventListener('click', () => close().catch(() => {}));
  $('turn-form').addEventListener('submit', (ev) => { ev.preventDefault(); sendTyped().catch(() => {}); });
  $('turn-text').addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); sendTyped().catch(() => {}); }
  });
  setSuggestionHandler({ use, accept, reject });
  initReplay({ ensureConversation, sendTurn: (turn) => sendTurn(turn.speaker, turn.text, turn.ts) });
  initSearchForm('wb-search-form', 'wb-search-q', 'wb-search-results', { explain: false, limit: 5 });
  $('conv-customer').addEventListener('focus', () => loadCustomers().catch(() => {}), { once: true });
}

/** Customer ids → "name · models" for the picker (loaded once, when it is first used). */
const customers = new Map();
async function loadCustomers() {
  const r = await api('GET', '/v1/customers?limit=500');
  for (const c of r.customers) customers.set(c.id, [c.name, ...(c.vehicles || []).map((v) => v.model)].filter(Boolean).join(' · '));
  $('customer-ids').replaceChildren(...[...customers].map(([id, label]) => el('option', { value: id }, label)));
}

function reset(id) {
  if (conv && conv.stop) conv.stop();
  conv = { id, stop: null, seen: new Set(), lastCustomer: '', pending: null, closed: false };
  $('transcript').replaceChildren();
  clearAssist();
  $('summary').hidden = true;
  $('conv-id').textContent = id;
  $('conv-close').disabled = false;
  $('turn-send').disabled = false;
}

/** Starts a new conversation and listens to its events. */
async function start() {
  const customer = $('conv-customer').value.trim();
  const c = await api('POST', '/v1/conversations', customer ? { channel: 'console', customer_id: customer } : { channel: 'console' });
  reset(c.id);
  const known = customers.get(customer);
  $('conv-customer-info').textContent = customer ? `${customer}${known ? ' · ' + known : ''}` : '';
  watch(c.id);
  $('turn-text').focus();
  return c.id;
}

/** The open conversation's id, starting one when there is none (or it is closed). */
async function ensureConversation() {
  if (conv && !conv.closed) return conv.id;
  return start();
}

/** Opens an existing conversation by id: shows its turns, and listens when it is still open. */
async function open(id) {
  if (!id) return;
  const c = await api('GET', `/v1/conversations/${enc(id)}`);
  reset(c.id);
  for (const r of c.turns) render(r, 'history');
  if (c.closed) markClosed();
  else watch(c.id);
}

function watch(id) {
  conv.stop = listen(`/v1/conversations/${enc(id)}/events`, (type, data) => {
    if (type !== 'turn') return;
    try { render(JSON.parse(data), 'sse'); } catch { /* a malformed event is skipped */ }
  }, (up) => { $('conv-live').hidden = !up; });
}

async function sendTyped() {
  if (!conv || conv.closed) return;
  const text = $('turn-text').value.trim();
  if (!text) return;
  const speaker = $('turn-speaker').value;
  const pending = conv.pending;
  const result = await sendTurn(speaker, text);
  $('turn-text').value = '';
  if (speaker === 'agent' && pending) {
    conv.pending = null;
    const edited = text !== pending.suggestion.text;
    await feedback(edited ? 'suggestion_edited' : 'suggestion_accepted', pending.suggestion, edited ? text : undefined, result.turn);
    pending.status.textContent = edited ? t('wb.edited') : t('wb.accepted');
  }
  $('turn-speaker').value = speaker === 'customer' ? 'agent' : 'customer';
}

/** Sends one turn (`ts`: seconds from the call's start, optional) and shows its result. */
async function sendTurn(speaker, text, ts) {
  const body = { speaker, text };
  if (typeof ts === 'number' && Number.isFinite(ts)) body.ts = ts;
  const result = await api('POST', `/v1/conversations/${enc(conv.id)}/turns`, body);
  render(result, 'response');
  return result;
}

function feedback(kind, s, editedText, turn) {
  const body = { kind, session_id: conv.id, suggestion_source: s.source, text: s.text, customer_text: conv.lastCustomer || undefined };
  if (editedText) body.edited_text = editedText;
  if (turn) body.turn = turn;
  return api('POST', '/v1/feedback', body);
}

// Suggestion buttons: insert into the composer (then edit and send), accept (send as is), reject.
function use(s, status) {
  $('turn-speaker').value = 'agent';
  $('turn-text').value = s.text;
  $('turn-text').focus();
  conv.pending = { suggestion: s, status };
}
async function accept(s, status) {
  use(s, status);
  await sendTyped();
}
async function reject(s, status) {
  await feedback('suggestion_rejected', s);
  status.textContent = t('wb.rejected');
  if (conv.pending && conv.pending.suggestion === s) conv.pending = null;
}

/** Shows one turn's result; the same turn from the stream and the response is shown once. */
function render(r, via) {
  if (!conv || r.conversation_id !== conv.id) return;
  if (conv.seen.has(r.turn)) {
    // Already shown: note that this channel delivered it too (the tests look for the stream).
    const li = $('transcript').querySelector(`li[data-turn="${r.turn}"]`);
    if (li && !li.dataset.via.split(' ').includes(via)) li.dataset.via += ' ' + via;
    return;
  }
  conv.seen.add(r.turn);
  const items = [...$('transcript').children];
  const li = el('li', { class: r.speaker, 'data-turn': r.turn, 'data-via': via }, el('b', {}, t('wb.' + r.speaker) + ': '), r.text);
  const after = items.filter((x) => Number(x.dataset.turn) < r.turn).pop();
  if (after) after.after(li); else $('transcript').prepend(li);
  li.scrollIntoView({ block: 'nearest' });
  if (r.speaker === 'customer') {
    conv.lastCustomer = r.text;
    renderAssist(r);
  }
  renderAlerts(r.alerts);
}

function markClosed() {
  conv.closed = true;
  if (conv.stop) conv.stop();
  conv.stop = null;
  $('conv-live').hidden = true;
  $('conv-close').disabled = true;
  $('turn-send').disabled = true;
}

async function close() {
  if (!conv || conv.closed) return;
  const s = await api('POST', `/v1/conversations/${enc(conv.id)}/close`);
  markClosed();
  $('summary').hidden = false;
  $('summary').replaceChildren(...renderClosing(s).filter(Boolean));
  $('summary').focus();
}
