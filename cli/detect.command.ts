/** `detect`: a listing feed checked in batch (FORMATS §1-3). */
import { detectFeed } from '../detector/feed.detect.js';

export async function detectCommand(o: { registry: string; listings: string; out: string }): Promise<void> {
  const res = await detectFeed({
    registryPath: o.registry, listingsPath: o.listings, outPath: o.out,
    onProblem: (p) => { console.error(`${o.listings}:${p.line}: ${p.field}: ${p.message} (line skipped)`); },
  });
  console.log(`read ${res.read} lines, wrote ${res.written} verdicts (${res.suspects} suspect), skipped ${res.skipped} malformed line(s) -> ${o.out}`);
  if (res.skipped > 0) {
    console.error(`${res.skipped} line(s) of ${o.listings} were skipped; their listings have no verdict`);
    process.exitCode = res.written === 0 ? 2 : 1;
  }
}
