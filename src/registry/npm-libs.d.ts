// The few entry points of npm's own libraries that registry/ uses. They ship no types, and the
// DefinitelyTyped ones lag their majors, so only what we call is declared, as loosely as it is used.

declare module 'npm-package-arg' {
  namespace npa {
    interface Result {
      type: 'git' | 'tag' | 'version' | 'range' | 'file' | 'directory' | 'remote' | 'alias';
      registry?: boolean;
      name: string | null;
      escapedName: string | null;
      scope: string | null;
      raw: string;
      rawSpec: string;
      fetchSpec: string | null;
      subSpec?: Result;
    }
  }
  function npa(spec: string, where?: string): npa.Result;
  export = npa;
}

declare module 'npm-registry-fetch' {
  import type { Readable } from 'node:stream';
  namespace regFetch {
    type Options = Record<string, unknown>;
    interface Response {
      status: number;
      url: string;
      headers: Iterable<[string, string]> & { get(name: string): string | null };
      body: Readable;
      buffer(): Promise<Buffer>;
    }
    function json(url: string, opts?: Options): Promise<Record<string, unknown>>;
    function pickRegistry(spec: string, opts?: Options): string;
  }
  function regFetch(url: string, opts?: regFetch.Options): Promise<regFetch.Response>;
  export = regFetch;
}

declare module 'npm-pick-manifest' {
  function pickManifest(packument: unknown, wanted: string, opts?: Record<string, unknown>): Record<string, unknown>;
  export = pickManifest;
}

declare module '@npmcli/config' {
  class Config {
    constructor(opts: {
      definitions: unknown;
      shorthands: unknown;
      flatten: unknown;
      nerfDarts?: unknown;
      npmPath: string;
      env?: Record<string, string | undefined>;
      argv?: string[];
      cwd?: string;
      execPath?: string;
      warn?: boolean;
    });
    load(): Promise<void>;
    get(key: string): unknown;
    readonly flat: Record<string, unknown>;
  }
  export = Config;
}

declare module '@npmcli/config/lib/definitions/index.js' {
  const defs: { definitions: unknown; shorthands: unknown; flatten: unknown; nerfDarts: unknown };
  export = defs;
}
