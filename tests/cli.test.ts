/**
 * The built `plan-lint` binary, run as a child process on fixtures/cli/ and temporary copies:
 * exit codes, stdout/stderr of every format, file discovery and ignores, --fix, configs, stdin.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rules } from '@plan-lint/rules';
import { buildCli, cleanTemps, FIXTURES, ROOT, runCli, tempCopy, tempDir, type JsonResult } from './cli-helpers.js';

const PROJECT = path.join(FIXTURES, 'project');
const WARNINGS = path.join(FIXTURES, 'warnings-only');
const ENGINE_IDS = ['parse', 'unused-disable-directive', 'unknown-rule-in-directive', 'rule-crash'];

// Every test spawns the built binary (a few times); on a loaded machine one run can take seconds.
vi.setConfig({ testTimeout: 180_000 });

beforeAll(() => buildCli(), 180_000);
afterAll(() => cleanTemps());

function parseJson(stdout: string): JsonResult[] {
  return JSON.parse(stdout) as JsonResult[];
}

function rel(results: JsonResult[], base: string): string[] {
  return results.map((r) => path.relative(base, r.filePath).split(path.sep).join('/'));
}

describe('usage', () => {
  it('prints usage and exits 2 without arguments', () => {
    const r = runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: plan-lint/);
    expect(r.stderr).toMatch(/plan-lint: no files given/);
  });

  it('rejects an unknown option with a did-you-mean, in one line and without a stack trace', () => {
    const r = runCli(['--max-warning', '3', 'seeds']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("plan-lint: Unknown option '--max-warning'. Did you mean '--max-warnings'? Run 'plan-lint --help' for the list of options.\n");
    const f = runCli(['-f', 'sarf', 'seeds']);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/Unknown format 'sarf'.*Did you mean 'sarif'\?/);
    expect(runCli(['--max-warnings', 'many', 'seeds']).code).toBe(2);
    expect(runCli(['--format']).stderr).toMatch(/needs a value/);
  });

  it('prints help and the version', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    for (const option of ['--fix-dry-run', '--stdin-filename', '--max-warnings', '--print-config', '--explain', '--no-error-on-unmatched-pattern']) {
      expect(help.stdout).toContain(option);
    }
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string };
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toBe(`v${pkg.version}\n`);
  });
});

describe('file discovery and ignores', () => {
  it('lints **/*.md of a directory in a fixed order, honouring .plan-lintignore and the config ignores', () => {
    const r = runCli(['-f', 'json', '.'], { cwd: PROJECT });
    expect(r.code).toBe(1);
    const results = parseJson(r.stdout);
    // archive/ is in .plan-lintignore, *.draft.md in the config's ignores, notes.txt is not Markdown.
    expect(rel(results, PROJECT)).toEqual(['drafts/clean.md', 'drafts/problems.md', 'drafts/sub/nested.md']);
    expect(results[0]?.messages).toEqual([]);
  });

  it('finds the .plan-lintignore of a directory it walks into, not only in cwd', () => {
    const r = runCli(['-f', 'json', 'fixtures/cli/project'], { cwd: ROOT });
    expect(rel(parseJson(r.stdout), PROJECT)).toEqual(['drafts/clean.md', 'drafts/problems.md', 'drafts/sub/nested.md']);
  });

  it('lints ignored files with --no-ignore', () => {
    const r = runCli(['-f', 'json', '--no-ignore', '.'], { cwd: PROJECT });
    expect(rel(parseJson(r.stdout), PROJECT)).toEqual([
      'archive/old.md',
      'drafts/clean.md',
      'drafts/problems.md',
      'drafts/sub/nested.md',
      'drafts/wip.draft.md',
    ]);
  });

  it('expands globs, deduplicates and sorts', () => {
    const r = runCli(['-f', 'json', 'drafts/sub/*.md', 'drafts/**/*.md', 'drafts/clean.md'], { cwd: PROJECT });
    expect(r.code).toBe(1);
    expect(rel(parseJson(r.stdout), PROJECT)).toEqual(['drafts/clean.md', 'drafts/problems.md', 'drafts/sub/nested.md']);
  });

  it('warns about an explicitly named ignored file and lints nothing', () => {
    const r = runCli(['archive/old.md'], { cwd: PROJECT });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^plan-lint: warning: 'archive\/old.md' is ignored .*--no-ignore/);
  });

  it('exits 2 for a missing file, an unmatched glob, a folder without drafts, or only ignored matches', () => {
    const missing = runCli(['drafts/nope.md'], { cwd: PROJECT });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("plan-lint: No such file or directory: 'drafts/nope.md'.\n");
    const glob = runCli(['drafts/**/*.markdown'], { cwd: PROJECT });
    expect(glob.code).toBe(2);
    expect(glob.stderr).toMatch(/No files matching the pattern 'drafts\/\*\*\/\*.markdown'/);
    const empty = runCli([path.join(FIXTURES, 'bad-config')], { cwd: PROJECT, env: {} });
    expect(empty.code).toBe(2); // bad configs are found before anything is linted
    const ignored = runCli(['archive'], { cwd: PROJECT });
    expect(ignored.code).toBe(2);
    expect(ignored.stderr).toMatch(/ignored/);
  });

  it('accepts unmatched patterns with --no-error-on-unmatched-pattern', () => {
    const r = runCli(['--no-error-on-unmatched-pattern', '-f', 'json', 'drafts/nope.md', 'drafts/**/*.markdown', 'drafts/clean.md'], { cwd: PROJECT });
    expect(r.code).toBe(0);
    expect(rel(parseJson(r.stdout), PROJECT)).toEqual(['drafts/clean.md']);
  });

  it('always skips node_modules and .git', () => {
    const dir = tempCopy('project');
    for (const sub of ['node_modules/pkg', '.git/x']) {
      const target = path.join(dir, sub);
      mkdirSync(target, { recursive: true });
      writeFileSync(path.join(target, 'README.md'), readFileSync(path.join(PROJECT, 'drafts/problems.md')));
    }
    const r = runCli(['-f', 'json', '.'], { cwd: dir });
    expect(rel(parseJson(r.stdout), dir)).toEqual(['drafts/clean.md', 'drafts/problems.md', 'drafts/sub/nested.md']);
  });
});


describe('stylish (default)', () => {
  it('groups by file with line:col, severity, message and rule id, and a summary', () => {
    const r = runCli(['drafts'], { cwd: PROJECT });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('drafts/problems.md');
    expect(lines).toContain('drafts/sub/nested.md');
    expect(r.stdout).not.toContain('clean.md');
    expect(r.stdout).toMatch(/^ {2}14:54 +error +'MOJJ' is not a known ministry abbreviation; did you mean 'MOJ'\? +ministry-known$/m);
    expect(r.stdout).toMatch(/^ {2}21:3 +warning +Write the repeat-mention prefix .* +repeat-mention-format$/m);
    expect(r.stdout).toContain('\u2716 4 problems (2 errors, 2 warnings)');
    expect(r.stdout).toContain('2 errors and 2 warnings potentially fixable with the `--fix` option.');
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stderr).toBe('');
  });

  it('uses colors with --color or FORCE_COLOR and not with NO_COLOR', () => {
    expect(runCli(['--color', 'drafts'], { cwd: PROJECT }).stdout).toMatch(/\u001b\[31merror/);
    expect(runCli(['drafts'], { cwd: PROJECT, env: { FORCE_COLOR: '1' } }).stdout).toMatch(/\u001b\[/);
    expect(runCli(['drafts'], { cwd: PROJECT, env: { NO_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
  });
});

describe('exit codes, --max-warnings, --quiet, -o', () => {
  it('exits 0 with warnings only, 1 over --max-warnings', () => {
    const ok = runCli(['report.md'], { cwd: WARNINGS });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/\u2716 \d+ problems \(0 errors, \d+ warnings\)/);
    const count = Number(/\((0) errors, (\d+) warnings\)/.exec(ok.stdout)?.[2]);
    expect(count).toBeGreaterThan(1);
    expect(runCli(['--max-warnings', String(count), 'report.md'], { cwd: WARNINGS }).code).toBe(0);
    const over = runCli(['--max-warnings', String(count - 1), 'report.md'], { cwd: WARNINGS });
    expect(over.code).toBe(1);
    expect(over.stderr).toBe(`plan-lint found too many warnings (maximum: ${count - 1}, found: ${count}).\n`);
  });

  it('--quiet shows errors only (warnings still count for --max-warnings)', () => {
    const quiet = runCli(['--quiet', 'report.md'], { cwd: WARNINGS });
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe('');
    expect(runCli(['--quiet', '--max-warnings', '0', 'report.md'], { cwd: WARNINGS }).code).toBe(1);
    const errors = runCli(['--quiet', '-f', 'json', 'drafts/problems.md'], { cwd: PROJECT });
    expect(errors.code).toBe(1);
    const [result] = parseJson(errors.stdout);
    expect(result?.messages.map((m) => m.severity)).toEqual([2]);
    expect(result?.warningCount).toBe(0);
  });

  it('info messages never fail a run', () => {
    const dir = tempDir();
    const text = readFileSync(path.join(PROJECT, 'drafts/clean.md'), 'utf8').replace('held on April 23, 2018', 'held on October 28');
    writeFileSync(path.join(dir, 'info.md'), text);
    const r = runCli(['--max-warnings', '0', '-f', 'json', 'info.md'], { cwd: dir });
    expect(r.code).toBe(0);
    const [result] = parseJson(r.stdout);
    expect(result?.messages.length).toBeGreaterThan(0);
    expect(result?.messages.every((m) => m.severity === 0)).toBe(true);
  });

  it('-o writes the report to a file and keeps exit code 1', () => {
    const dir = tempDir();
    const out = path.join(dir, 'reports/lint.json');
    const r = runCli(['-f', 'json', '-o', out, 'drafts'], { cwd: PROJECT });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(parseJson(readFileSync(out, 'utf8')).length).toBe(3);
  });

  it('--rule overrides a severity; an unknown rule there is exit 2 with did-you-mean', () => {
    const off = runCli(['--rule', 'ministry-known:off', '-f', 'json', 'drafts/problems.md'], { cwd: PROJECT });
    expect(off.code).toBe(0);
    expect(parseJson(off.stdout)[0]?.messages.some((m) => m.ruleId === 'ministry-known')).toBe(false);
    const bad = runCli(['--rule', 'ministry-knwn:warn', 'drafts/problems.md'], { cwd: PROJECT });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^plan-lint: .*'ministry-knwn'.*did you mean 'ministry-known'\?/i);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('json', () => {
  it("has ESLint's shape; counts match the messages; fixes are offsets into the source", () => {
    const r = runCli(['-f', 'json', 'drafts'], { cwd: PROJECT });
    const results = parseJson(r.stdout);
    for (const result of results) {
      expect(path.isAbsolute(result.filePath)).toBe(true);
      expect(result.errorCount).toBe(result.messages.filter((m) => m.severity === 2).length);
      expect(result.warningCount).toBe(result.messages.filter((m) => m.severity === 1).length);
      expect(result.fixableErrorCount).toBe(result.messages.filter((m) => m.severity === 2 && m.fix).length);
      expect(Array.isArray(result.suppressedMessages)).toBe(true);
    }
    const problems = results.find((x) => x.filePath.endsWith('problems.md'));
    const fix = problems?.messages.find((m) => m.ruleId === 'ministry-known')?.fix;
    expect(fix).toBeDefined();
    const source = readFileSync(path.join(PROJECT, 'drafts/problems.md'), 'utf8');
    expect(source.slice(fix?.range[0], fix?.range[1])).toBe('MOJJ');
    expect(fix?.text).toBe('MOJ');
  });
});

describe('sarif', () => {
  it('is SARIF 2.1.0: driver rules with help, results with levels, regions, relative URIs and the exit code', () => {
    const r = runCli(['-f', 'sarif', 'drafts'], { cwd: PROJECT });
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as {
      $schema: string;
      version: string;
      runs: {
        tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; helpUri: string; help: { text: string; markdown: string }; defaultConfiguration: { level: string } }[] } };
        results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[]; fixes?: unknown[] }[];
        invocations: { exitCode: number; executionSuccessful: boolean }[];
      }[];
    };
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('plan-lint');
    expect(run.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.tool.driver.informationUri).toMatch(/^https:/);
    const ids = run.tool.driver.rules.map((x) => x.id);
    for (const rule of rules) expect(ids).toContain(rule.meta.id);
    for (const d of run.tool.driver.rules) {
      expect(d.shortDescription.text.length).toBeGreaterThan(0);
      expect(d.fullDescription.text.length).toBeGreaterThan(0);
      expect(d.helpUri).toBe(`${run.tool.driver.informationUri}rules/${d.id}.html`);
      expect(['error', 'warning', 'note', 'none']).toContain(d.defaultConfiguration.level);
      expect(d.help.text.length).toBeGreaterThan(0);
    }
    const known = run.tool.driver.rules.find((d) => d.id === 'ministry-known');
    expect(known?.help.markdown).toBe(readFileSync(path.join(ROOT, 'rules/ministry-known.md'), 'utf8'));
    expect(run.results.length).toBe(4);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text.length).toBeGreaterThan(0);
      const loc = result.locations[0]!.physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(['drafts/problems.md', 'drafts/sub/nested.md']).toContain(loc.artifactLocation.uri);
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region.startColumn).toBeGreaterThanOrEqual(1);
      expect(loc.region.endLine).toBeGreaterThanOrEqual(loc.region.startLine);
      if (loc.region.endLine === loc.region.startLine) expect(loc.region.endColumn).toBeGreaterThan(loc.region.startColumn);
    }
    const mojj = run.results.find((x) => x.ruleId === 'ministry-known');
    expect(mojj?.level).toBe('error');
    expect(mojj?.locations[0]?.physicalLocation.region).toEqual({ startLine: 14, startColumn: 54, endLine: 14, endColumn: 58 });
    expect(mojj?.fixes).toHaveLength(1);
    expect(run.results.filter((x) => x.level === 'warning').map((x) => x.ruleId)).toEqual(['repeat-mention-format', 'repeat-mention-format']);
    expect(run.invocations[0]).toEqual({ executionSuccessful: true, exitCode: 1 });
  });

  it('reports messages silenced by inline comments as suppressed results', () => {
    const dir = tempDir();
    const text = readFileSync(path.join(PROJECT, 'drafts/problems.md'), 'utf8').replace(
      '- Prosecutors',
      '<!-- plan-lint-disable-next-line ministry-known -- spelled as in the source -->\n- Prosecutors',
    );
    writeFileSync(path.join(dir, 'draft.md'), text);
    const r = runCli(['-f', 'sarif', 'draft.md'], { cwd: dir });
    const results = (JSON.parse(r.stdout) as { runs: { results: { ruleId: string; suppressions?: { kind: string }[] }[] }[] }).runs[0]!.results;
    const suppressed = results.filter((x) => x.suppressions);
    expect(suppressed.map((x) => x.ruleId)).toEqual(['ministry-known']);
    expect(suppressed[0]?.suppressions?.[0]?.kind).toBe('inSource');
    expect(r.code).toBe(0);
  });
});

describe('github', () => {
  it('prints ::error/::warning/::notice lines with escaped properties and messages', () => {
    const dir = tempDir();
    const name = 'a,b:c%.md';
    writeFileSync(path.join(dir, name), readFileSync(path.join(PROJECT, 'drafts/problems.md')));
    const r = runCli(['-f', 'github', name], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      "::error file=a%2Cb%3Ac%25.md,line=14,endLine=14,col=54,endColumn=58,title=ministry-known::'MOJJ' is not a known ministry abbreviation; did you mean 'MOJ'?",
    );
    expect(lines[1]).toMatch(/^::warning file=a%2Cb%3Ac%25\.md,line=21,endLine=21,col=3,endColumn=\d+,title=repeat-mention-format::Write the repeat-mention prefix/);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^,:]+,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=[a-z-]+::[^\r\n]+$/);
  });

  it('uses ::notice for info messages', () => {
    const r = runCli(['-f', 'github', 'seeds/fy2018-status-report.md']);
    expect(r.stdout).toMatch(/^::notice /m);
  });
});

/** A small XML well-formedness check: balanced tags, quoted attributes, only known entities. */
function checkXml(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>/, '');
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<!\[CDATA\[[\s\S]*?\]\]>|([^<]+)|(<)/g;
  for (const m of body.matchAll(token)) {
    if (m[6]) problems.push(`stray '<' at ${m.index}`);
    else if (m[5] !== undefined) {
      const bad = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(m[5]);
      if (bad) problems.push(`bare '&' at ${m.index}`);
    } else if (m[2]) {
      for (const attr of (m[3] ?? '').matchAll(/="([^"]*)"/g)) {
        if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(attr[1] ?? '')) problems.push(`bare '&' in attribute at ${m.index}`);
      }
      if (m[1]) {
        if (stack.pop() !== m[2]) problems.push(`unbalanced </${m[2]}> at ${m.index}`);
      } else if (!m[4]) stack.push(m[2]);
    }
  }
  if (stack.length) problems.push(`unclosed ${stack.join(', ')}`);
  return problems;
}

describe('junit', () => {
  it('is well-formed XML with one testsuite per file and a failure per error or warning', () => {
    const r = runCli(['-f', 'junit', 'drafts'], { cwd: PROJECT });
    expect(r.code).toBe(1);
    expect(checkXml(r.stdout.trim())).toEqual([]);
    expect(checkXml('<a><b></a>')).not.toEqual([]);
    expect(r.stdout.match(/<testsuite /g)).toHaveLength(3);
    expect(r.stdout.match(/<failure /g)).toHaveLength(4);
    expect(r.stdout).toContain('name="drafts/clean.md"');
    expect(r.stdout).toContain('&apos;MOJJ&apos;');
  });

  it('stays well-formed on the real report', () => {
    const r = runCli(['-f', 'junit', 'seeds/']);
    expect(checkXml(r.stdout.trim())).toEqual([]);
  });
});

describe('--fix and --fix-dry-run', () => {
  const expectedFixed = readFileSync(path.join(PROJECT, 'drafts/problems.md'), 'utf8')
    .replace('(MOJJ)', '(MOJ)')
    .replace('Repeat mention 1 \u2013 (i):', 'Repeat mention 1 - (i):');

  it('writes the fixed text atomically, keeps the mode, leaves clean files alone, and a second run changes nothing', () => {
    const dir = tempCopy('project');
    const problems = path.join(dir, 'drafts/problems.md');
    const clean = path.join(dir, 'drafts/clean.md');
    chmodSync(problems, 0o640);
    const past = new Date('2020-01-01T00:00:00Z');
    utimesSync(clean, past, past);
    const r = runCli(['--fix', 'drafts'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(''); // nothing remains
    expect(readFileSync(problems, 'utf8')).toBe(expectedFixed);
    expect(statSync(problems).mode & 0o777).toBe(0o640);
    expect(statSync(clean).mtimeMs).toBe(past.getTime());
    const fixedAt = new Date('2021-01-01T00:00:00Z');
    utimesSync(problems, fixedAt, fixedAt);
    const again = runCli(['--fix', 'drafts'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(statSync(problems).mtimeMs).toBe(fixedAt.getTime());
    expect(readFileSync(problems, 'utf8')).toBe(expectedFixed);
    // No temporary files are left behind.
    expect(readdirSync(path.join(dir, 'drafts')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('prints what remains after fixing', () => {
    const dir = tempDir();
    const text = readFileSync(path.join(PROJECT, 'drafts/problems.md'), 'utf8').replace('(NPA)\n- Repeat', '(NPA, MOJX, MOFX)\n- Repeat');
    writeFileSync(path.join(dir, 'd.md'), text);
    const r = runCli(['--fix', '-f', 'json', 'd.md'], { cwd: dir });
    const [result] = parseJson(r.stdout);
    expect(readFileSync(path.join(dir, 'd.md'), 'utf8')).toContain('(MOJ)');
    expect(result?.messages.every((m) => m.fix === undefined)).toBe(true);
    expect(r.code).toBe(result && result.errorCount > 0 ? 1 : 0);
  });

  it('--fix-dry-run reports the fixed output in json and writes nothing', () => {
    const dir = tempCopy('project');
    const problems = path.join(dir, 'drafts/problems.md');
    const before = readFileSync(problems, 'utf8');
    const mtime = statSync(problems).mtimeMs;
    const r = runCli(['--fix-dry-run', '-f', 'json', 'drafts'], { cwd: dir });
    expect(r.code).toBe(0);
    const results = parseJson(r.stdout);
    expect(results.find((x) => x.filePath.endsWith('problems.md'))?.output).toBe(expectedFixed);
    expect(results.find((x) => x.filePath.endsWith('clean.md'))?.output).toBeUndefined();
    expect(readFileSync(problems, 'utf8')).toBe(before);
    expect(statSync(problems).mtimeMs).toBe(mtime);
  });

  it('keeps CRLF line endings and the byte order mark', () => {
    const dir = tempDir();
    const file = path.join(dir, 'crlf.md');
    const original = readFileSync(path.join(PROJECT, 'drafts/problems.md'), 'utf8');
    writeFileSync(file, '\uFEFF' + original.replace(/\n/g, '\r\n'));
    const r = runCli(['--fix', 'crlf.md'], { cwd: dir });
    expect(r.code).toBe(0);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe('\uFEFF' + expectedFixed.replace(/\n/g, '\r\n'));
  });

  it('refuses --fix with --stdin and --fix with --fix-dry-run', () => {
    expect(runCli(['--fix', '--stdin']).code).toBe(2);
    expect(runCli(['--fix', '--fix-dry-run', 'seeds']).code).toBe(2);
  });
});

describe('configuration', () => {
  it.each([
    ['unknown-rule', /^plan-lint: Unknown rule 'ministry-knwn' in .*\.plan-lint\.json; did you mean 'ministry-known'\?\n$/],
    ['invalid-json', /^plan-lint: Invalid JSON in .*\.plan-lint\.json at 4:3: .*\n$/],
    ['unknown-key', /^plan-lint: Unknown key 'rulez' in .*\.plan-lint\.json; did you mean 'rules'\?\n$/],
  ])('a bad config (%s) is exit 2 with one line on stderr', (name, pattern) => {
    const r = runCli(['draft.md'], { cwd: path.join(FIXTURES, 'bad-config', name) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints a stack trace only with --debug', () => {
    const r = runCli(['--debug', 'draft.md'], { cwd: path.join(FIXTURES, 'bad-config', 'unknown-key') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^plan-lint: Unknown key 'rulez'/m);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('--config names the config; a missing one is exit 2', () => {
    const r = runCli(['--config', path.join(FIXTURES, 'bad-config/unknown-key/.plan-lint.json'), 'drafts/clean.md'], { cwd: PROJECT });
    expect(r.code).toBe(2);
    const missing = runCli(['--config', 'nope.json', 'drafts/clean.md'], { cwd: PROJECT });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("plan-lint: Cannot read the config file 'nope.json': no such file.\n");
  });

  it('--print-config prints the resolved config of a file as JSON', () => {
    const r = runCli(['--print-config', 'drafts/clean.md'], { cwd: PROJECT });
    expect(r.code).toBe(0);
    const config = JSON.parse(r.stdout) as { configFile: string; rules: Record<string, unknown>; ignored: boolean; registry: { abbreviation: string }[] };
    expect(config.configFile).toBe(path.join(PROJECT, '.plan-lint.json'));
    expect(config.ignored).toBe(false);
    for (const rule of rules) expect(Object.keys(config.rules)).toContain(rule.meta.id);
    expect(config.registry.map((b) => b.abbreviation)).toContain('MEXT');
    const ignored = JSON.parse(runCli(['--print-config', 'drafts/wip.draft.md'], { cwd: PROJECT }).stdout) as { ignored: boolean };
    expect(ignored.ignored).toBe(true);
    const off = JSON.parse(runCli(['--print-config', 'drafts/clean.md', '--rule', 'numbering:off'], { cwd: PROJECT }).stdout) as { rules: Record<string, unknown> };
    expect(off.rules['numbering']).toBe('off');
  });

  it('--init writes .plan-lint.json pointing at the shipped schema and refuses to overwrite', () => {
    const dir = tempDir();
    const r = runCli(['--init'], { cwd: dir });
    expect(r.code).toBe(0);
    const config = JSON.parse(readFileSync(path.join(dir, '.plan-lint.json'), 'utf8')) as { $schema: string; extends: string };
    expect(config.extends).toBe('plan-lint:recommended');
    expect(path.resolve(dir, config.$schema)).toBe(path.join(ROOT, 'packages/core/data/schema/config.schema.json'));
    const before = readFileSync(path.join(dir, '.plan-lint.json'), 'utf8');
    const again = runCli(['--init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(readFileSync(path.join(dir, '.plan-lint.json'), 'utf8')).toBe(before);
    // The written config is valid: linting with it works.
    writeFileSync(path.join(dir, 'd.md'), readFileSync(path.join(PROJECT, 'drafts/clean.md')));
    expect(runCli(['d.md'], { cwd: dir }).code).toBe(0);
  });

  it('--no-inline-config and --report-unused-disable-directives', () => {
    const dir = tempDir();
    const text = readFileSync(path.join(PROJECT, 'drafts/problems.md'), 'utf8').replace(
      '- The Conference',
      '<!-- plan-lint-disable-next-line ministry-known -->\n- The Conference',
    );
    writeFileSync(path.join(dir, 'd.md'), text);
    const unused = parseJson(runCli(['-f', 'json', '--report-unused-disable-directives', 'error', 'd.md'], { cwd: dir }).stdout)[0];
    const directive = unused?.messages.find((m) => m.ruleId === 'unused-disable-directive');
    expect(directive?.severity).toBe(2);
    const off = parseJson(runCli(['-f', 'json', '--report-unused-disable-directives', 'off', 'd.md'], { cwd: dir }).stdout)[0];
    expect(off?.messages.some((m) => m.ruleId === 'unused-disable-directive')).toBe(false);
    const noInline = runCli(['-f', 'json', '--no-inline-config', 'd.md'], { cwd: dir });
    expect(parseJson(noInline.stdout)[0]?.messages.some((m) => m.ruleId === 'ministry-known')).toBe(true);
  });
});

describe('--stdin', () => {
  const text = readFileSync(path.join(PROJECT, 'drafts/problems.md'), 'utf8');

  it('lints standard input under --stdin-filename (config lookup and report path)', () => {
    const r = runCli(['--stdin', '--stdin-filename', 'drafts/typed.md', '-f', 'json'], { cwd: PROJECT, input: text });
    expect(r.code).toBe(1);
    const [result] = parseJson(r.stdout);
    expect(result?.filePath).toBe(path.join(PROJECT, 'drafts/typed.md'));
    expect(result?.messages.map((m) => m.ruleId)).toEqual(['ministry-known', 'repeat-mention-format']);
  });

  it('names the input <stdin> without a file name, and prints the fixed text with --fix-dry-run', () => {
    const r = runCli(['--stdin', '--fix-dry-run', '-f', 'json'], { cwd: PROJECT, input: text });
    const [result] = parseJson(r.stdout);
    expect(result?.filePath).toBe('<stdin>');
    expect(result?.output).toContain('(MOJ)');
    expect(r.code).toBe(0);
  });

  it('lints nothing when the stdin file name is ignored', () => {
    const r = runCli(['--stdin', '--stdin-filename', 'archive/x.md', '-f', 'json'], { cwd: PROJECT, input: text });
    expect(r.code).toBe(0);
    expect(parseJson(r.stdout)).toEqual([]);
  });

  it('refuses files together with --stdin', () => {
    expect(runCli(['--stdin', 'x.md'], { input: text }).code).toBe(2);
  });
});

describe('rules: --list-rules and --explain', () => {
  it('--list-rules prints every rule with default severity, fixable, recommended and description', () => {
    const r = runCli(['--list-rules']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RULE +DEFAULT +FIXABLE +RECOMMENDED +DESCRIPTION$/);
    expect(lines).toHaveLength(rules.length + 1);
    for (const rule of rules) {
      const line = lines.find((l) => l.startsWith(`${rule.meta.id} `));
      expect(line).toBeDefined();
      expect(line).toContain(rule.meta.defaultSeverity);
      expect(line).toContain(rule.meta.description.en);
    }
  });

  it('--explain prints the rule documentation; an unknown rule is exit 2 with did-you-mean', () => {
    const r = runCli(['--explain', 'ministry-known']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(path.join(ROOT, 'rules/ministry-known.md'), 'utf8'));
    const bad = runCli(['--explain', 'ministry-knwn']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("plan-lint: Unknown rule 'ministry-knwn'. Did you mean 'ministry-known'? Run 'plan-lint --list-rules' to see them all.\n");
  });
});

describe('the real report (seeds/)', () => {
  it('lints seeds/ with consistent counts, valid positions and a matching exit code in every format', () => {
    const r = runCli(['-f', 'json', 'seeds/']);
    expect(r.code).toBeLessThan(2);
    const results = parseJson(r.stdout);
    expect(results.map((x) => path.relative(ROOT, x.filePath))).toEqual([
      'seeds/basic-plan-2017.md',
      'seeds/fy2018-status-report.md',
      'seeds/sample-ja-status-report.md',
    ]);
    // The Japanese sample is written to lint clean (docs/draft-format.md).
    expect(results[2]?.messages).toEqual([]);
    const known = new Set([...rules.map((x) => x.meta.id), ...ENGINE_IDS]);
    let errors = 0;
    let warnings = 0;
    for (const result of results) {
      const lines = readFileSync(result.filePath, 'utf8').split('\n');
      for (const m of result.messages) {
        expect(known.has(m.ruleId)).toBe(true);
        expect([0, 1, 2]).toContain(m.severity);
        expect(m.line).toBeGreaterThanOrEqual(1);
        expect(m.endLine).toBeLessThanOrEqual(lines.length);
        expect(m.column).toBeLessThanOrEqual((lines[m.line - 1]?.length ?? 0) + 1);
        expect(m.message).not.toMatch(/undefined|\[object Object\]/);
      }
      expect(result.errorCount).toBe(result.messages.filter((m) => m.severity === 2).length);
      expect(result.warningCount).toBe(result.messages.filter((m) => m.severity === 1).length);
      errors += result.errorCount;
      warnings += result.warningCount;
    }
    expect(r.code).toBe(errors > 0 ? 1 : 0);
    const stylish = runCli(['seeds/']);
    expect(stylish.code).toBe(r.code);
    if (errors + warnings > 0) expect(stylish.stdout).toContain(`(${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
    for (const format of ['sarif', 'github', 'junit', 'html']) {
      const other = runCli(['-f', format, 'seeds/']);
      expect(other.code).toBe(r.code);
      expect(other.stderr).toBe('');
    }
    const sarifLog = JSON.parse(runCli(['-f', 'sarif', 'seeds/']).stdout) as { runs: { results: unknown[] }[] };
    expect(sarifLog.runs[0]?.results.length).toBe(results.reduce((n, x) => n + x.messages.length + x.suppressedMessages.length, 0));
  });
});

describe('installation', () => {
  it('the bin shim is executable and declared in package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'packages/cli/package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin['plan-lint']).toBe('bin/plan-lint.js');
    const bin = path.join(ROOT, 'packages/cli/bin/plan-lint.js');
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(existsSync(path.join(ROOT, 'packages/cli/dist/main.js'))).toBe(true);
  });
});

describe('progress line', () => {
  function manyDrafts(): string {
    const dir = tempDir();
    const text = readFileSync(path.join(PROJECT, 'drafts/clean.md'));
    for (let i = 1; i <= 25; i++) writeFileSync(path.join(dir, `d${String(i).padStart(2, '0')}.md`), text);
    return dir;
  }

  it('is not printed when stderr is not a terminal', () => {
    const r = runCli(['.'], { cwd: manyDrafts() });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
  });

  it.skipIf(!existsSync('/usr/bin/script'))('is updated in place on a terminal and cleared at the end', () => {
    const dir = manyDrafts();
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ROOT, 'packages/cli/bin/plan-lint.js'))} .`;
    const out = execFileSync('/usr/bin/script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(out).toContain('\r\u001b[Kplan-lint: 1/25 d01.md');
    expect(out).toContain('\r\u001b[Kplan-lint: 25/25 d25.md');
    expect(out.endsWith('\r\u001b[K')).toBe(true);
  });
});
