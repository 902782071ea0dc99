/**
 * Campaigns: what a bureau scans, where, and when (migration 0005). The
 * schedule itself lives in BullMQ (one job scheduler per campaign, see
 * app/campaign.scheduler.ts); this table is its source of truth.
 */
import type { Queryable } from './database.js';

/** A campaign as the services and the API see it. */
export interface Campaign {
  id: number;
  /** Unique slug (`[a-z0-9-]`), used on the command line. */
  name: string;
  description: string;
  /** Register entry ids; null = the whole register. */
  assetIds: string[] | null;
  /** Platform ids, or `['*']` for every enabled platform. */
  platforms: string[];
  /** Searched in addition to the names of the chosen register entries. */
  keywords: string[];
  /** Item URLs captured and judged in every run (source `seed`). */
  urls: string[];
  /** Result pages per keyword and platform; null = the config's default. */
  depth: number | null;
  /** Cron pattern (five fields, or six with seconds first); null = only on demand. */
  cron: string | null;
  /** IANA time zone of the cron pattern. */
  timezone: string;
  /** False = paused: the schedule is removed, "run now" still works. */
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The fields a caller sets (all but name optional on update). */
export type CampaignInput = Pick<Campaign, 'name'> & Partial<Omit<Campaign, 'id' | 'name' | 'createdAt' | 'updatedAt'>>;

const COLUMNS = `id, name, description, asset_ids AS "assetIds", platforms, keywords, urls, depth, cron, timezone, enabled,
  created_at AS "createdAt", updated_at AS "updatedAt"`;

export async function insertCampaign(db: Queryable, c: CampaignInput, createdBy: number | null = null): Promise<Campaign> {
  const { rows } = await db.query<Campaign>(
    `INSERT INTO campaigns (name, description, asset_ids, platforms, keywords, urls, depth, cron, timezone, enabled, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
    [c.name, c.description ?? '', c.assetIds ?? null, c.platforms ?? ['*'], c.keywords ?? [], c.urls ?? [], c.depth ?? null,
      c.cron ?? null, c.timezone ?? 'Asia/Shanghai', c.enabled ?? true, createdBy]);
  return rows[0];
}

/** Sets the given fields; `undefined` leaves a field as it is, `null` clears a nullable one. */
export async function updateCampaign(db: Queryable, id: number, patch: Partial<Omit<Campaign, 'id' | 'createdAt' | 'updatedAt'>>): Promise<Campaign | undefined> {
  const cols: Record<keyof typeof patch, string> = {
    name: 'name', description: 'description', assetIds: 'asset_ids', platforms: 'platforms', keywords: 'keywords', urls: 'urls',
    depth: 'depth', cron: 'cron', timezone: 'timezone', enabled: 'enabled',
  };
  const sets: string[] = [];
  const values: unknown[] = [id];
  for (const [key, col] of Object.entries(cols) as Array<[keyof typeof patch, string]>) {
    if (patch[key] === undefined) continue;
    values.push(patch[key]);
    sets.push(`${col} = $${values.length}`);
  }
  const { rows } = await db.query<Campaign>(
    `UPDATE campaigns SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`, values);
  return rows[0];
}

export async function getCampaign(db: Queryable, id: number): Promise<Campaign | undefined> {
  const { rows } = await db.query<Campaign>(`SELECT ${COLUMNS} FROM campaigns WHERE id = $1`, [id]);
  return rows[0];
}

export async function campaignByName(db: Queryable, name: string): Promise<Campaign | undefined> {
  const { rows } = await db.query<Campaign>(`SELECT ${COLUMNS} FROM campaigns WHERE name = $1`, [name]);
  return rows[0];
}

export async function listCampaigns(db: Queryable): Promise<Campaign[]> {
  const { rows } = await db.query<Campaign>(`SELECT ${COLUMNS} FROM campaigns ORDER BY name`);
  return rows;
}

/** Deletes the campaign; its runs stay, with `campaign_id` cleared. */
export async function deleteCampaign(db: Queryable, id: number): Promise<boolean> {
  const r = await db.query('DELETE FROM campaigns WHERE id = $1', [id]);
  return r.rowCount === 1;
}

/** The campaign's run in progress, if any (the campaign lock is a unique index on running runs). */
export async function runningRunOf(db: Queryable, campaignId: number): Promise<{ id: number; uuid: string } | undefined> {
  const { rows } = await db.query<{ id: number; uuid: string }>(
    `SELECT id, uuid FROM scan_runs WHERE campaign_id = $1 AND status = 'running'`, [campaignId]);
  return rows[0];
}
