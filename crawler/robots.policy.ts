/**
 * robots.txt per platform: `obey` (the default) refuses URLs the site
 * disallows; `ignore` is the operator's explicit choice in config. Parsed by
 * robots-parser, cached per origin. As RFC 9309 says, an unavailable
 * robots.txt (4xx) allows everything; an unreachable one (5xx, timeout) is a
 * transient failure, not a permission.
 */
import robotsParserModule from 'robots-parser';
import type { PlatformConfig } from '../config/platform.schema.js';
import { BlockedError, HttpStatusError, RobotsDisallowedError } from './errors.js';
import type { HttpFetcher } from './http.fetcher.js';
import type { Session } from './session.pool.js';

/** The product token matched against robots.txt groups. */
export const ROBOTS_AGENT = 'ipwatch';
const TTL_MS = 60 * 60_000;

interface Robot { isAllowed(url: string, ua?: string): boolean | undefined }
// robots-parser is CommonJS whose typings declare no callable default export.
const robotsParser = robotsParserModule as unknown as (url: string, robotstxt: string) => Robot;

export class RobotsPolicy {
  private readonly cache = new Map<string, { robot: Robot | null; at: number }>();

  constructor(private readonly http: HttpFetcher) {}

  /** Throws RobotsDisallowedError when the platform obeys robots.txt and it disallows `url`. */
  async check(platform: PlatformConfig, url: string, session?: Session): Promise<void> {
    if (platform.robots === 'ignore') return;
    const robot = await this.robotFor(platform, new URL(url).origin, session);
    if (robot && robot.isAllowed(url, ROBOTS_AGENT) === false) throw new RobotsDisallowedError(platform.id, url);
  }

  private async robotFor(platform: PlatformConfig, origin: string, session?: Session): Promise<Robot | null> {
    const hit = this.cache.get(origin);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.robot;
    const robotsUrl = `${origin}/robots.txt`;
    let robot: Robot | null = null;
    try {
      const res = await this.http.get(platform, robotsUrl, { kind: 'page', session });
      robot = robotsParser(res.url, res.body.toString('utf8'));
    } catch (err) {
      const unavailable = err instanceof HttpStatusError || err instanceof BlockedError;
      if (!unavailable) throw err;
    }
    this.cache.set(origin, { robot, at: Date.now() });
    return robot;
  }
}
