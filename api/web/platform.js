// Platform page: the notices sent to this platform; answer many items at once (delisted with the measure
// taken, or refused with a reason), or one item with the seller's counter-notice; see why each was flagged.
'use strict';
(() => {
  const { $, h, render, fmt, api, message, label, zh } = IPW;
  const ANSWERABLE = ['open', 'overdue'];
  const selected = new Set();

  async function loadNotices() {
    try {
      const r = await api('GET', '/api/notices?limit=200');
      render($('#notices-table tbody'), r.notices.length ? h`${r.notices.map((n) => h`
        <tr data-notice-id="${n.id}" data-test="notice-row">
          <td data-th="文号">${n.docNo || n.ref}</td><td data-th="发件单位">${n.sender}</td><td data-th="状态" data-test="notice-state" data-state="${n.state}">${IPW.state('noticeState', n.state)}</td>
          <td data-th="条目">${Object.entries(n.itemCounts).map(([k, v]) => `${zh('itemState', k)} ${v}`).join('，')}</td>
          <td data-th="收到">${fmt(n.sentAt)}</td><td data-th="期限">${fmt(n.deadlineAt)}</td>
          <td class="row"><button type="button" data-view="${n.id}">处理 Open</button>
            <a href="/api/notices/${n.id}/document.html" target="_blank" rel="noopener">通知书 Document</a>
            <a href="/api/notices/${n.id}/document.pdf" target="_blank" rel="noopener">PDF</a></td></tr>`)}`
        : h`<tr><td colspan="7" class="muted">暂无通知 No notices.</td></tr>`);
    } catch (e) { message($('#notices-msg'), e.message, 'error'); }
  }

  async function showNotice(id, note) {
    const box = $('#notice-detail');
    box.hidden = false;
    const [d, doc] = await Promise.all([api('GET', `/api/notices/${id}`), api('GET', `/api/notices/${id}/document`)]);
    const docItem = Object.fromEntries(doc.items.map((i) => [i.itemId, i]));
    const rights = Object.fromEntries(doc.rights.map((r) => [`${r.assetType}:${r.assetId}`, r]));
    const open = d.items.filter((i) => ANSWERABLE.includes(i.state));
    for (const x of [...selected]) if (!open.some((i) => i.id === x)) selected.delete(x);
    render(box, h`
      <h3>${d.notice.docNo || d.notice.ref} ${IPW.state('noticeState', d.notice.state)} <span class="muted">处理期限 deadline ${fmt(d.notice.deadlineAt)}</span></h3>
      <p class="muted small">${doc.legalBasis}</p>
      ${open.length ? h`<div class="bulk-bar" id="bulk-bar">
        <label class="row"><input type="checkbox" id="p-all" ${IPW.raw(open.every((i) => selected.has(i.id)) ? 'checked' : '')}> 全选待处理 all open (${open.length})</label>
        <span id="p-count" class="muted">已选 ${selected.size}</span>
        <select id="p-measure" aria-label="已采取措施 measure taken">${IPW.options('measure')}</select>
        <button type="button" class="primary" id="p-delisted">已删除所选 Delisted</button>
        <input id="p-reason" placeholder="拒绝理由 reason for refusal">
        <button type="button" id="p-refused">拒绝所选 Refuse</button>
      </div>` : h`<p class="muted">全部条目已答复 every item is answered.</p>`}
      <div id="nd-msg"></div>
      ${d.items.map((i) => { const di = docItem[i.id] || { infringes: [], evidence: [] }; return h`
        <div class="item-card${selected.has(i.id) ? ' checked' : ''}" data-item-id="${i.id}" data-test="item">
          <div class="row">${ANSWERABLE.includes(i.state) ? h`<input type="checkbox" class="p-sel" data-item="${i.id}" aria-label="选择" ${IPW.raw(selected.has(i.id) ? 'checked' : '')}>` : ''}
            <strong>${i.title}</strong> ${IPW.state('itemState', i.state)}</div>
          <div class="mono">${i.url}</div>
          <div>店铺 Shop：${i.shopName}（${i.shopId}）· 取证 captured ${fmt(i.capturedAt)} · 要求措施 requested：<strong>${label('measure', i.measure)}</strong></div>
          <div class="why-box"><strong>认定理由 Why flagged：</strong><ul class="why">${di.infringes.map((m) => { const r = rights[`${m.assetType}:${m.assetId}`]; return h`<li data-test="why"><span class="sig">${label('signal', m.signal)}</span>
            ${r ? h`${zh('kind', m.assetType)}「${r.name}」${r.registrationNumber ? `注册号 ${r.registrationNumber}` : r.patentNumber ? `专利号 ${r.patentNumber}` : r.region ? `产地 ${r.region}` : ''}：` : ''}${m.evidence}</li>`; })}</ul></div>
          <div class="small">证据 Evidence：${di.evidence.map((e) => h`<a href="/api/evidence/${e.sha256}" target="_blank" rel="noopener">${e.kind}</a> <span class="mono">${e.sha256.slice(0, 16)}…</span> `)}</div>
          ${ANSWERABLE.includes(i.state) ? h`<details><summary>转送卖家不侵权声明 Forward the seller's counter-notice</summary>
            <input data-seller="${i.id}" placeholder="卖家 seller">
            <textarea data-statement="${i.id}" placeholder="不侵权声明 statement"></textarea>
            <textarea data-evidence="${i.id}" placeholder="初步证据 preliminary evidence"></textarea>
            <button type="button" data-counter="${i.id}">提交 Submit</button></details>`
            : i.repliedAt ? h`<p class="muted">已答复 answered ${fmt(i.repliedAt)}${i.replyReason ? `：${i.replyReason}` : ''}</p>` : ''}
        </div>`; })}`);
    if (note) message($('#nd-msg'), note);

    const answer = async (body) => {
      try {
        const r = await api('POST', `/api/notices/${id}/replies`, body);
        selected.clear();
        await showNotice(id, `已提交 ${body.itemIds.length} 条 answered；通知状态 ${label('noticeState', r.notice.state)}`);
        loadNotices();
      } catch (e) { message($('#nd-msg'), e.message, 'error'); }
    };
    const need = () => { if (!selected.size) { message($('#nd-msg'), '请先勾选条目 Select items first.', 'error'); return false; } return true; };
    box.querySelectorAll('.p-sel').forEach((c) => c.addEventListener('change', () => {
      if (c.checked) selected.add(Number(c.dataset.item)); else selected.delete(Number(c.dataset.item));
      c.closest('.item-card').classList.toggle('checked', c.checked);
      $('#p-count').textContent = `已选 ${selected.size}`;
    }));
    $('#p-all')?.addEventListener('change', (ev) => {
      for (const i of open) if (ev.target.checked) selected.add(i.id); else selected.delete(i.id);
      box.querySelectorAll('.p-sel').forEach((c) => { c.checked = ev.target.checked; c.closest('.item-card').classList.toggle('checked', c.checked); });
      $('#p-count').textContent = `已选 ${selected.size}`;
    });
    $('#p-delisted')?.addEventListener('click', () => need() && answer({ action: 'delisted', itemIds: [...selected], measureTaken: $('#p-measure').value }));
    $('#p-refused')?.addEventListener('click', () => {
      if (!need()) return;
      const reason = $('#p-reason').value.trim();
      answer({ action: 'refused', itemIds: [...selected], ...(reason ? { reason } : {}) });
    });
    box.querySelectorAll('[data-counter]').forEach((b) => b.addEventListener('click', () => {
      const item = b.dataset.counter;
      const v = (k) => box.querySelector(`[data-${k}="${item}"]`).value.trim();
      answer({ action: 'counter_notice', itemIds: [Number(item)], counterNotice: { statement: v('statement'), evidence: v('evidence'), ...(v('seller') ? { sellerName: v('seller') } : {}) } });
    }));
  }

  $('#reload').addEventListener('click', loadNotices);
  $('#notices-table tbody').addEventListener('click', (ev) => {
    const view = ev.target.closest('[data-view]');
    if (view) { selected.clear(); showNotice(Number(view.dataset.view)).catch((e) => message($('#notices-msg'), e.message, 'error')); }
  });
  IPW.boot(['platform'], loadNotices);
})();
