import type { Rule } from '../types.js';
import { rule as binaryDownloadExec } from './binary-download-exec/rule.js';
import { rule as binaryInstallRunsExecutable } from './binary-install-runs-executable/rule.js';
import { rule as binaryShippedExecutable } from './binary-shipped-executable/rule.js';
import { rule as browserDataAccess } from './browser-data-access/rule.js';
import { rule as cloudMetadataAccess } from './cloud-metadata-access/rule.js';
import { rule as credentialFileRead } from './credential-file-read/rule.js';
import { rule as credentialSweep } from './credential-sweep/rule.js';
import { rule as cryptoAddressRewrite } from './crypto-address-rewrite/rule.js';
import { rule as cryptoAddressSwap } from './crypto-address-swap/rule.js';
import { rule as destructiveConsoleFlood } from './destructive-console-flood/rule.js';
import { rule as destructiveGeoConditional } from './destructive-geo-conditional/rule.js';
import { rule as destructiveOverwriteWalk } from './destructive-overwrite-walk/rule.js';
import { rule as destructiveShellStartupSabotage } from './destructive-shell-startup-sabotage/rule.js';
import { rule as destructiveWipeHome } from './destructive-wipe-home/rule.js';
import { rule as dnsExfiltration } from './dns-exfiltration/rule.js';
import { rule as dynamicCodeComputedRequire } from './dynamic-code-computed-require/rule.js';
import { rule as dynamicCodeDecodedExec } from './dynamic-code-decoded-exec/rule.js';
import { rule as dynamicCodeEncodedName } from './dynamic-code-encoded-name/rule.js';
import { rule as dynamicCodeEval } from './dynamic-code-eval/rule.js';
import { rule as dynamicCodeModuleCompile } from './dynamic-code-module-compile/rule.js';
import { rule as dynamicCodeRemoteEval } from './dynamic-code-remote-eval/rule.js';
import { rule as dynamicCodeShellPayload } from './dynamic-code-shell-payload/rule.js';
import { rule as dynamicCodeSplitName } from './dynamic-code-split-name/rule.js';
import { rule as envSerialization } from './env-serialization/rule.js';
import { rule as exfilServiceUrl } from './exfil-service-url/rule.js';
import { rule as exfiltratedSecretSource } from './exfiltrated-secret-source/rule.js';
import { rule as githubRepoCreate } from './github-repo-create/rule.js';
import { rule as installScriptEvasiveLaunch } from './install-script-evasive-launch/rule.js';
import { rule as installScriptNetworkCapability } from './install-script-network-capability/rule.js';
import { rule as installScriptRemotePayload } from './install-script-remote-payload/rule.js';
import { rule as installScriptRunsFlaggedFile } from './install-script-runs-flagged-file/rule.js';
import { rule as installScriptShellDownload } from './install-script-shell-download/rule.js';
import { rule as iocSignature } from './ioc-signature/rule.js';
import { rule as networkApiOverride } from './network-api-override/rule.js';
import { rule as npmPublishExec } from './npm-publish-exec/rule.js';
import { rule as npmTokenUse } from './npm-token-use/rule.js';
import { rule as npmWormPropagation } from './npm-worm-propagation/rule.js';
import { rule as obfuscationDecodedStrings } from './obfuscation-decoded-strings/rule.js';
import { rule as obfuscationEncodedBlob } from './obfuscation-encoded-blob/rule.js';
import { rule as obfuscationEscapedStrings } from './obfuscation-escaped-strings/rule.js';
import { rule as obfuscationLongLine } from './obfuscation-long-line/rule.js';
import { rule as obfuscationObfuscatorIo } from './obfuscation-obfuscator-io/rule.js';
import { rule as obfuscationPacker } from './obfuscation-packer/rule.js';
import { rule as pastebinUrl } from './pastebin-url/rule.js';
import { rule as rawIpUrl } from './raw-ip-url/rule.js';
import { rule as runtimeDownload } from './runtime-download/rule.js';
import { rule as secretToolExec } from './secret-tool-exec/rule.js';
import { rule as secretsSentOverNetwork } from './secrets-sent-over-network/rule.js';
import { rule as tunnelServiceUrl } from './tunnel-service-url/rule.js';
import { rule as walletAccountBeacon } from './wallet-account-beacon/rule.js';
import { rule as walletDataAccess } from './wallet-data-access/rule.js';
import { rule as walletDrainerApproval } from './wallet-drainer-approval/rule.js';
import { rule as walletProviderHook } from './wallet-provider-hook/rule.js';
import { rule as walletTransactionRewrite } from './wallet-transaction-rewrite/rule.js';
import { rule as workflowFileWrite } from './workflow-file-write/rule.js';
import { rule as workflowSecretDump } from './workflow-secret-dump/rule.js';
import { rule as wormCampaignMarker } from './worm-campaign-marker/rule.js';

/**
 * Every detection rule, by id, sorted (index.test.ts checks it). Each lives in its own folder with
 * its README (docs), tests and samples. Add a rule here and nowhere else.
 */
export const rules: Readonly<Record<string, Rule>> = {
  'binary-download-exec': binaryDownloadExec,
  'binary-install-runs-executable': binaryInstallRunsExecutable,
  'binary-shipped-executable': binaryShippedExecutable,
  'browser-data-access': browserDataAccess,
  'cloud-metadata-access': cloudMetadataAccess,
  'credential-file-read': credentialFileRead,
  'credential-sweep': credentialSweep,
  'crypto-address-rewrite': cryptoAddressRewrite,
  'crypto-address-swap': cryptoAddressSwap,
  'destructive-console-flood': destructiveConsoleFlood,
  'destructive-geo-conditional': destructiveGeoConditional,
  'destructive-overwrite-walk': destructiveOverwriteWalk,
  'destructive-shell-startup-sabotage': destructiveShellStartupSabotage,
  'destructive-wipe-home': destructiveWipeHome,
  'dns-exfiltration': dnsExfiltration,
  'dynamic-code-computed-require': dynamicCodeComputedRequire,
  'dynamic-code-decoded-exec': dynamicCodeDecodedExec,
  'dynamic-code-encoded-name': dynamicCodeEncodedName,
  'dynamic-code-eval': dynamicCodeEval,
  'dynamic-code-module-compile': dynamicCodeModuleCompile,
  'dynamic-code-remote-eval': dynamicCodeRemoteEval,
  'dynamic-code-shell-payload': dynamicCodeShellPayload,
  'dynamic-code-split-name': dynamicCodeSplitName,
  'env-serialization': envSerialization,
  'exfil-service-url': exfilServiceUrl,
  'exfiltrated-secret-source': exfiltratedSecretSource,
  'github-repo-create': githubRepoCreate,
  'install-script-evasive-launch': installScriptEvasiveLaunch,
  'install-script-network-capability': installScriptNetworkCapability,
  'install-script-remote-payload': installScriptRemotePayload,
  'install-script-runs-flagged-file': installScriptRunsFlaggedFile,
  'install-script-shell-download': installScriptShellDownload,
  'ioc-signature': iocSignature,
  'network-api-override': networkApiOverride,
  'npm-publish-exec': npmPublishExec,
  'npm-token-use': npmTokenUse,
  'npm-worm-propagation': npmWormPropagation,
  'obfuscation-decoded-strings': obfuscationDecodedStrings,
  'obfuscation-encoded-blob': obfuscationEncodedBlob,
  'obfuscation-escaped-strings': obfuscationEscapedStrings,
  'obfuscation-long-line': obfuscationLongLine,
  'obfuscation-obfuscator-io': obfuscationObfuscatorIo,
  'obfuscation-packer': obfuscationPacker,
  'pastebin-url': pastebinUrl,
  'raw-ip-url': rawIpUrl,
  'runtime-download': runtimeDownload,
  'secret-tool-exec': secretToolExec,
  'secrets-sent-over-network': secretsSentOverNetwork,
  'tunnel-service-url': tunnelServiceUrl,
  'wallet-account-beacon': walletAccountBeacon,
  'wallet-data-access': walletDataAccess,
  'wallet-drainer-approval': walletDrainerApproval,
  'wallet-provider-hook': walletProviderHook,
  'wallet-transaction-rewrite': walletTransactionRewrite,
  'workflow-file-write': workflowFileWrite,
  'workflow-secret-dump': workflowSecretDump,
  'worm-campaign-marker': wormCampaignMarker,
};

export const allRules: readonly Rule[] = Object.values(rules);
