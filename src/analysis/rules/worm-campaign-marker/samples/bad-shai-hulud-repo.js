/* eslint-disable */
// Inert imitation of Shai-Hulud's naming (incidents.md section 3): the exfiltration repository, the
// branch and the helper scripts. Nothing is created; the object is only built.
module.exports = {
  repo: { name: 'Shai-Hulud', description: 'Shai-Hulud Repository.', private: false },
  branch: 'shai-hulud',
  helpers: { processor: '/tmp/processor.sh', migrate: '/tmp/migrate-repos.sh', workdir: '/tmp/github-migration' },
};
