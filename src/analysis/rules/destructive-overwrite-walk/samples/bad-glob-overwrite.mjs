// Inert imitation: overwrite every file under the project with a message. Nothing calls it.
import { writeFileSync } from 'node:fs';
import fg from 'fast-glob';

export function protest(root) {
  for (const file of fg.sync('**/*', { cwd: root, absolute: true, dot: true })) writeFileSync(file, 'placeholder message');
}
