// A weather widget: uses IP geolocation to pick a default city. No country-dependent behaviour.
const https = require('https');

function locate() {
  return new Promise((resolve) => {
    https.get('https://ipapi.co/json/', (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        try {
          const d = JSON.parse(body);
          resolve({ city: d.city, lat: d.latitude, lon: d.longitude });
        } catch {
          resolve(null);
        }
      });
    });
  });
}

module.exports = { locate };
