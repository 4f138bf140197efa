/* eslint-disable */
// Inert imitation: fetch replaced by a Proxy whose apply trap sees every request.
const seen = [];
self.fetch = new Proxy(self.fetch, {
  apply(target, thisArg, args) {
    seen.push(String(args[0]));
    return Reflect.apply(target, thisArg, args);
  },
});
