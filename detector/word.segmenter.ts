/**
 * Word segmentation with jieba (@node-rs/jieba and its bundled dictionary of
 * about 350,000 words with frequencies). It answers two questions for the
 * trademark rule: does a mark's occurrence sit inside another word (匹克 in
 * 奥林匹克, 移动 in 移动电源, 小迷 in 小迷你), and how common is a word in
 * ordinary Chinese (its dictionary frequency). Registered names and goods
 * nouns are added to the dictionary, so 八马茶叶 reads 八马/茶叶 while
 * 八马力 still reads 八/马力.
 *
 * One segmenter per process: loading the dictionary takes about a second, and
 * words added for one register stay for the next (they only ever add words).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';

const require = createRequire(import.meta.url);

export class WordSegmenter {
  private static instance: WordSegmenter | undefined;
  private readonly jieba: Jieba;
  private readonly freqs = new Map<string, number>();

  private constructor() {
    const path = require.resolve('@node-rs/jieba/dict.txt');
    const dict = readFileSync(path);
    this.jieba = Jieba.withDict(dict);
    for (const line of dict.toString('utf8').split('\n')) {
      const a = line.indexOf(' ');
      if (a <= 0) continue;
      const b = line.indexOf(' ', a + 1);
      this.freqs.set(line.slice(0, a), Number(line.slice(a + 1, b < 0 ? undefined : b)));
    }
  }

  /** The process-wide segmenter (built on first use). */
  static shared(): WordSegmenter { return (WordSegmenter.instance ??= new WordSegmenter()); }

  /** Dictionary frequency of a word (0 when it is not a dictionary word). */
  freq(word: string): number { return this.freqs.get(word) ?? 0; }

  /** Adds words the dictionary lacks, with a frequency; words it has keep theirs. */
  addWords(words: Iterable<string>, freq: number, tag = 'nz'): void {
    const lines: string[] = [];
    for (const w of words) {
      if (w.length < 2 || /\s/.test(w) || this.freqs.has(w)) continue;
      this.freqs.set(w, freq);
      lines.push(`${w} ${freq} ${tag}`);
    }
    if (lines.length) this.jieba.loadDict(Buffer.from(lines.join('\n') + '\n'));
  }

  /** Tokens of a text (all characters kept, no HMM guessing of unknown words). */
  cut(text: string): string[] { return this.jieba.cut(text, false); }
}
