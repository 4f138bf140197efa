import { describe, expect, it } from 'vitest';
import { sampleReports, workspaceReport, curatedOnlyReport } from '../fixtures/reports.js';
import type { ScanFinding, ScanReport } from '../types.js';
import { code, markdown, text } from './markdown.js';

const tableRows = (md: string) => md.split('\n').filter((l) => l.startsWith('| '));
/** GFM splits a row on every `|` that is not backslash-escaped. */
const cellCount = (row: string) => row.split(/(?<!\\)\|/).length - 2;

describe('markdown reporter', () => {
  it.each(Object.entries(sampleReports))('renders the %s sample', async (name, report) => {
    await expect(markdown.render(report)).toMatchFileSnapshot(`../__snapshots__/markdown.${name}.md`);
  });

  it('opens with the verdict', () => {
    expect(markdown.render(workspaceReport).split('\n')[0]).toBe('## 🚨 chainwatch: 1 malicious package and 2 vulnerable packages');
    expect(markdown.render(sampleReports.clean).split('\n')[0]).toBe('## ✅ chainwatch: no known malicious or vulnerable packages');
  });

  it('links ids to their references and shows the shortest path and the fix', () => {
    const row = tableRows(markdown.render(workspaceReport)).find((r) => r.startsWith('| `chalk`'))!;
    expect(row).toContain('[GHSA-2v46-p5h4-248w](<https://github.com/advisories/GHSA-2v46-p5h4-248w>)');
    expect(row).toContain('`packages/web › @acme/ui@2.3.0 › chalk@5.6.1` (+1)');
    expect(row).toContain('`5.6.2` (in range)');
    expect(row).toContain('transitive, prod');
  });

  it('warns when OSV data is absent', () => {
    expect(markdown.render(curatedOnlyReport)).toContain('**OSV data absent**: only curated incidents were checked');
  });

  it('escapes table pipes and markdown in names, versions and messages', () => {
    const report = structuredClone(curatedOnlyReport);
    const f = report.projects[0]!.findings[0]!;
    Object.assign(f, { name: 'evil|pkg_*x*', version: '1.0.0`|`', paths: [['root', 'a|b@1.0.0', 'evil|pkg_*x*@1.0.0`|`']] });
    f.advisories = [{ ...f.advisories[0]!, references: ['javascript:alert(1)'] }];
    const md = markdown.render(report);
    const row = tableRows(md).find((r) => r.includes('evil'))!;
    expect(cellCount(row)).toBe(8);
    expect(row).toContain('`evil\\|pkg_*x*`');
    expect(row).toContain('`` 1.0.0`\\|` ``');
    expect(md).not.toContain('javascript:');
  });

  it('folds a long table into <details>', () => {
    const report: ScanReport = structuredClone(curatedOnlyReport);
    const base = report.projects[0]!.findings[0]!;
    report.projects[0]!.findings = Array.from({ length: 12 }, (_, i): ScanFinding => ({ ...base, name: `pkg-${i}` }));
    const md = markdown.render(report);
    expect(md).toContain('<details>\n<summary>12 hits</summary>\n\n| Package |');
  });

  it('builds code spans and text that survive any content', () => {
    expect(code('a|b')).toBe('`a\\|b`');
    expect(code('a|b', false)).toBe('`a|b`');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(code('a``b')).toBe('```a``b```');
    expect(text('[x](y) <b> *z* _w_ #1 a|b')).toBe('\\[x\\]\\(y\\) \\<b\\> \\*z\\* \\_w\\_ \\#1 a\\|b');
    expect(text('two\nlines')).toBe('two lines');
  });
});
