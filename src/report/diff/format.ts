import { plural } from '../common.js';

/** Small wording helpers of the diff and verify text output. */

/** Text output stays readable in a 100-column terminal (patch lines aside: they are the evidence). */
export const WIDTH = 100;

/** `512 B`, `12.3 KiB`, `3.1 MiB`. */
export function bytes(n: number): string {
  const abs = Math.abs(n);
  if (abs < 1024) return `${n} B`;
  if (abs < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A time span as people say it: `40 min`, `5 h`, `12 days`, `7 months`, `2.5 years`. */
export function span(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MINUTE))} min`;
  if (ms < 2 * DAY) return `${Math.round(ms / HOUR)} h`;
  if (ms < 60 * DAY) return plural(Math.round(ms / DAY), 'day');
  if (ms < 730 * DAY) return `${Math.round(ms / (30 * DAY))} months`;
  return `${(ms / (365 * DAY)).toFixed(1)} years`;
}

/** `2025-09-08 13:00 UTC`; the input as given when it is not a date. */
export function when(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const s = new Date(ms).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)} UTC`;
}

/** One line of whitespace-collapsed text cut to `max` characters, `…` marking the cut. */
export function oneLine(text: string, max: number): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** A piece of a line and the colour it is shown in (none: plain). */
export type Segment = string | { text: string; colour: (s: string) => string };

/**
 * Words wrapped to `width`: the first line starts with `first`, the others with `rest`. A word
 * longer than a line (a URL) stays whole on its own line. Widths are counted on the plain text and
 * each word is coloured afterwards, so the lines break at the same places with and without colour.
 */
export function wrap(text: string | readonly Segment[], first: string, rest: string, width = WIDTH): string[] {
  const segments = typeof text === 'string' ? [text] : text;
  type Char = { c: string; colour: ((s: string) => string) | null };
  const words: Char[][] = [];
  let word: Char[] = [];
  for (const seg of segments) {
    const [plain, colour] = typeof seg === 'string' ? [seg, null] : [seg.text, seg.colour];
    for (const c of plain.replace(/\s+/g, ' ')) {
      if (c !== ' ') {
        word.push({ c, colour });
      } else if (word.length) {
        words.push(word);
        word = [];
      }
    }
  }
  if (word.length) words.push(word);
  const out: string[] = [];
  let line = first;
  let length = first.length;
  let empty = true;
  for (const w of words) {
    if (!empty && length + 1 + w.length > width) {
      out.push(line);
      line = rest;
      length = rest.length;
      empty = true;
    }
    line += (empty ? '' : ' ') + paint(w);
    length += (empty ? 0 : 1) + w.length;
    empty = false;
  }
  out.push(line);
  return out;
}

/** A word's characters, each run of one colour coloured once. */
function paint(word: readonly { c: string; colour: ((s: string) => string) | null }[]): string {
  let out = '';
  for (let i = 0; i < word.length; ) {
    const colour = word[i]!.colour;
    let run = '';
    while (i < word.length && word[i]!.colour === colour) run += word[i++]!.c;
    out += colour ? colour(run) : run;
  }
  return out;
}

/** The first `max` items and how many were left out. */
export function capped<T>(items: readonly T[], max: number): { shown: readonly T[]; more: number } {
  return items.length <= max ? { shown: items, more: 0 } : { shown: items.slice(0, max), more: items.length - max };
}
