/**
 * Headless Chromium (Debian's /usr/bin/chromium) driven over the DevTools protocol on a pipe
 * (--remote-debugging-pipe: commands on the child's fd 3, replies on fd 4, each a JSON text ended by NUL),
 * for the HTML report tests: open a page at a window size, run script in it, take a screenshot.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

interface Reply {
  id?: number;
  result?: Record<string, unknown>;
  error?: { message: string };
}

export class HeadlessPage {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private buffer = '';
  private sessionId: string | undefined;

  private constructor(
    private readonly child: ChildProcess,
    private readonly input: Writable,
    output: Readable,
  ) {
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) !== -1) {
        const reply = JSON.parse(this.buffer.slice(0, end)) as Reply;
        this.buffer = this.buffer.slice(end + 1);
        const waiting = reply.id !== undefined ? this.pending.get(reply.id) : undefined;
        if (!waiting || reply.id === undefined) continue;
        this.pending.delete(reply.id);
        if (reply.error) waiting.reject(new Error(reply.error.message));
        else waiting.resolve(reply.result ?? {});
      }
    });
    child.on('exit', () => {
      for (const waiting of this.pending.values()) waiting.reject(new Error('Chromium exited'));
      this.pending.clear();
    });
  }

  /** Starts Chromium and opens `url` in a window of `width` × `height` CSS pixels, loaded. */
  static async open(url: string, size: { width: number; height: number }, userDataDir: string): Promise<HeadlessPage> {
    const child = spawn(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        '--remote-debugging-pipe',
        `--user-data-dir=${userDataDir}`,
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    const page = new HeadlessPage(child, child.stdio[3] as Writable, child.stdio[4] as Readable);
    const { targetId } = (await page.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await page.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    page.sessionId = sessionId;
    await page.send('Emulation.setDeviceMetricsOverride', { width: size.width, height: size.height, deviceScaleFactor: 1, mobile: false });
    await page.send('Page.navigate', { url });
    for (let i = 0; i < 200 && (await page.evaluate<string>('document.readyState')) !== 'complete'; i++) await new Promise((r) => setTimeout(r, 50));
    return page;
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const message = { id, method, params, ...(this.sessionId !== undefined && !method.startsWith('Target.') ? { sessionId: this.sessionId } : {}) };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.input.write(JSON.stringify(message) + '\0');
    });
  }

  /** The value of a script expression in the page (promises awaited), after the next frame is painted. */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = (await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as {
      result: { value: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
    return reply.result.value;
  }

  /** Waits for two animation frames (scrolling and sticky positioning applied). */
  settle(): Promise<unknown> {
    return this.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))');
  }

  /** A PNG of the window as it is now. */
  async screenshot(file: string): Promise<void> {
    const { data } = (await this.send('Page.captureScreenshot', { format: 'png' })) as { data: string };
    writeFileSync(file, Buffer.from(data, 'base64'));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill();
    });
  }
}
