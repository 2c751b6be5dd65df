// Editors for the knowledge records: intents, replies, synonyms, campaigns and QA rules. Each
// kind is described by its route and fields; one form renders any of them. A refused save
// (400 invalid_condition, invalid_rule, ...) is shown next to the form and its field.
import { api, el, ApiError } from './api.js';
import { t } from './i18n.js';
import { kinds } from './record-kinds.js';

const enc = encodeURIComponent;
const state = {}; // kind → {items, current}

/** Builds every record pane (an element `#pane-<kind>` per kind). */
export function initRecords() {
  for (const kind of Object.keys(kinds)) build(kind);
  document.addEventListener('languagechange', () => { for (const kind of Object.keys(kinds)) relabel(kind); });
}

const q = (kind, part) => document.getElementById(`${kind}-${part}`);

function build(kind) {
  const k = kinds[kind];
  const pane = document.getElementById('pane-' + kind);
  const form = el('form', { id: `${kind}-form`, class: 'stack record-form', novalidate: true },
    el('h2', { id: `${kind}-title` }),
    ...k.fields.flatMap((f) => [
      el('label', { for: `${kind}-f-${f.name}`, 'data-label': f.label }, t(f.label)),
      input(kind, f),
      el('div', { id: `${kind}-err-${f.name}`, class: 'field-error', role: 'alert' }),
    ]),
    el('div', { class: 'row' },
      el('button', { type: 'submit', id: `${kind}-save` }, t('save')),
      el('button', { type: 'button', id: `${kind}-copy`, hidden: true, onclick: () => duplicate(kind) }, t('rec.copy')),
      el('button', { type: 'button', id: `${kind}-delete`, hidden: true, onclick: () => remove(kind).catch(() => {}) }, t('delete'))),
    el('p', { id: `${kind}-error`, class: 'form-error', role: 'alert' }),
    el('p', { id: `${kind}-status`, class: 'muted', role: 'status' }),
    el('div', { id: `${kind}-readonly`, class: 'muted small' }));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); save(kind).catch(() => {}); });
  pane.replaceChildren(el('div', { class: 'grid2' },
    el('div', {},
      el('div', { class: 'row' },
        el('input', { id: `${kind}-filter`, type: 'search', 'aria-label': t('kn.filter'), placeholder: t('kn.filter'), oninput: () => list(kind) }),
        el('button', { type: 'button', id: `${kind}-new`, onclick: () => edit(kind, null) }, t('rec.new'))),
      el('ul', { id: `${kind}-list`, class: 'list scroll' })),
    form));
  state[kind] = { items: [], current: null };
  edit(kind, null);
}

function input(kind, f) {
  const id = `${kind}-f-${f.name}`;
  if (f.type === 'select') return el('select', { id }, f.options.map((o) => el('option', { value: o }, o || '—')));
  if (f.type === 'bool') return el('input', { id, type: 'checkbox' });
  if (f.type === 'number') return el('input', { id, type: 'number', step: 'any' });
  if (['textarea', 'lines', 'json'].includes(f.type)) return el('textarea', { id, rows: f.rows || 3, spellcheck: f.type === 'json' ? 'false' : null });
  return el('input', { id, required: f.required || null });
}

function relabel(kind) {
  for (const label of document.querySelectorAll(`#${kind}-form label[data-label]`)) label.textContent = t(label.dataset.label);
  q(kind, 'save').textContent = t('save');
  q(kind, 'delete').textContent = t('delete');
  q(kind, 'copy').textContent = t('rec.copy');
  q(kind, 'new').textContent = t('rec.new');
  setTitle(kind);
}

function setTitle(kind) {
  const cur = state[kind].current;
  q(kind, 'title').textContent = `${t('kn.' + kind)} · ${cur ? kinds[kind].key(cur) : t('rec.new')}`;
}

/** Loads the list of `kind` from the API. */
export async function loadRecords(kind) {
  const k = kinds[kind];
  const r = await api('GET', k.path + (k.query || ''));
  state[kind].items = r[k.list] || [];
  list(kind);
}

function list(kind) {
  const k = kinds[kind];
  const filter = q(kind, 'filter').value.trim().toLowerCase();
  const items = state[kind].items.filter((x) => !filter || JSON.stringify(x).toLowerCase().includes(filter));
  q(kind, 'list').replaceChildren(...items.slice(0, 300).map((x) => el('li', {},
    el('button', { class: 'record', 'data-id': k.key(x), onclick: () => select(kind, x).catch(() => {}) }, k.title(x)),
    el('span', { class: 'muted small' }, ' ' + (k.note ? k.note(x) : '') + (k.readOnly(x) ? ' · ' + t('rec.imported') : '')))));
}

async function select(kind, x) {
  const k = kinds[kind];
  edit(kind, k.detail ? await api('GET', `${k.path}/${enc(k.key(x))}`) : x);
}

/** Fills the form with `x` (null: a new record). */
function edit(kind, x) {
  const k = kinds[kind];
  state[kind].current = x;
  clearErrors(kind);
  const values = x ? (k.toForm ? k.toForm(x) : x) : {};
  for (const f of k.fields) {
    const node = q(kind, 'f-' + f.name);
    const v = values[f.name];
    if (f.type === 'bool') node.checked = Boolean(v);
    else if (f.type === 'lines') node.value = (v || []).join('\n');
    else if (f.type === 'json') node.value = v === undefined || v === null ? '' : JSON.stringify(v, null, 1);
    else node.value = v === undefined || v === null ? (f.type === 'select' ? f.options[0] : '') : String(v);
  }
  const readOnly = Boolean(x && k.readOnly(x));
  q(kind, 'save').disabled = readOnly && !k.alwaysSave;
  q(kind, 'delete').hidden = !x || readOnly;
  q(kind, 'copy').hidden = !readOnly || k.alwaysSave;
  q(kind, 'readonly').textContent = x && k.readOnlyNote ? k.readOnlyNote(x) : readOnly ? t('rec.readonly') : '';
  q(kind, 'status').textContent = '';
  setTitle(kind);
}

/** A read-only (imported) record as a new editable one: same fields, no id. */
function duplicate(kind) {
  const x = state[kind].current;
  const k = kinds[kind];
  edit(kind, null);
  const values = k.toForm ? k.toForm(x) : x;
  for (const f of k.fields) if (f.name !== k.idField) setField(kind, f, values[f.name]);
  q(kind, 'f-' + k.fields[0].name).focus();
}

function setField(kind, f, v) {
  const node = q(kind, 'f-' + f.name);
  if (f.type === 'bool') node.checked = Boolean(v);
  else if (f.type === 'lines') node.value = (v || []).join('\n');
  else if (f.type === 'json') node.value = v === undefined || v === null ? '' : JSON.stringify(v, null, 1);
  else if (v !== undefined && v !== null) node.value = String(v);
}

/** The form as a request body; throws an Error naming a field whose JSON does not parse. */
function body(kind) {
  const out = {};
  for (const f of kinds[kind].fields) {
    const node = q(kind, 'f-' + f.name);
    if (f.type === 'bool') { out[f.name] = node.checked; continue; }
    const raw = node.value.trim();
    if (!raw) continue;
    if (f.type === 'lines') out[f.name] = raw.split('\n').map((s) => s.trim()).filter(Boolean);
    else if (f.type === 'number') out[f.name] = Number(raw);
    else if (f.type === 'json') {
      try { out[f.name] = JSON.parse(raw); } catch (e) { throw Object.assign(new Error(e.message), { field: f.name }); }
    } else out[f.name] = raw;
  }
  return kinds[kind].fromForm ? kinds[kind].fromForm(out) : out;
}

function clearErrors(kind) {
  for (const f of kinds[kind].fields) {
    q(kind, 'err-' + f.name).textContent = '';
    q(kind, 'f-' + f.name).removeAttribute('aria-invalid');
  }
  q(kind, 'error').textContent = '';
}

/** Shows a refused save next to the form, and next to the field the message names. */
function showFormError(kind, e) {
  const text = e instanceof ApiError ? `${e.status} ${e.code}: ${e.message}` : e.message;
  q(kind, 'error').textContent = text;
  const named = e.field || kinds[kind].fields.map((f) => f.name).find((n) => new RegExp(`(^|[\\s,.])${n}(\\[\\d+\\])?[:\\s]`).test(e.message));
  const field = named || (e.code === 'invalid_condition' ? 'condition' : null);
  if (field && q(kind, 'err-' + field)) {
    q(kind, 'err-' + field).textContent = text;
    const node = q(kind, 'f-' + field);
    node.setAttribute('aria-invalid', 'true');
    node.focus();
    // Select where the server says the problem is: a condition's "offset 21", a list's "patterns[2]" line.
    const at = /offset (\d+)/.exec(e.message);
    const item = new RegExp(`${field}\\[(\\d+)\\]`).exec(e.message);
    if (at) {
      const n = Math.min(Number(at[1]), node.value.length);
      node.setSelectionRange(n, Math.min(n + 1, node.value.length));
    } else if (item && node.tagName === 'TEXTAREA') {
      const lines = node.value.split('\n');
      const i = Math.min(Number(item[1]), lines.length - 1);
      const start = lines.slice(0, i).reduce((s, l) => s + l.length + 1, 0);
      node.setSelectionRange(start, start + lines[i].length);
    }
  }
}

async function save(kind) {
  const k = kinds[kind];
  clearErrors(kind);
  q(kind, 'status').textContent = '';
  const cur = state[kind].current;
  let saved;
  try {
    const b = body(kind);
    const existing = cur && !k.readOnly(cur) ? k.key(cur) : cur && k.alwaysSave ? k.key(cur) : null;
    saved = existing ? await api('PUT', `${k.path}/${enc(existing)}`, b, { quiet: true })
      : await api('POST', k.path, b, { quiet: true });
  } catch (e) {
    showFormError(kind, e);
    throw e;
  }
  q(kind, 'status').textContent = `${t('kn.saved')}: ${k.key(saved)}`;
  await loadRecords(kind);
  const fresh = state[kind].items.find((x) => k.key(x) === k.key(saved)) || saved;
  const status = q(kind, 'status').textContent;
  await select(kind, fresh);
  q(kind, 'status').textContent = status;
}

async function remove(kind) {
  const k = kinds[kind];
  const cur = state[kind].current;
  if (!cur) return;
  try {
    await api('DELETE', `${k.path}/${enc(k.key(cur))}`, undefined, { quiet: true });
  } catch (e) {
    showFormError(kind, e);
    throw e;
  }
  edit(kind, null);
  q(kind, 'status').textContent = `${t('kn.deleted')}: ${k.key(cur)}`;
  await loadRecords(kind);
}
