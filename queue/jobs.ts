/**
 * Every queue, job name and payload type of the pipeline, in one place.
 * Payloads carry ids, never HTML or images; job ids are deterministic so a
 * re-delivered or re-enqueued job never duplicates work.
 *
 *   scan ──► search ──► listing ──► detect ──► [evidence] ──► (review queue in Postgres)
 *     ▲  start-scan   search-page  capture-listing  detect-capture  render-evidence (flagged only)
 *     └──── finish-scan (when the run's last item is done)
 */
import { createHash } from 'node:crypto';

export const QueueName = {
  Scan: 'scan',
  Search: 'search',
  Listing: 'listing',
  Detect: 'detect',
  Evidence: 'evidence',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  StartScan: 'start-scan',
  FinishScan: 'finish-scan',
  SearchPage: 'search-page',
  CaptureListing: 'capture-listing',
  DetectCapture: 'detect-capture',
  RenderEvidence: 'render-evidence',
  /** Daily retention on the scan queue, only from its job scheduler (app/retention.scheduler.ts); no payload but the install stamp. */
  PruneRuns: 'prune-runs',
} as const;

/**
 * Every job of a run names it twice: `runId`, the row in Postgres, and
 * `runKey`, the run's UUID. Job ids are built from the UUID, so a fresh or
 * restored database under the same queue prefix never collides with jobs of
 * another database's run still kept in Redis.
 */
export interface RunRef extends InstallStamp { runId: number; runKey: string }

/**
 * The install (database) a job belongs to, stamped on every job by
 * `Queues` (store/install.repository.ts: the id migration 0016 made, with the
 * database's name). Two installs on one Redis queue prefix see each other's
 * jobs; a worker refuses (fails without retry) a job whose stamp is not its
 * own database's, before anything is read or written.
 */
export interface InstallStamp { install?: string }

/** Why a worker refuses a job of another install (the job's failed reason). */
export function foreignJobMessage(jobId: string | undefined, theirs: string | undefined, own: string): string {
  return `job ${jobId ?? '?'} belongs to install ${theirs ?? '(none: queued by an older version or without an install identity)'}, `
    + `not to this worker's database (${own}): refused, nothing read or written. Give each install its own queue prefix (queuePrefix / IPWATCH_QUEUE_PREFIX).`;
}

/** What started a run. */
export type RunTrigger = 'manual' | 'schedule' | 'demo';

/**
 * Starts a scan run (from the CLI, the API or a campaign's job scheduler).
 * `runId`/`runKey` are set when the run row already exists (a manual start
 * creates it first, so it can report a failed start). A scheduled job carries
 * only `campaignId`: the campaign's keywords, platforms, URLs and depth are
 * read when the job runs, so an edit applies to the next run.
 */
export interface StartScanJob extends InstallStamp {
  runId?: number; runKey?: string;
  /** Platform ids or `['*']`; empty with a campaign = the campaign's platforms. */
  platforms: string[];
  trigger: RunTrigger;
  /** Name of a config schedule (`schedule` command) that started it. */
  schedule?: string;
  /** The campaign the run belongs to (its register entries, keywords, platforms, URLs, depth). */
  campaignId?: number;
  /** Item URLs to capture and judge in this run (source `seed`), besides the campaign's. */
  urls?: string[];
  /** Extra keywords to search, besides the register's (or the campaign's). */
  keywords?: string[];
  /** Skip the search phase: capture only the given URLs and the known listings. */
  urlsOnly?: boolean;
  /** Result pages per keyword and platform (default: the campaign's, then the config's). */
  depth?: number;
}
/** Closes a run: marks delistings confirmed, notices overdue, and writes the run's figures. */
export interface FinishScanJob extends RunRef {}
/** One results page of one keyword on one platform; `depth` caps the pages of the run (default: the config's). */
export interface SearchPageJob extends RunRef { platform: string; keyword: string; page: number; depth?: number }
/** Capture (or re-capture) one listing, by its row id. */
export interface CaptureListingJob extends RunRef { listingId: number }
/** Run the detector on one capture. */
export interface DetectCaptureJob extends RunRef { captureId: number; listingId: number }
/** Draw the screenshot of a flagged capture from its stored HTML and images (evidence policy `suspect`). */
export interface RenderEvidenceJob extends RunRef { captureId: number; listingId: number }

export interface JobMap {
  [JobName.StartScan]: StartScanJob;
  [JobName.FinishScan]: FinishScanJob;
  [JobName.SearchPage]: SearchPageJob;
  [JobName.CaptureListing]: CaptureListingJob;
  [JobName.DetectCapture]: DetectCaptureJob;
  [JobName.RenderEvidence]: RenderEvidenceJob;
}
export type AnyJobName = keyof JobMap;

/** Which queue carries which job. */
export const QUEUE_OF: { [N in AnyJobName]: QueueName } = {
  [JobName.StartScan]: QueueName.Scan,
  [JobName.FinishScan]: QueueName.Scan,
  [JobName.SearchPage]: QueueName.Search,
  [JobName.CaptureListing]: QueueName.Listing,
  [JobName.DetectCapture]: QueueName.Detect,
  [JobName.RenderEvidence]: QueueName.Evidence,
};

const short = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 12);

/** Deterministic job ids (BullMQ forbids ':' in custom ids). */
export const jobId = {
  startScan: (d: StartScanJob) => (d.runKey ? `start-${d.runKey}` : undefined),
  finishScan: (d: FinishScanJob) => `finish-${d.runKey}`,
  searchPage: (d: SearchPageJob) => `search-${d.runKey}-${d.platform}-${short(d.keyword)}-${d.page}`,
  captureListing: (d: CaptureListingJob) => `capture-${d.runKey}-${d.listingId}`,
  detectCapture: (d: DetectCaptureJob) => `detect-${d.runKey}-${d.captureId}`,
  renderEvidence: (d: RenderEvidenceJob) => `render-${d.runKey}-${d.captureId}`,
};
