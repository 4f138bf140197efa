import * as v from 'valibot';
import { DURATION_TEXT } from './duration.js';

const DURATION_HELP = 'a duration is a number of days (0 or more) or text like "90m", "12h", "3d", "1w"; 0 switches it off';

const Duration = v.union(
  [
    v.pipe(v.number(), v.minValue(0, DURATION_HELP)),
    v.pipe(v.string(), v.regex(DURATION_TEXT, DURATION_HELP)),
  ],
  DURATION_HELP,
);

/** A package name or a glob (`*`: any characters but `/`), the semantics of core's matchesPattern. */
const NamePattern = v.pipe(v.string(), v.minLength(1, 'a package name or glob cannot be empty'));

const Action = v.picklist(['off', 'warn', 'block']);

/**
 * The install gate's policy (`chainwatch guard`). Checks JSON Schema cannot express (semver ranges
 * in `installScripts.allow`, durations too large to count) are in check.ts; toGatePolicy turns
 * the result into the form the gate applies.
 */
const PolicySchema = v.strictObject({
  minimumReleaseAge: v.optional(
    v.pipe(
      Duration,
      v.description(
        'Hide versions published less than this long ago: a number of days (fractions allowed) or text ' +
          '"<n>m", "<n>h", "<n>d", "<n>w" (minutes, hours, days, weeks), e.g. "12h". 0 switches the cooldown off. Default 3 days.',
      ),
    ),
  ),
  minimumReleaseAgeExclude: v.optional(
    v.pipe(
      v.array(NamePattern),
      v.description(
        'Packages the cooldown does not apply to: names or globs where "*" matches any characters except "/" ' +
          '("@myorg/*", "eslint-*"; "*" alone matches unscoped names only).',
      ),
    ),
  ),
  packages: v.optional(
    v.pipe(
      v.record(
        NamePattern,
        v.strictObject({
          minimumReleaseAge: v.optional(v.pipe(Duration, v.description('The cooldown for the packages this key matches.'))),
        }),
      ),
      v.description(
        'Per-package overrides, keyed by name or glob; the first key (in file order) that matches a package wins.',
      ),
    ),
  ),
  installScripts: v.optional(
    v.pipe(
      v.strictObject({
        action: v.optional(
          v.pipe(
            Action,
            v.description('What happens to a version with install scripts that "allow" does not name. Default "block".'),
          ),
        ),
        allow: v.optional(
          v.pipe(
            v.array(NamePattern),
            v.description(
              'Packages whose install scripts may run: a name, a glob, or "name@range" for some versions only ' +
                '("esbuild", "@swc/*", "sharp@^0.33.0").',
            ),
          ),
        ),
      }),
      v.description('Versions with preinstall, install or postinstall scripts (or npm\'s implicit "node-gyp rebuild").'),
    ),
  ),
  vulnerabilities: v.optional(
    v.pipe(
      Action,
      v.description(
        'Versions affected by a vulnerability advisory. Default "warn". Malware advisories and incidents always block.',
      ),
    ),
  ),
  provenance: v.optional(
    v.pipe(Action, v.description('A version published without the provenance its predecessor had. Default "off".')),
  ),
  malicious: v.optional(
    v.pipe(
      Action,
      v.description(
        'A version the detection engine judges malicious; its tarball is fetched and inspected before it is served. Default "off".',
      ),
    ),
  ),
});

/**
 * The one definition of chainwatch's configuration file (chainwatch.config.json, or the
 * `chainwatch` field of package.json). The JSON Schema in docs/config.schema.json is generated
 * from it (`npm run gen:docs`) and a test fails when they drift. Command-line flags override every key.
 */
export const ConfigSchema = v.strictObject({
  $schema: v.optional(v.pipe(v.string(), v.description('The JSON Schema of this file, for editors; chainwatch ignores it.'))),
  format: v.optional(
    v.pipe(v.picklist(['text', 'json']), v.description('Default output format of every command.')),
  ),
  ignore: v.optional(
    v.pipe(
      v.array(v.pipe(v.string(), v.minLength(1))),
      v.description(
        'Directories to skip when discovering projects: a bare name skips every directory so named, ' +
          'a path (containing "/") is relative to the config file. node_modules and .git are always skipped.',
      ),
    ),
  ),
  policy: v.optional(
    v.pipe(
      PolicySchema,
      v.description('The install gate\'s policy (chainwatch guard): which versions package managers may resolve and install.'),
    ),
  ),
});

export type Config = v.InferOutput<typeof ConfigSchema>;
export type PolicyConfig = v.InferOutput<typeof PolicySchema>;
