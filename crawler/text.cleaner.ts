/**
 * Text that goes into Postgres is cleaned of NUL and other control characters
 * (Postgres refuses U+0000 in text, so a seller could otherwise make a listing
 * unstorable and escape detection), and of bidi controls (an override makes
 * "exe.gpj" display as "jpg.exe" on the desk and in notices; the detector
 * ignores them anyway). The evidence file keeps the raw bytes.
 */
import { stripBidiControls } from '../detector/unicode.hygiene.js';
import type { Listing } from '../domain/listing.schema.js';

// C0 controls except tab/newline/carriage return, DEL, C1 controls, noncharacters U+FFFE/U+FFFF.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One string without control characters or lone surrogates (which JSON and Postgres reject), nor bidi controls. */
export function cleanText(s: string): string {
  return stripBidiControls(s.replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD'));
}

/** Cleans every string inside a JSON-like value (object keys included). */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanDeep(v)])) as T;
  }
  return value;
}

/** The listing as it may be stored: every text field cleaned. */
export function cleanListing(listing: Listing): Listing {
  return cleanDeep(listing);
}
