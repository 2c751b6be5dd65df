// What a signed-in key may do. The API has no "who am I" route, so the role is found by asking
// three routes that only some roles may call (403 means "not this role"); GET requests are not
// audited. Without a key (dev mode) everything is allowed.
import { api, ApiError } from './api.js';

/** The screens each role sees, in tab order ('none' = a message that the key has no console). */
export const screensFor = {
  dev: ['workbench', 'knowledge', 'dashboard'],
  admin: ['workbench', 'knowledge', 'dashboard'],
  editor: ['knowledge', 'dashboard'],
  agent: ['workbench'],
  bot: [],
};

const ROLE = 'sb.role';

/** The role found at sign-in (kept in this tab's session), or null. */
export function currentRole() { return sessionStorage.getItem(ROLE); }
export function setRole(role) { if (role === null) sessionStorage.removeItem(ROLE); else sessionStorage.setItem(ROLE, role); }

/** Whether a probe is allowed: any answer but 401/403 (a 404 for a made-up id still means "allowed"). */
async function allowed(method, path) {
  try {
    await api(method, path, undefined, { quiet: true });
    return true;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      if (e.status === 401) throw e;
      return false;
    }
    if (e instanceof ApiError && e.status === 0) throw e;
    return true;
  }
}

/** Finds the role of `key` ('' = dev mode). Throws the ApiError of a refused key or a network failure. */
export async function detectRole(key) {
  await api('GET', '/v1/stats', undefined, { quiet: true }); // every role may read stats: checks the key itself
  if (!key) return 'dev';
  const [admin, editor, agent] = await Promise.all([
    allowed('GET', '/v1/admin/audit?limit=1'),
    allowed('GET', '/v1/analytics/summary?since=' + Math.floor(Date.now() / 1000)),
    allowed('GET', '/v1/conversations/-'),
  ]);
  if (admin) return 'admin';
  if (editor) return 'editor';
  if (agent) return 'agent';
  return 'bot';
}
