// Knowledge search with explained scores, used by the editor's search pane and the workbench.
import { api, el } from './api.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/**
 * Wires a search form: `formId`, its query input and the list the hits go to. `mode` (a select id)
 * and `explain` (a checkbox id, or a boolean) are optional.
 */
export function initSearchForm(formId, inputId, listId, { mode = null, explain = true, limit = 10 } = {}) {
  $(formId).addEventListener('submit', (ev) => {
    ev.preventDefault();
    const query = $(inputId).value.trim();
    if (!query) return;
    const body = { query, limit, explain: typeof explain === 'string' ? $(explain).checked : explain };
    if (mode && $(mode).value) body.mode = $(mode).value;
    search(body, $(listId)).catch(() => {});
  });
}

async function search(body, list) {
  const r = await api('POST', '/v1/search', body);
  // A misspelt word the server mended: say what was searched.
  const corrected = r.corrected_query ? el('li', { class: 'corrected muted' }, `${t('kn.corrected')} `, el('i', {}, r.corrected_query)) : '';
  if (!r.hits.length) { list.replaceChildren(corrected, el('li', { class: 'muted' }, t('kn.noresults'))); return; }
  list.replaceChildren(
    corrected,
    r.fact ? el('li', { class: 'fact' }, el('b', {}, factText(r.fact))) : '',
    ...r.hits.map((h) => el('li', { class: 'hit' },
      el('div', {}, el('b', {}, `${h.rank}. ${h.question || h.title}`), el('span', { class: 'muted small' }, ` ${h.score.toFixed(3)} · ${h.document_name || h.document_id}`)),
      el('div', { class: 'small' }, h.text.length > 280 ? h.text.slice(0, 279) + '…' : h.text),
      h.explanation ? explainTree(h.explanation, h.explanation.value) : null)));
}

function factText(f) {
  if (typeof f.value === 'string') return [f.entity_name || f.subject, f.attribute_label || f.attribute, f.value].filter(Boolean).join(' · ');
  return JSON.stringify(f.value ?? f);
}

/** A score explanation as a nested list with bars proportional to each part's value. */
function explainTree(x, top) {
  const width = top > 0 ? Math.round((Math.abs(x.value) / top) * 120) : 0;
  return el('ul', { class: 'explain' }, el('li', {},
    el('span', { class: 'bar', style: `width:${Math.min(120, width)}px` }), ` ${x.value.toFixed(3)} ${x.description}`,
    (x.details || []).map((d) => explainTree(d, top))));
}
