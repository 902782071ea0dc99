/** `detect`: a listing feed checked in batch (FORMATS §1-3). */
import { detectFeed } from '../detector/feed.detect.js';

export async function detectCommand(o: { registry: string; listings: string; out: string }): Promise<void> {
  let problems = 0;
  const res = await detectFeed({
    registryPath: o.registry, listingsPath: o.listings, outPath: o.out,
    onProblem: (p) => { problems++; console.error(`${o.listings}:${p.line}: ${p.field}: ${p.message} (line skipped)`); },
  });
  console.log(`read ${res.read} lines, wrote ${res.written} verdicts (${res.suspects} suspect), skipped ${res.skipped} malformed line(s) -> ${o.out}`);
  if (problems && res.written === 0) process.exitCode = 2;
}
