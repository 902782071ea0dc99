/**
 * Exports of the officer's desk: the review queue (as filtered), decisions and
 * notices, with names (platform, right, officer) and Chinese labels, not ids.
 */
import { kindLabel } from '../kinds/kind.registry.js';
import { kindZh } from '../kinds/kind.vocabulary.js';
import type { Db } from '../store/database.js';
import { listAccounts } from '../store/account.repository.js';
import { listAssets, listDecisions, listPlatforms } from '../store/review.repository.js';
import { listQueuePage, type QueueFilter } from '../store/review-queue.repository.js';
import { listNotices, type NoticeFilter } from '../store/takedown.repository.js';
import { noticeNumbers } from '../store/notice-number.repository.js';
import { bilingual, zhLabel } from '../domain/vocabulary.js';
import { localTime } from './time.format.js';
import type { ExportTable } from './table.export.js';

/** At most this many rows go into one export. */
export const EXPORT_MAX = 10_000;

async function names(db: Db) {
  const [platforms, assets, accounts] = await Promise.all([listPlatforms(db), listAssets(db), listAccounts(db)]);
  return {
    platform: new Map(platforms.map((p) => [p.id, p.name])),
    asset: new Map(assets.map((a) => [`${a.assetType}:${a.id}`, `${a.name}（${a.reference}）`])),
    account: new Map(accounts.map((a) => [a.username, a.displayName || a.username])),
  };
}

export async function queueExport(db: Db, f: Omit<QueueFilter, 'limit' | 'offset'>): Promise<ExportTable> {
  const items = await listQueuePage(db, { ...f, limit: EXPORT_MAX, offset: 0 });
  return {
    title: '待审核队列 Review queue',
    columns: [
      { header: '分数 Score', width: 8 }, { header: '平台 Platform' }, { header: '商品编号 Listing id' }, { header: '商品标题 Title', width: 40 },
      { header: '店铺 Shop', width: 20 }, { header: '所在地 Location', width: 20 }, { header: '价格 Price', width: 10 },
      { header: '涉及权利 Rights', width: 40 }, { header: '检测信号 Signals', width: 30 }, { header: '取证时间 Captured (北京时间)', width: 18 },
      { header: '链接 URL', width: 40 },
    ],
    rows: items.map((i) => [
      Number(i.score.toFixed(2)), i.platformName, i.platformListingId, i.title, i.shopName, i.shopLocation, i.price,
      i.matches.map((m) => `${kindZh(m.assetType)}：${m.assetName ?? m.assetId}${m.reference ? `（${m.reference}）` : ''}`).join('；'),
      [...new Set(i.matches.map((m) => zhLabel('signal', m.signal)))].join('、'),
      localTime(i.capturedAt), i.url,
    ]),
  };
}

export async function decisionsExport(db: Db, f: { decision?: 'confirm' | 'dismiss'; platform?: string }): Promise<ExportTable> {
  const [{ decisions }, n] = await Promise.all([listDecisions(db, { ...f, limit: EXPORT_MAX, offset: 0 }), names(db)]);
  return {
    title: '审核决定 Decisions',
    columns: [
      { header: '决定时间 Decided (北京时间)', width: 18 }, { header: '决定 Decision', width: 14 }, { header: '审核人 Officer', width: 12 },
      { header: '平台 Platform' }, { header: '商品标题 Title', width: 40 }, { header: '店铺 Shop', width: 20 },
      { header: '权利 Right', width: 30 }, { header: '类型 IP type', width: 12 }, { header: '分数 Score', width: 8 },
      { header: '理由 Reason', width: 40 }, { header: '要求措施 Measure', width: 20 }, { header: '已通知 In a notice', width: 10 },
      { header: '已立案 Case', width: 8 }, { header: '链接 URL', width: 40 },
    ],
    rows: decisions.map((d) => [
      localTime(d.decidedAt), bilingual('decision', d.decision), n.account.get(d.decidedByUsername) ?? d.decidedByUsername,
      n.platform.get(d.platform) ?? d.platform, d.title, d.shopName,
      n.asset.get(`${d.assetType}:${d.assetId}`) ?? d.assetId, kindLabel(d.assetType), Number(Number(d.score).toFixed(2)),
      d.reason, bilingual('measure', d.measure), d.noticeItemId ? '是 yes' : '否 no',
      d.caseId ? '是 yes' : '否 no', d.url,
    ]),
  };
}

export async function noticesExport(db: Db, f: Omit<NoticeFilter, 'limit' | 'offset'>): Promise<ExportTable> {
  const { notices } = await listNotices(db, { ...f, limit: EXPORT_MAX, offset: 0 });
  const docNos = await noticeNumbers(db, notices.map((x) => x.id));
  return {
    title: '通知 Notices',
    columns: [
      { header: '文号 Document no.', width: 26 }, { header: '平台 Platform' }, { header: '状态 State', width: 12 },
      { header: '条目 Items', width: 40 }, { header: '发件单位 Sender', width: 24 }, { header: '制作时间 Created', width: 18 },
      { header: '发出时间 Sent', width: 18 }, { header: '期限 Deadline', width: 18 }, { header: '首次答复 First reply', width: 18 },
    ],
    rows: notices.map((x) => [
      docNos.get(x.id) ?? `（未发出 not sent）${x.ref}`, x.platformName, bilingual('noticeState', x.state),
      Object.entries(x.itemCounts).map(([k, v]) => `${zhLabel('itemState', k)} ${v}`).join('；'),
      x.sender, localTime(x.createdAt), localTime(x.sentAt), localTime(x.deadlineAt), localTime(x.firstReplyAt),
    ]),
  };
}
