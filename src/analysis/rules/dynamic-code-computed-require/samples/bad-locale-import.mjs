// Lazy locale loading with import() of a computed path (benign; noted as a capability).
export async function loadLocale(lang) {
  const mod = await import(`./locales/${lang}.js`);
  return mod.default;
}
