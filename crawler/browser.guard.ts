/**
 * Every request a browser page makes (navigations, redirect hops,
 * subresources, fetch/XHR) passes the address guard before it leaves, and
 * third-party hosts or resource types can be refused per platform. Refusals
 * are kept per page so a failed navigation reports the refused address.
 */
import type { BrowserContext, Page, Request, Route } from 'playwright-core';
import type { PlatformConfig } from '../config/platform.schema.js';
import { resolveAllowedAddress, type Resolver } from './address.guard.js';
import { AddressRefusedError } from './errors.js';

const refused = new WeakMap<Page, AddressRefusedError[]>();

/** Address refusals seen on `page` since the last call (and forgets them). */
export function takeRefused(page: Page): AddressRefusedError[] {
  const list = refused.get(page) ?? [];
  refused.delete(page);
  return list;
}

/** The platform's own hosts: its base host's domain (last two labels) and the configured suffixes. */
export function isOwnHost(platform: PlatformConfig, host: string): boolean {
  const base = new URL(platform.baseUrl).hostname;
  const domain = /^[\d.]+$|:/.test(base) ? base : base.split('.').slice(-2).join('.');
  const suffixes = [domain, ...platform.browser.allowHosts];
  return suffixes.some((s) => host === s || host.endsWith(`.${s}`));
}

function pageOf(request: Request): Page | undefined {
  try { return request.frame().page(); } catch { return undefined; }
}

/** Routes every request of `context` through the guard for `platform`. */
export async function guardContext(context: BrowserContext, platform: PlatformConfig, resolver?: Resolver): Promise<void> {
  const policy = platform.browser;
  await context.route('**/*', async (route: Route, request: Request) => {
    const url = request.url();
    if (!/^https?:/i.test(url)) return route.continue();
    if (policy.blockResourceTypes.includes(request.resourceType())) return route.abort('blockedbyclient');
    if (policy.blockThirdParty && !request.isNavigationRequest() && !isOwnHost(platform, new URL(url).hostname)) return route.abort('blockedbyclient');
    try {
      await resolveAllowedAddress(url, platform.id, platform.allowPrivateNetwork, resolver);
    } catch (err) {
      const page = pageOf(request);
      if (page && err instanceof AddressRefusedError) refused.set(page, [...(refused.get(page) ?? []), err]);
      return route.abort(err instanceof AddressRefusedError ? 'addressunreachable' : 'namenotresolved').catch(() => {});
    }
    return route.continue().catch(() => {});
  });
}
