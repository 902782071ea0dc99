/**
 * Patent-marking rule (假冒专利, FORMATS §4): every cited patent number is
 * parsed, its check digit verified, looked up in the register, and its status
 * and type compared with the listing's claim. A valid patent cited correctly
 * by its owner or a licensee is not flagged.
 */
import type { Patent, Registry } from '../domain/registry.schema.js';
import type { Match } from '../domain/verdict.js';
import { PATENT_STATUS_TERMS, PATENT_TYPE_TERMS } from '../domain/vocabulary/register.codes.js';
import { zhIn } from '../domain/vocabulary/term.model.js';
import type { DetectorConfig } from './detector.config.js';
import type { DetectInput, Signal, SignalContext, SignalFactory } from './signal.js';
import { checkDigit, parsePatentNumbers, type PatentCitation, type PatentKind } from './patent-number.js';
import { sellerKey } from './text.normalizer.js';
import { round } from './trademark.signal.js';
import { sanitizeEvidence } from './unicode.hygiene.js';

// Type and status in the vocabulary's words; a lapsed patent's evidence also says how a patent lapses.
const kindZh = (k: PatentKind) => zhIn(PATENT_TYPE_TERMS, k);
const statusZh = (s: Patent['status']) => `${zhIn(PATENT_STATUS_TERMS, s)}${s === 'expired' ? '（期满或未缴年费终止）' : ''}`;
const TYPE_WORDS: Array<[RegExp, PatentKind]> = [
  [/发明/g, 'invention'], [/实用新型|新型专利/g, 'utility_model'], [/外观设计|外观专利|外观/g, 'design'],
];

/** The patent type the text claims for a citation: the nearest type word before it (within 14 chars), else just after it. */
export function claimedKind(light: string, c: PatentCitation, prevEnd: number): PatentKind | undefined {
  const from = Math.max(prevEnd, c.index - 14);
  const before = light.slice(from, c.index);
  let best: { at: number; kind: PatentKind } | undefined;
  for (const [re, kind] of TYPE_WORDS) for (const m of before.matchAll(re)) if (!best || m.index! > best.at) best = { at: m.index!, kind };
  if (best) return best.kind;
  const after = light.slice(c.index + c.raw.length, c.index + c.raw.length + 8);
  let first: { at: number; kind: PatentKind } | undefined;
  for (const [re, kind] of TYPE_WORDS) for (const m of after.matchAll(re)) if (!first || m.index! < first.at) first = { at: m.index!, kind };
  return first?.kind;
}

export class PatentSignal implements Signal {
  readonly name = 'patent';
  private readonly byDigits = new Map<string, number>();
  private readonly rights: Array<Set<string>>;

  constructor(private readonly registry: Registry, private readonly config: DetectorConfig) {
    registry.patents.forEach((p, i) => this.byDigits.set(p.number.slice(2, 14), i));
    this.rights = registry.patents.map((p) => new Set([p.owner, ...p.licensees].map(sellerKey)));
  }

  evaluate(_input: DetectInput, sc: SignalContext): Match[] {
    const ctx = sc.listing;
    const w = this.config.weights;
    const best = new Map<string, Match>();
    for (const f of ctx.fields) {
      if (!/\d/.test(f.text.light)) continue;
      let prevEnd = 0;
      for (const c of parsePatentNumbers(f.text.original)) {
        const claimed = claimedKind(f.text.light, c, prevEnd);
        prevEnd = c.index + c.raw.length;
        const where = `${f.label}标注专利号“${c.raw}”${claimed ? `（称${kindZh(claimed)}）` : ''}`;
        const reasons: Array<[number, string]> = [];
        const idx = this.byDigits.get(c.digits);
        const p = idx === undefined ? undefined : this.registry.patents[idx];
        if (c.format === 'malformed') reasons.push([w.patentMalformed, `号码格式错误：${c.problem}`]);
        else {
          const expect = checkDigit(c.digits);
          if (c.check && c.check !== expect) reasons.push([w.patentCheckDigit, `校验位应为“${expect}”而非“${c.check}”`]);
          const actual = p?.type ?? c.kind;
          if (claimed && actual && claimed !== actual) reasons.push([w.patentTypeMismatch, `该号实为${kindZh(actual)}`]);
          if (!p) reasons.push([w.patentNotRegistered, '登记簿中无此专利']);
          else {
            if (p.status !== 'valid') reasons.push([w.patentNotInForce, `专利“${p.title}”${statusZh(p.status)}`]);
            if (reasons.length === 0 && !(ctx.shopKey && this.rights[idx!].has(ctx.shopKey))) {
              reasons.push([w.patentNotLicensee, `专利权人为${p.owner}，店铺“${ctx.listing.shop?.name ?? ''}”不是专利权人或被许可人`]);
            }
          }
        }
        if (reasons.length === 0) continue;
        const score = round(Math.min(0.99, Math.max(...reasons.map((r) => r[0])) + 0.03 * (reasons.length - 1)));
        const assetId = p?.id ?? c.canonical;
        const m: Match = { assetId, assetType: 'patent', signal: 'patent-number', score, evidence: sanitizeEvidence(`${where}；${reasons.map((r) => r[1]).join('；')}`) };
        const prev = best.get(assetId);
        if ((!prev || m.score > prev.score) && m.score >= this.config.reportThreshold) best.set(assetId, m);
      }
    }
    return [...best.values()];
  }
}

/** The patent kind's text signals (kinds/patent.kind.ts). */
export const patentSignals: SignalFactory = ({ registry, config }) => [new PatentSignal(registry, config)];
