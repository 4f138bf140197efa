// Inert imitation of the faker 6.6.6 pattern: a banner printed forever at import.
'use strict';
const banner = 'LIBERTY LIBERTY LIBERTY';
while (true) {
  process.stdout.write(banner + '\n');
}
