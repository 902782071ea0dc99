// Shared by the pages: API calls with the session cookie, Chinese-first labels and error messages,
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

IPW.L = {
  asset: { trademark: '商标 Trademark', gi: '地理标志 GI', patent: '专利 Patent' },
  signal: {
    title: '标题 Title', description: '描述 Description', attributes: '属性 Attributes', ocr: '图片文字 OCR',
    image: '图片标识 Logo', logo: '图片标识 Logo', origin: '产地 Origin', 'patent-number': '专利标注 Patent marking',
  },
  decision: { confirm: '确认侵权 Confirmed', dismiss: '排除 Dismissed' },
  state: {
    draft: '草稿 Draft', sent: '已发出 Sent', answered: '已答复 Answered', overdue: '逾期 Overdue', closed: '已办结 Closed',
    withdrawn: '已撤回 Withdrawn', open: '待处理 Open', delisted: '已删除 Delisted', refused: '拒绝 Refused',
    countered: '不侵权声明 Counter-notice', delisted_confirmed: '复查已删除 Confirmed gone', escalated: '已立案 Escalated',
    running: '运行中 Running', finished: '已完成 Finished', failed: '失败 Failed', active: '在售 Active', gone: '已下架 Gone',
  },
  measure: {
    delete_listing: '删除商品信息 Delete listing', stop_shop: '停止网店服务 Stop the shop',
    block_site: '屏蔽/关闭网站 Block site', rectify_site: '责令整改 Rectify',
  },
  patentType: { invention: '发明 Invention', utility_model: '实用新型 Utility model', design: '外观设计 Design' },
  patentStatus: { valid: '有效 In force', expired: '已失效 Expired', invalid: '已宣告无效 Invalidated' },
  role: { officer: '执法人员 Officer', platform: '平台 Platform', admin: '管理员 Admin' },
};
IPW.label = (table, code) => (code ? IPW.L[table][code] ?? code : '—');
IPW.state = (s) => IPW.h`<span class="state state-${s}">${IPW.label('state', s)}</span>`;

// ---- errors in Chinese
const CODE_ZH = {
  bad_request: '请求内容有误', unauthorized: '请先登录（或登录已过期）', forbidden: '无权执行此操作', not_found: '未找到',
  already_decided: '该商品已被审核（可能是同事刚刚处理）', not_in_queue: '该商品已不在审核队列中', stale_capture: '商品内容已更新，请刷新后再审核',
  illegal_transition: '当前状态不允许此操作', not_eligible: '所选条目不能生成通知', case_exists: '该决定已立案', username_taken: '用户名已被占用',
  not_confirmed: '只有确认侵权的决定才能立案', no_match: '检测结果未指向任何权利', duplicate: '重复的条目', internal: '服务器内部错误，请稍后再试',
  unsupported_media_type: '请求格式不支持', conflict: '操作与当前状态冲突',
};
const FIELD_ZH = {
  reason: '理由', reasonCode: '理由', decision: '决定', measure: '措施', items: '条目', itemIds: '条目', listingId: '商品', captureId: '取证版本',
  username: '用户名', password: '密码', role: '角色', platform: '平台', displayName: '姓名', active: '启用', from: '起始日期', to: '截止日期',
  minScore: '最低分数', maxScore: '最高分数', q: '搜索', action: '答复', counterNotice: '不侵权声明', statement: '声明', evidence: '证据',
  outcome: '处理结果', note: '备注', limit: '每页条数', offset: '页码', groupBy: '分组', period: '周期', measureTaken: '已采取措施',
};
const MSG_ZH = [
  [/must not be empty|Too small: expected string to have >=1/i, '不能为空'],
  [/at least (\d+) characters|>=(\d+) characters/i, (m) => `至少 ${m[1] || m[2]} 个字符`],
  [/Invalid option|Invalid enum/i, '取值无效'],
  [/Required|expected .*, received undefined/i, '必填'],
  [/a refusal needs a reason/i, '拒绝须填写理由'],
  [/counter-notice needs/i, '须填写卖家声明和证据'],
  [/give reasonCode or reason/i, '请选择或填写理由'],
  [/required with reasonCode other|"other" needs/i, '选择“其他”时须填写理由'],
  [/a measure goes with confirm only/i, '只有确认侵权时才选择措施'],
  [/expected YYYY-MM-DD/i, '日期格式应为 年-月-日'],
  [/Too big: expected array to have <=(\d+)/i, (m) => `一次最多 ${m[1]} 条`],
  [/Too small: expected array to have >=1/i, '请至少选择一条'],
  [/wrong username or password/i, '用户名或密码错误'],
  [/no such platform|unknown platform/i, '平台不存在'],
  [/nothing to change/i, '没有要修改的内容'],
  [/2-64 letters/i, '2-64 个字母、数字或 . _ @ -'],
];
const zhMsg = (msg) => {
  for (const [re, zh] of MSG_ZH) { const m = re.exec(msg || ''); if (m) return typeof zh === 'function' ? zh(m) : zh; }
  return null;
};
/** A readable Chinese message for an API error body (English original kept second). */
IPW.errorText = (status, data) => {
  const code = data?.error;
  const head = CODE_ZH[code] || (status >= 500 ? CODE_ZH.internal : `请求失败 (HTTP ${status})`);
  const issues = (data?.issues || []).map((i) => `「${FIELD_ZH[String(i.field).split('.').pop().replace(/\[\d+\]$/, '')] || i.field || '内容'}」${zhMsg(i.message) || i.message}`);
  const fromMsg = !issues.length ? zhMsg(data?.message) : null;
  return `${head}${issues.length ? `：${issues.join('；')}` : fromMsg ? `：${fromMsg}` : ''}${data?.message ? `（${data.message}）` : ''}`;
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
  const loginBox = IPW.$('#login');
  const appBox = IPW.$('#app');
  const show = (account) => {
    loginBox.hidden = true;
    appBox.hidden = false;
    IPW.$('#who').textContent = `${account.displayName || account.username}（${IPW.label('role', account.role).split(' ')[0]}${account.platform ? ` · ${account.platform}` : ''}）`;
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
        IPW.message(msg, `此页面仅供${roles.map((x) => IPW.label('role', x).split(' ')[0]).join('、')}使用 This page is for ${roles.join(' / ')} accounts.`, 'error');
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
