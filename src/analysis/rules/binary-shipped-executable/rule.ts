import type { Rule } from '../../types.js';

/** Dependencies that build or fetch native addons: a package using them is expected to ship `.node` files. */
const ADDON_TOOLING = ['node-gyp-build', 'bindings', 'prebuild-install', 'node-pre-gyp', '@mapbox/node-pre-gyp', 'napi-build-utils', 'node-addon-api', 'nan', '@napi-rs/cli', 'cmake-js', 'node-gyp-build-optional-packages', 'pkg-prebuilds'];

/**
 * Native executables (ELF, PE, Mach-O) inside a package: code no source review sees. Expected in
 * packages built to carry them: platform packages (`os`/`cpu` in the manifest, esbuild's and
 * rolldown's `@scope/binding-linux-x64`), native addons (`binding.gyp`, `prebuilds/`,
 * `build/Release/`, node-gyp-build and friends). Anywhere else (a `node-gyp.dll` beside an
 * `install.js`, a `jsextension.exe`), each one is reported.
 */
export const rule: Rule = {
  meta: {
    id: 'binary-shipped-executable',
    severity: 'medium',
    category: 'binary',
    confidence: 'medium',
    description: 'The package ships a native executable (ELF, PE or Mach-O) although it is neither a platform package nor a native addon',
  },
  checkPackage(ctx) {
    const { pkg } = ctx;
    if (pkg.executables.length === 0) return;
    const m = pkg.manifest ?? {};
    if (Array.isArray(m['os']) || Array.isArray(m['cpu'])) return;
    const deps = { ...(m['dependencies'] as Record<string, unknown> | undefined), ...(m['optionalDependencies'] as Record<string, unknown> | undefined), ...(m['devDependencies'] as Record<string, unknown> | undefined) };
    const addonPackage = pkg.files.includes('binding.gyp') || m['gypfile'] === true || ADDON_TOOLING.some((d) => d in deps);
    const unexpected = pkg.executables.filter((f) => {
      if (/(?:^|\/)(?:prebuilds|build\/(?:Release|Debug)|bin\/(?:linux|darwin|win32)[-_])/.test(f)) return false;
      if (f.endsWith('.node') && addonPackage) return false;
      return true;
    });
    for (const f of unexpected.slice(0, 10)) ctx.report({ file: f, message: `ships a native executable: ${f}` });
    if (unexpected.length > 10) ctx.report({ file: unexpected[10]!, message: `ships ${unexpected.length - 10} more native executables` });
  },
};
