/**
 * Line numbers of the values in a JSON text, by field path
 * (`trademarks[3].regNo`), so a problem in an uploaded register names its
 * line as well as its field. A small scanner over text that JSON.parse has
 * already accepted.
 */

/** Maps each value's field path to the 1-based line where it starts. */
export function jsonLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  let line = 1;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) { if (text[i] === '\n') line++; i++; }
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  // Iterative descent with an explicit stack, so deep nesting cannot overflow.
  const value = (path: string) => {
    const stack: Array<{ path: string; kind: 'obj' | 'arr'; idx: number }> = [];
    let cur = path;
    for (;;) {
      ws();
      out.set(cur, line);
      const ch = text[i];
      if (ch === '{' || ch === '[') {
        i++;
        stack.push({ path: cur, kind: ch === '{' ? 'obj' : 'arr', idx: 0 });
      } else if (ch === '"') {
        str();
      } else {
        while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
      }
      // Close finished containers, then find the next value to read.
      for (;;) {
        const top = stack.at(-1);
        if (!top) return;
        ws();
        if (text[i] === ',') { i++; ws(); }
        if (text[i] === '}' || text[i] === ']') { i++; stack.pop(); continue; }
        if (top.kind === 'obj') {
          const key = str();
          ws();
          i++; // ':'
          cur = top.path ? `${top.path}.${key}` : key;
        } else {
          cur = `${top.path}[${top.idx++}]`;
        }
        break;
      }
    }
  };
  value('');
  return out;
}

/** The line of `field`, or of its nearest enclosing value that has one. */
export function lineOf(lines: Map<string, number>, field: string): number | undefined {
  let f = field;
  for (;;) {
    const l = lines.get(f);
    if (l !== undefined) return l;
    const cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
    if (cut <= 0) return lines.get('');
    f = f.slice(0, cut);
  }
}
