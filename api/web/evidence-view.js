// One listing side by side: the listing (matched text highlighted), its evidence (screenshot zoomable,
// images with logo boxes, OCR text) and each registered right once. Also the full-size lightbox.
'use strict';
(() => {
  const { h, raw, $, fmt, label } = IPW;

  /** Words to highlight: the register's names and aliases, and what the detector quoted (“…”). */
  function termsOf(d) {
    const out = new Set();
    for (const m of d.verdict?.matches || []) {
      const r = m.register || {};
      for (const t of [r.mark, r.name, ...(r.aliases || []), m.assetName]) if (t && String(t).length >= 2) out.add(String(t));
      for (const q of String(m.evidence || '').matchAll(/[“"「]([^”"」]{2,40})[”"」]/g)) out.add(q[1]);
      // A patent number quoted in any evidence sentence is worth finding in the text.
      for (const q of String(m.evidence || '').matchAll(/ZL?\s*[\d.Xx\s]{8,20}/g)) out.add(q[0].trim());
    }
    return [...out].sort((a, b) => b.length - a.length);
  }

  /** `text` with each term wrapped in <mark>, everything escaped. */
  function highlight(text, terms) {
    const s = String(text ?? '');
    if (!terms.length) return h`${s}`;
    const lower = s.toLowerCase();
    const marks = [];
    for (const t of terms) {
      const tl = t.toLowerCase();
      for (let i = lower.indexOf(tl); i >= 0; i = lower.indexOf(tl, i + tl.length)) {
        if (!marks.some(([a, b]) => i < b && i + tl.length > a)) marks.push([i, i + tl.length]);
      }
    }
    marks.sort((a, b) => a[0] - b[0]);
    let out = '';
    let at = 0;
    for (const [a, b] of marks) { out += h`${s.slice(at, a)}<mark>${s.slice(a, b)}</mark>`; at = b; }
    return raw(out + h`${s.slice(at)}`);
  }
  IPW.highlight = highlight;

  function registerHtml(m, r) {
    if (m.finding) {
      return h`<div class="finding" data-test="finding"><strong>发现 Finding：${m.finding.label}</strong><br>${m.finding.number}：${m.finding.detail}</div>`;
    }
    if (!r) return h`<p class="muted">登记簿中无此权利 not in the register</p>`;
    // Every kind's particulars come labelled from its module (kinds/<kind>.kind.ts): nothing per kind here.
    const kv = (rows) => h`<dl class="kv">${rows.map((f) => h`<dt>${f.label}</dt><dd>${f.value || '—'}</dd>`)}</dl>`;
    const art = r.art === 'logo' ? h`<img class="logo" src="/api/assets/${encodeURIComponent(r.id)}/logo" alt="注册商标图样 logo" data-test="logo">`
      : r.art === 'name' ? h`<div class="logo logo-text">${r.name}</div>` : '';
    return h`${art}${kv(r.fields || [])}`;
  }

  /** Matches grouped per asset, so each right shows once with all its signals. */
  function byAsset(matches) {
    const groups = new Map();
    for (const m of matches) {
      const k = `${m.assetType}:${m.assetId}`;
      if (!groups.has(k)) groups.set(k, { first: m, all: [] });
      groups.get(k).all.push(m);
    }
    return [...groups.values()];
  }

  /** Does this image evidence row carry a match's logo box? imageRef: the sha256, `image:<n>` or the position. */
  const boxesFor = (e, matches) => matches.filter((m) => m.box && m.imageRef !== undefined && m.imageRef !== null
    && [e.sha256, `image:${e.position}`, String(e.position), e.sourceUrl].includes(String(m.imageRef)));

  IPW.detailHtml = (d) => {
    const c = d.capture || {};
    const terms = termsOf(d);
    const matches = d.verdict?.matches || [];
    const shot = d.evidence.find((e) => e.kind === 'screenshot' && e.url);
    const html = d.evidence.find((e) => e.kind === 'html' && e.url);
    const images = d.evidence.filter((e) => e.kind === 'image' && e.url && /^image\//.test(e.mediaType || 'image/'));
    const ocr = d.ocr || [];
    return h`
      <div class="detail-head"><h2 data-test="detail-title">${highlight(c.title, terms)}</h2>
        <span class="score">分数 ${d.verdict ? Number(d.verdict.score).toFixed(2) : '—'}</span>
        <button type="button" class="close-detail" id="close-detail">关闭 Close</button></div>
      ${d.evidenceProblems?.length ? h`<div class="msg error" data-test="integrity-warning"><strong>证据完整性警告 Evidence integrity warning</strong>：${d.evidenceProblems.length} 个证据文件未通过 SHA-256 校验（被改动或缺失），不能据此发出通知 file(s) fail their hash check; a notice citing them cannot be sent.
        <ul>${d.evidenceProblems.map((p) => h`<li>${label('evidenceKind', p.kind)} <span class="mono">${p.sha256}</span>：${p.reason}</li>`)}</ul></div>` : ''}
      <div class="side-by-side">
        <div id="listing-side">
          <h3>商品与证据 <span class="en">Listing &amp; evidence</span></h3>
          <dl class="kv">
            <dt>价格 Price</dt><dd class="price">${c.price ?? '—'} ${c.currency === 'CNY' ? '元' : c.currency}</dd>
            <dt>店铺 Shop</dt><dd>${c.shopName} <span class="muted">${c.shopId}</span></dd>
            <dt>所在地 Location</dt><dd>${c.shopLocation || '—'}</dd>
            <dt>平台 Platform</dt><dd>${d.listing.platformName} · ${d.listing.platformListingId}</dd>
            <dt>链接 URL</dt><dd class="mono"><a href="${d.listing.url}" target="_blank" rel="noopener noreferrer" id="listing-link">${d.listing.url}</a></dd>
            <dt>取证 Captured</dt><dd>${fmt(c.capturedAt)}</dd>
          </dl>
          ${c.description ? h`<p class="desc">${highlight(c.description, terms)}</p>` : ''}
          ${shot ? h`<button type="button" class="shot-btn" data-zoom="${shot.url}" data-title="${label('evidenceKind', 'screenshot')}"><img class="shot" data-test="screenshot" src="${shot.url}" alt="${label('evidenceKind', 'screenshot')}"></button><p class="muted small">点击或按 e 查看原图 click or press e for full size</p>` : h`<p class="muted">无截图 no screenshot</p>`}
          ${images.length ? h`<h4>${label('evidenceKind', 'image')}</h4><div class="images">${images.map((e) => h`
            <figure class="img-box"><button type="button" class="shot-btn" data-zoom="${e.url}" data-title="${label('evidenceKind', 'image')} ${e.position + 1}"><img src="${e.url}" alt="${label('evidenceKind', 'image')}" data-pos="${e.position}"></button>
              ${boxesFor(e, matches).map((m) => h`<span class="logo-box" data-test="logo-box" data-x="${m.box.x}" data-y="${m.box.y}" data-w="${m.box.w}" data-h="${m.box.h}" title="${m.assetName || m.assetId}"></span>`)}
            </figure>`)}</div>` : ''}
          ${ocr.length ? h`<h4>图片文字 OCR text</h4>${ocr.map((o) => h`<blockquote class="ocr" data-test="ocr">${highlight(o.text, terms)} <span class="muted small">${o.engine}</span></blockquote>`)}` : ''}
          ${html ? h`<details><summary>${label('evidenceKind', 'html')} (sandboxed)</summary><iframe class="html-evidence" sandbox="" src="${html.url}"></iframe></details>` : ''}
          <details><summary>证据哈希 Evidence SHA-256</summary><ul class="hashes">${d.evidence.map((e) => h`<li>${e.kind}${e.position ? ` #${e.position}` : ''}: ${e.url ? h`<a href="${e.url}" target="_blank" rel="noopener" class="mono">${e.sha256}</a>` : h`<span class="muted">${e.error || '缺失 missing'}</span>`} <span class="muted">${fmt(e.fetchedAt)}</span></li>`)}
            <li>内容 content: <span class="mono">${c.contentSha256}</span></li></ul></details>
        </div>
        <div id="register-side">
          <h3>登记权利与检测说明 <span class="en">Registered right &amp; why flagged</span></h3>
          ${byAsset(matches).map(({ first, all }) => h`
            <div class="right-card" data-test="right" data-asset="${first.assetId}">
              <div class="right-head"><strong>${label('kind', first.assetType)}</strong> <span class="muted">${first.assetId}</span></div>
              ${registerHtml(first, first.register)}
              <ul class="why">${all.map((m) => h`<li data-test="explanation"><span class="sig">${label('signal', m.signal)}</span> ${Number(m.score).toFixed(2)} — ${highlight(m.evidence, terms)}</li>`)}</ul>
            </div>`)}
          ${matches.length ? '' : h`<p class="muted">无命中 no matches</p>`}
          ${d.decisions.length ? h`<h4>历史 History</h4><ul>${d.decisions.map((x) => h`<li>${fmt(x.decidedAt)} ${x.decidedByUsername}: <strong>${label('decision', x.decision)}</strong> — ${x.reason}</li>`)}</ul>` : ''}
        </div>
      </div>`;
  };

  /** Places logo boxes once their images know their natural size; wires zoom buttons. */
  IPW.wireDetail = (box) => {
    box.querySelectorAll('figure.img-box').forEach((fig) => {
      const img = fig.querySelector('img');
      const place = () => fig.querySelectorAll('.logo-box').forEach((b) => {
        const W = img.naturalWidth || 1;
        const H = img.naturalHeight || 1;
        b.style.left = `${(Number(b.dataset.x) / W) * 100}%`;
        b.style.top = `${(Number(b.dataset.y) / H) * 100}%`;
        b.style.width = `${(Number(b.dataset.w) / W) * 100}%`;
        b.style.height = `${(Number(b.dataset.h) / H) * 100}%`;
      });
      if (img.complete) place(); else img.addEventListener('load', place);
    });
    box.querySelectorAll('[data-zoom]').forEach((b) => b.addEventListener('click', () => IPW.zoom(b.dataset.zoom, b.dataset.title)));
  };

  // ---- lightbox: fit to the window, or the screenshot at full size (scrollable)
  const lb = $('#lightbox');
  IPW.zoom = (url, title) => {
    if (!lb) return;
    $('#lb-img').src = url;
    $('#lb-title').textContent = title || '';
    lb.classList.remove('actual');
    lb.hidden = false;
  };
  IPW.closeZoom = () => { if (lb && !lb.hidden) { lb.hidden = true; return true; } return false; };
  if (lb) {
    $('#lb-close').addEventListener('click', IPW.closeZoom);
    $('#lb-zoom').addEventListener('click', () => lb.classList.toggle('actual'));
    $('#lb-img').addEventListener('click', () => lb.classList.toggle('actual'));
  }
})();
