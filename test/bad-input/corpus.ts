/**
 * Hostile input values, shared by the bad-input tests: each is sent to every
 * text field and parameter it can reach. `refused` values must get a 400
 * naming the field; `stored` values are legitimate text (however hostile it
 * looks) and must be stored and returned exactly, and shown escaped.
 */

/** Must be refused with a 400 naming the field. */
export const REFUSED: Record<string, string> = {
  nul: 'abc\u0000def',
  'nul only': '\u0000',
  'escape (ANSI)': '\u001b[31mred\u001b[0m',
  'vertical tab': 'a\u000bb',
  'C1 control': 'a\u0085b',
  'DEL': 'a\u007fb',
  'bidi override (RLO)': '安踏\u202E鞋动运',
  'bidi isolate (LRI)': '\u2066ANTA\u2069',
  'lone surrogate': 'x\uD83Dy',
};

/** Must be accepted as text and come back exactly as sent. */
export const STORED: Record<string, string> = {
  'SQL injection': "'; DROP TABLE notices; --",
  'SQL injection 2': "1' OR '1'='1",
  'script tag': '<script>alert(1)</script>',
  'attribute breakout': '" onmouseover="alert(1)" x="',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the hostile string is the point
  'template literal': '${process.exit(1)}',
  'path traversal': '../../../etc/passwd',
  'LIKE wildcards': '%_%\\',
  'format string': '%s%s%s%n',
  emoji: '👟🔥 正品',
  'zero-width joiner': '安\u200d踏',
  'LRM mark (allowed)': 'abc\u200edef',
  'newline and tab': 'line 1\n\tline 2',
};

/** A string of `n` characters. */
export const huge = (n: number) => '安'.repeat(n);
