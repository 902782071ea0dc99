/**
 * What a kind of protected right is, as one plug-in module. Everything the
 * system does with a kind reads it from here: the register file's section and
 * entry schema (FORMATS §1), the Postgres table and columns the repositories
 * iterate, the names a scan searches for, how the right is named, proven and
 * shown, what a notice prints of it, the reasons an officer picks for it, its
 * own stored codes with their labels, and the detector signals that find it.
 *
 * A new kind is one module exporting a {@link RightKind} plus one migration
 * that creates its table and calls `install_right_kind(...)` (0013), which
 * adds it to `asset_kinds`, the `assets` view and the review-queue triggers.
 * Built-in kinds are listed in kinds/kind.registry.ts; a plug-in is added
 * with `installKind` at start (test/kinds/ shows a fourth kind end to end).
 */
import type { z } from 'zod';
import type { SignalFactory } from '../detector/signal.js';
import type { Term } from '../domain/vocabulary.js';

/** A register entry in FORMATS §1 shape; every kind's entries carry an `id`. */
export interface RegisterEntry { id: string; [field: string]: unknown }

/** A Chinese and English label (Chinese first, as officers read it). */
export interface Label { zh: string; en: string }

/** One stored code with its labels (a patent's type, its legal status…), as the vocabulary holds every code. */
export type CodeLabel = Term;

/** One labelled value of a right, for the review page and the notice. */
export interface RightField { label: string; value: string }

/** How one field of an entry is kept in the kind's table, so import and read-back are generated. */
export interface KindColumn {
  /** The column in the kind's table. */
  column: string;
  /** The entry's field (FORMATS §1); a dot path for a nested one (`region.city`). */
  field: string;
  /** How Postgres holds it: reads give back the register's shape (dates as YYYY-MM-DD). */
  type: 'text' | 'text[]' | 'int[]' | 'date';
}

/** A preset reason for a decision on a match of this kind (kinds/kind.vocabulary.ts adds the general ones). */
export interface KindReason extends Term { decision: 'confirm' | 'dismiss' }

/** What the printed notice's table of rights (权利依据) shows of one right. */
export interface NoticeRight {
  /** The right's particulars in one line under its proof (核定使用类别…, 保护范围…). */
  particulars: string;
  /** Who holds the right (权利人). */
  holder: string;
  /** Fields the notice's JSON carries for this kind (registration number, region…), beside the common ones. */
  extra: Record<string, unknown>;
}

/** A finding about a listing from a match with no register entry behind it. */
export interface Finding {
  /** A code of the kind's own (malformed, check_digit…). */
  kind: string;
  /** Chinese first, English second. */
  label: string;
  number: string;
  detail: string;
}

/** One kind of protected right. */
export interface RightKind<E extends RegisterEntry = RegisterEntry> {
  /** The id stored in `asset_type` columns and sent as FORMATS §3 `assetType`. */
  type: string;
  label: Label;
  /** The register file's section for this kind (`trademarks` in registry.json). */
  registerKey: string;
  /** One entry of that section, validated at import. */
  schema: z.ZodType<E>;
  /** The Postgres table (created by the kind's migration) and the entry's columns besides `id` and `imported_at`. */
  table: { name: string; columns: readonly KindColumn[] };
  /** SQL expressions over the table for the `assets` view (name, reference, owner); checked against asset_kinds by a test. */
  assetsView: { name: string; reference: string; owner: string };
  /** The names a scan searches the platforms for (patents are found through their keywords). */
  searchNames(entry: E): string[];
  /** The right's name in a sentence: the mark, the GI name, the patent title. */
  nameOf(entry: E): string;
  /** The proof of the right a takedown notice cites (FORMATS §6). */
  proofOf(entry: E): string;
  /** The right's particulars, in display order (review page and notice JSON). */
  fields(entry: E): RightField[];
  /** What the printed notice shows of the right. */
  notice(entry: E): NoticeRight;
  /**
   * What a match naming an entry no register holds says about the listing (a
   * fake patent number is itself the finding); absent: the kind has none.
   */
  unregistered?(assetId: string, evidence: string): Finding;
  /** A logo the review page can show (the entry's `logo` path), when the kind has one. */
  logoOf?(entry: E): string | undefined;
  /** The notice quotes this kind's matches as the comparison with the right (FORMATS §6: a patent's claims). */
  quotesComparison?: boolean;
  /** Preset reasons that fit this kind. */
  reasons: readonly KindReason[];
  /** The kind's own stored codes with their labels, by vocabulary group (`patentType` → invention, design…); served with the core's. */
  codes: Readonly<Record<string, readonly CodeLabel[]>>;
  /** The detector's text signals for this kind, built once per register. */
  signals: SignalFactory;
}

/** Any kind, whatever its entry type (the registry holds them side by side). */
// biome-ignore lint/suspicious/noExplicitAny: entries of different kinds differ; each kind checks its own with its schema.
export type AnyKind = RightKind<any>;

const SQL_NAME = /^[a-z_][a-z0-9_]*$/;

/** Checks a kind's module at install: names safe to put in SQL, columns not repeated, codes labelled. Throws with the kind named. */
export function checkKind(k: AnyKind): void {
  const bad: string[] = [];
  if (!SQL_NAME.test(k.type)) bad.push(`type ${JSON.stringify(k.type)}`);
  if (!SQL_NAME.test(k.table.name)) bad.push(`table ${JSON.stringify(k.table.name)}`);
  const seen = new Set<string>();
  for (const c of k.table.columns) {
    if (!SQL_NAME.test(c.column) || c.column === 'id' || c.column === 'imported_at' || seen.has(c.column)) bad.push(`column ${JSON.stringify(c.column)}`);
    seen.add(c.column);
  }
  if (!k.label.zh || !k.label.en) bad.push('label');
  if (bad.length) throw new Error(`kind of right ${k.type}: bad ${bad.join(', ')}`);
}

/** Reads a dot path of an entry (`region.city`). */
export function fieldOf(entry: Record<string, unknown>, path: string): unknown {
  let v: unknown = entry;
  for (const p of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

/** Sets a dot path of an entry, creating the objects on the way. */
export function setField(entry: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = entry;
  for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
  o[parts[parts.length - 1]] = value;
}

/** A value for display: '' for nothing, lists joined with 、. */
export const text = (v: unknown): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join('、') : String(v));

/** The label of a code in one of a kind's groups, Chinese only (the notice) or bilingual. */
export function codeLabel(group: readonly CodeLabel[] | undefined, code: unknown, lang: 'zh' | 'both' = 'zh'): string {
  const c = group?.find((g) => g.code === code);
  if (!c) return text(code);
  return lang === 'zh' ? c.zh : `${c.zh} ${c.en}`;
}
