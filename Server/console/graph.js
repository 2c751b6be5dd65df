// The graph: an entity card (aliases, relations with sources) and an entity with its neighbours in SVG.
import { api, el } from './api.js';
import { t } from './i18n.js';
import { graphChart } from './charts.js';

const enc = encodeURIComponent;

/** A card for one entity: name, type, aliases and its first relations with their sources. */
export async function entityCard(id) {
  const e = await api('GET', `/v1/graph/entities/${enc(id)}`);
  const rel = e.relations.slice(0, 10).map((r) => {
    const other = r.subject === e.id ? (r.object ?? r.value ?? '') : r.subject;
    const sources = r.sources.map((s) => s.document_name || s.chunk_id).filter(Boolean);
    return el('li', {}, `${r.attribute ? r.attribute + ' ' : ''}${r.type} → ${other}`,
      sources.length ? el('div', { class: 'muted small' }, t('wb.source') + ': ' + [...new Set(sources)].join(', ')) : null);
  });
  return el('div', { class: 'entity-card', 'data-entity': e.id },
    el('h3', {}, e.name, ' ', el('span', { class: 'muted small' }, e.type)),
    e.aliases.length ? el('div', { class: 'muted small' }, e.aliases.join(' · ')) : null,
    el('div', { class: 'small' }, `${e.relations.length} ${t('wb.relations')}`),
    el('ul', { class: 'list small' }, rel));
}

/** Draws `id` with its neighbours into `target`; clicking a neighbour re-centres on it. */
export async function showGraph(target, id) {
  const e = await api('GET', `/v1/graph/entities/${enc(id)}`);
  const near = await api('GET', `/v1/graph/entities/${enc(id)}/neighbors?hops=1`);
  const nodes = new Map();
  for (const n of near.neighbors) nodes.set(n.entity.id, { id: n.entity.id, name: n.entity.name, type: n.entity.type });
  const edges = [];
  let literals = 0;
  for (const r of e.relations) {
    if (r.object) {
      const other = r.subject === e.id ? r.object : r.subject;
      if (!nodes.has(other)) nodes.set(other, { id: other, name: other, type: '?' });
      edges.push({ from: e.id, to: other, label: r.type });
    } else if (r.value && literals < 8) {
      const lid = `value:${literals++}`;
      nodes.set(lid, { id: lid, name: r.value, type: 'value', literal: true });
      edges.push({ from: e.id, to: lid, label: r.attribute || r.type });
    }
  }
  const list = [...nodes.values()].slice(0, 16);
  target.replaceChildren(
    graphChart({ id: e.id, name: e.name, type: e.type }, list, edges, (next) => showGraph(target, next).catch(() => {})),
    await entityCard(e.id));
}
