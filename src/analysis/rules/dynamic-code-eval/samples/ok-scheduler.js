// A scheduler using timers with functions only, and an `evaluate` method that is not eval.
class Scheduler {
  constructor() {
    this.jobs = new Map();
  }
  every(ms, fn) {
    const id = setInterval(fn, ms);
    this.jobs.set(fn, id);
    return () => clearInterval(id);
  }
  later(ms, fn) {
    return setTimeout(() => fn(), ms);
  }
  evaluate(rule, facts) {
    return rule.conditions.every((c) => facts[c.fact] === c.value);
  }
}
module.exports = Scheduler;
