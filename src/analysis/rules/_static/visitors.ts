import type { AstNode, FileContext, Visitor } from '../../types.js';

type Handler = (node: AstNode, parent: AstNode | null) => void;

/** One visitor from several: handlers for the same node type run in the order given. */
export function mergeVisitors(...visitors: Visitor[]): Visitor {
  // One visitor of handlers only (the usual case for all but the first rule on a file model): itself.
  if (visitors.length === 1 && Object.values(visitors[0]!).every((fn) => typeof fn === 'function')) return visitors[0]!;
  const out: Record<string, Handler> = {};
  for (const v of visitors) {
    for (const [key, fn] of Object.entries(v) as [string, Handler | undefined][]) {
      if (typeof fn !== 'function' || key === 'onText') continue;
      const prev = out[key];
      out[key] = prev ? (n, p) => (prev(n, p), fn(n, p)) : fn;
    }
  }
  const texts = visitors.map((v) => v.onText).filter((f): f is (text: string) => void => typeof f === 'function');
  const merged = out as Visitor;
  if (texts.length) merged.onText = (text) => texts.forEach((f) => f(text));
  return merged;
}

/**
 * For capability rules that fire often in benign code (`eval` in a template engine): one finding
 * per file, at the first occurrence, with the count, instead of a hundred lines of noise.
 */
export class FirstOccurrence {
  private first: { node: { start: number; end: number }; message: string } | undefined;
  private count = 0;

  add(node: { start: number; end: number }, message: string): void {
    this.count++;
    if (!this.first) this.first = { node, message };
  }

  flush(ctx: FileContext): void {
    if (!this.first) return;
    const more = this.count > 1 ? ` (${this.count} places in this file)` : '';
    ctx.report({ node: this.first.node, message: `${this.first.message}${more}` });
  }
}

/** A string for a message: one line, at most `max` characters. */
export function preview(s: string, max = 80): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A visitor with a text-layer hook. */
export function withText(onText: (text: string) => void, visitor: Visitor = {}): Visitor {
  return { ...visitor, onText };
}
