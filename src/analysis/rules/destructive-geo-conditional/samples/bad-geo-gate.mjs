// Inert imitation of geo-gated behaviour: looks up the country and branches on a list.
const TARGETS = ['RU', 'BY'];
export async function gate(run) {
  const res = await fetch('https://ipwho.is/');
  const info = await res.json();
  if (info.country_code === 'RU' || TARGETS.includes(info.country_code)) run();
}
