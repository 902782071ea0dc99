/**
 * A platform adapter as configuration: how to search it, page through results
 * and read an item. Adding a platform means adding one JSON file in
 * `config/platforms/`; the crawler has no platform-specific code.
 *
 * Templates: `{keyword}` (URL-encoded), `{page}`, `{offset}`, `{id}`.
 */
import { z } from 'zod';

/** Regex replacements applied to a value, in order (`with` may use `$1`). */
const replaceSchema = z.array(z.object({ pattern: z.string(), with: z.string().default('') }).strict());

/**
 * Where one field is read from: a CSS selector (HTML), a dotted JSON path, or
 * several paths joined. `from` names the document: `page` (default), an
 * embedded script (`scripts`) or an extra source (`item.sources`).
 */
export const fieldSourceSchema = z.object({
  /** The document to read: `page`, the name of an embedded script, or of an extra source. */
  from: z.string().optional(),
  /** CSS selector; the first match is read (all matches when `all`). */
  selector: z.string().optional(),
  /** Dotted JSON path, e.g. `data.item.title` or `data.item.images`. */
  path: z.string().optional(),
  /** Several JSON paths whose values are joined with `join` (e.g. province and country). */
  paths: z.array(z.string()).min(1).optional(),
  /** Separator for `paths`, and for `all` matches when set. */
  join: z.string().optional(),
  /** Attribute to read instead of the text (e.g. `src`, `data-src`, `href`, `content`). */
  attr: z.string().optional(),
  /** Several attributes to try in order (first non-empty wins). */
  attrs: z.array(z.string()).optional(),
  /** Read every match as a list. */
  all: z.boolean().default(false),
  /** Replacements applied before `pattern` (e.g. strip a thumbnail size suffix). */
  replace: replaceSchema.optional(),
  /** Regex applied to the value; the first group (or whole match) is kept. */
  pattern: z.string().optional(),
}).strict().refine((f) => [f.selector, f.path, f.paths].filter((x) => x !== undefined).length === 1, {
  message: 'give exactly one of selector, path or paths',
});
export type FieldSource = z.infer<typeof fieldSourceSchema>;

/** One source, or several tried in order (first non-empty wins). */
export const fieldSourcesSchema = z.union([fieldSourceSchema, z.array(fieldSourceSchema).min(1)]);
export type FieldSources = z.infer<typeof fieldSourcesSchema>;

/** Data embedded in a page's script: `pattern`'s first group, parsed. */
const scriptSchema = z.object({
  /** Regex over the raw page text (dot matches newlines); the first group is the data. */
  pattern: z.string(),
  /** `json`; `jsonp` strips a `callback(...)` wrapper first. */
  parse: z.enum(['json', 'jsonp']).default('json'),
}).strict();
/** Named embedded data blobs, parsed once per document and read by `from`. */
const scriptsSchema = z.record(z.string().regex(/^[A-Za-z][\w-]*$/), scriptSchema);

/** Attributes as rows with a name and a value cell (HTML) or an array of objects (JSON). */
const attributeRowsSchema = z.object({
  from: z.string().optional(),
  /** HTML: selector of one attribute row; JSON: path of the array of attributes. */
  rows: z.string(),
  /** Selector (HTML) or key (JSON) of the attribute name within a row. */
  name: z.string(),
  /** Selector (HTML) or key (JSON) of the attribute value within a row. */
  value: z.string(),
}).strict();
/** Attributes written as `name: value` text, one per matched element (Taobao's `li` list). */
const attributeTextSchema = z.object({
  from: z.string().optional(),
  /** Selector of one `name: value` element. */
  text: z.string(),
  /** Regex of the separator between name and value (first occurrence splits). */
  separator: z.string().default('[:：]'),
}).strict();
/** Attributes as label cells each followed by its value cell (eBay's item specifics: several pairs per row). */
const attributePairsSchema = z.object({
  from: z.string().optional(),
  /** Selector of the label cells; the value is the label's next sibling element. */
  labels: z.string(),
}).strict();
/**
 * JSON attributes keyed by their names: a list of single-key objects
 * (`[{"品牌":"…"},{"产地":"…"}]`) or one object (`{"品牌":"…","产地":"…"}`);
 * every key of every object becomes one attribute, in order.
 */
const attributeEntriesSchema = z.object({
  from: z.string().optional(),
  /** JSON: path of the list of objects (or of the one object). */
  entries: z.string(),
}).strict();
const attributesSourceSchema = z.union([attributeRowsSchema, attributeTextSchema, attributePairsSchema, attributeEntriesSchema]);

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
  /**
   * With `scrollUntil`: how long one scroll step may wait for the page to
   * grow or the end marker to appear before the list counts as ended, ms.
   * A slow next batch (a busy platform, a loaded machine) then costs time,
   * not results.
   */
  scrollWaitMs: z.number().int().min(100).max(60_000).default(8000),
}).strict();

const limitsSchema = z.object({
  /** Requests in flight to this host at once (per worker process). */
  concurrency: z.number().int().min(1).max(64).default(4),
  /** Request starts per second to this host (per worker process). */
  requestsPerSecond: z.number().positive().max(1000).default(5),
  /** One request (or one navigation), ms. */
  timeoutMs: z.number().int().min(100).max(300_000).default(20_000),
  /**
   * One subresource request in browser mode (image, script, style), ms;
   * default half of `timeoutMs`. Shorter than the page's own wait, so a
   * picture that never arrives costs that picture, not the listing.
   */
  subresourceTimeoutMs: z.number().int().min(100).max(300_000).optional(),
  /**
   * Total time budget of one capture or search page (all requests, browser
   * steps, page.content() and the screenshot), ms. A page that keeps running
   * script cannot hold a job past it. Default 60 s.
   */
  captureBudgetMs: z.number().int().min(500).max(600_000).default(60_000),
  /** Hard cap on an HTML/JSON response. */
  maxPageBytes: z.number().int().min(1024).default(5 * 1024 * 1024),
  /** Hard cap on one image. */
  maxImageBytes: z.number().int().min(1024).default(10 * 1024 * 1024),
  maxRedirects: z.number().int().min(0).max(20).default(5),
  // No retry count here: the crawler never retries, and the one retry layer (BullMQ) takes its
  // attempts from `workers.attempts` in ipwatch.json, for every platform alike.
}).strict();

/**
 * What evidence a capture keeps, and at what cost. HTML as served, the record
 * and every hash are always kept. The screenshot is the costly part, and
 * `screenshot` is the one setting for it: `always` takes it for every listing
 * during the capture (in the same page load as the HTML when the platform is
 * crawled in the browser; over HTTP, Chromium is given the HTML as served and
 * loads its images live); `suspect` only for listings the detector flags,
 * drawn later by the evidence worker from the exact stored HTML and images (no
 * second request); `never` keeps none. How each was drawn is recorded with it
 * (domain/evidence.provenance.ts) and stated in the notice's evidence list.
 */
const evidenceSchema = z.object({
  screenshot: z.enum(['always', 'suspect', 'never']).default('suspect'),
  /** Of a `suspect` screenshot. JPEG is about a tenth of PNG for a product page; PNG where the rules ask for lossless. (One taken during the capture is PNG.) */
  format: z.enum(['jpeg', 'png']).default('jpeg'),
  quality: z.number().int().min(30).max(100).default(80),
  fullPage: z.boolean().default(true),
}).strict();

/**
 * Keys older platform files may still carry, and where their meaning went: the
 * loader names each, with this, instead of only calling it unknown.
 */
export const REMOVED_PLATFORM_KEYS: Readonly<Record<string, string>> = {
  'item.screenshot': 'removed: the one screenshot setting is evidence.screenshot — "always" (every listing, during the capture), '
    + '"suspect" (the default: flagged listings only, drawn from the stored page) or "never"; delete item.screenshot and set evidence.screenshot',
};

/** A real browser's user agent: the default, so that no platform sees a crawler announce itself. */
export const DEFAULT_USER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** How a platform says "you are blocked", so that a block is never mistaken for an empty result. */
const blockSchema = z.object({
  /** Regexes over a redirect target or the final URL that mean a login wall (e.g. `login\.taobao\.com`). */
  loginUrls: z.array(z.string()).default([]),
  /** Regexes over a redirect target or the final URL that mean a captcha (e.g. `_____tmd_____/punish`). */
  captchaUrls: z.array(z.string()).default([]),
  /** Selectors whose presence means a captcha page (e.g. `#nc_1_n1z`, `.baxia-dialog`). */
  captchaSelectors: z.array(z.string()).default([]),
  /** Texts that mean a captcha page (e.g. `请拖动滑块`). */
  captchaText: z.array(z.string()).default([]),
  /**
   * Texts that mean a block when the page has none of `contentSelectors`
   * (e.g. `亲，请登录` at HTTP 200: a logged-out real page shows it in its top bar too).
   */
  markers: z.array(z.string()).default([]),
  /** Selectors of real content; a page with one of them is never judged blocked by `markers`. */
  contentSelectors: z.array(z.string()).default([]),
  /** Statuses that mean blocked (rotate the session). */
  blockStatus: z.array(z.number().int()).default([403]),
  /** Statuses that mean rate limited (wait for Retry-After, platform-wide). */
  rateLimitStatus: z.array(z.number().int()).default([429]),
  /** Wait this long when a rate-limit response has no usable Retry-After, ms. */
  defaultRetryAfterMs: z.number().int().min(0).default(60_000),
  /** Never wait longer than this for one Retry-After, ms. */
  maxRetryAfterMs: z.number().int().min(0).default(3_600_000),
  /** Consecutive blocks after which the platform is paused (circuit breaker); 0 turns it off. */
  breakerThreshold: z.number().int().min(0).default(5),
  /** How long the circuit breaker pauses the platform, ms. */
  breakerPauseMs: z.number().int().min(0).default(15 * 60_000),
}).strict();

/** A cookie given in config (or in a cookie file: a JSON array of these, or Playwright's storageState). */
const cookieSchema = z.object({
  name: z.string(), value: z.string(), domain: z.string(), path: z.string().default('/'),
  secure: z.boolean().optional(), httpOnly: z.boolean().optional(), expires: z.number().optional(),
}).passthrough();

/** One logged-in (or anonymous) identity on a platform. */
const sessionSchema = z.object({
  /** Name shown in logs and in the blocked report (never the secret itself). */
  name: z.string().default('default'),
  cookies: z.array(cookieSchema).default([]),
  /** File with a JSON array of cookies, relative to the project root. */
  cookieFile: z.string().optional(),
  /** Playwright storageState file (cookies + localStorage), relative to the project root. */
  storageStateFile: z.string().optional(),
  /** Extra request headers (e.g. `authorization`, `referer`). */
  headers: z.record(z.string(), z.string()).default({}),
}).strict();

const sessionsSchema = z.object({
  /**
   * Accounts rotated on block: a blocked session is retired and the next
   * takes over (other jobs in flight keep theirs). None: one anonymous session.
   */
  accounts: z.array(sessionSchema).default([]),
  /** After every account was retired, fall back to a fresh anonymous session (true) or stay blocked (false). */
  anonymousFallback: z.boolean().default(true),
}).strict();

/** Browser-only request policy. */
const browserPolicySchema = z.object({
  /** Abort requests to hosts other than the platform's own and `allowHosts` (trackers, ads, chat widgets). */
  blockThirdParty: z.boolean().default(false),
  /** Host suffixes that count as the platform's own (e.g. `alicdn.com`, `tbcdn.cn`). */
  allowHosts: z.array(z.string()).default([]),
  /** Resource types never loaded (e.g. `media`, `font`). */
  blockResourceTypes: z.array(z.string()).default([]),
}).strict();

/** An extra document fetched per item and merged with the page (an API with price or location). */
const itemSourceSchema = z.object({
  /** URL template, relative to baseUrl; `{id}`. */
  url: z.string().min(1),
  format: z.enum(['html', 'json', 'jsonp']).default('json'),
  /** Only fetched when the item page's final URL matches this regex (e.g. a Taobao id that redirected to Tmall). */
  when: z.string().optional(),
  /** Send the item page's final URL as Referer (many APIs refuse without it). */
  referer: z.boolean().default(true),
  /** A missing or failing source leaves its fields empty instead of failing the capture. */
  optional: z.boolean().default(false),
  charset: z.string().optional(),
}).strict();

/** Search-result card fields kept and merged into the listing (what the card shows that the item page may not). */
const cardSchema = z.object({
  title: fieldSourcesSchema.optional(),
  price: fieldSourcesSchema.optional(),
  currency: fieldSourcesSchema.optional(),
  shopId: fieldSourcesSchema.optional(),
  shopName: fieldSourcesSchema.optional(),
  shopLocation: fieldSourcesSchema.optional(),
  images: fieldSourcesSchema.optional(),
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
  /** Host names that may resolve to private addresses (an intranet mirror of a platform); every other host is guarded. */
  privateHosts: z.array(z.string()).default([]),
  /** Currency of a listing when no `currency` field says otherwise. */
  currency: z.string().default('CNY'),
  /** User agent; default a current desktop Chrome ({@link DEFAULT_USER_AGENT}). */
  userAgent: z.string().min(1).optional(),
  /** Decode every page of this platform with this charset, whatever it declares (e.g. `gb18030`). */
  charset: z.string().optional(),
  /**
   * Proxy for this platform, e.g. `http://10.0.0.5:3128`, in both fetch modes:
   * browser mode's requests are fetched by the guard in Node (crawler/browser.guard.ts),
   * so they take it too, while Chromium itself sends nothing, its own or a page's
   * (its network is closed, crawler/browser.pool.ts), and has no host rules to set.
   * Through the proxy the target's name is resolved by the proxy, never looked up
   * here: the guard refuses what it can judge without DNS (private address literals,
   * `localhost` names) and leaves names to the proxy, which must refuse internal
   * destinations itself. The proxy's own address is the operator's choice (not checked).
   */
  proxy: z.string().url().optional(),
  /** robots.txt: `obey` (default) refuses disallowed URLs; `ignore` is an explicit decision of the operator. */
  robots: z.enum(['obey', 'ignore']).default('obey'),
  block: blockSchema.default(blockSchema.parse({})),
  sessions: sessionsSchema.default(sessionsSchema.parse({})),
  browser: browserPolicySchema.default(browserPolicySchema.parse({})),
  search: z.object({
    /** Search URL template, relative to baseUrl; `{keyword}`, `{page}`, `{offset}` and the names in `vars`. */
    url: z.string().min(1),
    format: z.enum(['html', 'json', 'jsonp']).default('html'),
    firstPage: z.number().int().min(0).default(1),
    pageSize: z.number().int().min(1).default(10),
    /**
     * Extra template variables as integer expressions over `page`, `offset`
     * and `pageSize`: JD's odd page numbers `2*page-1`, `s` = `offset+1`.
     */
    vars: z.record(z.string().regex(/^[A-Za-z_]\w*$/), z.string()).default({}),
    /** How results continue: a next-page link, a JSON flag, a total page count, infinite scroll on one page. */
    pagination: z.discriminatedUnion('type', [
      z.object({ type: z.literal('link'), selector: z.string() }).strict(),
      z.object({ type: z.literal('json'), hasMorePath: z.string() }).strict(),
      z.object({ type: z.literal('pages'), totalPages: fieldSourceSchema }).strict(),
      z.object({ type: z.literal('scroll') }).strict(),
      z.object({ type: z.literal('none') }).strict(),
    ]),
    scripts: scriptsSchema.default({}),
    /** The document the results are read from: `page` or a `scripts` name (Taobao's `g_page_config`). */
    from: z.string().default('page'),
    /** HTML: selector of one result; JSON: path of the results array. */
    items: z.string().min(1),
    /** Within a result: the item link (HTML) or id field (JSON). */
    link: fieldSourceSchema.optional(),
    id: fieldSourceSchema.optional(),
    /** Fields read from each result card and merged into the listing where the item page lacks them. */
    card: cardSchema.optional(),
    /**
     * A selector or text present only on a "no results" page. When set, zero
     * results without it is a broken selector, not an empty search.
     */
    emptyMarker: z.string().optional(),
    steps: browserStepsSchema.optional(),
  }).strict(),
  item: z.object({
    /** Canonical item page URL template (`{id}`, percent-encoded), cited as the listing URL and screenshotted. */
    url: z.string().min(1),
    /** For JSON-backed items: the API URL template the fields are read from. */
    apiUrl: z.string().optional(),
    format: z.enum(['html', 'json', 'jsonp']).default('html'),
    /** Regex over the item URL whose first group is the listing id. An id from a search card must be what it reads back from the id's own item URL, or the card is refused (crawler/url.template.ts). */
    idPattern: z.string().min(1),
    scripts: scriptsSchema.default({}),
    /** Extra documents per item (APIs), by name; fields read them with `from`. */
    sources: z.record(z.string().regex(/^[A-Za-z][\w-]*$/), itemSourceSchema).default({}),
    fields: z.object({
      title: fieldSourcesSchema,
      price: fieldSourcesSchema.optional(),
      /** How the price's number is written: `auto` reads `€ 97,39` as 97.39 and `1,299.00` as 1299. */
      priceDecimal: z.enum(['auto', '.', ',']).default('auto'),
      /** The listing's currency code (e.g. schema.org `priceCurrency`); default the platform's. */
      currency: fieldSourcesSchema.optional(),
      description: fieldSourcesSchema.optional(),
      shopId: fieldSourcesSchema.optional(),
      shopName: fieldSourcesSchema.optional(),
      shopLocation: fieldSourcesSchema.optional(),
      images: fieldSourcesSchema.optional(),
      attributes: z.union([attributesSourceSchema, z.array(attributesSourceSchema).min(1)]).optional(),
    }).strict(),
    /** HTTP statuses that mean the listing is gone (delisted). */
    goneStatus: z.array(z.number().int()).default([404, 410]),
    /** A selector (HTML) or JSON path whose presence means the listing is gone. */
    goneMarker: z.string().optional(),
    steps: browserStepsSchema.optional(),
  }).strict(),
  limits: limitsSchema.default(limitsSchema.parse({})),
  evidence: evidenceSchema.prefault({}),
}).strict().superRefine((p, ctx) => {
  // Regexes and expressions fail at load, not on the first page of a scan.
  const regex = (value: string | undefined, path: (string | number)[]) => {
    if (value === undefined) return;
    try { new RegExp(value); } catch { ctx.addIssue({ code: 'custom', path, message: `not a valid regular expression: ${value}` }); }
  };
  regex(p.item.idPattern, ['item', 'idPattern']);
  for (const key of ['loginUrls', 'captchaUrls'] as const) p.block[key].forEach((r, i) => regex(r, ['block', key, i]));
  for (const [where, scripts] of [['search', p.search.scripts], ['item', p.item.scripts]] as const) {
    for (const [name, s] of Object.entries(scripts)) regex(s.pattern, [where, 'scripts', name, 'pattern']);
  }
  for (const [name, s] of Object.entries(p.item.sources)) regex(s.when, ['item', 'sources', name, 'when']);
  const names = new Set(['page', 'offset', 'pageSize']);
  for (const [name, expr] of Object.entries(p.search.vars)) {
    const unknown = (expr.match(/[A-Za-z_]\w*/g) ?? []).filter((n) => !names.has(n));
    if (!/^[\w\s+\-*/%()]+$/.test(expr) || unknown.length) {
      ctx.addIssue({ code: 'custom', path: ['search', 'vars', name], message: `integer expression over ${[...names].join(', ')} expected${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}` });
    }
    names.add(name);
  }
  const docs = new Set(['page', ...Object.keys(p.item.scripts), ...Object.keys(p.item.sources)]);
  for (const [field, srcs] of Object.entries(p.item.fields)) {
    if (typeof srcs !== 'object') continue;
    for (const [i, src] of (Array.isArray(srcs) ? srcs : [srcs]).entries()) {
      if (src.from && !docs.has(src.from)) ctx.addIssue({ code: 'custom', path: ['item', 'fields', field, i, 'from'], message: `no script or source named "${src.from}"` });
      if ('pattern' in src) regex(src.pattern, ['item', 'fields', field, i, 'pattern']);
      for (const [j, r] of ('replace' in src ? src.replace ?? [] : []).entries()) regex(r.pattern, ['item', 'fields', field, i, 'replace', j]);
    }
  }
  if (p.search.from !== 'page' && !(p.search.from in p.search.scripts)) {
    ctx.addIssue({ code: 'custom', path: ['search', 'from'], message: `no search script named "${p.search.from}"` });
  }
});

export type PlatformConfig = z.infer<typeof platformSchema>;
export type EvidencePolicy = z.infer<typeof evidenceSchema>;
export type BrowserSteps = z.infer<typeof browserStepsSchema>;
export type AttributesSource = z.infer<typeof attributesSourceSchema>;
export type ItemSource = z.infer<typeof itemSourceSchema>;
export type SessionConfig = z.infer<typeof sessionSchema>;
export type ScriptSource = z.infer<typeof scriptSchema>;
