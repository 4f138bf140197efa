import * as v from 'valibot';

/**
 * The one definition of chainwatch's configuration file (chainwatch.config.json). The JSON
 * Schema in docs/config.schema.json is generated from it (`npm run gen:docs`) and a test fails
 * when they drift. Command-line flags override every key.
 */
export const ConfigSchema = v.strictObject({
  $schema: v.optional(v.string()),
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
});

export type Config = v.InferOutput<typeof ConfigSchema>;
