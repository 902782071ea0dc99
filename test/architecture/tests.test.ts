/**
 * How tests prove things, checked on their syntax trees (the TypeScript
 * parser): no fixed sleep as a proof, and no assertion on elapsed wall-clock
 * time.
 *
 * - A fixed sleep (`new Promise((r) => setTimeout(r, N))`, `setTimeout(N)`
 *   from node:timers/promises, `sleep(N)` / `delay(N)`, Playwright's
 *   `waitForTimeout`) passes on a fast machine and fails on a slow one, or
 *   passes without the thing it means to prove. Inside a loop it is the
 *   interval of a bounded poll for a condition (test/support/wait.ts), which
 *   is fine. Elsewhere it must be on ALLOWED, where the sleep is part of the
 *   scenario (an outage that lasts a while), not the proof.
 * - An assertion on a clock reading (`Date.now()`, `performance.now()`,
 *   `process.hrtime`, or a variable holding one) says how fast the machine
 *   was. Prove the behaviour by what happened (counts, order, state), and
 *   record durations as figures instead.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../config/config.loader.js';
import { projectFiles } from '../support/source.files.js';

const TEST_DIR = path.join(PROJECT_ROOT, 'test');

/** Sleeps that are the scenario, by file and the text of the call. Each entry must still match a sleep. */
const ALLOWED: Array<{ file: string; call: string; why: string }> = [
  { file: 'test/faults/support/own.services.ts', call: 'setTimeout(r, downMs)', why: 'keeps the private Postgres / Redis down for downMs: the outage is the fault being injected' },
  { file: 'test/security/chromium-egress.test.ts', call: 'setTimeout(r, 1500)', why: 'proving a negative: the window after the page finished in which, before the fix, every vector had reached the listener; the proof is the listener\'s count' },
  { file: 'test/security/chromium-egress.test.ts', call: 'setTimeout(r, 200)', why: 'lets connections Chromium opened while closing reach the listener before it is read' },
  { file: 'test/crawler/http.fetcher.test.ts', call: 'setTimeout(r, 120)', why: 'a limited task that works for a while, so that starts overlap; the peak is counted, not timed' },
];

/**
 * Clock assertions where the behaviour under test is itself a minimum wait (a
 * rate, a Retry-After, injected latency): a lower bound, which a slow machine
 * cannot fail and the code cannot meet without waiting. Never an upper bound.
 */
const ALLOWED_CLOCK: Array<{ file: string; assertion: string; why: string }> = [
  { file: 'test/crawler/http.fetcher.test.ts', assertion: 'expect(Math.max(...started)).toBeGreaterThanOrEqual(340)', why: '8 starts at 20 per second: the host limiter\'s rate' },
  { file: 'test/demo/marketplace.server.test.ts', assertion: 'expect(performance.now() - t).toBeGreaterThanOrEqual(20 * 30 - 5)', why: 'the demo server\'s injected latency (30 ms a request)' },
  { file: 'test/queue/retry.policy.test.ts', assertion: 'expect(until).toBeGreaterThanOrEqual(thrownAt[i] + 300)', why: 'the delayed job\'s own due time is at least Retry-After past the throw (recorded values, not an elapsed wait)' },
];

interface Finding { file: string; line: number; text: string }

/** A loop that can poll: while, do, for (;;). A for-of / for-in walks a collection, so a sleep in it is one per item, not a poll. */
const isLoop = (n: ts.Node) => ts.isWhileStatement(n) || ts.isDoStatement(n) || ts.isForStatement(n);
function inLoop(n: ts.Node): boolean {
  // Up to the enclosing function: a loop outside the function that sleeps does not make this a poll.
  for (let p = n.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (isLoop(p)) return true;
    if (ts.isFunctionLike(p) && !isPromiseExecutor(p)) return false;
  }
  return false;
}
/** `(r) => setTimeout(r, N)` inside `new Promise(...)`: the sleep's own executor, not an enclosing function. */
function isPromiseExecutor(n: ts.Node): boolean {
  return (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && !!n.parent && ts.isNewExpression(n.parent)
    && ts.isIdentifier(n.parent.expression) && n.parent.expression.text === 'Promise';
}
const calleeName = (c: ts.CallExpression) => (ts.isIdentifier(c.expression) ? c.expression.text : ts.isPropertyAccessExpression(c.expression) ? c.expression.name.text : '');

/** A fixed sleep: `new Promise((r) => setTimeout(r, N))`, `setTimeout(N)`, `sleep(N)`, `delay(N)`, `x.waitForTimeout(N)`. */
function isSleep(c: ts.CallExpression): boolean {
  const name = calleeName(c);
  if (name === 'waitForTimeout') return true;
  if ((name === 'sleep' || name === 'delay') && c.arguments.length === 1) return true;
  if (name !== 'setTimeout') return false;
  if (c.arguments.length === 1) return true; // node:timers/promises
  // setTimeout(resolve, N) where resolve is the executor's parameter: the promise is the sleep.
  const fn = c.parent && (ts.isArrowFunction(c.parent) ? c.parent : ts.isExpressionStatement(c.parent) && ts.isBlock(c.parent.parent) ? c.parent.parent.parent : undefined);
  if (!fn || !isPromiseExecutor(fn)) return false;
  const params = (fn as ts.ArrowFunction).parameters;
  const resolve = params.length > 0 && ts.isIdentifier(params[0].name) ? params[0].name.text : undefined;
  let first: ts.Node = c.arguments[0];
  // setTimeout(() => r(), N) is the same sleep.
  if (ts.isArrowFunction(first) && ts.isCallExpression(first.body) && first.body.arguments.length === 0) first = first.body.expression;
  return !!resolve && ts.isIdentifier(first) && first.text === resolve;
}

function isClockRead(n: ts.Node): boolean {
  if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return false;
  const obj = n.expression.expression.getText();
  const prop = n.expression.name.text;
  return (obj === 'Date' && prop === 'now') || (obj === 'performance' && prop === 'now') || obj === 'process.hrtime' || (obj === 'process' && prop === 'hrtime');
}
/** Whether `pred` holds for `n` or a node under it, not looking into functions (their names are their own). */
function contains(n: ts.Node, pred: (x: ts.Node) => boolean): boolean {
  if (pred(n)) return true;
  return ts.forEachChild(n, (c) => (ts.isFunctionLike(c) ? undefined : contains(c, pred) ? true : undefined)) ?? false;
}
/** Whether `n` is itself a clock reading or arithmetic on one (`Date.now() - t0`), not an object or call that holds one. */
function isClockValue(n: ts.Node): boolean {
  if (isClockRead(n)) return true;
  if (ts.isParenthesizedExpression(n) || ts.isAwaitExpression(n)) return isClockValue(n.expression);
  if (ts.isBinaryExpression(n)) return isClockValue(n.left) || isClockValue(n.right);
  return false;
}

/** The sleeps outside a poll and the clock assertions of one file (`rel`: its path in the project). */
function scan(rel: string, text: string): { sleeps: Finding[]; clocks: Finding[] } {
  const src = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, rel.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const at = (n: ts.Node) => ({ file: rel, line: src.getLineAndCharacterOfPosition(n.getStart()).line + 1, text: n.getText().replace(/\s+/g, ' ').slice(0, 120) });
  const sleeps: Finding[] = [];
  const clocks: Finding[] = [];
  // Names that hold a clock reading (t0 = Date.now(), ms = performance.now() - t, started.push(Date.now() - t0)).
  const timed = new Set<string>();
  const visitNames = (n: ts.Node) => {
    if (ts.isVariableDeclaration(n) && n.initializer && ts.isIdentifier(n.name) && isClockValue(n.initializer)) timed.add(n.name.text);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && isClockValue(n.right)) timed.add(n.left.getText());
    if (ts.isCallExpression(n) && calleeName(n) === 'push' && ts.isPropertyAccessExpression(n.expression) && n.arguments.some(isClockValue)) timed.add(n.expression.expression.getText());
    ts.forEachChild(n, visitNames);
  };
  visitNames(src);
  const usesClock = (n: ts.Node) => contains(n, (x) => isClockRead(x) || ((ts.isIdentifier(x) || ts.isPropertyAccessExpression(x)) && timed.has(x.getText())));
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) {
      if (isSleep(n) && !inLoop(n)) sleeps.push(at(n));
      // expect(actual) and the matcher's arguments: expect(x).toBeLessThan(y).
      if (calleeName(n) === 'expect' && ts.isIdentifier(n.expression)) {
        let chain: ts.Node = n;
        while (chain.parent && (ts.isPropertyAccessExpression(chain.parent) || (ts.isCallExpression(chain.parent) && chain.parent.expression === chain))) chain = chain.parent;
        if (usesClock(chain)) clocks.push(at(chain));
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return { sleeps, clocks };
}

// Fixture folders hold the hostile and saved pages the tests serve, not tests.
const files = projectFiles(TEST_DIR, /\.tsx?$/, ['fixtures']);
const found = files.map((f) => scan(path.relative(PROJECT_ROOT, f), readFileSync(f, 'utf8')));
const allowed = (s: Finding) => ALLOWED.some((a) => a.file === s.file && s.text.includes(a.call));

describe('tests prove things by what happened, not by time', () => {
  it('reads the test files', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.map((f) => path.relative(PROJECT_ROOT, f))).toContain('test/architecture/tests.test.ts');
  });

  it('no fixed sleep outside a bounded poll, except where the sleep is the scenario (ALLOWED)', () => {
    const sleeps = found.flatMap((f) => f.sleeps);
    expect(sleeps.filter((s) => !allowed(s)).map((s) => `${s.file}:${s.line} ${s.text}`)).toEqual([]);
    // An allowance must still name a sleep (a stale entry hides the next one).
    for (const a of ALLOWED) expect(sleeps.some((s) => s.file === a.file && s.text.includes(a.call)), `${a.file}: ${a.call}`).toBe(true);
  });

  it('no assertion on elapsed wall-clock time, except a lower bound on a wait that is the behaviour (ALLOWED_CLOCK)', () => {
    const clocks = found.flatMap((f) => f.clocks);
    const ok = (c: Finding) => ALLOWED_CLOCK.some((a) => a.file === c.file && c.text.startsWith(a.assertion));
    expect(clocks.filter((c) => !ok(c)).map((c) => `${c.file}:${c.line} ${c.text}`)).toEqual([]);
    for (const a of ALLOWED_CLOCK) {
      expect(a.assertion, a.file).toMatch(/\.toBeGreaterThan(OrEqual)?\(/);
      expect(clocks.some((c) => c.file === a.file && c.text.startsWith(a.assertion)), `${a.file}: ${a.assertion}`).toBe(true);
    }
  });

  it('catches the patterns it names (checked on samples)', () => {
    const sleeps = (code: string) => scan('sample.ts', code).sleeps.length;
    const clocks = (code: string) => scan('sample.ts', code).clocks.length;
    expect(sleeps('await new Promise((r) => setTimeout(r, 300));')).toBe(1);
    expect(sleeps('await new Promise((resolve) => { setTimeout(resolve, 300); });')).toBe(1);
    expect(sleeps('await new Promise<void>((r) => setTimeout(() => r(), 300));')).toBe(1);
    expect(sleeps('await page.waitForTimeout(300);')).toBe(1);
    expect(sleeps("import { setTimeout } from 'node:timers/promises'; await setTimeout(300);")).toBe(1);
    expect(sleeps('async function f() { await new Promise((r) => setTimeout(r, 300)); } for (;;) await f();')).toBe(1);
    expect(sleeps('while (!done()) await new Promise((r) => setTimeout(r, 10));')).toBe(0);
    expect(sleeps("setTimeout(() => res.end('late'), 2000);")).toBe(0);
    expect(sleeps("for (const tab of tabs) { await click(tab); await page.waitForTimeout(300); }")).toBe(1);
    expect(clocks('const t0 = Date.now(); await go(); expect(Date.now() - t0).toBeLessThan(1500);')).toBe(1);
    expect(clocks('const t = performance.now(); await go(); const ms = performance.now() - t; expect(ms).toBeGreaterThan(5);')).toBe(1);
    expect(clocks('const created = Date.now(); expect(run.startedAt.getTime() - created).toBeLessThan(8000);')).toBe(1);
    expect(clocks('const s: number[] = []; s.push(Date.now() - t0); expect(Math.max(...s)).toBeGreaterThanOrEqual(340);')).toBe(1);
    expect(clocks('const end = Date.now() + 5000; while (Date.now() < end) await poll(); expect(await count()).toBe(3);')).toBe(0);
    expect(clocks('const t = performance.now(); const r = { ms: Date.now() - t, n: 3 }; expect(list.some((t) => t > 1)).toBe(true); expect(r.n).toBe(3);')).toBe(0);
  });
});
