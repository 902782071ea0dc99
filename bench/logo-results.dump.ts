/**
 * Writes every logo hit and every ranked candidate list of the evaluation set
 * (seed 2026, 30 logos) and of the benchmark's 30 images (vs 10 and 1,000
 * logos) to one JSON file. Two runs compared with `cmp` show whether a speed
 * change left the results alone.
 *   npx tsx bench/logo-results.dump.ts out.json [--no1000]
 */
process.env.UV_THREADPOOL_SIZE = '1';
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { LogoIndex, type LogoIndexOptions } from '../image/logo.index.js';
import { buildEvalSet, type EvalCase, logoBytes, logoSlugs } from '../test/image/eval/eval-set.generator.js';
import { syntheticLogos } from '../test/image/eval/synthetic-logos.generator.js';

sharp.concurrency(1);
const out: Record<string, unknown[]> = { cands: [] };
const opts: Partial<LogoIndexOptions> = { onCandidates: (r) => out.cands.push(r.map((c) => [c.logoId, +c.votes.toFixed(6), c.points])) };
const matchAll = async (index: LogoIndex, cases: EvalCase[]) => { const res = []; for (const c of cases) res.push([c.id, await index.matchBytes(c.bytes)]); return res; };
const { registered, distractors } = logoSlugs();
const entry = (s: string) => ({ logoId: s, assetId: s, bytes: logoBytes(s) });
out.eval = await matchAll(await LogoIndex.build(registered.map(entry), opts), (await buildEvalSet(2026)).filter((c) => c.kind !== 'text'));
const set = await buildEvalSet(77, { perTransform: 10, negatives: 10, texts: 0 });
const queries = [...set.filter((c) => c.kind === 'corner' || c.kind === 'resize'), ...set.filter((c) => c.kind === 'lookalike')];
const ten = registered.slice(0, 10).map(entry);
out.b10 = await matchAll(await LogoIndex.build(ten, opts), queries);
if (!process.argv.includes('--no1000')) out.b1000 = await matchAll(await LogoIndex.build([...ten, ...syntheticLogos(990, [...registered, ...distractors])], opts), queries);
writeFileSync(process.argv[2] ?? 'logo-results.json', JSON.stringify(out));
