// Tests read fixtures from disk through the same ReadonlyFs the CLI uses.
export { nodeFs } from '../../app/node-fs.js';
