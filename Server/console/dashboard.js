// The dashboard: the analytics summary as key figures and charts — questions per hour, answer
// and hand-off rates, top intents, sentiment mix, suggestion acceptance, channels, feedback, hits.
import { api, el, pct } from './api.js';
import { t } from './i18n.js';
import { barChart, columnChart } from './charts.js';

const $ = (id) => document.getElementById(id);
const HOURS = 24;

export function initDashboard() {
  $('dash-refresh').addEventListener('click', () => loadDashboard().catch(() => {}));
}

export async function loadDashboard() {
  const s = await api('GET', '/v1/analytics/summary');
  const kpi = (key, value) => el('div', { class: 'kpi', 'data-kpi': key }, el('span', { class: 'muted' }, t('dash.' + key)), el('b', {}, value));
  $('kpis').replaceChildren(
    kpi('questions', s.questions), kpi('answer_rate', pct(s.answer_rate)), kpi('handoff_rate', pct(s.handoff_rate)),
    kpi('confidence', pct(s.average_confidence)), kpi('acceptance', pct(s.suggestion_acceptance_rate)),
    kpi('rating', s.average_rating === undefined || s.average_rating === null ? '—' : s.average_rating.toFixed(1)));
  const rate = (v) => pct(v);
  $('chart-rates').replaceChildren(barChart([
    { label: t('dash.answer_rate'), value: s.answer_rate ?? 0 },
    { label: t('dash.handoff_rate'), value: s.handoff_rate ?? 0 },
    { label: t('dash.acceptance'), value: s.suggestion_acceptance_rate ?? 0 },
  ], { label: t('dash.rates'), format: rate, max: 1 }));
  $('chart-intents').replaceChildren(barChart(s.top_intents.map((x) => ({ label: x.intent, value: x.count })), { label: t('dash.intents') }));
  $('chart-channels').replaceChildren(barChart(Object.entries(s.channels).map(([k, v]) => ({ label: k, value: v })), { label: t('dash.channels') }));
  $('chart-feedback').replaceChildren(barChart(Object.entries(s.feedback).map(([k, v]) => ({ label: k, value: v })), { label: t('dash.feedback') }));
  renderSentiment(s);
  await Promise.all([loadHours(s), loadHits()]);
}

/** Sentiment mix: drawn when the summary has `sentiment_mix` ({label: count}); otherwise says what is missing. */
function renderSentiment(s) {
  const mix = s.sentiment_mix;
  if (mix && typeof mix === 'object') {
    $('chart-sentiment').replaceChildren(barChart(Object.entries(mix).map(([k, v]) => ({ label: k, value: v })), { label: t('dash.sentiment') }));
  } else {
    $('chart-sentiment').replaceChildren(el('p', { class: 'muted small', id: 'sentiment-missing' }, t('dash.nosentiment')));
  }
}

/**
 * Questions per hour: from `per_hour` ([{hour, questions}]) when the summary has it; otherwise
 * from the summary's counts since each of the last 24 hour boundaries (count since h − count since h+1).
 */
async function loadHours(s) {
  let items;
  if (Array.isArray(s.per_hour)) {
    items = s.per_hour.slice(-HOURS).map((x) => ({ label: new Date(x.hour).getHours() + 'h', value: x.questions }));
  } else {
    const now = Date.now() / 1000;
    const top = Math.ceil(now / 3600) * 3600;
    const bounds = Array.from({ length: HOURS }, (_, i) => top - (HOURS - i) * 3600);
    let counts;
    try {
      counts = await Promise.all(bounds.map((b) =>
        api('GET', '/v1/analytics/summary?since=' + b, undefined, { quiet: true }).then((r) => r.questions)));
    } catch (e) {
      $('chart-hours').replaceChildren(el('p', { class: 'alert-high', role: 'alert' }, `${e.code}: ${e.message}`));
      return;
    }
    items = bounds.map((b, i) => ({ label: new Date(b * 1000).getHours() + 'h', value: counts[i] - (counts[i + 1] ?? 0) }));
  }
  $('chart-hours').replaceChildren(columnChart(items, { label: t('dash.perhour') }));
}

async function loadHits() {
  try {
    const h = await api('GET', '/v1/analytics/hits?kind=document&limit=10', undefined, { quiet: true });
    $('chart-hits').replaceChildren(barChart(h.items.map((x) => ({ label: x.name || x.id, value: x.count })), { label: t('dash.hits') }));
  } catch (e) {
    $('chart-hits').replaceChildren(el('p', { class: 'muted' }, e.message));
  }
}
