/**
 * Combines matches into a verdict (FORMATS §3): the listing's score is the
 * best match's score, raised a little by every further agreeing match, and
 * the listing is suspect when that reaches the threshold.
 */
import type { Match, Verdict } from '../domain/verdict.js';
import type { DetectorConfig } from './detector.config.js';

export function scoreVerdict(platform: string, listingId: string, matches: Match[], config: DetectorConfig): Verdict {
  const kept = matches.filter((m) => m.score >= config.reportThreshold).sort((a, b) => b.score - a.score);
  if (kept.length === 0) return { platform, listingId, suspect: false, score: 0, matches: [] };
  const top = kept[0].score;
  const score = Math.round(Math.min(0.99, top + config.weights.agreeBoost * (kept.length - 1)) * 1000) / 1000;
  return { platform, listingId, suspect: top >= config.suspectThreshold, score, matches: kept };
}
