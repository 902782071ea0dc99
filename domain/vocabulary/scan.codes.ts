/** Codes of scanning: runs, their search pages and listings, listings, evidence and refused images. */
import type { ScreenshotProvenance } from '../evidence.provenance.js';
import { codesOf, type Term } from './term.model.js';

/** scan_runs.status. */
export const RUN_STATE_TERMS = [
  { code: 'running', zh: '运行中', en: 'Running' },
  { code: 'finished', zh: '已完成', en: 'Finished' },
  { code: 'failed', zh: '失败', en: 'Failed' },
] as const satisfies readonly Term[];
export const RUN_STATES = codesOf(RUN_STATE_TERMS);
export type RunState = (typeof RUN_STATES)[number];

/** search_pages.status: one search-result page of a run. */
export const PAGE_STATE_TERMS = [
  { code: 'queued', zh: '排队中', en: 'Queued' },
  { code: 'done', zh: '已完成', en: 'Done' },
  { code: 'empty', zh: '无结果', en: 'No results' },
  { code: 'failed', zh: '失败', en: 'Failed' },
  { code: 'blocked', zh: '被拦截', en: 'Blocked' },
] as const satisfies readonly Term[];

/** scan_run_listings.status: one listing within a run. */
export const RUN_LISTING_STATE_TERMS = [
  { code: 'queued', zh: '排队中', en: 'Queued' },
  { code: 'captured', zh: '已取证', en: 'Captured' },
  { code: 'detected', zh: '已检测', en: 'Detected' },
  { code: 'gone', zh: '已下架', en: 'Gone' },
  { code: 'failed', zh: '失败', en: 'Failed' },
  { code: 'blocked', zh: '被拦截', en: 'Blocked' },
] as const satisfies readonly Term[];

/** scan_run_listings.source: how a listing came into a run. */
export const RUN_LISTING_SOURCE_TERMS = [
  { code: 'search', zh: '搜索发现', en: 'Found by search' },
  { code: 'recheck', zh: '复查', en: 'Re-check' },
  { code: 'seed', zh: '指定链接', en: 'Given URL' },
] as const satisfies readonly Term[];

/** listings.status. */
export const LISTING_STATUS_TERMS = [
  { code: 'pending', zh: '待取证', en: 'Pending' },
  { code: 'active', zh: '在售', en: 'Active' },
  { code: 'gone', zh: '已下架', en: 'Gone' },
  { code: 'failed', zh: '失败', en: 'Failed' },
] as const satisfies readonly Term[];

/** evidence.kind: what a piece of evidence is (the printed notice names it). */
export const EVIDENCE_KIND_TERMS = [
  { code: 'screenshot', zh: '页面截图', en: 'Screenshot' },
  { code: 'html', zh: '页面源文件', en: 'Page HTML' },
  { code: 'image', zh: '商品图片', en: 'Listing image' },
  { code: 'record', zh: '取证记录', en: 'Capture record' },
] as const satisfies readonly Term[];

/** capture_evidence.provenance: which procedure drew a screenshot (domain/evidence.provenance.ts), as the notice states it. */
export const SCREENSHOT_PROVENANCE_TERMS = [
  { code: 'live-page', zh: '平台网页实时加载时截取，图片等资源由平台当时提供', en: 'Taken while the platform served the page' },
  { code: 'stored-html-live-assets', zh: '以存证网页原文渲染，图片等资源实时取自平台', en: 'Drawn from the stored HTML, images loaded live' },
  { code: 'stored-page', zh: '完全由存证文件渲染（存证网页及存证图片，未再访问平台）', en: 'Drawn from stored files only' },
] as const satisfies ReadonlyArray<Term & { code: ScreenshotProvenance }>;

/** image_refusals.code: why an image was not processed (image/image.guard.ts). */
export const IMAGE_REFUSAL_TERMS = [
  { code: 'empty', zh: '空文件', en: 'Empty file' },
  { code: 'too-many-bytes', zh: '文件过大', en: 'Too many bytes' },
  { code: 'unsupported-type', zh: '格式不支持', en: 'Unsupported type' },
  { code: 'corrupt', zh: '文件损坏', en: 'Corrupt' },
  { code: 'too-many-pixels', zh: '像素过多', en: 'Too many pixels' },
  { code: 'too-large-dimensions', zh: '尺寸过大', en: 'Dimensions too large' },
  { code: 'unreadable', zh: '无法读取', en: 'Unreadable' },
] as const satisfies readonly Term[];
