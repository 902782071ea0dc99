/**
 * Content-addressed evidence on disk: each file is stored once under
 * `<root>/<aa>/<bb>/<sha256>` and named by its SHA-256, so a notice can cite
 * exactly the bytes that were seen and an unchanged re-capture stores nothing new.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

export interface StoredBlob {
  sha256: string;
  bytes: number;
  /** Path relative to the evidence root. */
  path: string;
  /** False when identical bytes were already stored. */
  created: boolean;
}

/** Where evidence bytes live. Postgres records which capture cites which hash. */
export interface EvidenceStore {
  readonly root: string;
  put(data: Buffer): Promise<StoredBlob>;
  has(sha256: string): Promise<boolean>;
  read(sha256: string): Promise<Buffer>;
  stream(sha256: string): Readable;
  /** Re-hashes the stored file; false if it was altered or is missing. */
  verify(sha256: string): Promise<boolean>;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

const HEX64 = /^[0-9a-f]{64}$/;

export function createEvidenceStore(root: string): EvidenceStore {
  const rel = (sha: string) => {
    if (!HEX64.test(sha)) throw new Error(`not a sha256: ${sha}`);
    return path.join(sha.slice(0, 2), sha.slice(2, 4), sha);
  };
  const abs = (sha: string) => path.join(root, rel(sha));
  const exists = async (p: string) => stat(p).then(() => true, () => false);

  return {
    root,
    async put(data) {
      const sha256 = sha256Hex(data);
      const target = abs(sha256);
      if (await exists(target)) return { sha256, bytes: data.length, path: rel(sha256), created: false };
      await mkdir(path.dirname(target), { recursive: true });
      // Write then rename, so a crash never leaves a truncated file under a valid hash.
      const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, target);
      return { sha256, bytes: data.length, path: rel(sha256), created: true };
    },
    has: (sha) => exists(abs(sha)),
    read: async (sha) => readFile(abs(sha)),
    stream: (sha) => createReadStream(abs(sha)),
    async verify(sha) {
      try { return sha256Hex(await readFile(abs(sha))) === sha; } catch { return false; }
    },
  };
}
