// Small SVG charts drawn by hand: a line (sentiment trend), horizontal bars, and an entity graph.
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A line over `values` in [min, max] with a zero line; the last point is marked. */
export function lineChart(values, { width = 280, height = 80, min = -1, max = 1, label = '' } = {}) {
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label });
  const pad = 6;
  const x = (i) => pad + (values.length <= 1 ? 0 : (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v) => pad + ((max - Math.max(min, Math.min(max, v))) * (height - 2 * pad)) / (max - min);
  root.append(svg('line', { x1: pad, x2: width - pad, y1: y(0), y2: y(0), stroke: '#d8dee8', 'stroke-dasharray': '3 3' }));
  if (values.length) {
    const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    root.append(svg('polyline', { points, fill: 'none', stroke: '#1f6feb', 'stroke-width': 2 }));
    const last = values[values.length - 1];
    root.append(svg('circle', { cx: x(values.length - 1), cy: y(last), r: 4, fill: last < 0 ? '#c0392b' : '#1e8e3e' }));
  }
  return root;
}

/** Horizontal bars: `items` = [{label, value}], values formatted with `format`. */
export function barChart(items, { width = 420, format = (v) => String(v), label = '', max = null } = {}) {
  const row = 22, labelWidth = 150, valueWidth = 50;
  const height = Math.max(row, items.length * row) + 4;
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label });
  const top = max ?? Math.max(1e-9, ...items.map((d) => d.value));
  items.forEach((d, i) => {
    const y = i * row + 2;
    const w = ((width - labelWidth - valueWidth) * d.value) / top;
    const name = d.label.length > 22 ? d.label.slice(0, 21) + '…' : d.label;
    root.append(svg('text', { x: 0, y: y + 14 }, name));
    root.append(svg('rect', { x: labelWidth, y: y + 3, width: Math.max(1, w), height: row - 8, rx: 3, fill: '#1f6feb' }));
    root.append(svg('text', { x: labelWidth + w + 6, y: y + 14 }, format(d.value)));
  });
  if (!items.length) root.append(svg('text', { x: 0, y: 14 }, '—'));
  return root;
}

/** Vertical columns over time: `items` = [{label, value}]; every fourth label is written. */
export function columnChart(items, { width = 420, height = 150, label = '' } = {}) {
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'columns' });
  const top = Math.max(1, ...items.map((d) => d.value));
  const base = height - 18, step = items.length ? (width - 24) / items.length : 0;
  root.append(svg('text', { x: 0, y: 10 }, String(top)));
  root.append(svg('line', { x1: 22, x2: width, y1: base, y2: base, stroke: '#d8dee8' }));
  items.forEach((d, i) => {
    const h = ((base - 14) * d.value) / top;
    const rect = svg('rect', { x: 24 + i * step + 1, y: base - h, width: Math.max(1, step - 2), height: Math.max(0, h), rx: 2, fill: '#1f6feb' });
    rect.append(svg('title', {}, `${d.label}: ${d.value}`));
    root.append(rect);
    if (i % 4 === 0) root.append(svg('text', { x: 24 + i * step, y: height - 4 }, d.label));
  });
  return root;
}

/**
 * An entity with its neighbours on a circle: `center` {id, name, type}, `nodes` [{id, name, type}],
 * `edges` [{from, to, label}]. Clicking (or Enter on) a neighbour calls `onSelect(id)`.
 */
export function graphChart(center, nodes, edges, onSelect, { width = 640, height = 440 } = {}) {
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': center.name, class: 'graph' });
  const cx = width / 2, cy = height / 2, r = Math.min(width, height) / 2 - 60;
  const pos = new Map([[center.id, { x: cx, y: cy }]]);
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, nodes.length) - Math.PI / 2;
    pos.set(n.id, { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) });
  });
  for (const e of edges) {
    const a = pos.get(e.from), b = pos.get(e.to);
    if (!a || !b) continue;
    root.append(svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: '#9aa7b8' }));
    root.append(svg('text', { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 - 3, 'text-anchor': 'middle', fill: '#667085' }, e.label));
  }
  const colors = ['#1f6feb', '#1e8e3e', '#b7791f', '#8e44ad', '#c0392b', '#16a085'];
  const types = [...new Set([center, ...nodes].map((n) => n.type))];
  const draw = (n, main) => {
    const p = pos.get(n.id);
    const g = svg('g', { class: 'node', tabindex: main ? -1 : 0, 'data-id': n.id, role: main ? 'img' : 'button', 'aria-label': n.name });
    g.append(svg('circle', { cx: p.x, cy: p.y, r: main ? 16 : 10, fill: colors[types.indexOf(n.type) % colors.length] }));
    g.append(svg('text', { x: p.x, y: p.y + (main ? 30 : 24), 'text-anchor': 'middle', 'font-weight': main ? 700 : 400 },
      n.name.length > 24 ? n.name.slice(0, 23) + '…' : n.name));
    if (!main && n.literal !== true) {
      g.addEventListener('click', () => onSelect(n.id));
      g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); onSelect(n.id); } });
    }
    root.append(g);
  };
  nodes.forEach((n) => draw(n, false));
  draw(center, true);
  return root;
}
