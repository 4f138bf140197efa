/** A duration as the config writes it: days as a number, or text `<n><unit>`; 0 switches the check off. */
export type Duration = number | string;

const MS_PER_UNIT = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/**
 * The text form: `<n>` (a fraction allowed) and a unit, m(inutes), h(ours), d(ays) or w(eeks),
 * or a bare `0`. The schema carries it, so editors check it through docs/config.schema.json too.
 */
export const DURATION_TEXT = /^(?:0|\d+(?:\.\d+)?[mhdw])$/;

/**
 * Whole milliseconds, or undefined for a value that is no duration: negative, not of the text
 * form, or so large that it is not finite in milliseconds (JSON's `1e400` parses as Infinity).
 */
export function durationToMs(value: Duration): number | undefined {
  let ms: number;
  if (typeof value === 'number') {
    if (!(value >= 0)) return undefined;
    ms = value * MS_PER_UNIT.d;
  } else {
    if (!DURATION_TEXT.test(value)) return undefined;
    ms = value === '0' ? 0 : Number(value.slice(0, -1)) * MS_PER_UNIT[value.slice(-1) as keyof typeof MS_PER_UNIT];
  }
  return Number.isFinite(ms) ? Math.round(ms) : undefined;
}
