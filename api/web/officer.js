// Officer page: the review queue, one listing beside its register entry, decisions, notices, statistics.
'use strict';
(() => {
  const { $, esc, fmt, api, qs, state, message } = IPW;
  const MEASURES = {
    delete_listing: '删除商品信息 delete the listing', stop_shop: '停止网店服务 stop the shop',
    block_site: '屏蔽/关闭网站 block or close the site', rectify_site: '责令整改 order rectification',
  };

  // ---- tabs
  const tabs = ['queue', 'notices', 'stats'];
  const loaders = {};
  function showTab(name) {
    for (const t of tabs) {
      $(`#tab-${t}`).hidden = t !== name;
      $(`nav button[data-tab="${t}"]`).classList.toggle('active', t === name);
    }
    loaders[name]?.();
  }
  document.querySelectorAll('nav button[data-tab]').forEach((b) => b.addEventListener('click', () => showTab(b.dataset.tab)));

  // ---- queue
  async function loadFilters() {
    const [{ platforms }, { assets }] = await Promise.all([api('GET', '/api/platforms'), api('GET', '/api/assets')]);
    $('#f-platform').innerHTML = '<option value="">全部 all</option>' + platforms.map((p) => `<option value="${esc(p.id)}">${esc(p.name)} (${esc(p.id)})</option>`).join('');
    $('#f-asset').innerHTML = '<option value="">全部 all</option>' + assets.map((a) => `<option value="${esc(a.id)}">${esc(a.name)} · ${esc(a.reference)}</option>`).join('');
  }

  async function loadQueue() {
    const q = { platform: $('#f-platform').value, assetType: $('#f-type').value, assetId: $('#f-asset').value, from: $('#f-from').value, to: $('#f-to').value, limit: 200 };
    try {
      const r = await api('GET', `/api/review/queue${qs(q)}`);
      $('#queue-table tbody').innerHTML = r.items.map((i) => `
        <tr class="clickable" data-listing-id="${i.listingId}" data-test="queue-row">
          <td class="num">${i.score.toFixed(2)}</td><td>${esc(i.platformName)}</td><td>${esc(i.title)}</td>
          <td>${esc(i.shopName)}<br><span class="muted">${esc(i.shopLocation)}</span></td>
          <td>${i.matches.map((m) => `${esc(m.assetName ?? m.assetId)} <span class="muted">(${esc(m.assetType)}, ${esc(m.signal)})</span>`).join('<br>')}</td>
          <td>${fmt(i.capturedAt)}</td></tr>`).join('') || '<tr><td colspan="6" class="muted">队列为空 The queue is empty.</td></tr>';
      $('#queue-count').textContent = `${r.total} 条待审核 listing(s) awaiting review`;
      message($('#queue-msg'), '');
    } catch (e) { message($('#queue-msg'), e.message, 'error'); }
  }
  $('#f-apply').addEventListener('click', loadQueue);
  $('#queue-table tbody').addEventListener('click', (ev) => {
    const tr = ev.target.closest('tr[data-listing-id]');
    if (!tr) return;
    document.querySelectorAll('#queue-table tr.selected').forEach((x) => x.classList.remove('selected'));
    tr.classList.add('selected');
    showDetail(Number(tr.dataset.listingId));
  });

  function registerHtml(r) {
    if (!r) return '<p class="muted">登记信息缺失 register entry not found</p>';
    const rows = r.type === 'trademark'
      ? [['商标 Mark', r.mark], ['注册号 Reg. no.', r.regNo], ['权利人 Owner', r.owner], ['类别 Nice classes', (r.niceClasses || []).join(', ')], ['商品 Goods', (r.goods || []).join('、')], ['授权店铺 Authorised sellers', (r.authorizedSellers || []).join('、')], ['有效期 Valid until', r.validUntil]]
      : r.type === 'gi'
        ? [['地理标志 GI', r.name], ['公告 Announcement', r.announcement], ['保护范围 Region', `${r.province ?? ''}${r.city ?? ''} ${(r.counties || []).join('、')}`], ['类别 Category', r.category], ['授权使用人 Authorised users', (r.authorizedUsers || []).join('、')]]
        : [['专利 Patent', r.title], ['专利号 Number', r.number], ['类型 Type', r.patentType], ['状态 Status', r.status], ['权利人 Owner', r.owner], ['被许可人 Licensees', (r.licensees || []).join('、')]];
    return `<dl class="kv">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v ?? '—')}</dd>`).join('')}</dl>`;
  }

  async function showDetail(id) {
    const box = $('#detail');
    box.hidden = false;
    box.innerHTML = '<p class="muted">…</p>';
    const d = await api('GET', `/api/review/listings/${id}`);
    const c = d.capture || {};
    const shot = d.evidence.find((e) => e.kind === 'screenshot' && e.url);
    const html = d.evidence.find((e) => e.kind === 'html' && e.url);
    box.innerHTML = `
      <h2>${esc(c.title)}</h2>
      <div class="side-by-side">
        <div id="listing-side">
          <h3>商品 Listing</h3>
          <dl class="kv">
            <dt>平台 Platform</dt><dd>${esc(d.listing.platformName)} · ${esc(d.listing.platformListingId)}</dd>
            <dt>链接 URL</dt><dd class="mono">${esc(d.listing.url)}</dd>
            <dt>店铺 Shop</dt><dd>${esc(c.shopName)} · ${esc(c.shopLocation)}</dd>
            <dt>价格 Price</dt><dd>${esc(c.price)} ${esc(c.currency)}</dd>
            <dt>取证时间 Captured</dt><dd>${fmt(c.capturedAt)}</dd>
            <dt>内容哈希 Content</dt><dd class="mono">${esc(c.contentSha256)}</dd>
          </dl>
          ${shot ? `<img class="shot" data-test="screenshot" src="${esc(shot.url)}" alt="screenshot">` : '<p class="muted">无截图 no screenshot</p>'}
          ${html ? `<details><summary>页面 HTML (sandboxed)</summary><iframe class="html-evidence" sandbox="" src="${esc(html.url)}"></iframe></details>` : ''}
          <h4>证据 Evidence (SHA-256)</h4>
          <ul>${d.evidence.map((e) => `<li>${esc(e.kind)}${e.position ? ` #${e.position}` : ''}: ${e.url ? `<a href="${esc(e.url)}" target="_blank" rel="noopener" class="mono">${esc(e.sha256)}</a>` : `<span class="muted">${esc(e.error || 'missing')}</span>`} <span class="muted">${fmt(e.fetchedAt)}</span></li>`).join('')}</ul>
        </div>
        <div id="register-side">
          <h3>登记权利与检测说明 Register entry &amp; detector explanation</h3>
          ${(d.verdict?.matches || []).map((m) => `
            <div class="panel">
              <strong>${esc(m.assetId)}</strong> <span class="muted">${esc(m.assetType)} · ${esc(m.signal)} · ${Number(m.score).toFixed(2)}</span>
              ${registerHtml(m.register)}
              <p data-test="explanation">检测说明 Why: ${esc(m.evidence)}</p>
            </div>`).join('') || '<p class="muted">no matches</p>'}
          <p class="muted">总分 Score ${d.verdict ? Number(d.verdict.score).toFixed(2) : '—'} · detector ${esc(d.verdict?.detectorVersion)}</p>
        </div>
      </div>
      ${d.inQueue ? `
      <div class="panel" id="decide">
        <h3>决定 Decision</h3>
        <p><label>要求措施 Measure (confirm) <select id="d-measure">${Object.entries(MEASURES).map(([k, v]) => `<option value="${k}">${esc(v)}</option>`).join('')}</select></label></p>
        <p><label>理由 Reason<textarea id="d-reason" required></textarea></label></p>
        <div class="row"><button id="d-confirm" type="button" class="danger">确认侵权 Confirm</button><button id="d-dismiss" type="button">排除 Dismiss</button></div>
        <div id="d-msg"></div>
      </div>` : `<p class="muted">不在审核队列 Not in the queue.</p>`}
      <h4>历史 History</h4>
      <ul>${d.decisions.map((x) => `<li>${fmt(x.decidedAt)} ${esc(x.decidedByUsername)}: <strong>${esc(x.decision)}</strong> — ${esc(x.reason)}</li>`).join('') || '<li class="muted">—</li>'}</ul>`;
    if (d.inQueue) {
      const decide = async (decision) => {
        const reason = $('#d-reason').value.trim();
        if (!reason) return message($('#d-msg'), '请填写理由 A reason is required.', 'error');
        try {
          await api('POST', `/api/review/listings/${id}/decision`, {
            decision, reason, captureId: c.id, ...(decision === 'confirm' ? { measure: $('#d-measure').value } : {}),
          });
          box.innerHTML = `<div class="msg ok" data-test="message">已${decision === 'confirm' ? '确认 confirmed' : '排除 dismissed'}: ${esc(c.title)}</div>`;
          loadQueue();
        } catch (e) { message($('#d-msg'), e.message, 'error'); }
      };
      $('#d-confirm').addEventListener('click', () => decide('confirm'));
      $('#d-dismiss').addEventListener('click', () => decide('dismiss'));
    }
  }

  // ---- notices
  async function loadNotices() {
    try {
      const r = await api('GET', '/api/notices?limit=200');
      $('#notices-table tbody').innerHTML = r.notices.map((n) => `
        <tr data-notice-id="${n.id}" data-test="notice-row">
          <td>${esc(n.ref)}</td><td>${esc(n.platformName)}</td><td data-test="notice-state">${state(n.state)}</td>
          <td>${Object.entries(n.itemCounts).map(([k, v]) => `${esc(k)}: ${v}`).join(', ')}</td>
          <td>${fmt(n.sentAt)}</td><td>${fmt(n.deadlineAt)}</td>
          <td class="row">
            ${n.state === 'draft' ? `<button type="button" class="primary" data-send="${n.id}">发送 Send</button>` : ''}
            <button type="button" data-view="${n.id}">查看 View</button>
            <a href="/api/notices/${n.id}/document.html" target="_blank" rel="noopener">打印 Print</a>
            <a href="/api/notices/${n.id}/document" target="_blank" rel="noopener">JSON</a>
          </td></tr>`).join('') || '<tr><td colspan="7" class="muted">暂无通知 No notices yet.</td></tr>';
    } catch (e) { message($('#notices-msg'), e.message, 'error'); }
  }
  $('#create-notices').addEventListener('click', async () => {
    try {
      const r = await api('POST', '/api/notices', {});
      message($('#notices-msg'), r.notices.length ? `已生成 ${r.notices.length} 份通知 created: ${r.notices.map((n) => n.ref).join(', ')}` : '没有待通知的确认条目 Nothing confirmed is waiting for a notice.');
      loadNotices();
    } catch (e) { message($('#notices-msg'), e.message, 'error'); }
  });
  $('#check-overdue').addEventListener('click', async () => {
    try {
      const r = await api('POST', '/api/notices/check-overdue');
      message($('#notices-msg'), `逾期 overdue items: ${r.overdueItems}`);
      loadNotices();
    } catch (e) { message($('#notices-msg'), e.message, 'error'); }
  });
  $('#notices-table tbody').addEventListener('click', async (ev) => {
    const send = ev.target.closest('[data-send]');
    const view = ev.target.closest('[data-view]');
    try {
      if (send) {
        const n = await api('POST', `/api/notices/${send.dataset.send}/send`);
        message($('#notices-msg'), `已发送 sent ${n.ref}; 期限 deadline ${fmt(n.deadlineAt)}`);
        await loadNotices();
      }
      if (view) await showNotice(Number(view.dataset.view));
    } catch (e) { message($('#notices-msg'), e.message, 'error'); }
  });

  async function showNotice(id) {
    const box = $('#notice-detail');
    box.hidden = false;
    const d = await api('GET', `/api/notices/${id}`);
    const n = d.notice;
    box.innerHTML = `
      <h3>${esc(n.ref)} → ${esc(n.platformName)} ${state(n.state)}</h3>
      <table><thead><tr><th>商品 Listing</th><th>措施 Measure</th><th>状态 State</th><th>平台答复 Reply</th><th></th></tr></thead><tbody>
      ${d.items.map((i) => `<tr data-item-id="${i.id}">
        <td>${esc(i.title)}<br><span class="mono">${esc(i.url)}</span></td>
        <td>${esc(MEASURES[i.measure] || i.measure)}</td><td>${state(i.state)}</td>
        <td>${i.repliedAt ? `${fmt(i.repliedAt)} ${esc(i.measureTaken || '')} ${esc(i.replyReason || '')}` : '—'}
          ${i.counterNotice ? `<div class="panel"><strong>不侵权声明 Counter-notice</strong> ${esc(i.counterNotice.sellerName || '')}<br>${esc(i.counterNotice.statement)}<br><span class="muted">证据 Evidence: ${esc(i.counterNotice.evidence)}</span></div>` : ''}</td>
        <td>${['refused', 'countered', 'overdue'].includes(i.state) ? `
          <input data-reason="${i.id}" placeholder="理由 reason">
          <button type="button" data-resolve="escalate" data-item="${i.id}">立案 Escalate</button>
          <button type="button" data-resolve="withdraw" data-item="${i.id}">撤回 Withdraw</button>` : ''}</td></tr>`).join('')}
      </tbody></table>
      <div id="nd-msg"></div>
      <h4>记录 History</h4>
      <ul>${d.events.map((e) => `<li>${fmt(e.at)} ${esc(e.username || 'system')}: ${esc(e.event)}${e.itemId ? ` #${e.itemId}` : ''} ${esc(e.fromState || '')} → ${esc(e.toState || '')}</li>`).join('')}</ul>`;
    box.querySelectorAll('[data-resolve]').forEach((b) => b.addEventListener('click', async () => {
      const reason = box.querySelector(`[data-reason="${b.dataset.item}"]`).value.trim();
      if (!reason) return message($('#nd-msg'), '请填写理由 A reason is required.', 'error');
      try {
        await api('POST', `/api/notices/${id}/items/${b.dataset.item}/resolve`, { outcome: b.dataset.resolve, reason });
        await showNotice(id);
        loadNotices();
      } catch (e) { message($('#nd-msg'), e.message, 'error'); }
    }));
  }

  // ---- statistics
  function statsQuery() {
    return qs({ groupBy: $('#s-group').value, period: $('#s-period').value, from: $('#s-from').value, to: $('#s-to').value });
  }
  async function loadStats() {
    try {
      const q = statsQuery();
      $('#stats-table').innerHTML = '<p class="muted">…</p>';
      $('#s-csv').href = `/api/stats/export.csv${q}`;
      $('#s-xlsx').href = `/api/stats/export.xlsx${q}`;
      const s = await api('GET', `/api/stats${q}`);
      const head = `<tr><th>分组 Group</th>${s.metrics.map((m) => `<th>${esc(m.label)} (${esc(m.unit)})</th>`).join('')}</tr>`;
      const row = (label, figures, key) => `<tr data-group="${esc(key)}"><td>${esc(label)}</td>${s.metrics.map((m) => `<td class="num" data-metric="${m.key}">${figures[m.key]}</td>`).join('')}</tr>`;
      $('#stats-table').innerHTML = `<table>${head}${s.rows.map((r) => row(r.label, r.figures, r.label)).join('')}${row('合计 Total', s.totals, 'total')}</table>`;
    } catch (e) { message($('#stats-msg'), e.message, 'error'); }
  }
  $('#s-apply').addEventListener('click', loadStats);

  loaders.queue = loadQueue;
  loaders.notices = loadNotices;
  loaders.stats = loadStats;

  IPW.boot(['officer', 'admin'], async () => {
    await loadFilters().catch(() => {});
    showTab('queue');
  });
})();
