// Shared by the pages: API calls with the session cookie, login, small DOM helpers.
'use strict';

const IPW = {};

IPW.esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
IPW.$ = (sel, root = document) => root.querySelector(sel);
IPW.fmt = (d) => (d ? new Date(d).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');
IPW.state = (s) => `<span class="state state-${IPW.esc(s)}">${IPW.esc(s)}</span>`;

/** Calls the API; throws Error(message) on a non-2xx answer. */
IPW.api = async (method, url, body) => {
  const headers = { 'x-requested-with': 'ipwatch' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { message: text }; }
  if (!r.ok) {
    const err = new Error((data && data.message) || `HTTP ${r.status}`);
    err.status = r.status;
    throw err;
  }
  return data;
};

IPW.qs = (obj) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

IPW.message = (el, text, kind = 'ok') => {
  el.innerHTML = text ? `<div class="msg ${kind}" data-test="message">${IPW.esc(text)}</div>` : '';
};

/**
 * Shows the login form until someone with one of `roles` is logged in, then calls onReady(account).
 */
IPW.boot = async (roles, onReady) => {
  const loginBox = IPW.$('#login');
  const appBox = IPW.$('#app');
  const show = (account) => {
    loginBox.hidden = true;
    appBox.hidden = false;
    IPW.$('#who').textContent = `${account.displayName || account.username} (${account.role}${account.platform ? ` · ${account.platform}` : ''})`;
    onReady(account);
  };
  IPW.$('#logout').addEventListener('click', async () => {
    await IPW.api('POST', '/api/auth/logout').catch(() => {});
    location.reload();
  });
  IPW.$('#login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const msg = IPW.$('#login-msg');
    try {
      const r = await IPW.api('POST', '/api/auth/login', { username: IPW.$('#username').value, password: IPW.$('#password').value });
      if (!roles.includes(r.account.role)) {
        await IPW.api('POST', '/api/auth/logout').catch(() => {});
        IPW.message(msg, `This page is for ${roles.join(' / ')} accounts.`, 'error');
        return;
      }
      show(r.account);
    } catch (e) {
      IPW.message(msg, e.message, 'error');
    }
  });
  try {
    const me = await IPW.api('GET', '/api/auth/me');
    if (roles.includes(me.role)) return show(me);
  } catch { /* not logged in */ }
  loginBox.hidden = false;
};
