import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Write `data` to `file` atomically: write a temporary file in the same directory, then rename it
 * over the target. The target's permission bits are kept when it exists. A reader never sees a
 * half-written file, and an interrupted run leaves the original untouched.
 */
export async function writeFileAtomic(file: string, data: string, beforeRename?: () => Promise<void>): Promise<void> {
  const target = path.resolve(file);
  let mode: number | undefined;
  let destination = target;
  try {
    // Follow a symbolic link so that the link itself stays in place.
    destination = await fs.realpath(target);
    mode = (await fs.stat(destination)).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    destination = target;
  }
  return writeVia(destination, data, mode, beforeRename);
}

async function writeVia(target: string, data: string, mode: number | undefined, beforeRename?: () => Promise<void>): Promise<void> {
  const dir = path.dirname(target);
  // node:crypto is loaded only when something is written (a plain lint writes nothing).
  const { randomBytes } = await import('node:crypto');
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', mode ?? 0o666);
    await handle.writeFile(data, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (mode !== undefined) await fs.chmod(temp, mode);
    if (beforeRename) await beforeRename();
    await fs.rename(temp, target);
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
