/**
 * What a takedown notice carries (shared/FORMATS.md §6, E-Commerce Law arts.
 * 42-45): who sends it, proof of each right, each listing pinpointed, the
 * preliminary evidence with its hashes, the measure requested, and a
 * statement that the notice is true. As JSON and as a printable HTML page.
 */
import type { Db } from '../store/database.js';
import { registerEntries } from '../store/review.repository.js';
import { itemsOfNotice, type NoticeRow } from '../store/takedown.repository.js';
import { ASSET_KINDS, assetLabel, type AssetType } from '../domain/asset-kind.js';
import { MEASURE_LABELS, type Measure } from './notice.state.js';
import { evidenceFor, evidenceUrl } from './review.service.js';

export const LEGAL_BASIS = '《中华人民共和国电子商务法》第四十二条至第四十五条；《最高人民法院关于审理涉电子商务平台知识产权民事案件的指导意见》（法发〔2020〕32号）';
export const STATEMENT_OF_TRUTH = '本单位保证本通知内容及所附初步证据真实、准确，并对通知内容的真实性负责。 The sender declares that this notice and the preliminary evidence attached are true and accurate, and takes responsibility for them.';


/** The notice as a self-contained document. */
export async function noticeContent(db: Db, notice: NoticeRow, publicUrl?: string) {
  const items = await itemsOfNotice(db, notice.id);
  const evidence = await evidenceFor(db, items.map((i) => i.captureId));
  const allMatches = items.flatMap((i) => i.matches);
  const register = await registerEntries(db, allMatches);
  const abs = (u: string) => (publicUrl ? new URL(u, publicUrl).toString() : u);

  const rights = [...new Map(allMatches.map((m) => [`${m.assetType}:${m.assetId}`, m])).values()].map((m) => {
    const r = register.get(`${m.assetType}:${m.assetId}`) ?? {};
    const kind = ASSET_KINDS[m.assetType as AssetType];
    const base = { assetId: m.assetId, assetType: m.assetType, kind: assetLabel(m.assetType), name: kind.nameOf(r), proof: kind.proofOf(r, m.assetId), fields: kind.fields(r) };
    if (m.assetType === 'trademark') {
      return { ...base, registrationNumber: r.regNo, owner: r.owner, niceClasses: r.niceClasses, validUntil: r.validUntil };
    }
    if (m.assetType === 'gi') {
      return { ...base, announcement: r.announcement ?? null, region: [r.province, r.city].filter(Boolean).join(''), authorizedUsers: r.authorizedUsers };
    }
    return { ...base, patentNumber: r.number, patentType: r.patentType, status: r.status, owner: r.owner };
  });

  return {
    ref: notice.ref,
    title: '关于删除涉嫌侵犯知识产权商品信息的通知 (Notice of suspected IP infringement)',
    state: notice.state,
    sender: { name: notice.sender, kind: 'market-supervision bureau (市场监督管理局)' },
    recipient: { platform: notice.platform, name: notice.platformName },
    createdAt: notice.createdAt,
    sentAt: notice.sentAt,
    deadlineAt: notice.deadlineAt,
    legalBasis: LEGAL_BASIS,
    rights,
    items: items.map((i) => ({
      itemId: i.id,
      listing: { platform: i.platform, listingId: i.platformListingId, url: i.url, title: i.title,
        shop: { id: i.shopId, name: i.shopName, location: i.shopLocation } },
      capture: { capturedAt: i.capturedAt, contentSha256: i.contentSha256 },
      evidence: evidence.filter((e) => e.captureId === i.captureId && e.sha256).map((e) => ({
        kind: e.kind, position: e.position, sha256: e.sha256, mediaType: e.mediaType, bytes: e.bytes,
        fetchedAt: e.fetchedAt, sourceUrl: e.sourceUrl, url: abs(evidenceUrl(e.sha256!)),
        // How the screenshot was made: in the same page load as the HTML, or drawn from the stored HTML.
        ...(e.kind === 'screenshot' ? { method: e.renderedFrom ? `由存证网页（SHA-256 ${e.renderedFrom}）渲染 drawn from the stored page` : '与网页同次加载截取 taken in the same page load' } : {}),
      })),
      infringes: i.matches.map((m) => ({ assetId: m.assetId, assetType: m.assetType, signal: m.signal, score: m.score, evidence: m.evidence })),
      // For a patent: the comparison with the claims, as the detector stated it.
      patentComparison: i.matches.filter((m) => m.assetType === 'patent').map((m) => m.evidence),
      measureRequested: { code: i.measure, label: MEASURE_LABELS[i.measure as Measure] ?? i.measure },
      officerReason: i.reason,
      state: i.state,
      reply: i.repliedAt ? { at: i.repliedAt, measureTaken: i.measureTaken, reason: i.replyReason, counterNotice: i.counterNotice } : null,
    })),
    measuresRequested: [...new Set(items.map((i) => i.measure))].map((m) => ({ code: m, label: MEASURE_LABELS[m as Measure] ?? m })),
    statement: STATEMENT_OF_TRUTH,
  };
}

export type NoticeContent = Awaited<ReturnType<typeof noticeContent>>;

const esc = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const fmt = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '—');

/** A printable HTML page (inline CSS only, no scripts). */
export function renderNoticeHtml(n: NoticeContent): string {
  const rights = n.rights.map((r) => `<tr><td>${esc(r.kind)}</td><td>${esc(r.name)}</td><td>${esc(r.proof)}</td><td>${esc('owner' in r ? r.owner : ('authorizedUsers' in r ? (r.authorizedUsers as string[] | undefined)?.join('、') : ''))}</td></tr>`).join('');
  const items = n.items.map((i, k) => `
    <section class="item">
      <h3>${k + 1}. ${esc(i.listing.title)}</h3>
      <table>
        <tr><th>平台 / 商品编号 Platform / listing</th><td>${esc(i.listing.platform)} / ${esc(i.listing.listingId)}</td></tr>
        <tr><th>链接 URL</th><td class="mono">${esc(i.listing.url)}</td></tr>
        <tr><th>店铺 Shop</th><td>${esc(i.listing.shop.name)} (${esc(i.listing.shop.id)}) ${esc(i.listing.shop.location)}</td></tr>
        <tr><th>取证时间 Captured</th><td>${fmt(i.capture.capturedAt)}; 内容哈希 content SHA-256 <span class="mono">${esc(i.capture.contentSha256)}</span></td></tr>
        <tr><th>侵权依据 Grounds</th><td><ul>${i.infringes.map((m) => `<li>${esc(m.assetId)} (${esc(m.assetType)}, ${esc(m.signal)}): ${esc(m.evidence)}</li>`).join('')}</ul></td></tr>
        <tr><th>初步证据 Evidence</th><td><ul>${i.evidence.map((e) => `<li>${esc(e.kind)}${e.position ? ` #${e.position}` : ''}: SHA-256 <span class="mono">${esc(e.sha256)}</span>, ${esc(e.bytes)} bytes, ${fmt(e.fetchedAt)}${e.method ? `（${esc(e.method)}）` : ''}</li>`).join('') || '<li>—</li>'}</ul></td></tr>
        <tr><th>要求措施 Measure requested</th><td><strong>${esc(i.measureRequested.label)}</strong></td></tr>
      </table>
    </section>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(n.ref)} ${esc(n.title)}</title>
<style>
  body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; margin: 2cm; color: #000; font-size: 11pt; }
  h1 { text-align: center; font-size: 16pt; } h2 { font-size: 13pt; border-bottom: 1px solid #000; }
  table { border-collapse: collapse; width: 100%; margin: .5em 0; } th, td { border: 1px solid #444; padding: 4px 6px; vertical-align: top; text-align: left; }
  th { width: 22%; background: #f2f2f2; } .mono { font-family: monospace; word-break: break-all; font-size: 9pt; }
  .item { page-break-inside: avoid; } .sign { margin-top: 3em; text-align: right; }
  @media print { body { margin: 1.5cm; } }
</style></head><body>
<h1>${esc(n.title)}</h1>
<p>编号 Ref: <strong>${esc(n.ref)}</strong> · 发出 Sent: ${fmt(n.sentAt)} · 期限 Deadline: ${fmt(n.deadlineAt)} · 状态 State: ${esc(n.state)}</p>
<p>致 To: <strong>${esc(n.recipient.name)}</strong> (${esc(n.recipient.platform)})<br>发件人 From: <strong>${esc(n.sender.name)}</strong></p>
<p>依据 Legal basis: ${esc(n.legalBasis)}</p>
<h2>一、权利依据 Rights</h2>
<table><tr><th>类型 Type</th><th>名称 Name</th><th>权利证明 Proof</th><th>权利人 Holder</th></tr>${rights}</table>
<h2>二、涉嫌侵权商品 Listings (${n.items.length})</h2>
${items}
<h2>三、要求采取的措施 Measures requested</h2>
<ul>${n.measuresRequested.map((m) => `<li>${esc(m.label)}</li>`).join('')}</ul>
<h2>四、声明 Statement</h2>
<p>${esc(n.statement)}</p>
<p class="sign">${esc(n.sender.name)}<br>${fmt(n.sentAt ?? n.createdAt)}</p>
</body></html>`;
}
