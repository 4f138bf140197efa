/**
 * AST helpers shared by the wallet, credential, exfiltration and CI/worm rules: static string
 * folding, module aliases, child_process command lines, credential paths and a secret taint tracker.
 * Not a rule (no rule.ts): the folder name starts with `_` so the rule registry skips it.
 */
export * from './values.js';
export * from './history.js';
export * from './modules.js';
export * from './visitors.js';
export * from './exec.js';
export * from './secret-paths.js';
export * from './taint.js';
export * from './hooks.js';
export * from './addresses.js';
export * from './secret-files.js';
export * from './hosts.js';
export * from './npm.js';
export * from './string-array.js';
export * from './web3.js';
