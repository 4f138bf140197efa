// Where the peers live: bench/.work/peers (installed by bench/peers/install.mjs).
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const peersPrefix = join(dirname(fileURLToPath(import.meta.url)), '..', '.work', 'peers');
/** A path inside the prefix, for createRequire(): resolution starts from its node_modules. */
export const peerRequireBase = join(peersPrefix, 'package.json');
