/**
 * What a takedown notice carries (shared/FORMATS.md §6, E-Commerce Law arts.
 * 42-45): who sends it, proof of each right, each listing pinpointed, the
 * preliminary evidence with its hashes, the measure requested, and a
 * statement that the notice is true. As JSON and as a printable HTML page.
 */
import type { Db } from '../store/database.js';
import { registerEntries } from '../store/registry.repository.js';
import { itemsOfNotice, type NoticeRow } from '../store/takedown.repository.js';
import { kindLabel, kindOf } from '../kinds/kind.registry.js';
import { drawnFromStoredHtml, type ScreenshotProvenance } from '../domain/evidence.provenance.js';
import { bilingual, zhLabel } from '../domain/vocabulary.js';
import { getNoticeNumber } from '../store/notice-number.repository.js';
import { evidenceFor, evidenceUrl } from './review.service.js';
import { chineseDate, localTime } from './time.format.js';

export const LEGAL_BASIS = '《中华人民共和国电子商务法》第四十二条至第四十五条；《最高人民法院关于审理涉电子商务平台知识产权民事案件的指导意见》（法发〔2020〕32号）';
export const STATEMENT_OF_TRUTH = '本单位保证本通知内容及所附初步证据真实、准确，并对通知内容的真实性负责。 The sender declares that this notice and the preliminary evidence attached are true and accurate, and takes responsibility for them.';

/** How each procedure drew a screenshot, as the notice states it (domain/evidence.provenance.ts); `html`: the source page's SHA-256. */
/** How a screenshot was made, in the notice's words: its procedure (the vocabulary) and the stored page it was drawn from. */
const screenshotMethod = (p: ScreenshotProvenance, html: string | null) =>
  `${zhLabel('screenshotProvenance', p)}${drawnFromStoredHtml(p) ? `，源网页SHA-256：${html}` : ''}`;

/** The notice as a self-contained document. */
export async function noticeContent(db: Db, notice: NoticeRow, publicUrl?: string, contact = '') {
  const items = await itemsOfNotice(db, notice.id);
  const evidence = await evidenceFor(db, items.map((i) => i.captureId));
  const allMatches = items.flatMap((i) => i.matches);
  const register = await registerEntries(db, allMatches);
  const abs = (u: string) => (publicUrl ? new URL(u, publicUrl).toString() : u);

  // Each right once, as its kind's module names, proves and prints it (kinds/<kind>.kind.ts).
  const rights = [...new Map(allMatches.map((m) => [`${m.assetType}:${m.assetId}`, m])).values()].map((m) => {
    const entry = register.get(`${m.assetType}:${m.assetId}`) ?? { id: m.assetId, type: m.assetType };
    const kind = kindOf(m.assetType);
    const base = { assetId: m.assetId, assetType: m.assetType, kind: kindLabel(m.assetType) };
    if (!kind || !register.has(`${m.assetType}:${m.assetId}`)) return { ...base, name: m.assetId, proof: '', fields: [], particulars: '', holder: '' };
    const printed = kind.notice(entry);
    return { ...base, ...printed.extra, name: kind.nameOf(entry), proof: kind.proofOf(entry), fields: kind.fields(entry), particulars: printed.particulars, holder: printed.holder };
  });

  const number = await getNoticeNumber(db, notice.id);
  return {
    ref: notice.ref,
    /** 文号, assigned when the notice is sent; null for a draft. */
    docNo: number?.docNo ?? null,
    title: '关于删除涉嫌侵犯知识产权商品信息的通知 (Notice of suspected IP infringement)',
    state: notice.state,
    sender: { name: notice.sender, kind: 'market-supervision bureau (市场监督管理局)', contact },
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
        // How the screenshot was made: which procedure drew it, and from which stored HTML.
        ...(e.kind === 'screenshot' && e.provenance ? { provenance: e.provenance, method: screenshotMethod(e.provenance, e.renderedFrom) } : {}),
      })),
      infringes: i.matches.map((m) => ({ assetId: m.assetId, assetType: m.assetType, signal: m.signal, score: m.score, evidence: m.evidence })),
      // For kinds whose infringement is a comparison with the right (a patent's claims): the comparison, as the detector stated it.
      patentComparison: i.matches.filter((m) => kindOf(m.assetType)?.quotesComparison).map((m) => m.evidence),
      measureRequested: { code: i.measure, label: bilingual('measure', i.measure) },
      officerReason: i.reason,
      state: i.state,
      reply: i.repliedAt ? { at: i.repliedAt, measureTaken: i.measureTaken, reason: i.replyReason, counterNotice: i.counterNotice } : null,
    })),
    measuresRequested: [...new Set(items.map((i) => i.measure))].map((m) => ({ code: m, label: bilingual('measure', m) })),
    statement: STATEMENT_OF_TRUTH,
  };
}

export type NoticeContent = Awaited<ReturnType<typeof noticeContent>>;

const esc = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const t = (d: Date | string | null | undefined) => (d ? `${localTime(d)}（北京时间）` : '—');

/** Options of the printable notice. */
export interface RenderOptions {
  /** Small images by evidence SHA-256 (data: URIs), printed beside each listing. */
  thumbnails?: Map<string, string>;
  /**
   * Cited files that failed their hash check (notice.integrity.ts): the page
   * then says so at the top and beside each such file, instead of silently
   * printing a hash without its picture.
   */
  integrity?: ReadonlyArray<{ sha256: string; reason: string }>;
}

function rightRow(r: NoticeContent['rights'][number]): string {
  const kind = kindOf(r.assetType);
  return `<tr><td>${esc(kind?.label.zh ?? r.assetType)}</td><td>${esc(r.name)}</td><td>${esc(r.proof)}<br><span class="small">${esc(r.particulars)}</span></td><td>${esc(r.holder)}</td></tr>`;
}

/**
 * The notice as a printable page fit to send (inline CSS, no scripts): 文号,
 * times in Asia/Shanghai, sender and contact, the rights, each listing with
 * evidence thumbnails and hashes, the measures, the statement and a seal area.
 * No internal state words.
 */
export function renderNoticeHtml(n: NoticeContent, opts: RenderOptions = {}): string {
  const failed = new Map((opts.integrity ?? []).map((p) => [p.sha256, p.reason]));
  const badMark = (sha: string | null | undefined) => (sha && failed.has(sha)
    ? ` <strong class="bad" data-test="integrity-failed">【完整性校验失败 integrity check failed：${esc(failed.get(sha))}】</strong>` : '');
  const warning = failed.size
    ? `<div class="integrity" data-test="integrity-warning"><strong>证据完整性警告 Evidence integrity warning</strong>：${failed.size} 个证据文件与其 SHA-256 不符或缺失，本通知不得据此发出。 ${failed.size} cited evidence file(s) fail their SHA-256 check; this notice must not be sent on them.<ul>${[...failed].map(([sha, reason]) => `<li class="mono">${esc(sha)}：${esc(reason)}</li>`).join('')}</ul></div>`
    : '';
  const items = n.items.map((i, k) => {
    const thumbs = i.evidence.filter((e) => e.sha256 && opts.thumbnails?.has(e.sha256))
      .map((e) => `<figure><img src="${esc(opts.thumbnails!.get(e.sha256!))}" alt="${esc(zhLabel('evidenceKind', e.kind))}"><figcaption>${esc(zhLabel('evidenceKind', e.kind))}</figcaption></figure>`).join('');
    return `
    <section class="item">
      <h3>${k + 1}. ${esc(i.listing.title)}</h3>
      <table>
        <tr><th>平台 / 商品编号</th><td>${esc(n.recipient.name)} / ${esc(i.listing.listingId)}</td></tr>
        <tr><th>商品链接</th><td class="mono">${esc(i.listing.url)}</td></tr>
        <tr><th>店铺</th><td>${esc(i.listing.shop.name)}（店铺编号 ${esc(i.listing.shop.id)}）${esc(i.listing.shop.location)}</td></tr>
        <tr><th>取证时间</th><td>${t(i.capture.capturedAt)}；页面内容 SHA-256 <span class="mono">${esc(i.capture.contentSha256)}</span></td></tr>
        <tr><th>侵权依据</th><td><ul>${i.infringes.map((m) => `<li>${esc(kindOf(m.assetType)?.label.zh ?? m.assetType)} ${esc(m.assetId)}（${esc(zhLabel('signal', m.signal))}）：${esc(m.evidence)}</li>`).join('')}</ul></td></tr>
        <tr><th>初步证据</th><td>${thumbs ? `<div class="thumbs">${thumbs}</div>` : ''}<ul>${i.evidence.map((e) => `<li>${esc(zhLabel('evidenceKind', e.kind))}${e.position ? ` 第${e.position + 1}张` : ''}：SHA-256 <span class="mono">${esc(e.sha256)}</span>，${esc(e.bytes)} 字节，${t(e.fetchedAt)}${e.method ? `（${esc(e.method)}）` : ''}${badMark(e.sha256)}</li>`).join('') || '<li>—</li>'}</ul></td></tr>
        <tr><th>要求采取的措施</th><td><strong>${esc(zhLabel('measure', i.measureRequested.code))}</strong></td></tr>
      </table>
    </section>`;
  }).join('');
  const issued = n.sentAt ?? n.createdAt;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(n.docNo ?? n.ref)} 关于删除涉嫌侵犯知识产权商品信息的通知</title>
<style>
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; margin: 0 auto; max-width: 180mm; color: #000; font-size: 11pt; line-height: 1.5; }
  h1 { text-align: center; font-size: 18pt; margin: 8mm 0 2mm; letter-spacing: 2pt; } .docno { text-align: center; margin: 0 0 6mm; }
  h2 { font-size: 13pt; border-bottom: 1px solid #000; margin-top: 6mm; } h3 { font-size: 11.5pt; margin: 4mm 0 1mm; }
  table { border-collapse: collapse; width: 100%; margin: 1mm 0; } th, td { border: 1px solid #444; padding: 3px 5px; vertical-align: top; text-align: left; }
  th { width: 24%; background: #f2f2f2; font-weight: normal; } .mono { font-family: "DejaVu Sans Mono", monospace; word-break: break-all; font-size: 8.5pt; }
  .small { font-size: 9pt; color: #333; } ul { margin: 0; padding-left: 1.2em; }
  .item { break-inside: avoid; } .thumbs { display: flex; gap: 3mm; flex-wrap: wrap; margin-bottom: 2mm; }
  .thumbs figure { margin: 0; } .thumbs img { max-width: 45mm; max-height: 35mm; border: 1px solid #999; display: block; } figcaption { font-size: 8pt; text-align: center; }
  .sign { margin-top: 10mm; display: flex; justify-content: flex-end; }
  .seal { position: relative; text-align: center; min-width: 70mm; padding-top: 4mm; }
  .seal .stamp { position: absolute; left: 50%; top: -14mm; transform: translateX(-50%); width: 40mm; height: 40mm; border: 1px dashed #b00; border-radius: 50%;
    color: #b00; font-size: 9pt; display: flex; align-items: center; justify-content: center; opacity: .8; }
  .integrity { border: 2px solid #b00; color: #b00; padding: 2mm 3mm; margin: 3mm 0; } .bad { color: #b00; }
  .contact { margin-top: 6mm; font-size: 10pt; border-top: 1px solid #999; padding-top: 2mm; }
</style></head><body>
<h1>关于删除涉嫌侵犯知识产权商品信息的通知</h1>
<p class="docno" data-test="doc-no">${esc(n.docNo ?? '文号：发出时编号')}</p>
${warning}
<p><strong>${esc(n.recipient.name)}</strong>：</p>
<p>　　经网络监测，你平台下列商品信息涉嫌侵犯他人知识产权。根据${esc(n.legalBasis)}，现将有关情况通知如下，请于${n.deadlineAt ? `<strong>${t(n.deadlineAt)}</strong>前` : '收到本通知后及时'}采取必要措施，并将处理结果反馈本局。</p>
<h2>一、权利依据</h2>
<table><tr><th>类型</th><th>名称</th><th>权利证明</th><th>权利人</th></tr>${n.rights.map(rightRow).join('')}</table>
<h2>二、涉嫌侵权商品（共${n.items.length}条）</h2>
${items}
<h2>三、要求采取的措施</h2>
<ul>${n.measuresRequested.map((m) => `<li>${esc(zhLabel('measure', m.code))}</li>`).join('')}</ul>
<h2>四、声明</h2>
<p>${esc(n.statement.split(' The sender')[0])}</p>
<div class="sign"><div class="seal" data-test="seal"><div class="stamp">（盖章）</div>
  <p><strong>${esc(n.sender.name)}</strong></p><p data-test="issued">${esc(chineseDate(issued))}</p></div></div>
<p class="contact" data-test="contact">发件单位：${esc(n.sender.name)}　${esc(n.sender.contact)}<br>发出时间：${t(n.sentAt)}　处理期限：${t(n.deadlineAt)}</p>
</body></html>`;
}
