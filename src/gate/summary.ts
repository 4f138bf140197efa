import type { Reason } from './decide.js';
import type { GateEvent } from './server.js';

/** What a gate did over its lifetime, for the summary `guard` and `proxy` print at the end. */
export interface GateSummary {
  /** Packages whose packument was looked up. */
  packages: number;
  /** Per package, the versions hidden from its packument. */
  hidden: { name: string; versions: number; blocked: { version: string; reasons: Reason[] }[] }[];
  /** Tarball downloads refused with 403 (a lockfile pinning a blocked version). */
  refused: { name: string; version: string; reasons: Reason[] }[];
  /** Versions let through with a warning, when downloaded. */
  warned: { name: string; version: string; reasons: Reason[] }[];
  /** Requests the upstream answered with an error, or could not answer. */
  upstreamErrors: { method: string; path: string; status: number; message: string }[];
}

/** Folds events into a summary; the latest packument event of a package wins. */
export class GateSummaryBuilder {
  readonly #packuments = new Map<string, Extract<GateEvent, { type: 'packument' }>>();
  readonly #refused = new Map<string, GateSummary['refused'][number]>();
  readonly #warned = new Map<string, GateSummary['warned'][number]>();
  readonly #errors: GateSummary['upstreamErrors'] = [];

  add(event: GateEvent): void {
    if (event.type === 'packument') this.#packuments.set(event.name, event);
    else if (event.type === 'tarball') {
      const entry = { name: event.name, version: event.version, reasons: event.reasons };
      if (event.action === 'block') this.#refused.set(`${event.name}@${event.version}`, entry);
      else if (event.action === 'warn') this.#warned.set(`${event.name}@${event.version}`, entry);
    } else this.#errors.push({ method: event.method, path: event.path, status: event.status, message: event.message });
  }

  summary(): GateSummary {
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    return {
      packages: this.#packuments.size,
      hidden: [...this.#packuments.values()]
        .filter((p) => p.blocked.length > 0)
        .map((p) => ({ name: p.name, versions: p.versions, blocked: p.blocked }))
        .sort(byName),
      refused: [...this.#refused.values()].sort(byName),
      warned: [...this.#warned.values()].sort(byName),
      upstreamErrors: this.#errors.slice(0, 100),
    };
  }
}
