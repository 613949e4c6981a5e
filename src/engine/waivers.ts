import type { Waiver } from '../config/config.js';
import { plainFinding } from './finding.js';
import type { FileResult } from './model.js';

export interface WaiverUse extends Waiver {
  /** Failures it turned into `waived`. */
  used: number;
  expired: boolean;
}

/**
 * Turns the failures a live waiver covers into `waived`, file by file. An expired waiver covers nothing:
 * its failures stay `fail` and it is reported as expired, which fails the run.
 */
export function createWaiverApplier(waivers: readonly Waiver[], today: string): { apply(file: FileResult): FileResult; uses: WaiverUse[] } {
  const uses: WaiverUse[] = waivers.map((w) => ({ ...w, used: 0, expired: w.expires < today }));
  const apply = (file: FileResult): FileResult => {
    if (uses.length === 0) return file;
    return {
      ...file,
      findings: file.findings.map((finding) => {
        if (finding.status !== 'fail') return finding;
        const use = uses.find((w) => !w.expired && w.rule === finding.rule && (w.regions === '*' || w.regions.includes(finding.region.code)));
        if (!use) return finding;
        use.used++;
        return { ...plainFinding(finding), status: 'waived' as const, waiver: { reason: use.reason, owner: use.owner, expires: use.expires } };
      }),
    };
  };
  return { apply, uses };
}

export function todayIso(env: Record<string, string | undefined>): string {
  // EDUDUTY_TODAY pins the date for reproducible runs and tests
  return env.EDUDUTY_TODAY ?? new Date().toISOString().slice(0, 10);
}
