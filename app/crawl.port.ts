/** The crawl port of the processors: platform ids resolved to their config, sessions retired per platform. */
import type { CrawlPort } from '../queue/ports.js';
import type { Container } from './container.js';

export function crawlPort(c: Pick<Container, 'crawler' | 'browser' | 'platform' | 'logger'>): CrawlPort {
  return {
    search: (platform, keyword, page) => c.crawler.search(c.platform(platform), keyword, page),
    capture: (platform, listingId) => c.crawler.capture(c.platform(platform), listingId),
    async retireSession(platform, err) {
      c.logger.warn({ platform, err: (err as Error)?.message }, 'blocked: retiring the session');
      await c.browser.rotateSession();
    },
  };
}
