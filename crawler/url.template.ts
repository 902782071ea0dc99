/**
 * URLs built from the platform config's templates. Every value substituted
 * into a template is percent-encoded (a listing id is text the platform
 * served, not a path), a listing id must be the one the platform's
 * `idPattern` reads back from its own item URL, and a built URL must stay on
 * the origin its template names: a hostile card (`..%2f..%2fadmin`,
 * `@127.0.0.1:…`, `//127.0.0.1:…/admin`) is refused, never fetched.
 */
import type { PlatformConfig } from '../config/platform.schema.js';
import { ListingIdRefusedError } from './errors.js';

/** `{name}` replaced by its value, percent-encoded (numbers come out as they are). */
export function fillTemplate(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (!(k in vars)) throw new Error(`template variable {${k}} has no value`);
    return encodeURIComponent(String(vars[k]));
  });
}

/** The origin a template names: its URL with every variable given a plain value. */
function templateOrigin(template: string, base: string): string {
  return new URL(template.replace(/\{\w+\}/g, '0'), base).origin;
}

/**
 * The absolute URL of `template` (relative to the platform's `baseUrl`) with
 * `vars` filled in; throws {@link ListingIdRefusedError} when the result is on
 * another origin than the template's own.
 */
export function templateUrl(platform: PlatformConfig, template: string, vars: Record<string, string | number>): string {
  const built = new URL(fillTemplate(template, vars), platform.baseUrl);
  const origin = templateOrigin(template, platform.baseUrl);
  if (built.origin !== origin) {
    throw new ListingIdRefusedError(platform.id, String(vars.id ?? ''), `the URL built from it leaves ${origin}`, built.toString());
  }
  return built.toString();
}

/** The listing id `idPattern` reads from a URL (its first group, or the whole match). */
export function listingIdFromUrl(platform: PlatformConfig, url: string): string | undefined {
  const m = url.match(new RegExp(platform.item.idPattern));
  return m ? (m[1] ?? m[0]) : undefined;
}

/**
 * Why `id` is not a listing id of this platform, or undefined when it is: the
 * platform's `idPattern` must read exactly `id` back from the item URL built
 * for it (so an id that needs percent-encoding, or carries a NUL, a lone
 * surrogate, a slash or an `@`, is refused), and that URL must stay on the
 * item template's origin.
 */
export function listingIdProblem(platform: PlatformConfig, id: string): string | undefined {
  if (!id) return 'empty listing id';
  // No URL can carry one (encodeURIComponent throws), so no idPattern can read it back.
  if (/[\uD800-\uDFFF]/u.test(id)) return `holds a lone surrogate, so it does not match item.idPattern /${platform.item.idPattern}/`;
  let url: string;
  try {
    url = templateUrl(platform, platform.item.url, { id });
  } catch (err) {
    return err instanceof ListingIdRefusedError ? err.reason : `no item URL can be built from it (${(err as Error).message})`;
  }
  const back = listingIdFromUrl(platform, url);
  return back === id ? undefined : `does not match item.idPattern /${platform.item.idPattern}/ (its item URL ${url} reads back ${back === undefined ? 'no id' : JSON.stringify(back)})`;
}

/** Canonical item URL for a listing id: the one URL a listing is cited by. Throws {@link ListingIdRefusedError} for an id of another shape. */
export function canonicalItemUrl(platform: PlatformConfig, listingId: string): string {
  const problem = listingIdProblem(platform, listingId);
  if (problem) throw new ListingIdRefusedError(platform.id, listingId, problem);
  return templateUrl(platform, platform.item.url, { id: listingId });
}
