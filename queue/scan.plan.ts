/**
 * What a run searches and captures: the campaign's (or the whole register's)
 * keywords, its platforms, item URLs and depth, resolved and checked once.
 * Used when a run is started by hand (to refuse bad input before a run row
 * exists) and again by the start-scan job (so a campaign edit applies to its
 * next scheduled run).
 */
import type { Registry } from '../domain/registry.schema.js';
import { invalid, notFound } from '../domain/errors.js';
import { entryIds, pickEntries, searchKeywords } from '../kinds/kind.registry.js';
import type { StartScanJob } from './jobs.js';

/** A listing named by its item URL. */
export interface SeedListing { platform: string; listingId: string; url: string }

/** What the planner needs of the platforms' configuration. */
export interface PlatformCatalog {
  /** Ids of the enabled platforms. */
  enabled(): string[];
  /** The enabled platform whose item URL this is, with the listing id read from it (`listingIdFromUrl`). */
  listingOf(url: string): SeedListing | undefined;
}

/** A campaign as the planner reads it (the store's `Campaign` is one). */
export interface PlannedCampaign {
  id: number; name: string; enabled: boolean;
  /** Register entry ids; null = the whole register. */
  assetIds: string[] | null;
  platforms: string[]; keywords: string[]; urls: string[]; depth: number | null;
}

/** Where a plan's campaign and register come from: the store's repositories, bound to the database in app/pipeline.wiring.ts. */
export interface ScanPlanSources {
  getCampaign(id: number): Promise<PlannedCampaign | undefined>;
  loadRegistry(): Promise<Registry>;
}

/** A run's resolved work. */
export interface ScanPlan {
  campaign?: PlannedCampaign;
  platforms: string[];
  keywords: string[];
  seeds: SeedListing[];
  /** Result pages per keyword and platform; undefined = the config's default. */
  depth?: number;
}

/** The register's search names for these entries (all entries when `assetIds` is null). */
export function keywordsFor(reg: Registry, assetIds: readonly string[] | null): string[] {
  if (!assetIds) return searchKeywords(reg);
  return searchKeywords(pickEntries(reg, new Set(assetIds)));
}

/** Checks platform ids (`*` = every enabled one); an unknown id is refused with the valid ones listed. */
export function resolvePlatforms(catalog: PlatformCatalog, wanted: readonly string[]): string[] {
  const enabled = catalog.enabled();
  if (!wanted.length || wanted.includes('*')) return enabled;
  const bad = wanted.filter((p) => !enabled.includes(p));
  if (bad.length) throw invalid(`unknown platform ${bad.join(', ')}; valid: ${enabled.join(', ')}`, bad.map((p) => ({ where: 'body', field: 'platforms', message: `unknown platform ${p}` })));
  return [...new Set(wanted)];
}

/** Reads every URL as a listing of an enabled platform; a URL of no known platform is refused. */
export function resolveUrls(catalog: PlatformCatalog, urls: readonly string[]): SeedListing[] {
  const out: SeedListing[] = [];
  const bad: string[] = [];
  for (const url of urls) {
    const s = catalog.listingOf(url);
    if (s) out.push(s); else bad.push(url);
  }
  if (bad.length) {
    throw invalid(`not an item URL of an enabled platform (${catalog.enabled().join(', ')}): ${bad.join(', ')}`,
      bad.map((u) => ({ where: 'body', field: 'urls', message: `not an item URL of an enabled platform: ${u}` })));
  }
  return out;
}

/** Checks register entry ids against the imported register. */
export function checkAssetIds(reg: Registry, assetIds: readonly string[]): void {
  const known = new Set(entryIds(reg));
  const bad = assetIds.filter((id) => !known.has(id));
  if (bad.length) {
    const sample = [...known].slice(0, 20).join(', ');
    throw invalid(`unknown register entr${bad.length > 1 ? 'ies' : 'y'} ${bad.join(', ')}; known: ${sample}${known.size > 20 ? ', …' : ''}`);
  }
}

/** Resolves a start-scan job into its work. Throws DomainError (invalid / not_found) on bad input. */
export async function planScan(sources: ScanPlanSources, catalog: PlatformCatalog, job: Pick<StartScanJob, 'platforms' | 'campaignId' | 'urls' | 'keywords' | 'depth' | 'urlsOnly'>): Promise<ScanPlan> {
  const campaign = job.campaignId ? await sources.getCampaign(job.campaignId) : undefined;
  if (job.campaignId && !campaign) throw notFound(`campaign ${job.campaignId}`);
  const all = resolveUrls(catalog, [...new Set([...(campaign?.urls ?? []), ...(job.urls ?? [])])]);
  // A URLs-only run without platforms named covers the URLs' platforms.
  const defaultPlatforms = job.urlsOnly && !campaign ? [...new Set(all.map((s) => s.platform))] : (campaign?.platforms ?? ['*']);
  const platforms = resolvePlatforms(catalog, job.platforms.length ? job.platforms : defaultPlatforms);
  const seeds = all.filter((s) => platforms.includes(s.platform));
  let keywords: string[] = [];
  if (!job.urlsOnly) {
    const registryNames = keywordsFor(await sources.loadRegistry(), campaign?.assetIds ?? null);
    keywords = [...new Set([...registryNames, ...(campaign?.keywords ?? []), ...(job.keywords ?? [])])];
  }
  return { campaign, platforms, keywords, seeds, depth: job.depth ?? campaign?.depth ?? undefined };
}
