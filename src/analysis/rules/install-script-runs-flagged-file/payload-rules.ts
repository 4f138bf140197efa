import type { Rule } from '../../types.js';
import { rule as destructiveOverwriteWalk } from '../destructive-overwrite-walk/rule.js';
import { rule as destructiveShellStartupSabotage } from '../destructive-shell-startup-sabotage/rule.js';
import { rule as destructiveWipeHome } from '../destructive-wipe-home/rule.js';
import { rule as dynamicCodeDecodedExec } from '../dynamic-code-decoded-exec/rule.js';
import { rule as dynamicCodeEncodedName } from '../dynamic-code-encoded-name/rule.js';
import { rule as dynamicCodeRemoteEval } from '../dynamic-code-remote-eval/rule.js';
import { rule as dynamicCodeShellPayload } from '../dynamic-code-shell-payload/rule.js';
import { rule as dynamicCodeSplitName } from '../dynamic-code-split-name/rule.js';
import { rule as obfuscationDecodedStrings } from '../obfuscation-decoded-strings/rule.js';
import { rule as obfuscationEncodedBlob } from '../obfuscation-encoded-blob/rule.js';
import { rule as obfuscationEscapedStrings } from '../obfuscation-escaped-strings/rule.js';
import { rule as obfuscationLongLine } from '../obfuscation-long-line/rule.js';
import { rule as obfuscationObfuscatorIo } from '../obfuscation-obfuscator-io/rule.js';
import { rule as obfuscationPacker } from '../obfuscation-packer/rule.js';

/**
 * The file rules whose medium- or high-confidence findings mark a file as a payload when an
 * install script runs it. Capability rules (eval, computed require, network use) are left out:
 * install scripts legitimately have those; `binary-download-exec` is left out because prebuilt
 * binary installers (esbuild's install.js) do exactly that, and it has its own rule.
 */
export const payloadRules: readonly Rule[] = [
  destructiveOverwriteWalk,
  destructiveShellStartupSabotage,
  destructiveWipeHome,
  dynamicCodeDecodedExec,
  dynamicCodeEncodedName,
  dynamicCodeRemoteEval,
  dynamicCodeShellPayload,
  dynamicCodeSplitName,
  obfuscationDecodedStrings,
  obfuscationEncodedBlob,
  obfuscationEscapedStrings,
  obfuscationLongLine,
  obfuscationObfuscatorIo,
  obfuscationPacker,
];
