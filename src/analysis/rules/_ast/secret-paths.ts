import { HOLE } from './values.js';

/**
 * Files that hold credentials, by what they are. `dev` files are read by legitimate tools too (npm
 * reads `.npmrc`, the AWS SDK reads `~/.aws/credentials`); `wallet` and `browser` stores are read
 * by almost nothing but stealers.
 */
export type SecretClass = 'dev' | 'wallet' | 'browser';

export interface SecretPath {
  /** Short name of what the file is: `npm token (.npmrc)`. */
  kind: string;
  class: SecretClass;
}

interface Pattern extends SecretPath {
  test: RegExp;
}

/**
 * Tested against a path shape (see stringShape): '/'-separated, HOLE where the home directory or
 * another dynamic part goes. A segment boundary is start, '/', '~', HOLE or a space (command lines).
 */
const B = `(?:^|[/~\\s${HOLE}"'=])`;
const E = `(?:$|[\\s"';|&)])`;

const PATTERNS: Pattern[] = [
  { kind: 'npm token (.npmrc)', class: 'dev', test: new RegExp(`${B}\\.npmrc${E}`) },
  { kind: 'yarn token (.yarnrc.yml)', class: 'dev', test: new RegExp(`${B}\\.yarnrc\\.yml${E}`) },
  { kind: 'SSH keys (~/.ssh)', class: 'dev', test: new RegExp(`${B}\\.ssh(?:/|${E})|${B}id_(?:rsa|dsa|ecdsa|ed25519)${E}`) },
  { kind: 'AWS credentials (~/.aws)', class: 'dev', test: new RegExp(`${B}\\.aws/(?:credentials|config)${E}`) },
  { kind: 'git credentials (.git-credentials)', class: 'dev', test: new RegExp(`${B}\\.git-credentials${E}`) },
  { kind: 'GitHub CLI token (gh/hosts.yml)', class: 'dev', test: new RegExp(`${B}(?:\\.config/)?gh/hosts\\.yml${E}`) },
  { kind: 'Docker registry auth (.docker/config.json)', class: 'dev', test: new RegExp(`${B}\\.docker/config\\.json${E}`) },
  { kind: 'Kubernetes config (.kube/config)', class: 'dev', test: new RegExp(`${B}\\.kube/config${E}`) },
  { kind: 'netrc passwords (.netrc)', class: 'dev', test: new RegExp(`${B}[._]netrc${E}`) },
  { kind: 'PyPI token (.pypirc)', class: 'dev', test: new RegExp(`${B}\\.pypirc${E}`) },
  { kind: 'Google Cloud credentials', class: 'dev', test: new RegExp(`application_default_credentials\\.json${E}|${B}\\.config/gcloud(?:/|${E})`) },
  { kind: 'Azure CLI tokens (.azure)', class: 'dev', test: new RegExp(`${B}\\.azure/(?:accessTokens\\.json|msal_token_cache)`) },
  { kind: 'Solana keypair (solana/id.json)', class: 'dev', test: new RegExp(`solana/id\\.json${E}`) },
  // Desktop wallets: the files a stealer copies.
  { kind: 'Exodus wallet', class: 'wallet', test: /exodus\.wallet|Exodus\/exodus/i },
  { kind: 'Electrum wallets', class: 'wallet', test: /Electrum(?:-LTC)?\/wallets/i },
  { kind: 'Atomic wallet storage', class: 'wallet', test: /atomic\/Local Storage/i },
  { kind: 'Ethereum keystore', class: 'wallet', test: /Ethereum\/keystore/i },
  { kind: 'Bitcoin Core wallet (wallet.dat)', class: 'wallet', test: new RegExp(`${B}wallet\\.dat${E}`) },
  { kind: 'wallet extension storage (Local Extension Settings)', class: 'wallet', test: /Local Extension Settings\/[a-p]{32}/ },
  { kind: 'Coinomi/Guarda/Jaxx wallet storage', class: 'wallet', test: /Coinomi\/Coinomi\/wallets|Guarda\/Local Storage|com\.liberty\.jaxx/i },
  // Browser profiles: saved passwords, cookies and the key that decrypts them.
  { kind: 'browser saved passwords (Login Data)', class: 'browser', test: new RegExp(`${B}Login Data(?: For Account)?${E}`) },
  { kind: 'Firefox saved passwords (logins.json/key4.db)', class: 'browser', test: new RegExp(`${B}(?:key4\\.db|key3\\.db)${E}|Firefox/Profiles/.*logins\\.json`) },
  { kind: 'browser cookies/encryption key', class: 'browser', test: /(?:Chrome|Chromium|BraveSoftware|Edge|Opera|Vivaldi|Yandex)[^\n]*\/(?:Local State|Cookies|Web Data)(?:$|["'\s])|User Data\/(?:Local State|Default\/(?:Cookies|Web Data|Network\/Cookies))/ },
];

/**
 * A word every pattern above needs (case-insensitively, as some of them match): one scan rejects
 * the strings that name no credential file, which is nearly all of them, before the 23 patterns.
 * None of these words holds a '/' or '\\', so the separator clean-up below cannot make one appear.
 */
const ANY_PATTERN = /npmrc|yarnrc|ssh|id_|aws|credentials|hosts\.yml|docker|kube|netrc|pypirc|gcloud|azure|id\.json|exodus|electrum|atomic|keystore|wallet\.dat|Local Extension Settings|coinomi|guarda|jaxx|Login Data|key[34]\.db|logins\.json|Local State|Cookies|Web Data/i;

/** What credential file a path shape names, if any. */
export function classifySecretPath(shape: string): SecretPath | undefined {
  if (shape.length > 4096 || !ANY_PATTERN.test(shape)) return undefined;
  const s = shape.replaceAll('\\\\', '/').replaceAll('\\', '/').replace(/\/{2,}/g, '/');
  for (const p of PATTERNS) if (p.test.test(s)) return { kind: p.kind, class: p.class };
  return undefined;
}

/**
 * Chrome Web Store ids of crypto-wallet extensions: their `Local Extension Settings/<id>` folders
 * hold the encrypted vaults that stealers copy. (MetaMask, Phantom, Coinbase, Binance, TronLink,
 * Ronin, Trust, Exodus Web3, Keplr, Solflare, Rabby, OKX, Math, Brave Wallet, Nami, Yoroi, Rainbow.)
 */
export const WALLET_EXTENSION_IDS: ReadonlySet<string> = new Set([
  'nkbihfbeogaeaoehlefnkodbefgpgknn', 'bfnaelmomeimhlpmgjnjophhpkkoljpa', 'hnfanknocfeofbddgcijnmhnfnkdnaad',
  'fhbohimaelbohpjbbldcngcnapndodjp', 'ibnejdfjmmkpcnlpebklmnkoeoihofec', 'fnjhmkhhmkbjkkabndcnnogagogbneec',
  'egjidjbpglichdcondbcbdnbeeppgdph', 'aholpfdialjgjfhomihkjbmgjidlcdno', 'dmkamcknogkgcdfhhbddcghachkejeap',
  'bhhhlbepdkbapadjdnnojkbgioiodbic', 'acmacodkjbdgmoleebolmdjonilkdbch', 'mcohilncbfahbmgdjkbpemcciiolgcge',
  'afbcbjpbpfadlkmhmclhkeeodmamcflc', 'odbfpeeihdkbihmopkbjmoonfanlbfcl', 'lpfcbjknijpeeillifnkikgncikgfhdo',
  'ffnbelfdoeiohenkjibnmadjiehjhajb', 'opfgelmcmbiajamepnmloijbpoleiama',
]);

/** Names of file-reading functions (fs, fs/promises, fs-extra), by their last segment. */
export const FILE_READERS: ReadonlySet<string> = new Set([
  'readFileSync', 'readFile', 'createReadStream', 'readdirSync', 'readdir', 'copyFileSync', 'copyFile', 'cpSync', 'cp',
  'readJson', 'readJsonSync', 'readJSON', 'readJSONSync', 'opendir', 'opendirSync',
]);

/** Substrings of the credential file names secret-paths.ts knows. */
export const CREDENTIAL_NEEDLES = ['.npmrc', '.yarnrc', '.ssh', 'id_rsa', 'id_ed25519', '.aws', 'credentials', 'hosts.yml', '.docker', '.kube', 'netrc', '.pypirc', 'gcloud', 'application_default_credentials', '.azure', 'id.json'];

