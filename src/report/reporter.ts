import type { Style } from './style.js';
import type { ScanReport } from './types.js';

export interface RenderOptions {
  /** Colour for the text reporter; the others ignore it. Default: no colour. */
  style?: Style;
}

/** One output format of `chainwatch scan`: a pure function of the report (no I/O, no clock). */
export interface Reporter {
  /** The `--format` value; equals its key in `reporters`. */
  readonly id: string;
  /** What the output is, for a library user who serves or uploads it. */
  readonly mediaType: string;
  render(report: ScanReport, opts?: RenderOptions): string;
}
