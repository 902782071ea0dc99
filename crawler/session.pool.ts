/**
 * Per-platform sessions: cookies, headers and Playwright storageState from
 * the files named in config, one cookie jar per session shared by HTTP mode
 * and the browser, and accounts rotated on block. Retiring a session touches
 * that session only: jobs in flight on other sessions keep theirs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Cookie, CookieJar } from 'tough-cookie';
import type { PlatformConfig, SessionConfig } from '../config/platform.schema.js';

/** Playwright's storageState shape (the parts we read and write). */
export interface StorageState {
  cookies: Array<{ name: string; value: string; domain: string; path: string; expires: number; httpOnly: boolean; secure: boolean; sameSite: 'Strict' | 'Lax' | 'None' }>;
  origins: Array<{ origin: string; localStorage: Array<{ name: string; value: string }> }>;
}

/** One identity on one platform. */
export interface Session {
  /** Unique per process: `<platform>#<n>:<name>`; browser contexts are keyed by it. */
  readonly id: string;
  readonly platform: string;
  readonly name: string;
  readonly jar: CookieJar;
  readonly headers: Readonly<Record<string, string>>;
  /** localStorage (and the initial cookies) for a browser context. */
  readonly origins: StorageState['origins'];
  retired: boolean;
}

interface PlatformSessions { accounts: SessionConfig[]; next: number; current?: Session }

type RawCookie = { name: string; value: string; domain: string; path?: string; expires?: number; httpOnly?: boolean; secure?: boolean };

export class SessionPool {
  private readonly platforms = new Map<string, PlatformSessions>();
  private readonly retireListeners: Array<(s: Session) => void> = [];
  private seq = 0;

  /** `rootDir`: where cookie and storageState file names in config are resolved. */
  constructor(private readonly rootDir: string = process.cwd()) {}

  /** The session new requests of this platform use; undefined when every account was retired. */
  current(platform: PlatformConfig): Session | undefined {
    let p = this.platforms.get(platform.id);
    if (!p) this.platforms.set(platform.id, (p = { accounts: platform.sessions.accounts, next: 0 }));
    if (p.current && !p.current.retired) return p.current;
    if (p.next < p.accounts.length) p.current = this.open(platform.id, p.accounts[p.next++]);
    else if (p.accounts.length === 0 || platform.sessions.anonymousFallback) p.current = this.open(platform.id, { name: 'anonymous', cookies: [], headers: {} });
    else p.current = undefined;
    return p.current;
  }

  /** Retires `session` (after a block): later requests get the next account; other sessions are untouched. */
  retire(session: Session): void {
    if (session.retired) return;
    session.retired = true;
    for (const l of this.retireListeners) l(session);
  }

  /** Called once for every retired session (the browser pool closes its context when idle). */
  onRetire(listener: (s: Session) => void): void {
    this.retireListeners.push(listener);
  }

  private open(platform: string, cfg: SessionConfig): Session {
    const jar = new CookieJar(undefined, { looseMode: true });
    const cookies: RawCookie[] = [...cfg.cookies];
    let origins: StorageState['origins'] = [];
    if (cfg.cookieFile) {
      const data = this.readJson(cfg.cookieFile) as RawCookie[] | StorageState;
      cookies.push(...(Array.isArray(data) ? data : data.cookies ?? []));
    }
    if (cfg.storageStateFile) {
      const state = this.readJson(cfg.storageStateFile) as StorageState;
      cookies.push(...(state.cookies ?? []));
      origins = state.origins ?? [];
    }
    for (const c of cookies) putCookie(jar, c);
    return { id: `${platform}#${++this.seq}:${cfg.name}`, platform, name: cfg.name, jar, headers: { ...cfg.headers }, origins, retired: false };
  }

  private readJson(file: string): unknown {
    const full = path.resolve(this.rootDir, file);
    try {
      return JSON.parse(readFileSync(full, 'utf8'));
    } catch (err) {
      throw new Error(`session file ${full}: ${(err as Error).message}`);
    }
  }
}

function putCookie(jar: CookieJar, c: RawCookie): void {
  const domain = c.domain.replace(/^\./, '');
  const cookie = new Cookie({
    key: c.name, value: c.value, domain, path: c.path ?? '/', httpOnly: Boolean(c.httpOnly), secure: Boolean(c.secure),
    expires: c.expires && c.expires > 0 ? new Date(c.expires * 1000) : 'Infinity',
  });
  jar.setCookieSync(cookie, `${c.secure ? 'https' : 'http'}://${domain}${c.path ?? '/'}`, { ignoreError: true });
}

/** Every cookie of the jar in Playwright's format (to hand to a browser context). */
export async function jarToBrowserCookies(jar: CookieJar): Promise<StorageState['cookies']> {
  const all = (await jar.serialize()).cookies;
  return all.map((c) => ({
    name: String(c.key), value: String(c.value ?? ''), domain: `${c.hostOnly ? '' : '.'}${c.domain}`, path: String(c.path ?? '/'),
    expires: c.expires && c.expires !== 'Infinity' ? Math.floor(new Date(String(c.expires)).getTime() / 1000) : -1,
    httpOnly: Boolean(c.httpOnly), secure: Boolean(c.secure), sameSite: 'Lax' as const,
  }));
}

/** Cookies the browser holds after a page, written back so HTTP mode sends them too. */
export async function browserCookiesToJar(jar: CookieJar, cookies: Array<RawCookie>): Promise<void> {
  for (const c of cookies) putCookie(jar, c);
}
