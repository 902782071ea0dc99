/**
 * A platform adapter as configuration: how to search it, page through results
 * and read an item. Adding a platform means adding one JSON file in
 * `config/platforms/`; the crawler has no platform-specific code.
 *
 * Templates: `{keyword}` (URL-encoded), `{page}`, `{offset}`, `{id}`.
 */
import { z } from 'zod';

/** Where one field is read from: a CSS selector (HTML) or a dotted JSON path. */
export const fieldSourceSchema = z.object({
  /** CSS selector; the first match is read (all matches when `all`). */
  selector: z.string().optional(),
  /** Dotted JSON path, e.g. `data.item.title` or `data.item.images`. */
  path: z.string().optional(),
  /** Attribute to read instead of the text (e.g. `src`, `data-src`, `href`, `content`). */
  attr: z.string().optional(),
  /** Several attributes to try in order (first non-empty wins). */
  attrs: z.array(z.string()).optional(),
  /** Read every match as a list. */
  all: z.boolean().default(false),
  /** Regex applied to the value; the first group (or whole match) is kept. */
  pattern: z.string().optional(),
}).strict().refine((f) => Boolean(f.selector) !== Boolean(f.path), { message: 'give exactly one of selector or path' });
export type FieldSource = z.infer<typeof fieldSourceSchema>;

const attributesSourceSchema = z.object({
  /** HTML: selector of one attribute row; JSON: path of the array of attributes. */
  rows: z.string(),
  /** Selector (HTML) or key (JSON) of the attribute name within a row. */
  name: z.string(),
  /** Selector (HTML) or key (JSON) of the attribute value within a row. */
  value: z.string(),
}).strict();

/** Steps a browser takes before reading a page (client-rendered platforms). */
const browserStepsSchema = z.object({
  /** Wait until this selector is present. */
  waitFor: z.string().optional(),
  /** Scroll to the bottom repeatedly (infinite scroll, lazy images). */
  scroll: z.boolean().default(false),
  /** Stop scrolling when this selector is present (end-of-results marker). */
  scrollUntil: z.string().optional(),
  /** At most this many scroll steps. */
  maxScrolls: z.number().int().min(1).max(200).default(20),
  /** Pause after each scroll step, ms. */
  scrollPauseMs: z.number().int().min(0).max(10_000).default(150),
}).strict();

const limitsSchema = z.object({
  /** Requests in flight to this host at once (per worker process). */
  concurrency: z.number().int().min(1).max(64).default(4),
  /** Request starts per second to this host (per worker process). */
  requestsPerSecond: z.number().positive().max(1000).default(5),
  timeoutMs: z.number().int().min(100).max(300_000).default(20_000),
  /** Hard cap on an HTML/JSON response. */
  maxPageBytes: z.number().int().min(1024).default(5 * 1024 * 1024),
  /** Hard cap on one image. */
  maxImageBytes: z.number().int().min(1024).default(10 * 1024 * 1024),
  maxRedirects: z.number().int().min(0).max(20).default(5),
  /** Attempts for timeouts and 5xx before the item fails. */
  retries: z.number().int().min(0).max(10).default(3),
}).strict();

/**
 * What evidence a capture keeps, and at what cost. HTML as served, the record
 * and every hash are always kept. The screenshot is the costly part:
 * `always` takes it for every listing (in the same page load as the HTML when
 * the platform is crawled in the browser); `suspect` only for listings the
 * detector flags, drawn from the exact stored HTML and images (no second
 * request); `never` keeps none. The choice is stated in the notice's evidence list.
 */
const evidenceSchema = z.object({
  screenshot: z.enum(['always', 'suspect', 'never']).default('suspect'),
  /** JPEG is about a tenth of PNG for a product page; PNG where the rules ask for lossless. */
  format: z.enum(['jpeg', 'png']).default('jpeg'),
  quality: z.number().int().min(30).max(100).default(80),
  fullPage: z.boolean().default(true),
}).strict();

export const platformSchema = z.object({
  /** Stable id, used in listings (`platform` field) and job ids. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'lowercase letters, digits and dashes'),
  name: z.string().min(1),
  enabled: z.boolean().default(true),
  /** `http`: plain HTTP + HTML/JSON parsing (fast). `browser`: Playwright (pages that need script). */
  fetchMode: z.enum(['http', 'browser']),
  baseUrl: z.string().url(),
  /** Allow private, loopback and link-local addresses (only for local/demo platforms). */
  allowPrivateNetwork: z.boolean().default(false),
  currency: z.string().default('CNY'),
  search: z.object({
    /** Search URL template, relative to baseUrl; `{keyword}`, `{page}`, `{offset}`. */
    url: z.string().min(1),
    format: z.enum(['html', 'json']).default('html'),
    firstPage: z.number().int().min(0).default(1),
    pageSize: z.number().int().min(1).default(10),
    /** How results continue: a next-page link, a JSON flag, or infinite scroll on one page. */
    pagination: z.discriminatedUnion('type', [
      z.object({ type: z.literal('link'), selector: z.string() }).strict(),
      z.object({ type: z.literal('json'), hasMorePath: z.string() }).strict(),
      z.object({ type: z.literal('scroll') }).strict(),
      z.object({ type: z.literal('none') }).strict(),
    ]),
    /** HTML: selector of one result; JSON: path of the results array. */
    items: z.string().min(1),
    /** Within a result: the item link (HTML) or id field (JSON). */
    link: fieldSourceSchema.optional(),
    id: fieldSourceSchema.optional(),
    steps: browserStepsSchema.optional(),
  }).strict(),
  item: z.object({
    /** Canonical item page URL template (`{id}`), cited as the listing URL and screenshotted. */
    url: z.string().min(1),
    /** For JSON-backed items: the API URL template the fields are read from. */
    apiUrl: z.string().optional(),
    format: z.enum(['html', 'json']).default('html'),
    /** Regex over the item URL whose first group is the listing id. */
    idPattern: z.string().min(1),
    fields: z.object({
      title: fieldSourceSchema,
      price: fieldSourceSchema.optional(),
      description: fieldSourceSchema.optional(),
      shopId: fieldSourceSchema.optional(),
      shopName: fieldSourceSchema.optional(),
      shopLocation: fieldSourceSchema.optional(),
      images: fieldSourceSchema.optional(),
      attributes: attributesSourceSchema.optional(),
    }).strict(),
    /** HTTP statuses that mean the listing is gone (delisted). */
    goneStatus: z.array(z.number().int()).default([404, 410]),
    /** A selector (HTML) or JSON path whose presence means the listing is gone. */
    goneMarker: z.string().optional(),
    steps: browserStepsSchema.optional(),
    /** Take a full-page screenshot of the item page as evidence (needs the browser). */
    screenshot: z.boolean().default(true),
  }).strict(),
  limits: limitsSchema.default(limitsSchema.parse({})),
  evidence: evidenceSchema.prefault({}),
}).strict();

export type PlatformConfig = z.infer<typeof platformSchema>;
export type EvidencePolicy = z.infer<typeof evidenceSchema>;
export type BrowserSteps = z.infer<typeof browserStepsSchema>;
