// The close of a call: summary, QA scorecard and ticket draft, as workbench elements.
import { el, pct } from './api.js';
import { t } from './i18n.js';
import { lineChart } from './charts.js';

/**
 * Elements for a close response `{conversation_id, turns, summary, scorecard, ticket?, sentiment_trend, escalated}`.
 */
export function renderClosing(s) {
  const sum = s.summary || {}, card = s.scorecard || { score: 0, passed: false, hits: [] };
  const trend = s.sentiment_trend || [];
  return [
    el('h2', {}, t('wb.summary')),
    el('p', { id: 'summary-text' }, sum.text || '—'),
    el('div', { class: 'small' }, `${s.turns} ${t('wb.turns')} · ${t('wb.intents')}: ${(sum.intents || []).join(', ') || '—'} · `,
      el('b', { id: 'summary-outcome' }, sum.outcome || '—'), s.escalated ? ' · ' + t('wb.escalated') : ''),
    trend.length ? lineChart(trend, { label: t('wb.trend') }) : null,
    el('div', { class: 'chips' }, (sum.entities || []).map((e) => el('span', { class: 'chip' }, e.name))),
    (sum.follow_ups || []).length ? el('ul', { class: 'small' }, sum.follow_ups.map((f) => el('li', {}, `#${f.turn} ${f.text}`))) : null,
    scorecard(card),
    s.ticket ? ticket(s.ticket) : el('p', { class: 'muted small', id: 'no-ticket' }, t('wb.noticket')),
  ];
}

function scorecard(card) {
  return el('section', { id: 'scorecard', class: 'card', 'aria-label': t('wb.scorecard') },
    el('h3', {}, `${t('wb.scorecard')}: `, el('span', { id: 'scorecard-score' }, String(Math.round(card.score))), ' ',
      el('span', { class: card.passed ? 'good' : 'alert-high' }, card.passed ? '✓ ' + t('wb.passed') : '✗ ' + t('wb.failed'))),
    card.hits.length
      ? el('ul', { class: 'list', id: 'scorecard-hits' }, card.hits.map((a) => el('li', { class: 'alert-' + a.severity },
        `[${a.severity}] ${a.name} (#${(a.turns || [a.turn]).join(', #')}) — ${a.message}`)))
      : el('p', { class: 'muted small' }, t('wb.nohits')));
}

function ticket(tk) {
  const d = tk.draft || {};
  const fields = Object.entries(d.fields || {}).filter(([, v]) => v !== null && !(Array.isArray(v) && !v.length));
  return el('section', { id: 'ticket', class: 'card', 'aria-label': t('wb.ticket') },
    el('h3', {}, `${t('wb.ticket')} ${tk.id} · ${tk.status}`),
    el('div', { id: 'ticket-title' }, d.title || ''),
    el('div', { class: 'small' }, el('b', { id: 'ticket-priority' }, d.priority || ''), ' · ',
      el('span', { id: 'ticket-department' }, d.department || ''), ' — ',
      (d.departments || []).map((x) => `${x.department} ${pct(x.confidence)}`).join(' · ')),
    (d.priority_reasons || []).length ? el('ul', { class: 'small muted' }, d.priority_reasons.map((r) => el('li', {}, r))) : null,
    fields.length ? el('dl', { class: 'small fields' }, fields.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, fieldText(v))])) : null);
}

/** A ticket field for people: text as is, lists joined, objects as "key: value" pairs. */
function fieldText(v) {
  if (typeof v !== 'object' || v === null) return String(v);
  if (Array.isArray(v)) return v.map(fieldText).join('; ');
  return Object.entries(v).filter(([, x]) => x !== null && x !== undefined).map(([k, x]) => `${k}: ${fieldText(x)}`).join(' · ');
}
