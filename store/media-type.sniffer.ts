/**
 * The media type of an image file read from its first bytes (its magic
 * number), not from what the code that made it meant to make: a screenshot
 * is labelled what it is.
 */

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

const startsWith = (bytes: Uint8Array, magic: number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** `image/png` or `image/jpeg` from the file's signature; `application/octet-stream` for anything else. */
export function screenshotMediaType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | 'application/octet-stream' {
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  return 'application/octet-stream';
}
