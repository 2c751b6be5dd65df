// The knowledge editor: import, documents and chunks, search with score breakdowns, FAQs,
// candidate terms, the graph view and the gap analytics (intents, replies, synonyms, campaigns
// and QA rules are edited in records.js).
import { api, upload, el } from './api.js';
import { t } from './i18n.js';
import { showGraph } from './graph.js';
import { initSearchForm } from './search.js';
import { initRecords, loadRecords } from './records.js';

const $ = (id) => document.getElementById(id);
const enc = encodeURIComponent;
const loaders = {
  documents: loadDocuments, faqs: () => loadFAQs(), candidates: loadCandidates, gaps: loadGaps,
  intents: () => loadRecords('intents'), replies: () => loadRecords('replies'), synonyms: () => loadRecords('synonyms'),
  campaigns: () => loadRecords('campaigns'), rules: () => loadRecords('rules'),
};

export function initEditor() {
  for (const b of document.querySelectorAll('.subnav button')) b.addEventListener('click', () => showPane(b.dataset.pane));
  initImport();
  $('docs-refresh').addEventListener('click', () => loadDocuments().catch(() => {}));
  initSearchForm('search-form', 'search-q', 'search-results', { mode: 'search-mode', explain: 'search-explain' });
  initRecords();
  $('faq-filter').addEventListener('submit', (ev) => { ev.preventDefault(); loadFAQs().catch(() => {}); });
  $('faq-new').addEventListener('click', () => editFAQ(null));
  $('faq-form').addEventListener('submit', (ev) => { ev.preventDefault(); saveFAQ().catch(() => {}); });
  $('faq-delete').addEventListener('click', () => deleteFAQ().catch(() => {}));
  $('cand-refresh').addEventListener('click', () => loadCandidates().catch(() => {}));
  $('graph-form').addEventListener('submit', (ev) => { ev.preventDefault(); findEntities().catch(() => {}); });
  $('gaps-refresh').addEventListener('click', () => loadGaps().catch(() => {}));
  showPane('import');
}

/** Shows one pane of the editor and loads its data. */
export function showPane(name) {
  for (const b of document.querySelectorAll('.subnav button')) b.setAttribute('aria-pressed', String(b.dataset.pane === name));
  for (const p of document.querySelectorAll('.pane')) p.hidden = p.id !== 'pane-' + name;
  if (loaders[name]) loaders[name]().catch(() => {});
}

// Import: drag and drop (or the file picker), one upload per file with its own progress and error.
function initImport() {
  const zone = $('dropzone'), input = $('file-input');
  zone.addEventListener('click', () => input.click());
  zone.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); input.click(); } });
  zone.addEventListener('dragover', (ev) => { ev.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (ev) => { ev.preventDefault(); zone.classList.remove('over'); importFiles([...ev.dataTransfer.files]); });
  input.addEventListener('change', () => { importFiles([...input.files]); input.value = ''; });
}

/** Uploads files one after the other, each with a progress bar and its result or error. */
export async function importFiles(files) {
  for (const file of files) {
    const bar = el('progress', { max: 1, value: 0 });
    const status = el('span', { class: 'status' }, t('kn.uploading'));
    const li = el('li', { class: 'upload', 'data-name': file.name }, el('b', {}, file.name), ' ', bar, ' ', status);
    $('uploads').prepend(li);
    try {
      const r = await upload(file, (f) => { bar.value = f; });
      bar.value = 1;
      status.textContent = `${r.status} · ${r.format} · ${r.chunks} ${t('kn.chunks')}`;
      li.dataset.result = r.status;
    } catch (e) {
      li.dataset.result = 'failed';
      status.replaceChildren(el('span', { class: 'alert-high', role: 'alert' }, `${e.code}: ${e.message}`));
    }
  }
}

async function loadDocuments() {
  const r = await api('GET', '/v1/documents');
  $('docs').replaceChildren(...r.documents.map((d) => el('li', {},
    el('button', { class: 'doc', 'data-id': d.id, 'data-name': d.name, onclick: () => showDocument(d.id).catch(() => {}) }, d.name),
    el('span', { class: 'muted small' }, ` ${d.format} · ${d.chunks ?? '?'} ${t('kn.chunks')}`))));
}

async function showDocument(id) {
  const r = await api('GET', `/v1/documents/${enc(id)}`);
  $('chunks').replaceChildren(el('h3', {}, r.document.name),
    r.chunks.length ? null : el('p', { class: 'muted' }, t('kn.nochunks')),
    el('ol', { class: 'list' }, r.chunks.map((c) => el('li', { class: 'chunk' },
      el('div', { class: 'muted small' }, `#${c.ordinal} ${c.kind} ${c.section_path.join(' › ')}`),
      c.question ? el('b', {}, c.question) : null, el('div', { class: 'small' }, c.text)))));
}

// FAQs.
async function loadFAQs() {
  const q = $('faq-q').value.trim();
  const r = await api('GET', '/v1/faqs?limit=200' + (q ? '&q=' + enc(q) : ''));
  $('faq-list').replaceChildren(...r.faqs.map((f) => el('li', {},
    el('button', { class: 'faq', 'data-id': f.id, onclick: () => editFAQ(f) }, f.question),
    el('span', { class: 'muted small' }, ` ${f.id}${f.editable ? '' : ' · ' + t('kn.readonly')}`))));
}

/** Fills the FAQ form with `f` (null: a new FAQ; an object without id: a pre-filled new FAQ). */
export function editFAQ(f, note = '') {
  $('faq-id').value = (f && f.id) || '';
  $('faq-question').value = (f && f.question) || '';
  $('faq-similar').value = ((f && f.similar) || []).join('\n');
  $('faq-answer').value = (f && f.answer) || '';
  $('faq-tags').value = ((f && f.tags) || []).join(', ');
  $('faq-delete').hidden = !(f && f.id && f.editable);
  $('faq-save').disabled = Boolean(f && f.id && f.editable === false);
  $('faq-status').textContent = note || (f && f.id && f.editable === false ? t('kn.readonly') : '');
  $('faq-question').focus();
}

async function saveFAQ() {
  const id = $('faq-id').value;
  const body = {
    question: $('faq-question').value.trim(),
    similar: $('faq-similar').value.split('\n').map((s) => s.trim()).filter(Boolean),
    answer: $('faq-answer').value.trim(),
    tags: $('faq-tags').value.split(',').map((s) => s.trim()).filter(Boolean),
  };
  const f = id ? await api('PUT', `/v1/faqs/${enc(id)}`, body) : await api('POST', '/v1/faqs', body);
  $('faq-id').value = f.id;
  $('faq-delete').hidden = false;
  $('faq-status').textContent = `${t('kn.saved')}: ${f.id}`;
  await loadFAQs();
}

async function deleteFAQ() {
  const id = $('faq-id').value;
  if (!id) return;
  await api('DELETE', `/v1/faqs/${enc(id)}`);
  editFAQ(null, `${t('kn.deleted')}: ${id}`);
  await loadFAQs();
}

// Candidate terms.
async function loadCandidates() {
  const r = await api('GET', '/v1/graph/candidates?limit=50');
  $('candidates').replaceChildren(...r.candidates.map((c) => {
    const type = el('input', { value: 'term', 'aria-label': t('kn.type'), size: 10 });
    const li = el('li', { class: 'candidate', 'data-term': c.term },
      el('b', {}, c.term), el('span', { class: 'muted small' }, ` ${c.language} · ×${c.frequency} · ${c.score.toFixed(2)} `),
      type, ' ',
      el('button', { class: 'accept', onclick: () => decide(li, { op: 'accept_term', term: c.term, type: type.value.trim() || 'term' }) }, t('kn.accept')),
      el('button', { class: 'reject', onclick: () => decide(li, { op: 'reject_term', term: c.term }) }, t('kn.reject')),
      el('div', { class: 'muted small' }, c.examples.slice(0, 2).join(' … ')));
    return li;
  }));
}

async function decide(li, edit) {
  try {
    await api('POST', '/v1/graph/edits', edit);
    li.remove();
  } catch { /* shown */ }
}

// Graph.
async function findEntities() {
  const q = $('graph-q').value.trim();
  if (!q) return;
  const r = await api('GET', '/v1/graph/entities?q=' + enc(q));
  $('graph-matches').replaceChildren(...r.entities.map((e) => el('button', {
    class: 'chip', 'data-entity': e.id, onclick: () => showGraph($('graph-view'), e.id).catch(() => {}),
  }, `${e.name} (${e.type})`)));
  if (r.entities.length) await showGraph($('graph-view'), r.entities[0].id);
  else $('graph-view').replaceChildren(el('p', { class: 'muted' }, t('kn.noresults')));
}

/** Opens the graph pane on an entity (from the workbench). */
export async function openEntity(id) {
  showPane('graph');
  await showGraph($('graph-view'), id);
}

// Gaps.
async function loadGaps() {
  loadHits('faq').catch(() => {});
  loadHits('document').catch(() => {});
  const r = await api('GET', '/v1/analytics/gaps');
  if (!r.clusters.length) { $('gaps').replaceChildren(el('li', { class: 'muted' }, t('kn.nogaps'))); return; }
  $('gaps').replaceChildren(...r.clusters.map((c) => el('li', { class: 'gap', 'data-id': c.id },
    el('b', {}, c.suggested_faq.question), el('span', { class: 'muted small' }, ` ${c.size} ${t('kn.questions')} · ${Object.entries(c.reasons).map(([k, v]) => k + ' ' + v).join(', ')}`),
    el('ul', { class: 'small' }, c.examples.map((x) => el('li', {}, x))),
    el('button', { class: 'create-faq', onclick: () => {
      showPane('faqs');
      editFAQ({ question: c.suggested_faq.question, similar: c.suggested_faq.similar, answer: c.suggested_faq.answer, tags: [] }, t('kn.prefilled'));
      $('faq-answer').focus();
    } }, t('kn.createfaq')))));
}

/** How often each FAQ or document was a source (`kind` faq or document). */
async function loadHits(kind) {
  const r = await api('GET', `/v1/analytics/hits?kind=${kind}&limit=10`);
  $('hits-' + kind).replaceChildren(...(r.items.length ? r.items.map((x) => el('li', {}, el('b', {}, String(x.count)), ' ', x.name || x.question || x.id))
    : [el('li', { class: 'muted' }, t('kn.nohits'))]));
}
