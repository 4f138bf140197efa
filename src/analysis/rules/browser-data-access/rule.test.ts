import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'cookie header handling', code: "const cookies = req.headers['cookie'];\nres.setHeader('Set-Cookie', 'a=1');" },
    { name: 'puppeteer user data dir', code: "await puppeteer.launch({ userDataDir: path.join(os.tmpdir(), 'profile') });" },
    { name: 'mentions Login Data without file access', code: "export const help = 'Chrome keeps passwords in Login Data';" },
  ],
  invalid: [
    {
      name: 'copies Chrome Login Data',
      code: "const db = path.join(process.env.LOCALAPPDATA, 'Google/Chrome/User Data/Default/Login Data');\nfs.copyFileSync(db, tmp);",
      errors: [{ message: /browser saved passwords \(Login Data\)/, line: 1 }],
    },
    {
      name: 'Local State key',
      code: "const state = JSON.parse(fs.readFileSync(path.join(base, 'BraveSoftware/Brave-Browser/User Data/Local State'), 'utf8'));",
      errors: [{ message: /browser cookies\/encryption key/ }],
    },
    {
      name: 'Firefox key4.db',
      code: "for (const p of profiles) fs.readFileSync(path.join(p, 'key4.db'));",
      errors: [{ message: /Firefox saved passwords/ }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
