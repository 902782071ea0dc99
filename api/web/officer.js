// Officer page, review at volume: a paged, sorted, filtered queue; a cursor moved by keyboard or click whose
// detail shows beside the queue (over it on a phone) and moves to the next listing after each decision;
// preset reasons; selection of many rows and bulk confirm / dismiss.
'use strict';
(() => {
  const { $, $$, h, raw, render, fmt, api, qs, message, zh } = IPW;
  const S = { items: [], total: 0, offset: 0, cursor: -1, selected: new Set(), reasons: [], detailId: null, busy: false };
  IPW.desk = S;

  // ---- reasons and measure
  async function loadReasons() {
    const { reasons } = await api('GET', '/api/review/reasons');
    S.reasons = reasons;
    const opts = (decision) => reasons.filter((r) => r.decision === decision).map((r) => h`<option value="${r.code}">${r.label}</option>`);
    render($('#r-confirm'), h`<option value="auto">按权利类型自动 Auto by IP type</option>${opts('confirm')}`);
    render($('#r-dismiss'), h`${opts('dismiss')}`);
    $('#r-dismiss').value = 'unrelated';
    render($('#r-measure'), IPW.options('measure'));
    const other = () => { $('#r-other').hidden = !($('#r-confirm').value.startsWith('other') || $('#r-dismiss').value.startsWith('other')); };
    $('#r-confirm').addEventListener('change', other);
    $('#r-dismiss').addEventListener('change', other);
  }

  /** The reason to send for `decision` on `item` (auto: the first preset that fits its top match). */
  function reasonFor(decision, item) {
    const code = $(decision === 'confirm' ? '#r-confirm' : '#r-dismiss').value;
    if (code.startsWith('other')) {
      const text = $('#r-other').value.trim();
      if (!text) throw new Error('选择“其他”时须填写理由 Write the reason for "other".');
      return { reasonCode: code, reason: text };
    }
    if (code !== 'auto') return { reasonCode: code };
    const type = item?.matches?.[0]?.assetType;
    const fit = S.reasons.find((r) => r.decision === 'confirm' && r.fits.includes(type)) || S.reasons.find((r) => r.decision === 'confirm');
    return { reasonCode: fit.code };
  }

  // ---- filters, queue
  async function loadFilters() {
    const [{ platforms }, { assets }] = await Promise.all([api('GET', '/api/platforms'), api('GET', '/api/assets')]);
    render($('#f-platform'), h`<option value="">全部 all</option>${platforms.map((p) => h`<option value="${p.id}">${p.name}</option>`)}`);
    render($('#f-asset'), h`<option value="">全部 all</option>${assets.map((a) => h`<option value="${a.id}">${a.name} · ${a.reference}</option>`)}`);
  }

  function filterQuery() {
    const [sort, dir] = $('#f-sort').value.split(':');
    return { q: $('#f-q').value.trim(), platform: $('#f-platform').value, assetType: $('#f-type').value, assetId: $('#f-asset').value,
      minScore: $('#f-min').value, from: $('#f-from').value, to: $('#f-to').value, sort, dir };
  }
  const pageSize = () => Number($('#f-limit').value);

  function rowHtml(i, k) {
    const terms = i.matches.map((m) => m.assetName).filter(Boolean);
    return h`<tr class="clickable${k === S.cursor ? ' cursor' : ''}${S.selected.has(i.listingId) ? ' checked' : ''}" data-listing-id="${i.listingId}" data-k="${k}" data-test="queue-row">
      <td class="chk"><input type="checkbox" class="sel" aria-label="选择 select" ${raw(S.selected.has(i.listingId) ? 'checked' : '')}></td>
      <td class="num">${i.score.toFixed(2)}</td>
      <td><div class="title">${IPW.highlight(i.title, terms)}</div><span class="muted">${i.platformName} · ${i.shopName} · ${i.shopLocation} · ${i.price ?? '—'}元</span></td>
      <td>${i.matches.map((m) => h`<div>${m.assetName ?? m.assetId} <span class="muted">${zh('kind', m.assetType)} · ${zh('signal', m.signal)}</span></div>`)}</td>
      <td class="nowrap">${fmt(i.capturedAt)}</td></tr>`;
  }

  function renderQueue() {
    render($('#queue-table tbody'), S.items.length ? h`${S.items.map(rowHtml)}` : h`<tr><td colspan="5" class="muted">队列为空 The queue is empty.</td></tr>`);
    const from = S.total ? S.offset + 1 : 0;
    $('#queue-count').textContent = `第 ${from}–${S.offset + S.items.length} 条，共 ${S.total} 条待审核 of ${S.total}`;
    $('#prev-page').disabled = S.offset === 0;
    $('#next-page').disabled = S.offset + S.items.length >= S.total;
    const n = S.selected.size;
    $('#sel-count').textContent = `已选 ${n} selected`;
    $('#bulk-confirm').disabled = $('#bulk-dismiss').disabled = n === 0;
    $('#select-all').checked = S.items.length > 0 && S.items.every((i) => S.selected.has(i.listingId));
  }

  async function loadQueue(opts = {}) {
    const q = filterQuery();
    $('#q-csv').href = `/api/review/queue/export.csv${qs(q)}`;
    $('#q-xlsx').href = `/api/review/queue/export.xlsx${qs(q)}`;
    try {
      const r = await api('GET', `/api/review/queue${qs({ ...q, limit: pageSize(), offset: S.offset })}`);
      if (!r.items.length && S.offset > 0 && r.total > 0) { S.offset = Math.max(0, Math.floor((r.total - 1) / pageSize()) * pageSize()); return loadQueue(opts); }
      S.items = r.items;
      S.total = r.total;
      const keep = new Set(S.items.map((i) => i.listingId));
      for (const id of S.selected) if (!keep.has(id)) S.selected.delete(id);
      if (opts.cursor !== undefined) S.cursor = Math.min(opts.cursor, S.items.length - 1);
      else if (S.cursor >= S.items.length) S.cursor = S.items.length - 1;
      renderQueue();
      if (opts.open && S.cursor >= 0) await openDetail();
      else if (!S.items.length) closeDetail();
    } catch (e) { message($('#queue-msg'), e.message, 'error'); }
  }
  IPW.loadQueue = loadQueue;

  // ---- the cursor and its detail
  function closeDetail() { $('#detail').hidden = true; S.detailId = null; document.body.classList.remove('detail-open'); }
  async function openDetail() {
    const item = S.items[S.cursor];
    if (!item) return closeDetail();
    $$('#queue-table tr.cursor').forEach((x) => x.classList.remove('cursor'));
    const tr = $(`#queue-table tr[data-k="${S.cursor}"]`);
    tr?.classList.add('cursor');
    tr?.scrollIntoView({ block: 'nearest' });
    const box = $('#detail');
    box.hidden = false;
    document.body.classList.add('detail-open');
    S.detailId = item.listingId;
    box.dataset.listingId = item.listingId;
    try {
      const d = await api('GET', `/api/review/listings/${item.listingId}`);
      if (S.detailId !== item.listingId) return; // moved on meanwhile
      S.detail = d;
      render(box, h`${IPW.detailHtml(d)}
        <div class="decide-row" id="decide"><button id="d-confirm" type="button" class="danger">确认侵权 Confirm <kbd>c</kbd></button>
          <button id="d-dismiss" type="button">排除 Dismiss <kbd>d</kbd></button><button id="d-next" type="button">跳过 Skip <kbd>j</kbd></button></div><div id="d-msg"></div>`);
      IPW.wireDetail(box);
      box.dataset.loaded = item.listingId;
      $('#d-confirm').addEventListener('click', () => decideCurrent('confirm'));
      $('#d-dismiss').addEventListener('click', () => decideCurrent('dismiss'));
      $('#d-next').addEventListener('click', () => move(1));
      $('#close-detail').addEventListener('click', closeDetail);
    } catch (e) { message(box, e.message, 'error'); }
  }
  function move(step) {
    if (!S.items.length) return;
    S.cursor = Math.max(0, Math.min(S.items.length - 1, S.cursor + step));
    openDetail();
  }

  /** Decides the listing under the cursor, then shows the next one. */
  async function decideCurrent(decision) {
    const item = S.items[S.cursor];
    if (!item || S.busy) return;
    S.busy = true;
    try {
      const body = { decision, ...reasonFor(decision, item), captureId: item.captureId, ...(decision === 'confirm' ? { measure: $('#r-measure').value } : {}) };
      await api('POST', `/api/review/listings/${item.listingId}/decision`, body);
      message($('#queue-msg'), `${IPW.label('decision', decision)}：${item.title}`);
      S.items.splice(S.cursor, 1);
      S.selected.delete(item.listingId);
      S.total -= 1;
      S.busy = false;
      if (!S.items.length) await loadQueue({ cursor: 0, open: true });
      else { if (S.cursor >= S.items.length) S.cursor = S.items.length - 1; renderQueue(); await openDetail(); }
    } catch (e) {
      S.busy = false;
      message($('#queue-msg'), e.message, 'error');
      if (e.code === 'already_decided' || e.code === 'not_in_queue' || e.code === 'stale_capture') await loadQueue({ open: true });
    }
  }

  /** Bulk decision on the selected rows, one preset reason; reports each failure. */
  async function decideSelected(decision) {
    const picked = S.items.filter((i) => S.selected.has(i.listingId));
    if (!picked.length || S.busy) return;
    S.busy = true;
    try {
      const reasons = picked.map((i) => reasonFor(decision, i));
      const groups = new Map();
      picked.forEach((i, k) => { const key = JSON.stringify(reasons[k]); if (!groups.has(key)) groups.set(key, []); groups.get(key).push(i); });
      let decided = 0;
      const failed = [];
      for (const [key, items] of groups) {
        const r = await api('POST', '/api/review/decisions/bulk', {
          decision, ...JSON.parse(key), ...(decision === 'confirm' ? { measure: $('#r-measure').value } : {}),
          items: items.map((i) => ({ listingId: i.listingId, captureId: i.captureId })),
        });
        decided += r.decided;
        failed.push(...r.results.filter((x) => !x.ok));
      }
      S.selected.clear();
      message($('#queue-msg'), `${decision === 'confirm' ? '批量确认' : '批量排除'} ${decided} 条${failed.length ? `；${failed.length} 条未处理：${failed.map((f) => IPW.errorText(409, { error: f.error })).join('；')}` : ''}`, failed.length ? 'error' : 'ok');
      await loadQueue({ cursor: 0, open: !$('#detail').hidden });
    } catch (e) { message($('#queue-msg'), e.message, 'error'); } finally { S.busy = false; }
  }

  function toggle(listingId, on) {
    if (on ?? !S.selected.has(listingId)) S.selected.add(listingId); else S.selected.delete(listingId);
    renderQueue();
  }

  // ---- events
  $('#f-apply').addEventListener('click', () => { S.offset = 0; S.cursor = -1; loadQueue(); });
  $('#f-q').addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.target.blur(); S.offset = 0; S.cursor = -1; loadQueue(); } });
  $('#prev-page').addEventListener('click', () => { S.offset = Math.max(0, S.offset - pageSize()); S.cursor = -1; loadQueue(); });
  $('#next-page').addEventListener('click', () => { S.offset += pageSize(); S.cursor = -1; loadQueue(); });
  $('#bulk-confirm').addEventListener('click', () => decideSelected('confirm'));
  $('#bulk-dismiss').addEventListener('click', () => decideSelected('dismiss'));
  $('#select-all').addEventListener('change', (ev) => { for (const i of S.items) if (ev.target.checked) S.selected.add(i.listingId); else S.selected.delete(i.listingId); renderQueue(); });
  $('#queue-table tbody').addEventListener('click', (ev) => {
    const tr = ev.target.closest('tr[data-listing-id]');
    if (!tr) return;
    if (ev.target.closest('.chk')) { toggle(Number(tr.dataset.listingId), ev.target.matches('input') ? ev.target.checked : undefined); return; }
    S.cursor = Number(tr.dataset.k);
    openDetail();
  });

  const KEYS = {
    j: () => move(S.cursor < 0 ? 0 : 1), k: () => move(-1), ArrowDown: () => move(S.cursor < 0 ? 0 : 1), ArrowUp: () => move(-1),
    c: () => decideCurrent('confirm'), d: () => decideCurrent('dismiss'),
    C: () => decideSelected('confirm'), D: () => decideSelected('dismiss'),
    x: () => { const i = S.items[S.cursor]; if (i) toggle(i.listingId); },
    a: () => { const all = S.items.every((i) => S.selected.has(i.listingId)); for (const i of S.items) if (all) S.selected.delete(i.listingId); else S.selected.add(i.listingId); renderQueue(); },
    e: () => { const b = $('#detail [data-zoom]'); if (b) IPW.zoom(b.dataset.zoom, b.dataset.title); },
    o: () => { const a = $('#listing-link'); if (a) window.open(a.href, '_blank', 'noopener'); },
    n: () => { if (!$('#next-page').disabled) $('#next-page').click(); },
    p: () => { if (!$('#prev-page').disabled) $('#prev-page').click(); },
    '/': () => $('#f-q').focus(),
  };
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') { if (!IPW.closeZoom()) closeDetail(); return; }
    if ($('#tab-queue').hidden || $('#app').hidden || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.target.closest('input, textarea, select')) return;
    const fn = KEYS[ev.key];
    if (fn) { ev.preventDefault(); fn(); }
  });

  // On a phone the filters start folded, so the queue is on the first screen.
  if (window.matchMedia('(max-width: 760px)').matches) $('.filters-box').open = false;

  IPW.initQueue = async () => {
    await Promise.all([loadFilters().catch(() => {}), loadReasons()]);
    await loadQueue();
  };
})();
