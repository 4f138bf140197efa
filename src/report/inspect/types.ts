import type { PackageAnalysis } from '../../analysis/index.js';

/** What `chainwatch inspect` found: one entry per package (or build folder) inspected. */
export interface InspectReport {
  tool: { name: string; version: string };
  packages: PackageAnalysis[];
  summary: {
    packages: number;
    malicious: number;
    suspicious: number;
    clean: number;
    /** Results taken from the cache (the package had not changed since it was last inspected). */
    cached: number;
    elapsedMs: number;
  };
}
