import { describe, expect, it } from 'vitest';
import { sampleReports, workspaceReport, curatedOnlyReport, cleanReport } from '../fixtures/reports.js';
import type { Style } from '../style.js';
import { text } from './text.js';

/** Shows where colour goes without escape codes: `<red>malicious</red>`. */
const tagStyle: Style = {
  bold: (s) => `<b>${s}</b>`,
  dim: (s) => `<dim>${s}</dim>`,
  red: (s) => `<red>${s}</red>`,
  yellow: (s) => `<yellow>${s}</yellow>`,
  green: (s) => `<green>${s}</green>`,
  cyan: (s) => `<cyan>${s}</cyan>`,
};

describe('text reporter', () => {
  it.each(Object.entries(sampleReports))('renders the %s sample', async (name, report) => {
    await expect(text.render(report)).toMatchFileSnapshot(`../__snapshots__/text.${name}.txt`);
  });

  it('colours only through the style it is given', async () => {
    const plain = text.render(workspaceReport);
    const coloured = text.render(workspaceReport, { style: tagStyle });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).not.toContain('\u001b[');
    expect(coloured.replace(/<\/?[a-z]+>/g, '')).toBe(plain);
    await expect(coloured).toMatchFileSnapshot('../__snapshots__/text.workspace.styled.txt');
  });

  it('says what each hit is, how it got in and how to fix it', () => {
    const out = text.render(workspaceReport);
    expect(out).toContain('chalk@5.6.1  malicious  critical');
    expect(out).toContain('MAL-2025-46969 (GHSA-2v46-p5h4-248w)  Malicious code in chalk (npm)');
    expect(out).toContain('transitive, prod · in packages/api, packages/web');
    expect(out).toContain('packages/web › @acme/ui@2.3.0 › chalk@5.6.1');
    expect(out).toContain('lockfile: package-lock.json:1287');
    expect(out).toContain("fix: 5.6.2 (allowed by every dependent's range)");
    expect(out).toContain("fix: override to 0.25.0 (outside a dependent's range)");
    expect(out).toContain('direct, dev-only · in root');
    expect(out).toContain('chainwatch why chalk');
  });

  it('ends with one summary line before the next steps', () => {
    const lines = text.render(workspaceReport).trimEnd().split('\n');
    const summary = lines.findIndex((l) => l.startsWith('3 projects'));
    expect(lines[summary]).toBe('3 projects · 1,251 packages · 3 hits (1 critical, 1 high, 1 medium) · 1 error · 2 cache entries · 1.4 s');
    expect(lines.slice(summary + 1).every((l) => l.startsWith('→ '))).toBe(true);
  });

  it('says when OSV data is absent and how to get it', () => {
    expect(text.render(curatedOnlyReport)).toContain('OSV data absent: only curated incidents were checked. Run `chainwatch db update`');
    expect(text.render(cleanReport)).not.toContain('OSV data absent');
  });

  it('caps lockfile warnings per project', () => {
    const out = text.render(curatedOnlyReport);
    expect(out.match(/^ {2}warning: /gm)).toHaveLength(5);
    expect(out).toContain('… 2 more warnings');
  });
});
