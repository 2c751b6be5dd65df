// The agent workbench: a live conversation with intent, sentiment trend, entities, knowledge
// cards, reply suggestions (feedback), QA alerts and the closing summary.
import { api, apiKey, el, pct } from './api.js';
import { t } from './i18n.js';
import { lineChart } from './charts.js';
import { entityCard } from './graph.js';

const $ = (id) => document.getElementById(id);
const enc = encodeURIComponent;

let conv = null; // {id, events: EventSource|null, seen: Set<number>, lastCustomer, pending}

export function initWorkbench() {
  $('conv-new').addEventListener('click', () => start().catch(() => {}));
  $('conv-close').addEventListener('click', () => close().catch(() => {}));
  $('turn-form').addEventListener('submit', (ev) => { ev.preventDefault(); send().catch(() => {}); });
  $('turn-text').addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); send().catch(() => {}); }
  });
}

async function start() {
  if (conv && conv.events) conv.events.close();
  const c = await api('POST', '/v1/conversations', { channel: 'console' });
  conv = { id: c.id, events: null, seen: new Set(), lastCustomer: '', pending: null };
  for (const id of ['transcript', 'suggestions', 'alerts', 'actions', 'entities', 'entity-card', 'cards', 'sentiment']) $(id).replaceChildren();
  $('intent').textContent = '—';
  $('summary').hidden = true;
  $('conv-id').textContent = c.id;
  $('conv-close').disabled = false;
  $('turn-send').disabled = false;
  $('turn-text').focus();
  // EventSource cannot send an Authorization header: with a key, the turn responses are enough.
  if (!apiKey()) listen(c.id);
}

function listen(id) {
  const source = new EventSource(`/v1/conversations/${enc(id)}/events`);
  conv.events = source;
  source.addEventListener('open', () => { $('conv-live').hidden = false; });
  source.addEventListener('turn', (ev) => {
    try { render(JSON.parse(ev.data), 'sse'); } catch { /* a malformed event is skipped */ }
  });
  source.addEventListener('error', () => { $('conv-live').hidden = true; });
}

async function send() {
  if (!conv) return;
  const text = $('turn-text').value.trim();
  if (!text) return;
  const speaker = $('turn-speaker').value;
  const pending = conv.pending;
  const result = await api('POST', `/v1/conversations/${enc(conv.id)}/turns`, { speaker, text });
  $('turn-text').value = '';
  if (speaker === 'agent' && pending) {
    conv.pending = null;
    const edited = text !== pending.suggestion.text;
    await feedback(edited ? 'suggestion_edited' : 'suggestion_accepted', pending.suggestion, edited ? text : undefined, result.turn);
    pending.status.textContent = edited ? t('wb.edited') : t('wb.accepted');
  }
  render(result, 'response');
  $('turn-speaker').value = speaker === 'customer' ? 'agent' : 'customer';
}

function feedback(kind, s, editedText, turn) {
  const body = { kind, session_id: conv.id, suggestion_source: s.source, text: s.text, customer_text: conv.lastCustomer || undefined };
  if (editedText) body.edited_text = editedText;
  if (turn) body.turn = turn;
  return api('POST', '/v1/feedback', body);
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
  $('transcript').append(el('li', { class: r.speaker, 'data-turn': r.turn, 'data-via': via }, el('b', {}, t('wb.' + r.speaker) + ': '), r.text));
  $('transcript').lastChild.scrollIntoView({ block: 'nearest' });
  if (r.speaker === 'customer') {
    conv.lastCustomer = r.text;
    renderIntent(r.intent);
    renderSentiment(r.sentiment);
    renderEntities(r.entities);
    renderCards(r.cards);
    renderSuggestions(r.suggestions);
    $('actions').replaceChildren(...r.actions.map((a) => el('li', { class: 'action', title: a.reason },
      el('b', {}, '→ ' + a.name), ' ', el('span', { class: 'muted small' }, a.reason),
      a.script ? el('div', { class: 'small' }, a.script) : null)));
  }
  for (const a of r.alerts) {
    $('alerts').append(el('li', { class: 'alert alert-' + a.severity },
      `[${a.severity}] ${a.name}${a.matched ? ' — “' + a.matched + '”' : ''} (#${a.turn})`, el('div', { class: 'muted small' }, a.message)));
  }
}

function renderIntent(i) {
  if (!i) { $('intent').textContent = '—'; return; }
  const name = i.out_of_scope ? `${t('wb.oos')} (${i.intent})` : i.intent;
  $('intent').replaceChildren(el('b', { id: 'intent-name' }, name), ' ', pct(i.confidence), ' ',
    el('span', { class: 'bar', style: `width:${Math.round(i.confidence * 100)}px` }),
    el('div', { class: 'muted small' }, i.ranking.slice(1, 3).map((x) => `${x.intent} ${pct(x.confidence)}`).join(' · ')));
}

function renderSentiment(s) {
  if (!s) return;
  $('sentiment').replaceChildren(lineChart(s.trend, { label: 'sentiment trend' }),
    el('div', {}, `${s.label} ${s.score.toFixed(2)}`, s.escalate ? el('b', { class: 'alert-high' }, ' — ' + t('wb.escalate')) : ''));
}

function renderEntities(list) {
  $('entities').replaceChildren(...list.map((e) => el('button', {
    class: 'chip', 'data-entity': e.id, title: e.type,
    onclick: async () => { try { $('entity-card').replaceChildren(await entityCard(e.id)); } catch { /* shown */ } },
  }, e.name, e.carried ? ' ↺' : '')));
}

function renderCards(cards) {
  $('cards').replaceChildren(...cards.map((c) => el('li', { class: 'kcard' }, el('b', {}, c.title), el('div', { class: 'small' }, c.text.slice(0, 300)),
    c.source ? el('div', { class: 'muted small' }, t('wb.source') + ': ' + (c.source.document_name || c.source.document_id) + (c.source.section ? ' › ' + c.source.section : '')) : null)));
}

function renderSuggestions(list) {
  if (!list.length) { $('suggestions').replaceChildren(el('li', { class: 'muted' }, t('wb.none'))); return; }
  $('suggestions').replaceChildren(...list.map((s, i) => {
    const status = el('span', { class: 'muted small status' });
    const use = () => {
      $('turn-speaker').value = 'agent';
      $('turn-text').value = s.text;
      $('turn-text').focus();
      conv.pending = { suggestion: s, status };
    };
    const accept = async () => {
      $('turn-speaker').value = 'agent';
      $('turn-text').value = s.text;
      conv.pending = { suggestion: s, status };
      await send();
    };
    const reject = async () => {
      await feedback('suggestion_rejected', s);
      status.textContent = t('wb.rejected');
      if (conv.pending && conv.pending.suggestion === s) conv.pending = null;
    };
    return el('li', { class: 'suggestion', 'data-index': i },
      el('div', { class: 'suggestion-text', tabindex: 0, role: 'button', onclick: use, onkeydown: (ev) => { if (ev.key === 'Enter') use(); } }, s.text),
      el('div', { class: 'row small' },
        el('button', { class: 'use', onclick: use }, t('wb.use')),
        el('button', { class: 'accept', onclick: () => accept().catch(() => {}) }, t('wb.accept')),
        el('button', { class: 'reject', onclick: () => reject().catch(() => {}) }, t('wb.reject')),
        el('span', { class: 'muted' }, `${s.source} · ${s.score.toFixed(2)}`), status));
  }));
}

async function close() {
  if (!conv) return;
  const s = await api('POST', `/v1/conversations/${enc(conv.id)}/close`);
  if (conv.events) conv.events.close();
  $('conv-live').hidden = true;
  $('conv-close').disabled = true;
  $('turn-send').disabled = true;
  $('summary').hidden = false;
  const sum = s.summary, card = s.scorecard;
  $('summary').replaceChildren(el('h2', {}, t('wb.summary')),
    el('p', { id: 'summary-text' }, sum.text),
    el('div', {}, `${s.turns} ${t('wb.turns')} · ${t('wb.intents')}: ${sum.intents.join(', ') || '—'} · ${sum.outcome}${s.escalated ? ' · ' + t('wb.escalated') : ''}`),
    s.sentiment_trend.length ? lineChart(s.sentiment_trend, { label: 'sentiment trend' }) : null,
    el('div', { class: 'chips' }, sum.entities.map((e) => el('span', { class: 'chip' }, e.name))),
    sum.follow_ups.length ? el('ul', { class: 'small' }, sum.follow_ups.map((f) => el('li', {}, `#${f.turn} ${f.text}`))) : null,
    el('h3', {}, `${t('wb.scorecard')}: ${Math.round(card.score)} ${card.passed ? '✓' : '✗'}`),
    card.hits.length ? el('ul', { class: 'list', id: 'scorecard-hits' }, card.hits.map((a) => el('li', { class: 'alert-' + a.severity }, `${a.name} (#${a.turns.join(', #')}) — ${a.message}`))) : null,
    s.ticket ? el('div', { id: 'ticket', class: 'card' }, el('h3', {}, `${t('wb.ticket')} ${s.ticket.id} · ${s.ticket.status}`),
      el('div', {}, `${s.ticket.draft.title}`),
      el('div', { class: 'small' }, `${s.ticket.draft.priority} · ` + s.ticket.draft.departments.map((d) => `${d.department} ${pct(d.confidence)}`).join(' · ')),
      el('div', { class: 'muted small' }, s.ticket.draft.priority_reasons.join('; '))) : null);
}
