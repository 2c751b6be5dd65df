// The dashboard: the analytics summary and hit counts as key figures and bar charts.
import { api, el, pct } from './api.js';
import { t } from './i18n.js';
import { barChart } from './charts.js';

const $ = (id) => document.getElementById(id);

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
  $('chart-intents').replaceChildren(barChart(s.top_intents.map((x) => ({ label: x.intent, value: x.count })), { label: t('dash.intents') }));
  $('chart-channels').replaceChildren(barChart(Object.entries(s.channels).map(([k, v]) => ({ label: k, value: v })), { label: t('dash.channels') }));
  $('chart-feedback').replaceChildren(barChart(Object.entries(s.feedback).map(([k, v]) => ({ label: k, value: v })), { label: t('dash.feedback') }));
  try {
    const h = await api('GET', '/v1/analytics/hits?kind=document&limit=10', undefined, { quiet: true });
    $('chart-hits').replaceChildren(barChart(h.items.map((x) => ({ label: x.name || x.id, value: x.count })), { label: t('dash.hits') }));
  } catch (e) {
    $('chart-hits').replaceChildren(el('p', { class: 'muted' }, e.message));
  }
}
