/**
 * Content-addressed evidence on disk: each file is stored once under
 * `<root>/<aa>/<bb>/<sha256>` and named by its SHA-256, so a notice can cite
 * exactly the bytes that were seen and an unchanged re-capture stores nothing new.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';

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
  /** The bytes, only if they still hash to `sha256` (else {@link EvidenceIntegrityError}); symlinks are refused. */
  read(sha256: string): Promise<Buffer>;
  /** The same checks as {@link EvidenceStore.read}, as a stream (errors are emitted on it). */
  stream(sha256: string): Readable;
  /** Re-hashes the stored file; false if it was altered, is missing or is not a regular file inside the root. */
  verify(sha256: string): Promise<boolean>;
  /** Every stored hash, in no set order (the integrity sweep, retention and backup walk it). */
  list(): AsyncIterable<string>;
  /** Deletes a stored file; false when it was not stored. Retention calls it, never a capture. */
  remove(sha256: string): Promise<boolean>;
  /** Where the bytes live, for logs and error messages (a folder, or an endpoint and bucket). */
  describe(): string;
}

/** A stored file no longer matches its name, or is not a plain file inside the store (a symlink). */
export class EvidenceIntegrityError extends Error {
  constructor(readonly sha256: string, readonly reason: string) {
    super(`evidence ${sha256}: ${reason}`);
    this.name = 'EvidenceIntegrityError';
  }
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
  let realRoot: string | undefined;

  /**
   * Reads a blob that must be a regular file reached without any symlink below
   * the root (O_NOFOLLOW for the file, realpath for its directories), and whose
   * bytes still hash to its name.
   */
  async function readChecked(sha: string): Promise<Buffer> {
    const file = abs(sha);
    realRoot ??= await realpath(root);
    const dir = await realpath(path.dirname(file)).catch(() => undefined);
    if (dir !== path.join(realRoot, path.dirname(rel(sha)))) {
      if (dir === undefined) throw Object.assign(new Error(`evidence ${sha}: not stored`), { code: 'ENOENT' });
      throw new EvidenceIntegrityError(sha, 'its directory is a link out of the evidence store');
    }
    let fh: Awaited<ReturnType<typeof open>> | undefined;
    try {
      fh = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new EvidenceIntegrityError(sha, 'the stored file is a symbolic link');
      throw err;
    }
    try {
      if (!(await fh.stat()).isFile()) throw new EvidenceIntegrityError(sha, 'the stored entry is not a regular file');
      const data = await fh.readFile();
      if (sha256Hex(data) !== sha) throw new EvidenceIntegrityError(sha, 'the stored bytes no longer match their SHA-256 (altered or corrupt)');
      return data;
    } finally {
      await fh.close();
    }
  }

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
    has: async (sha) => lstat(abs(sha)).then((st) => st.isFile(), () => false),
    read: (sha) => readChecked(sha),
    stream(sha) {
      const out = new PassThrough();
      readChecked(sha).then((b) => out.end(b), (err) => out.destroy(err));
      return out;
    },
    async verify(sha) {
      try { await readChecked(sha); return true; } catch { return false; }
    },
    async *list() {
      const sub = async (p: string) => readdir(p, { withFileTypes: true }).catch(() => []);
      for (const a of await sub(root)) {
        if (!a.isDirectory() || !/^[0-9a-f]{2}$/.test(a.name)) continue;
        for (const b of await sub(path.join(root, a.name))) {
          if (!b.isDirectory() || !/^[0-9a-f]{2}$/.test(b.name)) continue;
          for (const f of await sub(path.join(root, a.name, b.name))) if (HEX64.test(f.name)) yield f.name;
        }
      }
    },
    remove: (sha) => unlink(abs(sha)).then(() => true, (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw err;
    }),
    describe: () => `local folder ${root}`,
  };
}
