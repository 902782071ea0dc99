import { buildEvalSet, logoSlugs, logoBytes } from '../test/image/eval/eval-set.generator.ts';
import { LogoIndex } from './logo.index.ts';
import { decodeGrey } from './image.guard.ts';
const cases = (await buildEvalSet(2026, { texts: 0, perTransform: 3, negatives: 3 }));
const { registered } = logoSlugs();
const index = await LogoIndex.build(registered.map((s) => ({ logoId: s, assetId: 'TM-' + s, bytes: logoBytes(s) })));
const lsh = (index as any).lsh;
// bucket stats
for (let t = 0; t < 2; t++) { const off = lsh.offsets[t]; let mx = 0; for (let b = 0; b < off.length - 1; b++) mx = Math.max(mx, off[b + 1] - off[b]); console.log('table', t, 'max bucket', mx, 'n', lsh.size); }
for (const c of cases.slice(0, 6)) {
  const g: any = await decodeGrey(c.bytes, 440);
  let t0 = performance.now(); const f = (index as any).query.extract(g.data, g.width, g.height); const t1 = performance.now();
  const r = await index.matchGrey(g); const t2 = performance.now();
  console.log(c.id, 'orb', (t1 - t0).toFixed(1), 'match', (t2 - t1).toFixed(1), f.n);
}
