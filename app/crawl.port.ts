/** The crawl port of the processors: platform ids resolved to their config, sessions retired per platform. */
import type { CardFields } from '../crawler/page.extractor.js';
import type { CrawlPort } from '../queue/ports.js';
import type { Container } from './container.js';

export function crawlPort(c: Pick<Container, 'crawler' | 'browser' | 'platform' | 'logger'>): CrawlPort {
  return {
    search: (platform, keyword, page) => c.crawler.search(c.platform(platform), keyword, page),
    // The crawler screenshots in the page load only for `evidence.screenshot: always`; `suspect` ones are drawn later from the stored bytes.
    capture: (platform, listingId, card) => c.crawler.capture(c.platform(platform), listingId, { card: card as CardFields | undefined }),
    // The crawler retires the session that saw the block itself (crawler/session.pool.ts), and only that one;
    // here the block is only logged before BullMQ retries with a fresh session.
    async retireSession(platform, err) {
      c.logger.warn({ platform, err: (err as Error)?.message }, 'blocked: the session that saw it is retired, retrying');
    },
  };
}
