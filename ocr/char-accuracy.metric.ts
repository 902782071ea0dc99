/** OCR character accuracy: 1 − edit distance / reference length, over whitespace-free, upper-cased text. */

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const A = [...a], B = [...b];
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    for (let j = 1; j <= B.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[B.length];
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

/** Accumulated accuracy over many (read, truth) pairs: Σ max(0, len − dist) / Σ len. */
export function charAccuracy(pairs: Array<{ read: string; truth: string }>): number {
  let ok = 0, total = 0;
  for (const p of pairs) {
    const t = norm(p.truth), r = norm(p.read);
    const len = [...t].length;
    ok += Math.max(0, len - editDistance(r, t));
    total += len;
  }
  return total ? ok / total : 1;
}
