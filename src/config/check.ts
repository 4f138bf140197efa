import validRange from 'semver/ranges/valid.js';
import { durationToMs, type Duration } from './duration.js';
import type { PolicyConfig } from './schema.js';

export interface Problem {
  path: (string | number)[];
  message: string;
}

/**
 * What the schema cannot say, because JSON Schema (docs/config.schema.json is generated from the
 * schema) has no words for it: semver ranges in `installScripts.allow`, and durations too large to
 * count in milliseconds. Returns the first problem, its path starting at `policy`.
 */
export function policyProblem(policy: PolicyConfig): Problem | undefined {
  const durations: [(string | number)[], Duration | undefined][] = [
    [['minimumReleaseAge'], policy.minimumReleaseAge],
    ...Object.entries(policy.packages ?? {}).map(([pattern, o]): [string[], Duration | undefined] => [
      ['packages', pattern, 'minimumReleaseAge'],
      o.minimumReleaseAge,
    ]),
  ];
  for (const [path, duration] of durations) {
    if (duration !== undefined && durationToMs(duration) === undefined) {
      return { path: ['policy', ...path], message: `${JSON.stringify(duration)} is too large a duration` };
    }
  }
  for (const [i, entry] of (policy.installScripts?.allow ?? []).entries()) {
    // `name@range`: the first `@` after a scope's leading one, as the gate splits it.
    const at = entry.indexOf('@', 1);
    const range = at === -1 ? undefined : entry.slice(at + 1);
    if (range !== undefined && (range.trim() === '' || validRange(range) === null)) {
      return {
        path: ['policy', 'installScripts', 'allow', i],
        message: `"${range}" in "${entry}" is not a semver range (write "name@range", e.g. "sharp@^0.33.0")`,
      };
    }
  }
  return undefined;
}
