// VAT rules by country code: compares with codes, but never looks the machine up.
const EU = ['AT', 'BE', 'DE', 'FR', 'NL'];
module.exports = function vatRate(country) {
  if (country === 'DE') return 0.19;
  if (country === 'FR') return 0.2;
  return EU.includes(country) ? 0.21 : 0;
};
