// The console's entry point: language, sign-in, and the three screens (workbench, knowledge, dashboard).
import { api, apiKey, setApiKey, showError, probe, whenServerReturns, ApiError } from './api.js';
import { t, setLanguage, initialLanguage } from './i18n.js';
import { initWorkbench } from './workbench.js';
import { initEditor } from './editor.js';
import { initDashboard, loadDashboard } from './dashboard.js';

const $ = (id) => document.getElementById(id);
const screens = ['workbench', 'knowledge', 'dashboard'];

function show(name) {
  if (apiKey() === null) name = 'signin';
  if (name !== 'signin' && !screens.includes(name)) name = 'workbench';
  for (const s of ['signin', ...screens]) $(s).hidden = s !== name;
  for (const b of document.querySelectorAll('[role=tab]')) b.setAttribute('aria-selected', String(b.dataset.screen === name));
  document.querySelector('.top nav').hidden = name === 'signin';
  $('signout').hidden = name === 'signin';
  $('who').textContent = name === 'signin' ? '' : (apiKey() ? t('who.key') : t('who.dev'));
  if (name === 'dashboard') loadDashboard().catch(() => {});
  if (name === 'signin') $('key').focus();
}

function route() { show(location.hash.slice(1) || 'workbench'); }

/** Checks the key (or no key) against the server; keeps it only when accepted. */
async function signIn(key) {
  setApiKey(key);
  try {
    await api('GET', '/v1/stats', undefined, { quiet: true });
  } catch (e) {
    setApiKey(null);
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) showError(t('signin.bad'), e);
    else showError('GET /v1/stats', e);
    return;
  }
  if (location.hash === '' || location.hash === '#signin') location.hash = '#workbench';
  else route();
}

function initTabs() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  for (const [i, b] of tabs.entries()) {
    b.addEventListener('click', () => { location.hash = '#' + b.dataset.screen; });
    b.addEventListener('keydown', (ev) => {
      const step = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      const next = tabs[(i + step + tabs.length) % tabs.length];
      next.focus();
      next.click();
    });
  }
}

function init() {
  setLanguage(initialLanguage());
  $('lang').value = initialLanguage();
  $('lang').addEventListener('change', () => { setLanguage($('lang').value); route(); });
  $('signin-form').addEventListener('submit', (ev) => { ev.preventDefault(); signIn($('key').value.trim()); });
  $('signin-dev').addEventListener('click', () => signIn(''));
  $('signout').addEventListener('click', () => { setApiKey(null); $('key').value = ''; location.hash = '#signin'; route(); });
  $('banner-retry').addEventListener('click', () => probe());
  initTabs();
  initWorkbench();
  initEditor();
  initDashboard();
  window.addEventListener('hashchange', route);
  whenServerReturns(route);
  route();
  document.body.dataset.ready = 'true';
}

init();
