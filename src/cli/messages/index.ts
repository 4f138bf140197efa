/** User-facing prose that is not specific to one command, in one place. */

export function internalError(message: string, version: string): string {
  return (
    `chainwatch: internal error: ${message}\n` +
    `This is a bug in chainwatch ${version}, not a problem with your project. Please report it on the\n` +
    `chainwatch issue tracker with the command you ran and its output with --debug.\n`
  );
}

export function inputError(message: string, hint: string | undefined): string {
  return `chainwatch: error: ${message}\n` + (hint ? `hint: ${hint}\n` : '');
}
