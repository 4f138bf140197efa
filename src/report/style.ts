/**
 * How a reporter asks for colour. The CLI passes its own Style (it alone knows about TTYs and
 * NO_COLOR); everything else gets plain text.
 */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const plain = (s: string) => s;

export const plainStyle: Style = { bold: plain, dim: plain, red: plain, yellow: plain, green: plain, cyan: plain };
