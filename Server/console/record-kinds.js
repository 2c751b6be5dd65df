// The record kinds the editor changes through the API: route, list field, key, form fields
// (types: text, textarea, lines = one item per line, number, bool, select, json), and how a
// record maps to the form and back. Labels are i18n keys.
const imported = (x) => x.editable === false;
const severities = ['medium', 'low', 'high', 'critical'];
const ruleTypes = ['forbidden', 'required_opening', 'required_closing', 'required_when', 'order', 'max_silence', 'talk_over'];

export const kinds = {
  intents: {
    path: '/v1/intents', list: 'intents', key: (x) => x.label, idField: 'label', detail: true, alwaysSave: true,
    title: (x) => x.label, note: (x) => `${x.total} · ${x.editable} ✎`, readOnly: () => false,
    readOnlyNote: (x) => {
      const imported = (x.examples || []).filter((e) => !e.editable).map((e) => e.text);
      return imported.length ? `${imported.length} imported: ${imported.slice(0, 8).join(' · ')}${imported.length > 8 ? ' …' : ''}` : '';
    },
    toForm: (x) => ({ label: x.label, examples: (x.examples || []).filter((e) => e.editable).map((e) => e.text) }),
    fields: [
      { name: 'label', label: 'rec.label', required: true },
      { name: 'examples', label: 'rec.examples', type: 'lines', rows: 8 },
    ],
  },
  replies: {
    path: '/v1/replies', list: 'replies', query: '?limit=1000', key: (x) => x.id, idField: 'id',
    title: (x) => `${x.id} · ${x.text.slice(0, 60)}`, note: (x) => `${x.intent} · ${x.stage}${x.lang ? ' · ' + x.lang : ''}`, readOnly: imported,
    fields: [
      { name: 'id', label: 'rec.id' },
      { name: 'intent', label: 'rec.intent', required: true },
      { name: 'stage', label: 'rec.stage', required: true },
      { name: 'lang', label: 'rec.lang', type: 'select', options: ['', 'zh', 'en'] },
      { name: 'text', label: 'rec.text', type: 'textarea', rows: 4 },
    ],
  },
  synonyms: {
    path: '/v1/synonyms', list: 'synonyms', query: '?limit=1000', key: (x) => x.id, idField: 'id',
    title: (x) => x.terms.slice(0, 5).join(' · '), note: (x) => x.id, readOnly: imported,
    fields: [{ name: 'terms', label: 'rec.terms', type: 'lines', rows: 8 }],
  },
  campaigns: {
    path: '/v1/campaigns', list: 'campaigns', key: (x) => x.id, idField: 'id',
    title: (x) => `${x.id} · ${x.name}`, note: (x) => `p${x.priority ?? 0}`, readOnly: imported,
    toForm: (x) => ({ ...x, script_en: x.script?.en, script_zh: x.script?.zh }),
    fromForm: (b) => {
      const { script_en: en, script_zh: zh, ...rest } = b;
      if (en || zh) rest.script = { ...(en ? { en } : {}), ...(zh ? { zh } : {}) };
      return rest;
    },
    fields: [
      { name: 'id', label: 'rec.id', required: true },
      { name: 'name', label: 'rec.name', required: true },
      { name: 'name_zh', label: 'rec.name_zh' },
      { name: 'description', label: 'rec.description', type: 'textarea', rows: 2 },
      { name: 'condition', label: 'rec.condition', type: 'textarea', rows: 3 },
      { name: 'value', label: 'rec.value', type: 'number' },
      { name: 'priority', label: 'rec.priority', type: 'number' },
      { name: 'script_en', label: 'rec.script_en', type: 'textarea', rows: 3 },
      { name: 'script_zh', label: 'rec.script_zh', type: 'textarea', rows: 3 },
      { name: 'service_recovery', label: 'rec.service_recovery', type: 'bool' },
      { name: 'valid_from', label: 'rec.valid_from' },
      { name: 'valid_to', label: 'rec.valid_to' },
    ],
  },
  rules: {
    path: '/v1/qa/rules', list: 'rules', key: (x) => x.id, idField: 'id',
    title: (x) => `${x.id} · ${x.name}`, note: (x) => `${x.type} · ${x.severity}`, readOnly: imported,
    fields: [
      { name: 'id', label: 'rec.id', required: true },
      { name: 'name', label: 'rec.name', required: true },
      { name: 'name_zh', label: 'rec.name_zh' },
      { name: 'severity', label: 'rec.severity', type: 'select', options: severities },
      { name: 'type', label: 'rec.type', type: 'select', options: ruleTypes },
      { name: 'patterns', label: 'rec.patterns', type: 'lines', rows: 4 },
      { name: 'within_turns', label: 'rec.within_turns', type: 'number' },
      { name: 'trigger', label: 'rec.trigger', type: 'json', rows: 3 },
      { name: 'before', label: 'rec.before', type: 'lines', rows: 3 },
      { name: 'after', label: 'rec.after', type: 'lines', rows: 3 },
      { name: 'seconds', label: 'rec.seconds', type: 'number' },
    ],
  },
};
