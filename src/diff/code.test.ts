import { describe, expect, it } from 'vitest';
import type { Finding } from '../analysis/index.js';
import { newFindings } from './code.js';

const finding = (over: Partial<Finding>): Finding => ({
  rule: 'dynamic-code-eval',
  severity: 'low',
  category: 'dynamic-code',
  confidence: 'low',
  message: 'calls eval',
  file: 'lib/a.js',
  line: 1,
  column: 1,
  snippet: 'eval(x)',
  ...over,
});

describe('newFindings', () => {
  it('matches a finding that moved lines, or whose message numbers changed', () => {
    const before = [finding({ line: 3, message: 'line 3 is 2000 characters long' })];
    const after = [finding({ line: 9, message: 'line 9 is 2,400 characters long' })];
    expect(newFindings(before, after)).toEqual([]);
  });

  it('keeps findings of another rule, file or message', () => {
    const before = [finding({})];
    const after = [finding({ rule: 'dynamic-code-remote-eval' }), finding({ file: 'lib/b.js' }), finding({ message: 'calls eval on a download' })];
    expect(newFindings(before, after)).toEqual(after);
  });

  it('reports the one new occurrence when a file gains a second identical finding', () => {
    const before = [finding({ line: 5, snippet: 'eval(template)' })];
    const after = [finding({ line: 2, snippet: 'eval(atob(payload))' }), finding({ line: 6, snippet: 'eval(template)' })];
    expect(newFindings(before, after)).toEqual([after[0]]);
  });

  it('follows renames', () => {
    const before = [finding({ file: 'lib/a.js' })];
    const after = [finding({ file: 'src/a.js' })];
    expect(newFindings(before, after, (f) => (f === 'src/a.js' ? 'lib/a.js' : f))).toEqual([]);
  });
});
