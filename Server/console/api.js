// Calls to the Switchboard API: the key from sessionStorage as a Bearer token, errors shown to
// the user, and a retry banner while the server cannot be reached.
import { t } from './i18n.js';

const KEY = 'sb.key';

/** The signed-in API key ('' in dev mode), or null when not signed in. */
export function apiKey() { return sessionStorage.getItem(KEY); }
export function setApiKey(key) { if (key === null) sessionStorage.removeItem(KEY); else sessionStorage.setItem(KEY, key); }

/** An error from the API: HTTP status, the API's error code and message. */
export class ApiError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}

/** Request headers with the signed-in key as a Bearer token, plus `extra`. */
export function authHeaders(extra = {}) { return headers(extra); }

function headers(extra = {}) {
  const h = { ...extra };
  const key = apiKey();
  if (key) h.Authorization = 'Bearer ' + key;
  return h;
}

async function parse(response) {
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!response.ok) {
    const e = body && body.error;
    throw new ApiError(response.status, e ? e.code : 'http_' + response.status, e ? e.message : (text || response.statusText));
  }
  return body;
}

/**
 * Calls the API and returns the parsed JSON. A failed request throws an `ApiError` and (unless
 * `quiet`) shows it; a network failure also shows the retry banner.
 */
export async function api(method, path, body, { quiet = false } = {}) {
  const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
  if (body !== undefined) init.body = JSON.stringify(body);
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    serverDown();
    const err = new ApiError(0, 'network', t('err.network') + ': ' + e.message);
    if (!quiet) showError(method + ' ' + path, err);
    throw err;
  }
  serverUp();
  try {
    return await parse(response);
  } catch (e) {
    if (!quiet) showError(method + ' ' + path, e);
    throw e;
  }
}

/** Uploads one file as multipart/form-data with progress (`onProgress(fraction)`). */
export function upload(file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/v1/documents');
    for (const [k, v] of Object.entries(headers())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onerror = () => { serverDown(); reject(new ApiError(0, 'network', t('err.network'))); };
    xhr.onload = () => {
      serverUp();
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { body = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else {
        const e = body && body.error;
        reject(new ApiError(xhr.status, e ? e.code : 'http_' + xhr.status, e ? e.message : xhr.statusText));
      }
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Shows an error in the corner until dismissed (or for 12 s). */
export function showError(what, error) {
  const box = document.getElementById('errors');
  const div = document.createElement('div');
  div.className = 'error';
  div.setAttribute('role', 'alert');
  const status = error.status ? ` (${error.status} ${error.code})` : '';
  div.textContent = `${what}${status}: ${error.message}`;
  const close = document.createElement('button');
  close.textContent = t('dismiss');
  close.onclick = () => div.remove();
  div.append(close);
  box.append(div);
  setTimeout(() => div.remove(), 12000);
}

// The retry banner: shown on a network failure, polls /healthz with a countdown until it answers.
let downTimer = null;
let onRecover = [];

/** Registers a function to call when the server answers again after being down. */
export function whenServerReturns(fn) { onRecover.push(fn); }

function serverDown() {
  if (downTimer) return;
  const banner = document.getElementById('banner');
  banner.hidden = false;
  let wait = 3;
  let left = wait;
  const tick = async () => {
    left -= 1;
    document.getElementById('banner-text').textContent = `${t('err.down')} ${Math.max(left, 0)} ${t('err.seconds')}`;
    if (left > 0) return;
    wait = Math.min(wait * 2, 30);
    left = wait;
    await probe();
  };
  document.getElementById('banner-text').textContent = `${t('err.down')} ${left} ${t('err.seconds')}`;
  downTimer = setInterval(tick, 1000);
}

/** Asks /healthz once; hides the banner when it answers. */
export async function probe() {
  try {
    const r = await fetch('/healthz', { cache: 'no-store' });
    if (r.ok) serverUp();
  } catch { /* still down */ }
}

function serverUp() {
  if (!downTimer) return;
  clearInterval(downTimer);
  downTimer = null;
  document.getElementById('banner').hidden = true;
  for (const fn of onRecover) fn();
}

/** Creates an element: `el('li', {class: 'x', onclick: f}, child, 'text', ...)`. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}

/** A number as a percentage with no decimals. */
export function pct(x) { return x === undefined || x === null || Number.isNaN(x) ? '—' : Math.round(x * 100) + '%'; }
