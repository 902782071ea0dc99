// Shared by the pages: API calls with the session cookie, the vocabulary's Chinese-first labels, error messages,
// login, and `h`, a tagged template that escapes every value unless it is marked raw.
'use strict';

const IPW = {};

IPW.esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
IPW.$ = (sel, root = document) => root.querySelector(sel);
IPW.$$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/** Trusted markup (built by `h` itself): not escaped again. */
class Raw { constructor(s) { this.s = s; } toString() { return this.s; } }
IPW.raw = (s) => new Raw(String(s));
/**
 * h`<td>${value}</td>`: every interpolated value is escaped; arrays are joined; Raw values
 * (results of h, or IPW.raw) are inserted as they are. Returns Raw.
 */
IPW.h = (strings, ...values) => {
  let out = strings[0];
  values.forEach((v, i) => {
    const one = (x) => (x instanceof Raw ? x.s : x === false || x === null || x === undefined ? '' : IPW.esc(x));
    out += (Array.isArray(v) ? v.map(one).join('') : one(v)) + strings[i + 1];
  });
  return new Raw(out);
};
/** Puts h-built markup into an element. */
IPW.render = (el, markup) => { el.innerHTML = markup instanceof Raw ? markup.s : IPW.esc(markup); };

/** Local time of the bureau (Asia/Shanghai), 24 h: 2026-11-21 16:05. */
IPW.fmt = (d) => {
  if (!d) return '—';
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(d)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
};

// ---- the vocabulary: every stored code's Chinese and English labels, fetched once from the API
// (GET /api/meta/vocabulary, domain/vocabulary.ts); the pages hold no label tables of their own.
IPW.V = {};
IPW.loadVocabulary = async () => {
  const { groups } = await IPW.api('GET', '/api/meta/vocabulary');
  IPW.V = Object.fromEntries(Object.entries(groups).map(([g, terms]) => [g, new Map(terms.map((t) => [t.code, t]))]));
  // Selects that list a group's codes: <select data-vocabulary="role" data-selected="…">, after the options
  // already there (before one marked data-last).
  for (const sel of IPW.$$('select[data-vocabulary]')) {
    const last = sel.querySelector('option[data-last]');
    if (last) last.insertAdjacentHTML('beforebegin', IPW.options(sel.dataset.vocabulary).s);
    else sel.insertAdjacentHTML('beforeend', IPW.options(sel.dataset.vocabulary).s);
    if (sel.dataset.selected) sel.value = sel.dataset.selected;
  }
};
/** The term of `code` in `group` ({ code, zh, en }), or undefined. */
IPW.term = (group, code) => IPW.V[group]?.get(code);
/** The terms of a group, in the vocabulary's order. */
IPW.terms = (group) => [...(IPW.V[group]?.values() ?? [])];
/** "确认侵权 Confirmed" (Chinese first); the code itself if unknown; — for none. */
IPW.label = (group, code) => { if (!code) return '—'; const t = IPW.term(group, code); return t ? `${t.zh} ${t.en}` : code; };
/** "确认侵权": the Chinese label alone; the code itself if unknown; — for none. */
IPW.zh = (group, code) => (code ? IPW.term(group, code)?.zh ?? code : '—');
/** <option>s for every code of a group. */
IPW.options = (group) => IPW.h`${IPW.terms(group).map((t) => IPW.h`<option value="${t.code}">${t.zh} ${t.en}</option>`)}`;
/** A state badge: IPW.state('noticeState', 'sent'). */
IPW.state = (group, s) => IPW.h`<span class="state state-${s}">${IPW.label(group, s)}</span>`;

// ---- errors in Chinese: the error code's label, then each issue's field and message (the API words them in Chinese)
/** A readable Chinese message for an API error body. */
IPW.errorText = (status, data) => {
  const code = data?.error;
  const head = IPW.term('apiError', code)?.zh || (status >= 500 ? IPW.zh('apiError', 'internal') : `请求失败 (HTTP ${status})`);
  const field = (f) => { const name = String(f ?? '').split('.').pop().replace(/\[\d+\]$/, ''); return IPW.term('field', name)?.zh || f || '内容'; };
  const issues = (data?.issues || []).map((i) => `「${field(i.field)}」${i.message}`);
  return `${head}${issues.length ? `：${issues.join('；')}` : data?.message ? `：${data.message}` : ''}`;
};

/** Calls the API; throws Error(Chinese message) on a non-2xx answer. */
IPW.api = async (method, url, body) => {
  const headers = { 'x-requested-with': 'ipwatch' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { message: text }; }
  if (!r.ok) {
    const err = new Error(IPW.errorText(r.status, data));
    err.status = r.status;
    err.code = data?.error;
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
  IPW.render(el, text ? IPW.h`<div class="msg ${kind}" data-test="message" role="${kind === 'error' ? 'alert' : 'status'}">${text}</div>` : '');
};

/** Shows the login form until someone with one of `roles` is logged in, then calls onReady(account). */
IPW.boot = async (roles, onReady) => {
  // Without the vocabulary the pages still work, showing the codes themselves.
  await IPW.loadVocabulary().catch(() => {});
  const loginBox = IPW.$('#login');
  const appBox = IPW.$('#app');
  const show = (account) => {
    loginBox.hidden = true;
    appBox.hidden = false;
    IPW.$('#who').textContent = `${account.displayName || account.username}（${IPW.zh('role', account.role)}${account.platform ? ` · ${account.platform}` : ''}）`;
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
        IPW.message(msg, `此页面仅供${roles.map((x) => IPW.zh('role', x)).join('、')}使用 This page is for ${roles.join(' / ')} accounts.`, 'error');
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
