// IOC signatures: exact indicators of known incidents' payloads, kept as data in data/ioc/ and
// matched by one literal scan per file (plus hash and path lookups the engine does itself).
export type { IocBasis, IocFile, IocFileHit, IocKind, IocSignature, IocTextHit, LoadedSignature } from './types.js';
export { IOC_BASES, IOC_KINDS } from './types.js';
export { IOC_DATA_DIR, iocMatcher, loadIocFiles, type IocOptions } from './loader.js';
export { createIocMatcher, type IocMatcher } from './matcher.js';
export { createLiteralScanner, type LiteralScanner } from '../literal-scanner.js';
export { validateIocFile } from './validate.js';
