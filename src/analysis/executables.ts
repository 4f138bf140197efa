/**
 * Whether a file's first bytes are a native executable (ELF, PE, Mach-O, universal Mach-O): a
 * package that ships one runs code no source review sees. The engine reads only the head.
 */
export function isExecutable(head: Uint8Array): boolean {
  const b = head;
  if (b.length < 4) return false;
  if (b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46) return true; // \x7fELF
  if (b[0] === 0x4d && b[1] === 0x5a) return true; // MZ
  const magic = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  return magic === 0xfeedface || magic === 0xfeedfacf || magic === 0xcefaedfe || magic === 0xcffaedfe || magic === 0xcafebabe;
}
