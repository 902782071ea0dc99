/**
 * The demo's stand-ins for people: an officer who reviews the queue (judging
 * by the marketplace's ground truth, as a careful officer would) and platform
 * staff who answer notices. They use the real HTTP API, as people would.
 */
import type { DemoPlatform } from '../demo/marketplace/catalog.types.js';
import type { MarketplaceServer } from '../demo/marketplace/marketplace.server.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export class ApiClient {
  private token = '';
  constructor(private readonly base: string) {}

  async login(username: string, password: string): Promise<this> {
    const res = await this.call('POST', '/api/auth/login', { username, password });
    this.token = res.token;
    return this;
  }

  async call(method: string, path: string, body?: unknown): Promise<Json> {
    const res = await fetch(new URL(path, this.base), {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> HTTP ${res.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : {};
  }
}

export interface OfficerOutcome { confirmed: number; dismissed: number; measures: Record<string, number> }

/** Works the review queue: confirm what the ground truth calls infringing, dismiss the rest, with reasons. */
export async function officerReviews(api: ApiClient, market: MarketplaceServer): Promise<OfficerOutcome> {
  const truth = new Map(market.catalog.listings.map((l) => [`${l.platform}/${l.listingId}`, l]));
  const out: OfficerOutcome = { confirmed: 0, dismissed: 0, measures: {} };
  const shopsStopped = new Set<string>();
  let siteBlocked = false;
  for (;;) {
    const page = await api.call('GET', '/api/review/queue?limit=200');
    const items: Json[] = page.items ?? page.rows ?? [];
    if (!items.length) break;
    for (const row of items) {
      const l = truth.get(`${row.platform}/${row.platformListingId}`);
      if (l?.truth.suspect) {
        // A shop with several confirmed listings gets its service stopped once; one site is asked to be blocked.
        const sameShop = market.catalog.listings.filter((x) => x.platform === l.platform && x.shop.id === l.shop.id && x.truth.suspect).length;
        let measure = 'delete_listing';
        if (sameShop >= 2 && !shopsStopped.has(`${l.platform}/${l.shop.id}`)) { measure = 'stop_shop'; shopsStopped.add(`${l.platform}/${l.shop.id}`); }
        else if (!siteBlocked && l.platform === 'demo-shop') { measure = 'block_site'; siteBlocked = true; }
        await api.call('POST', `/api/review/listings/${row.listingId}/decision`, { decision: 'confirm', reason: `演示核查：${l.truth.note}`, measure });
        out.confirmed++;
        out.measures[measure] = (out.measures[measure] ?? 0) + 1;
      } else {
        await api.call('POST', `/api/review/listings/${row.listingId}/decision`, { decision: 'dismiss', reason: `演示核查：不构成侵权（${l?.truth.note ?? '未知商品'}）` });
        out.dismissed++;
      }
    }
  }
  return out;
}

export interface PlatformOutcome { delisted: number; refused: number; countered: number; delistedIds: string[] }

/**
 * A platform answers its notices: it delists most items (and they disappear
 * from the marketplace), refuses one with a reason, and forwards one seller's
 * counter-notice.
 */
export async function platformAnswers(api: ApiClient, market: MarketplaceServer, platform: string): Promise<PlatformOutcome> {
  const out: PlatformOutcome = { delisted: 0, refused: 0, countered: 0, delistedIds: [] };
  const list = await api.call('GET', `/api/notices?state=sent`);
  for (const n of (list.items ?? list.notices ?? []) as Json[]) {
    const detail = await api.call('GET', `/api/notices/${n.id}`);
    const items: Json[] = detail.items ?? detail.notice?.items ?? [];
    // One refusal and (on demo-shop) one counter-notice, on plain delete requests; the rest delisted.
    const plain = items.filter((it) => it.measure === 'delete_listing');
    const refuse = items.length > 3 ? plain[0] : undefined;
    const counter = items.length > 3 && platform === 'demo-shop' ? plain[1] : undefined;
    for (const item of items) {
      if (item === refuse) {
        await api.call('POST', `/api/notices/${n.id}/replies`, { action: 'refused', itemIds: [item.id], reason: '经核实该商品有品牌授权链路，暂不删除' });
        out.refused++;
      } else if (item === counter) {
        await api.call('POST', `/api/notices/${n.id}/replies`, {
          action: 'counter_notice', itemIds: [item.id],
          counterNotice: { statement: '本店商品为正品，不侵犯任何权利', evidence: '进货发票及授权书（演示）', sellerName: item.shopName ?? '卖家' },
        });
        out.countered++;
      } else {
        await api.call('POST', `/api/notices/${n.id}/replies`, { action: 'delisted', itemIds: [item.id], measureTaken: item.measure });
        market.delist((item.platform ?? platform) as DemoPlatform, item.platformListingId);
        out.delisted++;
        out.delistedIds.push(item.platformListingId);
      }
    }
  }
  return out;
}

/** The officer answers what the platforms pushed back: a refusal is escalated to a case (立案查办), a counter-notice accepted. */
export async function officerResolves(api: ApiClient): Promise<{ escalated: number; withdrawn: number }> {
  const out = { escalated: 0, withdrawn: 0 };
  for (const state of ['answered', 'overdue']) {
    const list = await api.call('GET', `/api/notices?state=${state}`);
    for (const n of (list.notices ?? []) as Json[]) {
      const { items } = await api.call('GET', `/api/notices/${n.id}`);
      for (const item of items as Json[]) {
        if (item.state === 'refused') {
          await api.call('POST', `/api/notices/${n.id}/items/${item.id}/resolve`, { outcome: 'escalate', reason: '平台拒绝删除，转立案查办' });
          out.escalated++;
        } else if (item.state === 'countered') {
          await api.call('POST', `/api/notices/${n.id}/items/${item.id}/resolve`, { outcome: 'withdraw', reason: '卖家不侵权声明证据充分，撤回通知' });
          out.withdrawn++;
        }
      }
    }
  }
  return out;
}
