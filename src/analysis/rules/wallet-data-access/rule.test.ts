import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'store link to MetaMask', code: "export const INSTALL_URL = 'https://chromewebstore.example.invalid/detail/metamask/nkbihfbeogaeaoehlefnkodbefgpgknn';" },
    { name: 'wallet word in UI text', code: "export const label = 'Export your Exodus wallet backup';" },
    { name: 'own keystore dir of a node (no read)', code: "export const dir = path.join(dataDir, 'keystore');" },
  ],
  invalid: [
    {
      name: 'MetaMask vault folder',
      code: "const base = path.join(os.homedir(), 'AppData/Local/Google/Chrome/User Data/Default/Local Extension Settings');\nconst vault = path.join(base, 'nkbihfbeogaeaoehlefnkodbefgpgknn');\nfs.readdirSync(vault);",
      errors: [{ message: /targets the storage of 1 wallet extension \(nkbihfbeogaeaoehlefnkodbefgpgknn\)/, line: 2 }],
    },
    {
      name: 'id list with file reads',
      code: "const ids = ['nkbihfbeogaeaoehlefnkodbefgpgknn', 'bfnaelmomeimhlpmgjnjophhpkkoljpa'];\nfor (const id of ids) copy(fs.readdirSync(join(ext, id)));",
      errors: [{ message: /2 wallet extensions/, line: 1 }],
    },
    {
      name: 'Exodus wallet file',
      code: "const f = path.join(process.env.APPDATA, 'Exodus', 'exodus.wallet');\nfs.copyFileSync(f, tmp);",
      errors: [{ message: /reads crypto-wallet files: Exodus wallet/, line: 1 }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
