/**
 * Linked documents: the plan a status report names (`plan:`) and the previous fiscal year's report
 * (`previous:`), from its front matter or the configuration's `overrides`; and the report it is a translation
 * of (`translation-of:`, front matter only: each translation has its own original).
 *
 * One component does it for the CLI and the language server: `createLinker()` reads and models each linked
 * document once per text (once per run in the CLI; once per version in an editor, whose host serves open
 * buffers), keeps every read inside the project (the configuration file's directory, else the report's own
 * directory; symbolic links are resolved before judging), and turns whatever cannot be followed into one
 * `LinkProblem` at the front matter value that names it. Only the linked documents themselves are read: their
 * own `previous:` is never followed and their `plan:` only resolved as a path, so chains and cycles cannot loop.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildPlan } from '../model/build.js';
import { fiscalYearLabel, localized, quoteLabel, type Locale, type Localized } from '../messages.js';
import type {
  DocumentKind,
  LinkedDocument,
  LinkedDocuments,
  LinkKey,
  Linker,
  LinkProblem,
  FrontMatter,
  PlanDocument,
  Range,
  Registry,
  ResolvedConfig,
} from '../types.js';

/** How the linker reaches files. Both functions throw (with a Node error code) when they cannot answer. */
export interface LinkHost {
  /** The text of a file: an open editor buffer wins over the disk. */
  readFile(absolutePath: string): string;
  /** The path with every symbolic link resolved. */
  realpath(absolutePath: string): string;
}

/** Largest linked document read (the real report is 150 KB). */
export const MAX_LINKED_BYTES = 16 * 1024 * 1024;

/** The disk, with the size cap and a refusal of binary files. */
export const diskLinkHost: LinkHost = {
  readFile(file) {
    const stats = statSync(file);
    if (!stats.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (stats.size > MAX_LINKED_BYTES) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
    const bytes = readFileSync(file);
    if (bytes.includes(0)) throw Object.assign(new Error('binary'), { code: 'EBINARY' });
    return bytes.toString('utf8');
  },
  realpath: (file) => realpathSync.native(file),
};

/** The front matter block at the start of a draft (optionally after a byte order mark). */
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n(?:[^\n]*\r?\n)*?---[ \t]*(?:\r?\n|$)/;

/** What each key names, in a sentence: "The plan 'x' …" / 「計画「x」は…」. */
const NOUN: Record<LinkKey, Localized> = {
  plan: { en: 'plan', ja: '計画' },
  previous: { en: 'previous report', ja: '前年度の報告' },
  original: { en: 'original report', ja: '原文の報告' },
};
/** The front matter key that names each link. */
const FIELD: Record<LinkKey, string> = { plan: 'plan', previous: 'previous', original: 'translation-of' };
const KIND_NOUN: Record<DocumentKind, Localized> = {
  plan: { en: 'a plan', ja: '計画' },
  'status-report': { en: 'a status report', ja: '取組状況の報告' },
};

function reason(error: unknown): Localized {
  switch ((error as NodeJS.ErrnoException | null)?.code) {
    case 'EISDIR':
      return { en: 'it is a folder, not a file', ja: 'ファイルではなくフォルダです' };
    case 'EFBIG':
      return { en: `it is larger than ${MAX_LINKED_BYTES / 1024 / 1024} MB`, ja: `${MAX_LINKED_BYTES / 1024 / 1024} MBを超えています` };
    case 'EBINARY':
      return { en: 'it is not a text file', ja: 'テキストファイルではありません' };
    case 'EACCES':
    case 'EPERM':
      return { en: 'permission denied', ja: '読み取りが許可されていません' };
    default:
      return { en: 'it could not be read', ja: '読み取れませんでした' };
  }
}

/** Whether `target` is `root` or below it (both absolute, normalised). */
function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function toDisplay(root: string, target: string): string {
  return path.relative(root, target).split(path.sep).join('/');
}

export interface CreateLinkerOptions {
  host?: LinkHost;
  /** Most documents kept (a workspace of many plans); all are forgotten at once past it. */
  maxDocuments?: number;
}

interface Cached {
  registry: Registry;
  document: PlanDocument;
}

/** A linker and its cache. `forget(path)` drops one document (an editor's file watcher), `clear()` all. */
export interface CachingLinker extends Linker {
  /** The document at `absolutePath` (inside the project or not: for the caller's own use), read through the cache. */
  load(absolutePath: string, registry: Registry): PlanDocument | undefined;
  /**
   * The documents linting `text` (at `filePath`) would read through this linker — its plan and previous report,
   * path and text — found from its front matter (and the configuration) alone, without linting it. For cache keys:
   * a draft whose front matter names no kind is treated as a report (a dependency too many costs nothing).
   */
  dependencies(text: string, filePath: string, config: ResolvedConfig): { path: string; text: string }[];
  forget(absolutePath: string): void;
  clear(): void;
  /** How many times a linked document was read (and modelled) since the linker was made. */
  readonly stats: { reads: number };
}

export function createLinker(options: CreateLinkerOptions = {}): CachingLinker {
  const host = options.host ?? diskLinkHost;
  const max = options.maxDocuments ?? 256;
  const cache = new Map<string, Cached>();
  const stats = { reads: 0 };

  /**
   * Reads and models a real path once: later calls return the same model until `forget(path)` (an editor calls
   * it when the buffer or the file changes). Throws what the host throws.
   */
  const model = (real: string, registry: Registry): PlanDocument => {
    const hit = cache.get(real);
    if (hit && hit.registry === registry) return hit.document;
    stats.reads++;
    const document = buildPlan(host.readFile(real), { registry });
    if (cache.size >= max) cache.clear();
    cache.set(real, { registry, document });
    return document;
  };

  /** The path with symbolic links resolved, or undefined when it does not exist. */
  const realOf = (file: string): string | undefined => {
    try {
      return path.resolve(host.realpath(file));
    } catch {
      return undefined;
    }
  };

  function follow(
    key: LinkKey,
    written: string | undefined,
    target: string,
    root: string,
    self: string,
    registry: Registry,
    problems: LinkProblem[],
    range: Range | null,
  ): LinkedDocument | undefined {
    const noun = NOUN[key];
    const named = localized((l) => {
      if (written !== undefined) return quoteLabel(written, l);
      const shown = quoteLabel(toDisplay(root, target), l);
      return l === 'en' ? `${shown} (named by the configuration)` : `${shown}（設定で指定）`;
    });
    let tried: string | undefined;
    const fail = (write: (noun: string, named: string, l: Locale) => string): undefined => {
      const message = localized((l) => write(noun[l], named[l], l));
      problems.push({ key, message, range, ...(tried !== undefined ? { path: tried } : {}) });
      return undefined;
    };
    if (written !== undefined && path.isAbsolute(written))
      return fail((n, _, l) =>
        l === 'en'
          ? `The ${n} must be named by a path relative to this report, not an absolute path`
          : `${n}はこの報告からの相対パスで指定してください（絶対パスは使えません）`,
      );
    if (!inside(root, target))
      return fail((n, d, l) =>
        l === 'en'
          ? `The ${n} ${d} is outside the project; plan-lint reads linked documents only inside the folder of the configuration file (or of this report when there is none)`
          : `${n}${d}はプロジェクトの外にあります。plan-lintがリンク先の文書を読むのは、設定ファイルのあるフォルダ（設定ファイルがなければこの報告のあるフォルダ）の中だけです`,
      );
    tried = target;
    const realRoot = realOf(root) ?? root;
    const real = realOf(target);
    if (real === undefined) return fail((n, d, l) => (l === 'en' ? `The ${n} ${d} does not exist` : `${n}${d}が見つかりません`));
    if (!inside(realRoot, real))
      return fail((n, d, l) =>
        l === 'en'
          ? `The ${n} ${d} leads outside the project through a symbolic link; plan-lint reads linked documents only inside the project`
          : `${n}${d}はシンボリックリンクでプロジェクトの外を指しています。plan-lintがリンク先の文書を読むのはプロジェクトの中だけです`,
      );
    if (real === self) return fail((n, d, l) => (l === 'en' ? `The ${n} ${d} is this report itself` : `${n}${d}はこの報告自身です`));
    let document: PlanDocument;
    try {
      document = model(real, registry);
    } catch (error) {
      const why = reason(error);
      return fail((n, d, l) => (l === 'en' ? `The ${n} ${d} cannot be read: ${why.en}` : `${n}${d}を読み込めません（${why.ja}）`));
    }
    const expected = key === 'plan' ? 'plan' : 'status-report';
    const kind = document.kind;
    if (kind !== expected)
      return fail((n, d, l) =>
        l === 'en'
          ? `The ${n} ${d} is ${KIND_NOUN[kind].en}, not ${KIND_NOUN[expected].en} (its front matter says 'document: ${kind}')`
          : `${n}${d}は${KIND_NOUN[kind].ja}であり、${KIND_NOUN[expected].ja}ではありません（その文書のフロントマターに「document: ${kind}」と書かれています）`,
      );
    return { path: real, displayPath: toDisplay(realRoot, real), document };
  }

  return {
    stats,
    load(absolutePath, registry) {
      try {
        return model(path.resolve(host.realpath(absolutePath)), registry);
      } catch {
        return undefined;
      }
    },
    forget(absolutePath) {
      cache.delete(realOf(absolutePath) ?? path.resolve(absolutePath));
      cache.delete(path.resolve(absolutePath));
    },
    clear() {
      cache.clear();
    },
    resolve(document: PlanDocument, filePath: string, config: ResolvedConfig): LinkedDocuments {
      if (document.kind !== 'status-report') return { problems: [] };
      return link(document.frontMatter, document.fiscalYear, filePath, config);
    },
    dependencies(text, filePath, config) {
      const head = FRONT_MATTER.exec(text)?.[0] ?? '';
      const document = buildPlan(head, { registry: config.registry });
      if (document.kind === 'plan' && document.frontMatter?.document === 'plan') return [];
      const linked = link(document.frontMatter, null, filePath, config);
      return [linked.plan, linked.previous, linked.original].flatMap((d) => (d ? [{ path: d.path, text: d.document.text }] : []));
    },
  };

  /** What a report's front matter (and the configuration) link to; `fiscalYear` checks the previous report's year. */
  function link(fm: FrontMatter | null, fiscalYear: number | null, filePath: string, config: ResolvedConfig): LinkedDocuments {
    const problems: LinkProblem[] = [];
    const out: LinkedDocuments = { problems };
    const file = path.resolve(filePath);
    const dir = path.dirname(file);
    const root = path.resolve(config.links?.root ?? dir);
    const self = realOf(file) ?? file;
    for (const key of ['plan', 'previous', 'original'] as const) {
      const written = key === 'original' ? fm?.translationOf : fm?.[key];
      const configured = key === 'original' ? undefined : config.links?.[key];
      let linked: LinkedDocument | undefined;
      if (written !== undefined) {
        const field = fm?.fields.find((f) => f.key === FIELD[key]);
        const range = field?.valueRange ?? fm?.range ?? null;
        linked = follow(key, written, path.resolve(dir, written), root, self, config.registry, problems, range);
      } else if (configured !== undefined) {
        linked = follow(key, undefined, path.resolve(configured), root, self, config.registry, problems, null);
      }
      if (linked) out[key] = linked;
    }
    const previous = out.previous;
    if (previous) {
      const year = fiscalYear;
      const before = previous.document.fiscalYear;
      if (year !== null && before !== null && before !== year - 1) {
        const field = fm?.fields.find((f) => f.key === 'previous');
        problems.push({
          key: 'previous',
          message: localized((l) => {
            const named = quoteLabel(fm?.previous ?? previous.displayPath, l);
            const label = (fy: number): string => fiscalYearLabel(fy, l);
            return l === 'en'
              ? `The previous report ${named} covers ${label(before)}, but this report covers ${label(year)}: name the ${label(year - 1)} report`
              : `前年度の報告${named}は${label(before)}の報告ですが、この報告は${label(year)}の報告です。${label(year - 1)}の報告を指定してください`;
          }),
          range: field?.valueRange ?? null,
        });
      }
      const itsPlan = previous.document.frontMatter?.plan;
      if (out.plan && itsPlan !== undefined && !path.isAbsolute(itsPlan)) {
        const target = path.resolve(path.dirname(previous.path), itsPlan);
        const real = inside(root, target) ? realOf(target) : undefined;
        if (real !== undefined) out.previousSamePlan = real === out.plan.path;
      }
    }
    return out;
  }
}
