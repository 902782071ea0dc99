/**
 * The installed kinds of right: the three built in, and any plug-in added
 * with {@link installKind} when the process starts (before the first
 * register is read). Everything that must list kinds — the register schema,
 * the repositories, scan keywords, reasons, labels, the detector's signals —
 * asks here, so a fourth kind is one module and one migration.
 */
import { z } from 'zod';
import type { SignalFactory } from '../detector/signal.js';
import type { Registry } from '../domain/registry.schema.js';
import { giKind } from './gi.kind.js';
import { checkKind, type AnyKind, type RegisterEntry, type RightField } from './kind.js';
import { patentKind } from './patent.kind.js';
import { trademarkKind } from './trademark.kind.js';

export const BUILTIN_KINDS: readonly AnyKind[] = [trademarkKind, giKind, patentKind];

const installed: AnyKind[] = [...BUILTIN_KINDS];

/**
 * Adds a kind of right (a plug-in module's export). Its table must exist (its
 * migration ran). Refuses a kind whose type, register section or table is
 * taken by another.
 */
export function installKind(kind: AnyKind): void {
  checkKind(kind);
  const same = installed.find((k) => k.type === kind.type);
  if (same === kind) return;
  const clash = installed.find((k) => k.type === kind.type || k.registerKey === kind.registerKey || k.table.name === kind.table.name);
  if (clash) throw new Error(`kind of right ${kind.type} clashes with installed kind ${clash.type}`);
  installed.push(kind);
}

/** Removes a plug-in kind again (tests); the built-in kinds stay. */
export function uninstallKind(type: string): void {
  const i = installed.findIndex((k) => k.type === type);
  if (i >= 0 && !BUILTIN_KINDS.includes(installed[i])) installed.splice(i, 1);
}

/** Every installed kind, built-in first, in install order. */
export function rightKinds(): readonly AnyKind[] {
  return installed;
}

/** The kind with this `assetType`, or undefined. */
export function kindOf(type: string): AnyKind | undefined {
  return installed.find((k) => k.type === type);
}

/** Whether `v` names an installed kind. */
export function isKindType(v: unknown): v is string {
  return typeof v === 'string' && installed.some((k) => k.type === v);
}

/** The ids of the installed kinds (for validation enums). */
export function kindTypes(): [string, ...string[]] {
  return installed.map((k) => k.type) as [string, ...string[]];
}

/** "注册商标 Trademark": a kind's bilingual label (or the raw id of an unknown one). */
export function kindLabel(type: string): string {
  const k = kindOf(type);
  return k ? `${k.label.zh} ${k.label.en}` : type;
}

/** The register file's schema (FORMATS §1) with a section per installed kind; unknown sections are refused. */
export function registerSchema(): z.ZodType<Registry> {
  return z.object(Object.fromEntries(installed.map((k) => [k.registerKey, z.array(k.schema).default([])]))).strict() as unknown as z.ZodType<Registry>;
}

/** The entries of one kind in a register. */
export function entriesOf(reg: Registry, kind: AnyKind): RegisterEntry[] {
  return (reg[kind.registerKey] as RegisterEntry[] | undefined) ?? [];
}

/** A register with every installed kind's section (empty where `reg` has none). */
export function emptyRegistry(): Registry {
  return Object.fromEntries(installed.map((k) => [k.registerKey, []])) as unknown as Registry;
}

/** The register narrowed to these entry ids, every section kept. */
export function pickEntries(reg: Registry, ids: ReadonlySet<string>): Registry {
  return Object.fromEntries(installed.map((k) => [k.registerKey, entriesOf(reg, k).filter((e) => ids.has(e.id))])) as unknown as Registry;
}

/** Every entry id of every kind. */
export function entryIds(reg: Registry): string[] {
  return installed.flatMap((k) => entriesOf(reg, k).map((e) => e.id));
}

/** The names a scan searches for: every kind's search names of every entry, once each. */
export function searchKeywords(reg: Registry): string[] {
  const out = new Set<string>();
  for (const k of installed) for (const e of entriesOf(reg, k)) for (const n of k.searchNames(e)) out.add(n);
  return [...out];
}

/** The installed kinds' text signal factories, in order, for createDetector. */
export function kindSignals(): SignalFactory[] {
  return installed.map((k) => k.signals);
}

/**
 * A register entry as the review page shows it: the entry itself, its kind's
 * name, proof and labelled fields, and `art`: `logo` when the entry has a
 * logo to show, `name` when its kind has logos but this entry none (the name
 * is shown in its place), null for kinds without logos.
 */
export function presentEntry(entry: RegisterEntry & { type: string }) {
  const k = kindOf(entry.type);
  if (!k) return { ...entry, name: entry.id, proof: '', fields: [] as RightField[], art: null };
  const art: 'logo' | 'name' | null = k.logoOf ? (k.logoOf(entry) ? 'logo' : 'name') : null;
  return { ...entry, kindLabel: k.label, name: k.nameOf(entry), proof: k.proofOf(entry), fields: k.fields(entry), art };
}

/** What a match naming an entry in no register means (a fake patent number), or null. */
export function unregisteredFinding(assetType: string, assetId: string, evidence: string) {
  return kindOf(assetType)?.unregistered?.(assetId, evidence) ?? null;
}
