// Platform page: the notices sent to this platform, and the answers: delisted, refused, counter-notice.
'use strict';
(() => {
  const { $, esc, fmt, api, state, message } = IPW;
  const MEASURES = {
    delete_listing: '删除商品信息 delete the listing', stop_shop: '停止网店服务 stop the shop',
    block_site: '屏蔽/关闭网站 block or close the site', rectify_site: '整改 rectify',
  };
  const ANSWERABLE = ['open', 'overdue'];

  async function loadNotices() {
    try {
      const r = await api('GET', '/api/notices?limit=200');
      $('#notices-table tbody').innerHTML = r.notices.map((n) => `
        <tr data-notice-id="${n.id}" data-test="notice-row">
          <td>${esc(n.ref)}</td><td>${esc(n.sender)}</td><td data-test="notice-state">${state(n.state)}</td>
          <td>${Object.entries(n.itemCounts).map(([k, v]) => `${esc(k)}: ${v}`).join(', ')}</td>
          <td>${fmt(n.sentAt)}</td><td>${fmt(n.deadlineAt)}</td>
          <td class="row"><button type="button" data-view="${n.id}">处理 Open</button>
            <a href="/api/notices/${n.id}/document.html" target="_blank" rel="noopener">通知书 Document</a></td></tr>`).join('')
        || '<tr><td colspan="7" class="muted">暂无通知 No notices.</td></tr>';
    } catch (e) { message($('#notices-msg'), e.message, 'error'); }
  }

  async function showNotice(id) {
    const box = $('#notice-detail');
    box.hidden = false;
    const [d, doc] = await Promise.all([api('GET', `/api/notices/${id}`), api('GET', `/api/notices/${id}/document`)]);
    const evidenceOf = Object.fromEntries(doc.items.map((i) => [i.itemId, i.evidence]));
    box.innerHTML = `
      <h3>${esc(d.notice.ref)} ${state(d.notice.state)} <span class="muted">期限 deadline ${fmt(d.notice.deadlineAt)}</span></h3>
      <p class="muted">${esc(doc.legalBasis)}</p>
      ${d.items.map((i) => `
        <div class="panel" data-item-id="${i.id}" data-test="item">
          <strong>${esc(i.title)}</strong> ${state(i.state)}<br>
          <span class="mono">${esc(i.url)}</span><br>
          店铺 Shop: ${esc(i.shopName)} (${esc(i.shopId)}) · 取证 captured ${fmt(i.capturedAt)}<br>
          要求措施 Measure requested: <strong>${esc(MEASURES[i.measure] || i.measure)}</strong><br>
          证据 Evidence: ${(evidenceOf[i.id] || []).map((e) => `<a href="/api/evidence/${esc(e.sha256)}" target="_blank" rel="noopener">${esc(e.kind)}</a> <span class="mono">${esc(e.sha256.slice(0, 16))}…</span>`).join(' · ')}
          ${ANSWERABLE.includes(i.state) ? `
          <div class="row">
            <select data-measure="${i.id}">${Object.entries(MEASURES).map(([k, v]) => `<option value="${k}"${k === i.measure ? ' selected' : ''}>${esc(v)}</option>`).join('')}</select>
            <button type="button" class="primary" data-act="delisted" data-item="${i.id}">已处理 Delisted</button>
          </div>
          <div class="row"><input data-reason="${i.id}" placeholder="拒绝理由 reason for refusal">
            <button type="button" data-act="refused" data-item="${i.id}">拒绝 Refuse</button></div>
          <details><summary>转送不侵权声明 Forward the seller's counter-notice</summary>
            <input data-seller="${i.id}" placeholder="卖家 seller">
            <textarea data-statement="${i.id}" placeholder="不侵权声明 statement"></textarea>
            <textarea data-evidence="${i.id}" placeholder="初步证据 preliminary evidence"></textarea>
            <button type="button" data-act="counter_notice" data-item="${i.id}">提交 Submit</button>
          </details>` : (i.repliedAt ? `<p class="muted">已答复 answered ${fmt(i.repliedAt)}</p>` : '')}
        </div>`).join('')}
      <div id="nd-msg"></div>`;
    box.querySelectorAll('[data-act]').forEach((b) => b.addEventListener('click', async () => {
      const item = Number(b.dataset.item);
      const act = b.dataset.act;
      const body = { action: act, itemIds: [item] };
      if (act === 'delisted') body.measureTaken = box.querySelector(`[data-measure="${item}"]`).value;
      if (act === 'refused') body.reason = box.querySelector(`[data-reason="${item}"]`).value.trim();
      if (act === 'counter_notice') {
        body.counterNotice = {
          statement: box.querySelector(`[data-statement="${item}"]`).value.trim(),
          evidence: box.querySelector(`[data-evidence="${item}"]`).value.trim(),
        };
        const seller = box.querySelector(`[data-seller="${item}"]`).value.trim();
        if (seller) body.counterNotice.sellerName = seller;
      }
      try {
        const r = await api('POST', `/api/notices/${id}/replies`, body);
        await showNotice(id);
        message($('#nd-msg'), `已提交 answered; 通知状态 notice is ${r.notice.state}`);
        loadNotices();
      } catch (e) { message($('#nd-msg'), e.message, 'error'); }
    }));
  }

  $('#reload').addEventListener('click', loadNotices);
  $('#notices-table tbody').addEventListener('click', (ev) => {
    const view = ev.target.closest('[data-view]');
    if (view) showNotice(Number(view.dataset.view)).catch((e) => message($('#notices-msg'), e.message, 'error'));
  });
  IPW.boot(['platform'], loadNotices);
})();
