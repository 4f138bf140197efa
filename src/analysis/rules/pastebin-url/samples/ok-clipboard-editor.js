// An editor's clipboard handling: "paste" events and a paste-as-plain-text option, no services.
export function installPasteHandler(editor, { plainText = false } = {}) {
  editor.dom.addEventListener('paste', (event) => {
    const text = event.clipboardData.getData(plainText ? 'text/plain' : 'text/html');
    event.preventDefault();
    editor.insert(plainText ? text : sanitize(text));
  });
}

function sanitize(html) {
  return html.replace(/<script[\s\S]*?<\/script>/gi, '');
}
