import type { Rule } from '../../types.js';
import { installPlan } from '../_static/install-plan.js';
import { kinds, reportInstallShellHits } from '../_static/install-report.js';

/**
 * An install script that calls curl, wget or PowerShell's Invoke-WebRequest to fetch a URL. Most
 * packages that need a prebuilt binary fetch it from Node (prebuild-install, an `install.js`);
 * shelling out to a downloader at install time is rare and is how ua-parser-js 2021 and many
 * throwaway malware packages pulled their second stage. Medium confidence: some projects do fetch
 * a tarball this way (`curl -L … | tar xz`).
 */
export const rule: Rule = {
  meta: {
    id: 'install-script-shell-download',
    severity: 'high',
    category: 'install-script',
    confidence: 'medium',
    description: 'An install script downloads a URL with curl, wget or Invoke-WebRequest',
  },
  checkPackage(ctx) {
    reportInstallShellHits(ctx, installPlan(ctx), kinds('download'));
  },
};
