/**
 * The workspace symbol index: sections and measures of every *.md draft under
 * the workspace folders. Built once at start (bounded in files and bytes),
 * then kept current from open/change events and watched-file events.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildPlan, documentLocale } from '@plan-lint/core';
import type { PlanDocument } from '@plan-lint/core';
import type { SymbolInformation } from 'vscode-languageserver';
import { measureDetail, sectionName, sectionSymbols } from './navigation.js';
import { PositionMapper } from './positions.js';

export interface WorkspaceIndexOptions {
  /** Most files indexed (the walk stops there). */
  maxFiles: number;
  /** Files larger than this are skipped. */
  maxFileBytes: number;
  /** Most directories visited. */
  maxDirectories: number;
}

export const DEFAULT_INDEX_OPTIONS: WorkspaceIndexOptions = { maxFiles: 2000, maxFileBytes: 2 * 1024 * 1024, maxDirectories: 5000 };

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', 'build', 'coverage', '.hg', '.svn']);

/** Where a symbol comes from, for its container name: the file (relative to a workspace folder) and fiscal year. */
export function documentLabel(uri: string, document: PlanDocument, folders: readonly string[] = []): string {
  let name = uri.replace(/^[a-z][a-z0-9+.-]*:/i, '');
  if (uri.startsWith('file:')) {
    const file = fileURLToPath(uri);
    const inFolder = folders.map((f) => relative(f, file)).find((r) => r !== '' && !r.startsWith('..') && !isAbsolute(r));
    name = inFolder ?? basename(file);
  }
  return document.fiscalYear === null ? name : `${name} (FY${document.fiscalYear})`;
}

/** Sections and measures of one document for workspace search: the container names the file, so reports differ. */
export function symbolsOf(uri: string, document: PlanDocument, positions: PositionMapper, folders: readonly string[] = []): SymbolInformation[] {
  const label = documentLabel(uri, document, folders);
  return sectionSymbols(uri, document, positions, (section, measure) => `${label} — ${sectionName(section)} — ${measureDetail(measure, documentLocale(document))}`).map((s) =>
    s.containerName === undefined ? { ...s, containerName: label } : s,
  );
}

/** Case-insensitive subsequence match ("1ii" matches "1-(ii) ..."), scored: contiguous and early is better. */
export function matchScore(query: string, name: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return 0;
  const n = name.toLowerCase();
  const direct = n.indexOf(query.toLowerCase().trim());
  if (direct !== -1) return direct;
  let i = 0;
  let gaps = 0;
  let last = -1;
  for (let j = 0; j < n.length && i < q.length; j++) {
    if (n[j] === q[i]) {
      if (last !== -1 && j !== last + 1) gaps++;
      last = j;
      i++;
    }
  }
  return i === q.length ? 1000 + gaps : null;
}

export class WorkspaceIndex {
  /** Symbols of each file; for an open buffer, computed only when a query needs them (not on every keystroke). */
  private readonly files = new Map<string, SymbolInformation[] | (() => SymbolInformation[])>();
  /** Uris the editor holds open: their symbols come from the editor, not the disk. */
  private readonly open = new Set<string>();
  private truncated = false;
  /** The workspace folders, for file names relative to them. */
  private folders: readonly string[] = [];

  constructor(private readonly options: WorkspaceIndexOptions = DEFAULT_INDEX_OPTIONS) {}

  get size(): number {
    return this.files.size;
  }

  /** The indexed drafts the editor does not hold open: their text is the one on disk. */
  diskUris(): string[] {
    return [...this.files.keys()].filter((uri) => !this.open.has(uri));
  }

  /** Whether the initial walk stopped at a bound. */
  get incomplete(): boolean {
    return this.truncated;
  }

  /** Walks the folders and indexes the drafts on disk (from the editor when open); returns how many it found. */
  async indexFolders(folders: readonly string[], isCancelled: () => boolean = () => false): Promise<number> {
    let dirs = 0;
    let found = 0;
    this.folders = folders;
    const queue = [...folders];
    while (queue.length && !isCancelled()) {
      const dir = queue.shift() as string;
      if (++dirs > this.options.maxDirectories) {
        this.truncated = true;
        return found;
      }
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        if (entry.isDirectory()) {
          if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) queue.push(join(dir, entry.name));
        } else if (entry.isFile() && /\.(?:md|markdown)$/i.test(entry.name)) {
          if (this.files.size >= this.options.maxFiles) {
            this.truncated = true;
            return found;
          }
          found++;
          await this.indexFile(join(dir, entry.name));
        }
      }
    }
    return found;
  }

  /** (Re)reads one file from disk unless the editor holds it open. */
  async indexFile(path: string): Promise<void> {
    const uri = pathToFileURL(path).href;
    if (this.open.has(uri)) return;
    try {
      const info = await stat(path);
      if (!info.isFile() || info.size > this.options.maxFileBytes) return;
      const text = await readFile(path, 'utf8');
      if (this.open.has(uri)) return;
      this.setText(uri, text);
    } catch {
      this.files.delete(uri);
    }
  }

  setText(uri: string, text: string): void {
    const positions = new PositionMapper(text);
    try {
      this.files.set(uri, symbolsOf(uri, buildPlan(positions.index.text, {}), positions, this.folders));
    } catch {
      this.files.delete(uri);
    }
  }

  /** The editor opened the buffer: its symbols come from the editor from now on (see `setDocument`). */
  opened(uri: string): void {
    this.open.add(uri);
  }

  /** From an editor buffer that was just linted. */
  setDocument(uri: string, document: PlanDocument, positions: PositionMapper): void {
    this.open.add(uri);
    let symbols: SymbolInformation[] | undefined;
    this.files.set(uri, () => (symbols ??= symbolsOf(uri, document, positions, this.folders)));
  }

  /** The editor closed the buffer: the disk copy is authoritative again (a buffer with no file is gone). */
  async closed(uri: string, path: string | undefined): Promise<void> {
    this.open.delete(uri);
    if (path) await this.indexFile(path);
    else this.files.delete(uri);
  }

  remove(uri: string): void {
    this.files.delete(uri);
  }

  query(query: string, limit = 500): SymbolInformation[] {
    const scored: { s: SymbolInformation; score: number }[] = [];
    for (const entry of this.files.values()) {
      const symbols = typeof entry === 'function' ? entry() : entry;
      for (const s of symbols) {
        const score = matchScore(query, s.name);
        if (score !== null) scored.push({ s, score });
      }
    }
    scored.sort((a, b) => a.score - b.score || a.s.name.localeCompare(b.s.name));
    return scored.slice(0, limit).map((x) => x.s);
  }
}
