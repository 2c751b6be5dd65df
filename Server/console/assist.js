// The workbench's assist panels for a customer turn: intent with confidence, the sentiment
// trend, linked entities (click → graph card), knowledge cards with sources, reply suggestions,
// next-best actions with their reasons, and QA alerts for any turn.
import { el, pct } from './api.js';
import { t } from './i18n.js';
import { lineChart } from './charts.js';
import { entityCard } from './graph.js';

const $ = (id) => document.getElementById(id);
let handlers = { use() {}, accept: async () => {}, reject: async () => {} };

/** Sets what the suggestion buttons do: `{use(s, status), accept(s, status), reject(s, status)}`. */
export function setSuggestionHandler(h) { handlers = h; }

/** Empties every panel (a new conversation). */
export function clearAssist() {
  for (const id of ['suggestions', 'alerts', 'actions', 'entities', 'entity-card', 'cards', 'sentiment']) $(id).replaceChildren();
  $('intent').textContent = '—';
}

/** Shows what the assistant made of a customer turn. */
export function renderAssist(r) {
  renderIntent(r.intent);
  renderSentiment(r.sentiment);
  renderEntities(r.entities || []);
  renderCards(r.cards || []);
  renderSuggestions(r.suggestions || []);
  renderActions(r.actions || []);
}

/** Appends a turn's QA alerts (`{rule_id, name, severity, turn, turns, matched?, message}`). */
export function renderAlerts(alerts = []) {
  for (const a of alerts) {
    $('alerts').append(el('li', { class: 'alert alert-' + a.severity, 'data-rule': a.rule_id },
      el('b', {}, `[${a.severity}] ${a.name}`), a.matched ? ` — “${a.matched}”` : '', ` (#${a.turn})`,
      el('div', { class: 'muted small' }, a.message)));
  }
}

function renderIntent(i) {
  if (!i) { $('intent').textContent = '—'; return; }
  const name = i.out_of_scope ? `${t('wb.oos')} (${i.intent})` : i.intent;
  $('intent').replaceChildren(el('b', { id: 'intent-name' }, name), ' ', pct(i.confidence), ' ',
    el('span', { class: 'bar', style: `width:${Math.round(i.confidence * 100)}px` }),
    el('div', { class: 'muted small' }, (i.ranking || []).slice(1, 3).map((x) => `${x.intent} ${pct(x.confidence)}`).join(' · ')));
}

function renderSentiment(s) {
  if (!s) return;
  $('sentiment').replaceChildren(lineChart(s.trend || [s.score], { label: t('wb.trend') }),
    el('div', {}, `${s.label} ${s.score.toFixed(2)}`, s.escalate ? el('b', { class: 'alert-high' }, ' — ' + t('wb.escalate')) : ''));
}

function renderEntities(list) {
  $('entities').replaceChildren(...list.map((e) => el('button', {
    class: 'chip', 'data-entity': e.id, title: e.type,
    onclick: async () => { try { $('entity-card').replaceChildren(await entityCard(e.id)); } catch { /* shown */ } },
  }, e.name, e.carried ? ' ↺' : '')));
}

function renderCards(cards) {
  $('cards').replaceChildren(...cards.map((c) => el('li', { class: 'kcard' }, el('b', {}, c.title || c.source?.section || ''),
    el('div', { class: 'small' }, c.text.length > 300 ? c.text.slice(0, 299) + '…' : c.text),
    c.source ? el('div', { class: 'muted small' }, t('wb.source') + ': ' + (c.source.document_name || c.source.document_id)
      + (c.source.section ? ' › ' + c.source.section : '') + (c.source.faq_id ? ' · ' + c.source.faq_id : '')) : null)));
}

/** Next-best actions `{campaign_id, name, reason, script, score}`, each with its reason shown. */
function renderActions(actions) {
  $('actions').replaceChildren(...actions.map((a) => el('li', { class: 'action', 'data-campaign': a.campaign_id },
    el('b', {}, '→ ' + a.name), ' ', el('span', { class: 'muted small' }, typeof a.score === 'number' ? a.score.toFixed(2) : ''),
    el('div', { class: 'small reason' }, t('wb.reason') + ': ' + a.reason),
    a.script ? el('div', { class: 'small script' }, a.script) : null)));
  if (!actions.length) $('actions').append(el('li', { class: 'muted small' }, t('wb.noactions')));
}

function renderSuggestions(list) {
  if (!list.length) { $('suggestions').replaceChildren(el('li', { class: 'muted' }, t('wb.none'))); return; }
  $('suggestions').replaceChildren(...list.map((s, i) => {
    const status = el('span', { class: 'muted small status', role: 'status' });
    const run = (f) => () => { Promise.resolve(f(s, status)).catch(() => {}); };
    return el('li', { class: 'suggestion', 'data-index': i },
      el('div', { class: 'suggestion-text', tabindex: 0, role: 'button', onclick: run(handlers.use),
        onkeydown: (ev) => { if (ev.key === 'Enter') run(handlers.use)(); } }, s.text),
      el('div', { class: 'row small' },
        el('button', { class: 'use', onclick: run(handlers.use) }, t('wb.use')),
        el('button', { class: 'accept', onclick: run(handlers.accept) }, t('wb.accept')),
        el('button', { class: 'reject', onclick: run(handlers.reject) }, t('wb.reject')),
        el('span', { class: 'muted' }, `${s.source} · ${s.score.toFixed(2)}`), status));
  }));
}
