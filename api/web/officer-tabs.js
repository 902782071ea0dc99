// Officer page, the other tabs: scan-run history with a live progress bar, notices, statistics with charts.
'use strict';
(() => {
  const { $, $$, h, render, fmt, api, qs, message, label, zh } = IPW;

  const tabs = ['queue', 'runs', 'notices', 'stats'];
  const loaders = {};
  function showTab(name) {
    for (const t of tabs) {
      $(`#tab-${t}`).hidden = t !== name;
      $(`nav button[data-tab="${t}"]`).classList.toggle('active', t === name);
    }
    loaders[name]?.();
  }
  $$('nav button[data-tab]').forEach((b) => b.addEventListener('click', () => showTab(b.dataset.tab)));

  // ---- scan runs
  let poll = null;
  const pct = (r) => {
    const total = r.pagesTotal + r.listings;
    const done = r.pagesDone + r.pagesFailed + r.listingsDone;
    return r.status === 'running' ? (total ? Math.min(99, Math.floor((done / total) * 100)) : 0) : 100;
  };
  async function loadRuns() {
    clearTimeout(poll);
    let again = false;
    try {
      const { runs, pauses = [] } = await api('GET', '/api/scan-runs?limit=30');
      // A platform that kept answering "blocked" is paused by its circuit breaker: say so above the runs.
      message($('#runs-msg'), pauses.map((p) => `平台 ${p.platform} 因持续被拦截已暂停至 ${fmt(p.until)}（${p.reason}） paused after repeated blocks`).join('\n'), pauses.length ? 'error' : 'ok');
      render($('#runs-table tbody'), runs.length ? h`${runs.map((r) => h`<tr data-test="run-row" data-run="${r.id}" data-status="${r.status}">
        <td data-th="编号 Run">#${r.id} <span class="muted">${r.platforms.join('、')}</span></td>
        <td data-th="状态 State">${IPW.state('runState', r.status)}</td><td data-th="开始 Start">${fmt(r.startedAt)}</td><td data-th="结束 End">${fmt(r.finishedAt)}</td>
        <td data-th="进度 Progress"><progress max="100" value="${pct(r)}" data-test="run-progress"></progress> ${pct(r)}%</td>
        <td data-th="页面 Pages" class="num">${r.pagesDone}/${r.pagesTotal}</td><td data-th="商品 Listings" class="num">${r.listingsDone}/${r.listings}</td>
        <td data-th="新增 New" class="num">${r.newListings}</td><td data-th="变化 Changed" class="num">${r.changed}</td><td data-th="下架 Gone" class="num">${r.gone}</td>
        <td data-th="疑似 Flagged" class="num">${r.flagged}</td><td data-th="失败 Failed" class="num">${r.failed}</td><td data-th="拦截 Blocked" class="num">${r.blocked}</td></tr>`)}`
        : h`<tr><td colspan="13" class="muted">暂无扫描记录 No scans yet.</td></tr>`);
      again = runs.some((r) => r.status === 'running');
    } catch (e) { again = true; message($('#runs-msg'), e.message, 'error'); }
    // Poll while a run is running (or the last poll failed) and the tab is open.
    if (again && !$('#tab-runs').hidden) poll = setTimeout(loadRuns, 2000);
  }
  $('#runs-reload').addEventListener('click', () => { loadRuns(); loadCampaigns(); });

  // ---- campaigns: what runs by itself, with run now / pause / resume
  async function loadCampaigns() {
    try {
      const { campaigns } = await api('GET', '/api/campaigns');
      render($('#campaigns-table tbody'), campaigns.length ? h`${campaigns.map((c) => h`<tr data-test="campaign-row" data-campaign="${c.name}">
        <td data-th="任务 Campaign"><strong>${c.name}</strong> <span class="muted">${c.description}</span></td>
        <td data-th="计划 Schedule">${c.cron ? h`<code>${c.cron}</code> ${c.timezone}` : '仅手动 on demand'} ${c.enabled ? '' : h`<span class="badge">已暂停 paused</span>`}</td>
        <td data-th="下次 Next">${fmt(c.nextRunAt)}</td>
        <td data-th="上次 Last run">${c.lastRun ? h`#${c.lastRun.id} ${IPW.state('runState', c.lastRun.status)}` : '—'}${c.running ? h` <span class="badge">${label('runState', 'running')}</span>` : ''}</td>
        <td data-th="操作 Actions"><button type="button" data-act="run" data-id="${c.id}">立即运行 Run now</button>
          <button type="button" data-act="${c.enabled ? 'pause' : 'resume'}" data-id="${c.id}">${c.enabled ? '暂停 Pause' : '恢复 Resume'}</button></td></tr>`)}`
        : h`<tr><td colspan="5" class="muted">暂无监测任务 No campaigns yet.</td></tr>`);
      message($('#campaigns-msg'), '');
    } catch (e) {
      // An API served without the workers' operations (no campaign routes) has no campaigns to show.
      if (e.status === 404) $('#campaigns-table').closest('section').hidden = true;
      else message($('#campaigns-msg'), e.message, 'error');
    }
  }
  $('#campaigns-table').addEventListener('click', async (ev) => {
    const b = ev.target.closest('button[data-act]');
    if (!b) return;
    try {
      await api('POST', `/api/campaigns/${b.dataset.id}/${b.dataset.act}`);
      await loadCampaigns();
      await loadRuns();
    } catch (e) { message($('#campaigns-msg'), e.message, 'error'); }
  });

  // ---- notices
  async function loadNotices() {
    try {
      const r = await api('GET', '/api/notices?limit=200');
      render($('#notices-table tbody'), r.notices.length ? h`${r.notices.map((n) => h`
        <tr data-notice-id="${n.id}" data-test="notice-row">
          <td data-th="文号">${n.docNo || h`<span class="muted">未编号（${n.ref}）</span>`}</td><td data-th="平台">${n.platformName}</td>
          <td data-th="状态" data-test="notice-state" data-state="${n.state}">${IPW.state('noticeState', n.state)}</td>
          <td data-th="条目">${Object.entries(n.itemCounts).map(([k, v]) => `${zh('itemState', k)} ${v}`).join('，')}</td>
          <td data-th="发出">${fmt(n.sentAt)}</td><td data-th="期限">${fmt(n.deadlineAt)}</td>
          <td class="row">
            ${n.state === 'draft' ? h`<button type="button" class="primary" data-send="${n.id}">发送 Send</button>` : ''}
            <button type="button" data-view="${n.id}">查看 View</button>
            <a href="/api/notices/${n.id}/document.html" target="_blank" rel="noopener" data-test="print">打印 Print</a>
            <a href="/api/notices/${n.id}/document.pdf" target="_blank" rel="noopener">PDF</a>
          </td></tr>`)}` : h`<tr><td colspan="7" class="muted">暂无通知 No notices yet.</td></tr>`);
    } catch (e) { message($('#notices-msg'), e.message, 'error'); }
  }
  $('#create-notices').addEventListener('click', async () => {
    try {
      const r = await api('POST', '/api/notices', {});
      message($('#notices-msg'), r.notices.length ? `已生成 ${r.notices.length} 份通知草稿 drafts created` : '没有待通知的确认条目 Nothing confirmed is waiting for a notice.');
      loadNotices();
    } catch (e) { message($('#notices-msg'), e.message, 'error'); }
  });
  $('#check-overdue').addEventListener('click', async () => {
    try {
      const r = await api('POST', '/api/notices/check-overdue');
      message($('#notices-msg'), `逾期条目 overdue items: ${r.overdueItems}`);
      loadNotices();
    } catch (e) { message($('#notices-msg'), e.message, 'error'); }
  });
  $('#notices-table tbody').addEventListener('click', async (ev) => {
    const send = ev.target.closest('[data-send]');
    const view = ev.target.closest('[data-view]');
    try {
      if (send) {
        const n = await api('POST', `/api/notices/${send.dataset.send}/send`);
        message($('#notices-msg'), `已发送 sent ${n.docNo ?? n.ref}；处理期限 deadline ${fmt(n.deadlineAt)}`);
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
    const resolvable = ['refused', 'countered', 'overdue'];
    render(box, h`
      <h3>${n.docNo || n.ref} → ${n.platformName} ${IPW.state('noticeState', n.state)}</h3>
      ${d.evidenceProblems?.length ? h`<div class="msg error" data-test="integrity-warning"><strong>证据完整性警告 Evidence integrity warning</strong>：${d.evidenceProblems.length} 个证据文件未通过 SHA-256 校验，不能发送 file(s) fail their hash check; the notice cannot be sent.
        <ul>${d.evidenceProblems.map((p) => h`<li>${label('evidenceKind', p.kind)} <span class="mono">${p.sha256}</span>（${p.platformListingId}）：${p.reason}</li>`)}</ul></div>` : ''}
      <table class="cards"><thead><tr><th>商品 Listing</th><th>措施 Measure</th><th>状态 State</th><th>平台答复 Reply</th><th></th></tr></thead><tbody>
      ${d.items.map((i) => h`<tr data-item-id="${i.id}">
        <td data-th="商品">${i.title}<br><span class="mono">${i.url}</span></td>
        <td data-th="措施">${label('measure', i.measure)}</td><td data-th="状态">${IPW.state('itemState', i.state)}</td>
        <td data-th="答复">${i.repliedAt ? `${fmt(i.repliedAt)} ${label('measure', i.measureTaken) === '—' ? '' : label('measure', i.measureTaken)} ${i.replyReason || ''}` : '—'}
          ${i.counterNotice ? h`<br>不侵权声明：${i.counterNotice.statement}；证据：${i.counterNotice.evidence}` : ''}</td>
        <td>${resolvable.includes(i.state) ? h`<input data-reason="${i.id}" placeholder="处理理由 reason"><button type="button" data-resolve="escalate" data-item="${i.id}" class="danger">立案 Escalate</button><button type="button" data-resolve="withdraw" data-item="${i.id}">撤回 Withdraw</button>` : ''}</td></tr>`)}
      </tbody></table><div id="nd-msg"></div>`);
    box.querySelectorAll('[data-resolve]').forEach((b) => b.addEventListener('click', async () => {
      try {
        await api('POST', `/api/notices/${id}/items/${b.dataset.item}/resolve`, { outcome: b.dataset.resolve, reason: box.querySelector(`[data-reason="${b.dataset.item}"]`).value.trim() });
        await showNotice(id);
        loadNotices();
      } catch (e) { message($('#nd-msg'), e.message, 'error'); }
    }));
  }

  // ---- statistics: charts (inline SVG, no library) beside the table
  const statsQuery = (groupBy) => qs({ groupBy, period: $('#s-period').value, from: $('#s-from').value, to: $('#s-to').value });
  const CHART_METRICS = [['flagged', '疑似 flagged', '#d9a400'], ['confirmed', '确认 confirmed', '#c93c37'], ['listingsDeleted', '删除 deleted', '#2e8b57']];

  /** Grouped bar chart: one group per row, one bar per metric. */
  function barChart(title, rows) {
    const W = 520; const H = 220; const padL = 34; const padB = 46; const top = 24;
    const max = Math.max(1, ...rows.flatMap((r) => CHART_METRICS.map(([k]) => r.figures[k])));
    const gw = rows.length ? (W - padL - 8) / rows.length : 0;
    const bw = Math.max(2, Math.min(22, (gw - 6) / CHART_METRICS.length));
    const y = (v) => top + (H - top - padB) * (1 - v / max);
    const ticks = [0, Math.ceil(max / 2), max];
    return h`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${title}" class="chart-svg">
      <text x="4" y="14" class="c-title">${title}</text>
      ${ticks.map((t) => h`<line x1="${padL}" x2="${W - 4}" y1="${y(t)}" y2="${y(t)}" class="c-grid"/><text x="${padL - 4}" y="${y(t) + 4}" class="c-tick" text-anchor="end">${t}</text>`)}
      ${rows.map((r, gi) => h`<g data-test="chart-group">${CHART_METRICS.map(([k, name, color], mi) => h`<rect x="${padL + gi * gw + 3 + mi * bw}" y="${y(r.figures[k])}" width="${bw - 1}" height="${Math.max(0, H - padB - y(r.figures[k]))}" fill="${color}"><title>${r.label} ${name}: ${r.figures[k]}</title></rect>`)}
        <text x="${padL + gi * gw + gw / 2}" y="${H - padB + 14}" class="c-label" text-anchor="middle">${String(r.label).slice(0, 10)}</text></g>`)}
      ${CHART_METRICS.map(([, name, color], mi) => h`<rect x="${padL + mi * 120}" y="${H - 16}" width="10" height="10" fill="${color}"/><text x="${padL + mi * 120 + 14}" y="${H - 7}" class="c-tick">${name}</text>`)}
      ${rows.length ? '' : h`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" class="c-tick">暂无数据 no data</text>`}
    </svg>`;
  }

  async function loadStats() {
    try {
      const group = $('#s-group').value;
      const q = statsQuery(group);
      $('#s-csv').href = `/api/stats/export.csv${q}`;
      $('#s-xlsx').href = `/api/stats/export.xlsx${q}`;
      const [s, byPeriod, byPlatform] = await Promise.all([api('GET', `/api/stats${q}`), api('GET', `/api/stats${statsQuery('period')}`), api('GET', `/api/stats${statsQuery('platform')}`)]);
      render($('#chart-period'), h`${barChart('按期间 By period', byPeriod.rows.slice().sort((a, b) => String(a.label).localeCompare(String(b.label))).slice(-12))}`);
      render($('#chart-platform'), h`${barChart('按平台 By platform', byPlatform.rows)}`);
      const row = (lbl, figures, key) => h`<tr data-group="${key}"><td>${lbl}</td>${s.metrics.map((m) => h`<td class="num" data-metric="${m.key}">${figures[m.key]}</td>`)}</tr>`;
      render($('#stats-table'), h`<table><tr><th>分组 Group</th>${s.metrics.map((m) => h`<th title="${m.label}">${m.label.split(' ')[0]}（${m.unit}）<br><span class="en">${m.label.split(' ').slice(1).join(' ')}</span></th>`)}</tr>${s.rows.map((r) => row(r.label, r.figures, r.label))}${row('合计 Total', s.totals, 'total')}</table>`);
      message($('#stats-msg'), '');
    } catch (e) { message($('#stats-msg'), e.message, 'error'); }
  }
  $('#s-apply').addEventListener('click', loadStats);

  loaders.queue = () => IPW.loadQueue();
  loaders.runs = () => { loadRuns(); loadCampaigns(); };
  loaders.notices = loadNotices;
  loaders.stats = loadStats;

  IPW.boot(['officer', 'admin'], async () => {
    await IPW.initQueue();
    for (const t of tabs.slice(1)) $(`#tab-${t}`).hidden = true;
  });
})();
