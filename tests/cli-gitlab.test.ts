/**
 * `-f gitlab`: GitLab Code Quality JSON (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format),
 * from the built command on the real report and on a small draft.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cleanTemps, FIXTURES, ROOT, runCli, tempDir, type JsonResult } from './cli-helpers.js';

interface Issue {
  type: string;
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end: number } };
}

const REPORT = readFileSync(path.join(ROOT, 'seeds/fy2018-status-report.md'), 'utf8');
const PROBLEMS = readFileSync(path.join(FIXTURES, 'project/drafts/problems.md'), 'utf8');

beforeAll(() => buildCli());
afterAll(() => cleanTemps());

function lint(dir: string, args: readonly string[]): Issue[] {
  const r = runCli(['-f', 'gitlab', ...args], { cwd: dir });
  expect(r.code, r.stderr).toBe(1);
  return JSON.parse(r.stdout) as Issue[];
}

describe('-f gitlab', () => {
  it('has one issue per finding of the real report: description, check name, severity, relative path and lines', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'report.md'), REPORT);
    const issues = lint(dir, ['report.md']);
    const [json] = JSON.parse(runCli(['-f', 'json', 'report.md'], { cwd: dir }).stdout) as JsonResult[];
    const messages = json?.messages ?? [];
    expect(issues).toHaveLength(10);
    expect(issues.map((i) => [i.check_name, i.description, i.location.lines.begin, i.location.lines.end])).toEqual(
      messages.map((m) => [m.ruleId, m.message, m.line, m.endLine]),
    );
    // error -> major, warning -> minor, info -> info
    expect(issues.map((i) => i.severity)).toEqual(messages.map((m) => ({ 2: 'major', 1: 'minor', 0: 'info' })[m.severity]));
    expect(issues.filter((i) => i.severity === 'major')).toHaveLength(1);
    expect(issues.filter((i) => i.severity === 'minor')).toHaveLength(6);
    expect(issues.filter((i) => i.severity === 'info')).toHaveLength(3);
    for (const issue of issues) {
      expect(issue.type).toBe('issue');
      expect(issue.location.path).toBe('report.md');
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(10);
  });

  it('keeps fingerprints across runs and across edits that move the findings, and tells identical findings apart', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'draft.md'), PROBLEMS);
    const before = lint(dir, ['draft.md']);
    expect(lint(dir, ['draft.md'])).toEqual(before);
    // Three lines added above every finding: same fingerprints, new lines.
    writeFileSync(path.join(dir, 'draft.md'), PROBLEMS.replace('## 1. Enhancement', 'A note.\n\nAnother.\n## 1. Enhancement'));
    const moved = lint(dir, ['draft.md']);
    expect(moved.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));
    expect(moved.map((i) => i.location.lines.begin)).toEqual(before.map((i) => i.location.lines.begin + 3));
    // The same finding twice in a file: two issues, two fingerprints; the first keeps its fingerprint.
    writeFileSync(path.join(dir, 'draft.md'), PROBLEMS.replace('(MOJJ)', '(MOJJ)\n- Prosecutors attended more training in FY2018. (MOJJ)'));
    const twice = lint(dir, ['draft.md']).filter((i) => i.check_name === 'ministry-known');
    expect(twice).toHaveLength(2);
    expect(twice[0]?.description).toBe(twice[1]?.description);
    expect(twice[0]?.fingerprint).toBe(before.find((i) => i.check_name === 'ministry-known')?.fingerprint);
    expect(twice[1]?.fingerprint).not.toBe(twice[0]?.fingerprint);
    // A file elsewhere: its path (relative, "/") is part of the identity.
    const sub = path.join(dir, 'drafts');
    writeFileSync(path.join(dir, 'draft.md'), PROBLEMS);
    mkdirSync(sub);
    writeFileSync(path.join(sub, 'draft.md'), PROBLEMS);
    const both = lint(dir, ['draft.md', 'drafts/draft.md']);
    expect(both.map((i) => i.location.path)).toEqual([...before.map(() => 'draft.md'), ...before.map(() => 'drafts/draft.md')]);
    expect(new Set(both.map((i) => i.fingerprint)).size).toBe(both.length);
  });

  it('is an empty list when nothing is found', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'clean.md'), readFileSync(path.join(FIXTURES, 'project/drafts/clean.md'), 'utf8'));
    const r = runCli(['-f', 'gitlab', 'clean.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});
