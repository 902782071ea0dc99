/**
 * Reader for the character-per-line NER title files in
 * shared/data/ecommerce_titles (`char TAG`, blank line between titles, a
 * line holding only the tag for a space). Used by build scripts, not at run time.
 */
import { readFileSync } from 'node:fs';

/** One title with one BIO tag per character. */
export interface NerTitle { text: string; tags: string[] }

export function readNerTitles(file: string): NerTitle[] {
  const out: NerTitle[] = [];
  let chars: string[] = [], tags: string[] = [];
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (!line.trim()) { if (chars.length) out.push({ text: chars.join(''), tags }); chars = []; tags = []; continue; }
    const sp = line.lastIndexOf(' ');
    chars.push(sp <= 0 ? ' ' : line.slice(0, sp));
    tags.push(sp <= 0 ? line.trim() : line.slice(sp + 1));
  }
  if (chars.length) out.push({ text: chars.join(''), tags });
  return out;
}

/** Spans tagged with `type` (B-type I-type …). */
export function nerSpans(t: NerTitle, type: string): string[] {
  const out: string[] = [];
  let cur = '';
  t.tags.forEach((tag, i) => {
    if (tag === `B-${type}`) { if (cur) out.push(cur); cur = t.text[i]; } else if (tag === `I-${type}` && cur) cur += t.text[i]; else if (cur) { out.push(cur); cur = ''; }
  });
  if (cur) out.push(cur);
  return out;
}

/** Start offsets of `type` spans (for labelling). */
export function nerSpanStarts(t: NerTitle, type: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < t.tags.length; i++) {
    if (t.tags[i] !== `B-${type}`) continue;
    let j = i + 1;
    while (j < t.tags.length && t.tags[j] === `I-${type}`) j++;
    out.push({ start: i, end: j });
  }
  return out;
}
