// The console's entry point: language, sign-in, and the screens the signed-in role may use
// (workbench, knowledge, dashboard).
import { apiKey, setApiKey, showError, probe, whenServerReturns, ApiError } from './api.js';
import { t, setLanguage, initialLanguage } from './i18n.js';
import { currentRole, setRole, detectRole, screensFor } from './roles.js';
import { initWorkbench } from './workbench.js';
import { initEditor } from './editor.js';
import { initDashboard, loadDashboard } from './dashboard.js';

const $ = (id) => document.getElementById(id);
const allScreens = ['workbench', 'knowledge', 'dashboard'];

/** The screens the current role may see. */
function allowedScreens() { return screensFor[currentRole()] || []; }

function show(name) {
  if (apiKey() === null || currentRole() === null) name = 'signin';
  const allowed = allowedScreens();
  if (name !== 'signin') {
    if (!allowed.length) name = 'noaccess';
    else if (!allowed.includes(name)) name = allowed[0];
  }
  for (const s of ['signin', 'noaccess', ...allScreens]) $(s).hidden = s !== name;
  for (const b of document.querySelectorAll('[role=tab]')) {
    b.hidden = !allowed.includes(b.dataset.screen);
    b.setAttribute('aria-selected', String(b.dataset.screen === name));
    b.tabIndex = b.dataset.screen === name ? 0 : -1;
  }
  document.querySelector('.top nav').hidden = name === 'signin';
  $('signout').hidden = name === 'signin';
  const role = currentRole();
  $('who').textContent = name === 'signin' ? '' : role === 'dev' ? t('who.dev') : `${t('who.role')}: ${t('role.' + role)}`;
  document.body.dataset.role = name === 'signin' ? '' : role;
  if (name === 'dashboard') loadDashboard().catch(() => {});
  if (name === 'signin') $('key').focus();
}

function route() { show(location.hash.slice(1) || 'workbench'); }

/** Checks the key (or no key) against the server; keeps it and its role only when accepted. */
async function signIn(key) {
  setApiKey(key);
  $('signin-status').textContent = t('signin.checking');
  try {
    setRole(await detectRole(key));
  } catch (e) {
    setApiKey(null);
    setRole(null);
    $('signin-status').textContent = '';
    const refused = e instanceof ApiError && (e.status === 401 || e.status === 403);
    $('signin-error').textContent = refused ? `${t('signin.bad')} (${e.status} ${e.code}): ${e.message}` : `${e.code}: ${e.message}`;
    showError(refused ? t('signin.bad') : 'GET /v1/stats', e);
    return;
  }
  $('signin-status').textContent = '';
  $('signin-error').textContent = '';
  const first = allowedScreens()[0] || 'noaccess';
  if (location.hash === '#' + first) route();
  else location.hash = '#' + first;
}

function initTabs() {
  const tabs = () => [...document.querySelectorAll('[role=tab]')].filter((b) => !b.hidden);
  for (const b of document.querySelectorAll('[role=tab]')) {
    b.addEventListener('click', () => { location.hash = '#' + b.dataset.screen; });
    b.addEventListener('keydown', (ev) => {
      const step = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      const list = tabs();
      const next = list[(list.indexOf(b) + step + list.length) % list.length];
      next.focus();
      next.click();
    });
  }
}

function signOut() {
  setApiKey(null);
  setRole(null);
  $('key').value = '';
  location.hash = '#signin';
  route();
}

function init() {
  setLanguage(initialLanguage());
  $('lang').value = initialLanguage();
  $('lang').addEventListener('change', () => { setLanguage($('lang').value); route(); });
  $('signin-form').addEventListener('submit', (ev) => { ev.preventDefault(); signIn($('key').value.trim()); });
  $('signin-dev').addEventListener('click', () => signIn(''));
  $('signout').addEventListener('click', signOut);
  $('noaccess-signout').addEventListener('click', signOut);
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
