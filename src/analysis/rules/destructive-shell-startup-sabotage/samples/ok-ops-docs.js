// Generates an ops runbook; mentions shutdown commands in text written to docs/.
const fs = require('fs');
const steps = ['Drain traffic', 'Stop workers', 'sudo shutdown -h now'];
fs.writeFileSync('docs/runbook.md', steps.map((s, i) => `${i + 1}. ${s}`).join('\n'));
