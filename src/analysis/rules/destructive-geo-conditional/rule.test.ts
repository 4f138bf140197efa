import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'geolocation for display only', code: "fetch('https://ipapi.co/json/').then((r) => r.json()).then((d) => console.log(d.city, d.country_name));" },
    { name: 'country comparison without a lookup', code: "const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;\nif (opts.country === 'DE') showVat();" },
    { name: 'a geo library mentioning services in docs only', code: "// Works with ipinfo.io or ip-api.com\nmodule.exports = (ip) => lookup(ip);" },
  ],
  invalid: [
    {
      name: 'node-ipc: base64 URL and a regex on the country',
      code: "const https = require('https');\nconst u = Buffer.from('aHR0cHM6Ly9hcGkuaXBnZW9sb2NhdGlvbi5pby9pcGdlbz9hcGlLZXk9cGxhY2Vob2xkZXI=', 'base64').toString();\nhttps.get(u, (r) => r.on('data', (d) => {\n  const c = JSON.parse(d)[Buffer.from('Y291bnRyeV9uYW1l', 'base64').toString()];\n  if (c.match(/russia/gi) || c.match(/belarus/gi)) act();\n}));",
      errors: [{ message: /looks up the machine's location \(api\.ipgeolocation\.io\) and compares it with a country \(\/russia\/\)/, line: 2 }],
    },
    { name: 'ip-api with a country code check', code: "const res = await fetch('http://ip-api.com/json');\nconst { countryCode } = await res.json();\nif (countryCode === 'RU') run();", path: 'index.mjs', errors: [{ message: /ip-api\.com.*"RU"/, line: 1 }] },
    { name: 'country list includes', code: "const axios = require('axios');\naxios.get('https://ipinfo.io/json').then(({ data }) => { if (['RU', 'BY'].includes(data.country)) act(); });", errors: [{ message: /ipinfo\.io.*"RU"/ }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
