/* eslint-disable */
// A config loader (in the style of vite's loadEnv / dotenv-expand): it reads the variables with
// the app's prefix and named settings, never the environment as a whole.
const PREFIX = 'APP_';

function loadEnv(mode) {
  const env = {};
  const keys = Object.keys(process.env).filter((key) => key.startsWith(PREFIX));
  for (const key of keys) env[key.slice(PREFIX.length)] = process.env[key];
  env.MODE = mode || process.env.NODE_ENV || 'development';
  env.DEBUG = process.env.DEBUG === '1';
  return env;
}

module.exports = { loadEnv };
