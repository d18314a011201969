/**
 * Reading drafts and writing fixes safely: binary files are refused, invalid UTF-8 is
 * read (as U+FFFD) but never written back, and a fix is written only when the file on
 * disk still holds exactly what was read, is writable, and then atomically (temp file in
 * the same directory + rename). See SECURITY.md.
 */
import { constants, promises as fs } from 'node:fs';
import { writeFileAtomic } from './atomic.js';

export interface DecodedText {
  text: string;
  /** The file holds a NUL byte: not a text file, not linted. */
  binary: boolean;
  /** The bytes are valid UTF-8 (else invalid sequences were read as U+FFFD). */
  validUtf8: boolean;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.includes(0)) return { text: '', binary: true, validUtf8: false };
  try {
    return { text: strictDecoder.decode(bytes), binary: false, validUtf8: true };
  } catch {
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), binary: false, validUtf8: false };
  }
}

/** Thrown (internally) when the file changed between reading and writing. */
class ChangedOnDisk extends Error {}

/**
 * Writes the fixed text over `file` if it still holds `original` (the bytes read before
 * linting). Resolves to undefined when written, else to the reason it was not written
 * (for "plan-lint: 'x.md' was not fixed: <reason>."). Never leaves a temporary file.
 */
export async function writeFixes(file: string, data: string, original: Uint8Array | undefined): Promise<string | undefined> {
  try {
    const stats = await fs.stat(file);
    // Root may write anywhere: check the permission bits as well as access().
    const writable = (stats.mode & 0o222) !== 0 && (await fs.access(file, constants.W_OK).then(() => true, () => false));
    if (!writable) return 'the file is read-only; nothing was written';
  } catch (error) {
    return `cannot check the file (${(error as NodeJS.ErrnoException).code ?? String(error)}); nothing was written`;
  }
  const unchanged = async (): Promise<void> => {
    if (original === undefined) return;
    let now: Buffer;
    try {
      now = await fs.readFile(file);
    } catch {
      throw new ChangedOnDisk();
    }
    if (!now.equals(original)) throw new ChangedOnDisk();
  };
  try {
    await unchanged();
    await writeFileAtomic(file, data, unchanged);
    return undefined;
  } catch (error) {
    if (error instanceof ChangedOnDisk) return 'file changed on disk during the run; not written';
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'permission denied; nothing was written';
    return `${error instanceof Error ? error.message : String(error)}; nothing was written`;
  }
}
