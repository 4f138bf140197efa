// One adapter per candidate parser: the same job for each (parse one file, module first, then the
// file's fallback goal), so the timings compare like with like. Adapters load the candidates from
// bench/.work/parsers/node_modules through a require rooted there, never from the repo's own tree.
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What a file is, from its extension: the language and which goals to try, in order. */
export function fileKind(path) {
  const ext = extname(path);
  const ts = ext === '.ts' || ext === '.mts' || ext === '.cts' || ext === '.tsx';
  const jsx = ext === '.jsx' || ext === '.tsx';
  // As src/analysis/parse.ts: the extension's goal first, the other as a fallback.
  const goals = ext === '.cjs' || ext === '.cts' ? ['commonjs', 'module'] : ['module', 'commonjs'];
  const dts = /\.d\.[cm]?ts$/.test(path);
  return { ts, jsx, goals, dts };
}

/** Runs `once(goal)` for each goal until one does not throw; rethrows the first error. */
function firstGoal(goals, once) {
  let first;
  for (const goal of goals) {
    try {
      return once(goal);
    } catch (error) {
      first ??= error;
    }
  }
  throw first;
}

export async function loadAdapters(installDir) {
  const require = createRequire(join(installDir, 'package.json'));
  const load = async (name) => import(pathToFileURL(require.resolve(name)).href);
  return {
    'oxc-parser': async () => {
      const oxc = await load('oxc-parser');
      return {
        supports: { ts: true, jsx: true },
        parse(text, path) {
          const k = fileKind(path);
          const lang = k.dts ? 'dts' : k.ts ? (k.jsx ? 'tsx' : 'ts') : 'jsx';
          return firstGoal(k.goals, (sourceType) => {
            const r = oxc.parseSync(path, text, { lang, sourceType, preserveParens: false });
            if (r.errors.length > 0) throw new Error(r.errors[0].message);
            return r.program; // the getter JSON-parses the AST: part of the cost
          });
        },
      };
    },
    '@swc/core': async () => {
      const swc = await load('@swc/core');
      return {
        supports: { ts: true, jsx: true },
        parse(text, path) {
          const k = fileKind(path);
          const syntax = k.ts ? { syntax: 'typescript', tsx: k.jsx, dts: k.dts } : { syntax: 'ecmascript', jsx: true };
          return firstGoal(k.goals, (goal) =>
            swc.parseSync(text, { ...syntax, target: 'esnext', isModule: goal === 'module' ? true : 'commonjs' }),
          );
        },
      };
    },
    meriyah: async () => {
      const meriyah = await load('meriyah');
      return {
        supports: { ts: false, jsx: true },
        parse(text, path) {
          const k = fileKind(path);
          return firstGoal(k.goals, (goal) =>
            meriyah.parse(text, {
              sourceType: goal,
              next: true,
              webcompat: true,
              jsx: true,
              ranges: { start: true, end: true, range: false },
              raw: true,
              validateRegex: false,
            }),
          );
        },
      };
    },
    acorn: async () => {
      const acorn = await load('acorn');
      const jsx = (await load('acorn-jsx')).default;
      const JsxParser = acorn.Parser.extend(jsx());
      return {
        supports: { ts: false, jsx: true },
        parse(text, path) {
          const k = fileKind(path);
          const P = JsxParser; // JSX on for every file, as the others
          return firstGoal(k.goals, (goal) =>
            P.parse(text, {
              ecmaVersion: 'latest',
              sourceType: goal === 'module' ? 'module' : 'script',
              allowReturnOutsideFunction: goal === 'commonjs',
              allowHashBang: true,
            }),
          );
        },
      };
    },
    '@babel/parser': async () => {
      const babel = await load('@babel/parser');
      return {
        supports: { ts: true, jsx: true },
        parse(text, path) {
          const k = fileKind(path);
          const plugins = [['estree', { classFeatures: true }], 'jsx'];
          if (k.ts) plugins.splice(1, 1, ['typescript', { dts: k.dts }], 'decorators', ...(k.jsx ? ['jsx'] : []));
          return firstGoal(k.goals, (goal) => babel.parse(text, { sourceType: goal, plugins, attachComment: false }).program);
        },
      };
    },
  };
}
