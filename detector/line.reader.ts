/**
 * Lines of a UTF-8 text stream with a cap on a line's size: a longer line is
 * not buffered (the rest of it is skipped up to the next newline) and is
 * reported as too long, so one bad line cannot exhaust memory.
 */
import type { Readable } from 'node:stream';

export interface Line { no: number; text: string; tooLong?: number }

export async function* readLines(input: Readable, maxChars: number): AsyncGenerator<Line> {
  let buf = '', no = 0, skipping = 0;
  for await (const chunk of input as AsyncIterable<string>) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', from);
      const piece = chunk.slice(from, nl < 0 ? undefined : nl);
      if (skipping) skipping += piece.length;
      else if (buf.length + piece.length > maxChars) { skipping = buf.length + piece.length; buf = ''; }
      else buf += piece;
      if (nl < 0) break;
      no++;
      if (skipping) yield { no, text: '', tooLong: skipping }; else yield { no, text: buf.replace(/\r$/, '') };
      buf = ''; skipping = 0; from = nl + 1;
    }
  }
  if (buf || skipping) { no++; yield skipping ? { no, text: '', tooLong: skipping } : { no, text: buf.replace(/\r$/, '') }; }
}
