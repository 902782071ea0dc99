// Admin page: accounts (create, deactivate / reactivate, reset password), cases opened, the audit log.
'use strict';
(() => {
  const { $, $$, h, render, fmt, api, qs, message, label, zh } = IPW;

  const tabs = ['accounts', 'cases', 'audit'];
  const loaders = {};
  function showTab(name) {
    for (const t of tabs) { $(`#tab-${t}`).hidden = t !== name; $(`nav button[data-tab="${t}"]`).classList.toggle('active', t === name); }
    loaders[name]();
  }
  $$('nav button[data-tab]').forEach((b) => b.addEventListener('click', () => showTab(b.dataset.tab)));

  async function loadAccounts() {
    try {
      const [{ accounts }, { platforms }] = await Promise.all([api('GET', '/api/accounts'), api('GET', '/api/platforms')]);
      render($('#c-platform'), h`<option value="">—</option>${platforms.map((p) => h`<option value="${p.id}">${p.name}</option>`)}`);
      render($('#accounts-table tbody'), h`${accounts.map((a) => h`<tr data-account="${a.id}" data-test="account-row">
        <td data-th="用户名">${a.username}</td><td data-th="姓名">${a.displayName}</td><td data-th="角色">${label('role', a.role)}</td><td data-th="平台">${a.platform || '—'}</td>
        <td data-th="状态">${a.active ? '启用 active' : '已停用 deactivated'}</td>
        <td class="row"><button type="button" data-toggle="${a.id}" data-active="${a.active}">${a.active ? '停用 Deactivate' : '启用 Activate'}</button>
          <input type="password" data-pw="${a.id}" placeholder="新密码 new password" autocomplete="new-password"><button type="button" data-reset="${a.id}">重置密码 Reset</button></td></tr>`)}`);
    } catch (e) { message($('#accounts-msg'), e.message, 'error'); }
  }
  $('#create-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { username: $('#c-username').value.trim(), password: $('#c-password').value, role: $('#c-role').value };
    if ($('#c-display').value.trim()) body.displayName = $('#c-display').value.trim();
    if ($('#c-platform').value) body.platform = $('#c-platform').value;
    try {
      const a = await api('POST', '/api/accounts', body);
      message($('#accounts-msg'), `已创建 created ${a.username}`);
      $('#create-form').reset();
      loadAccounts();
    } catch (e) { message($('#accounts-msg'), e.message, 'error'); }
  });
  $('#accounts-table tbody').addEventListener('click', async (ev) => {
    const t = ev.target.closest('[data-toggle]');
    const r = ev.target.closest('[data-reset]');
    try {
      if (t) {
        await api('PATCH', `/api/accounts/${t.dataset.toggle}`, { active: t.dataset.active !== 'true' });
        message($('#accounts-msg'), t.dataset.active === 'true' ? '已停用，该账号的登录已全部失效 Deactivated; its sessions ended.' : '已启用 Activated.');
        loadAccounts();
      }
      if (r) {
        await api('PATCH', `/api/accounts/${r.dataset.reset}`, { password: $(`[data-pw="${r.dataset.reset}"]`).value });
        message($('#accounts-msg'), '密码已重置，旧登录已失效 Password reset; old sessions ended.');
        loadAccounts();
      }
    } catch (e) { message($('#accounts-msg'), e.message, 'error'); }
  });

  async function loadCases() {
    try {
      const { cases } = await api('GET', '/api/cases?limit=200');
      render($('#cases-table tbody'), cases.length ? h`${cases.map((c) => h`<tr><td data-th="立案时间">${fmt(c.openedAt)}</td>
        <td data-th="来源">${label('caseSource', c.source)}</td><td data-th="平台">${c.platform}</td>
        <td data-th="权利">${zh('kind', c.assetType)} ${c.assetId}</td><td data-th="商品" class="mono">${c.url}</td><td data-th="经办">${c.openedBy}</td><td data-th="备注">${c.note}</td></tr>`)}`
        : h`<tr><td colspan="7" class="muted">暂无立案 No cases.</td></tr>`);
    } catch (e) { message($('#cases-msg'), e.message, 'error'); }
  }

  async function loadAudit() {
    try {
      const r = await api('GET', `/api/audit${qs({ action: $('#a-action').value.trim(), subjectType: $('#a-subject').value.trim(), limit: 300 })}`);
      const rows = r.entries || r.audit || r.items || [];
      render($('#audit-table tbody'), rows.length ? h`${rows.map((a) => h`<tr data-test="audit-row"><td data-th="时间">${fmt(a.at)}</td><td data-th="人员">${a.username || '系统 system'}</td>
        <td data-th="操作">${IPW.term('auditAction', a.action)?.zh ?? ''} <span class="muted">${a.action}</span></td><td data-th="对象">${a.subjectType} ${a.subjectId ?? ''}</td>
        <td data-th="内容" class="mono">${JSON.stringify(a.detail).slice(0, 300)}</td></tr>`)}` : h`<tr><td colspan="5" class="muted">无记录 No entries.</td></tr>`);
    } catch (e) { message($('#audit-msg'), e.message, 'error'); }
  }
  $('#a-apply').addEventListener('click', loadAudit);

  loaders.accounts = loadAccounts;
  loaders.cases = loadCases;
  loaders.audit = loadAudit;
  IPW.boot(['admin'], () => showTab('accounts'));
})();
