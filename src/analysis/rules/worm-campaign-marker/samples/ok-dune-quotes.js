/* eslint-disable */
// A fortune-cookie package with Dune quotes: the sandworms are named in prose only in comments
// (Shai-Hulud) and the strings do not use the campaign's names.
const QUOTES = [
  'Fear is the mind-killer.',
  'The spice must flow.',
  'He who controls the spice controls the universe.',
];

module.exports = () => QUOTES[Math.floor(Math.random() * QUOTES.length)];
