/* eslint-disable */
// A playground's "share" feature: it uploads the snippet to the project's own paste endpoint,
// configured by the user.
export async function share(code, { endpoint }) {
  const res = await fetch(new URL('/api/snippets', endpoint), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: code });
  if (!res.ok) throw new Error('share failed: ' + res.status);
  const { id } = await res.json();
  return new URL('/s/' + id, endpoint).href;
}
