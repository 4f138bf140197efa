// A library that adapts to the runtime it runs in (Node, Bun or Deno) and links to their docs.
export function runtime() {
  if (typeof globalThis.Bun !== 'undefined') return 'bun';
  if (typeof globalThis.Deno !== 'undefined') return 'deno';
  return 'node';
}

export const DOCS = {
  bun: 'https://bun.sh/docs',
  deno: 'https://docs.deno.com',
  node: 'https://nodejs.org/api',
};
