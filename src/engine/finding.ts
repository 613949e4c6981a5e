import type { RegionLevel } from '../catalogue/catalogue.js';
import type { RegionRef } from '../input/model.js';
import type { Category, Severity } from '../rules/model.js';
import type { Evidence, Finding, Status } from './model.js';

/** How a finding's text and position are worked out, when something first reads them. */
export interface FindingDetails {
  message(finding: ScoredFinding): string;
  location?(finding: ScoredFinding): Finding['location'];
}

/**
 * A finding as the scorer makes it: plain fields in a fixed shape, with the message and the location computed
 * on first read (scoring a batch does not pay for text it never prints). `toJSON` gives the same keys in the
 * same order as a plain Finding, so every output is unchanged.
 */
export class ScoredFinding implements Finding {
  readonly title: string;
  readonly missing?: string[];
  readonly provisional?: boolean;
  readonly absorbedBy?: string;
  readonly absent?: true;
  readonly invalid?: string[];
  #message: string | undefined;
  #location: Finding['location'] | undefined;
  readonly #details: FindingDetails;

  constructor(
    readonly rule: string,
    readonly category: Category,
    readonly severity: Severity,
    readonly status: Status,
    readonly region: RegionRef & { level: RegionLevel },
    title: string,
    readonly evidence: Evidence[],
    missing: string[] | undefined,
    readonly source: string,
    provisional: boolean,
    details: FindingDetails,
    absorbedBy?: string,
    extra?: { absent?: boolean; invalid?: string[] },
  ) {
    this.title = title;
    if (missing) this.missing = missing;
    if (extra?.absent) this.absent = true;
    if (extra?.invalid) this.invalid = extra.invalid;
    if (provisional) this.provisional = true;
    if (absorbedBy) this.absorbedBy = absorbedBy;
    this.#details = details;
  }

  get message(): string {
    return (this.#message ??= this.#details.message(this));
  }

  get location(): Finding['location'] {
    if (this.#location === undefined && this.#details.location) this.#location = this.#details.location(this);
    return this.#location;
  }

  toJSON(): Finding {
    const location = this.location;
    // the keys in a plain Finding's order, optional ones only when set, without an object per optional key
    const json: Finding = {
      rule: this.rule,
      category: this.category,
      severity: this.severity,
      status: this.status,
      region: this.region,
      title: this.title,
      message: this.message,
      evidence: this.evidence,
    } as Finding;
    const optional = json as unknown as Record<string, unknown>;
    if (this.missing) optional.missing = this.missing;
    if (this.absent) optional.absent = true;
    if (this.invalid) optional.invalid = this.invalid;
    optional.source = this.source;
    if (this.provisional) optional.provisional = true;
    if (this.absorbedBy) optional.absorbedBy = this.absorbedBy;
    if (location) optional.location = location;
    return json;
  }
}

/** A finding as a plain object with every field, ready to be copied with changes. */
export function plainFinding(finding: Finding): Finding {
  return finding instanceof ScoredFinding ? finding.toJSON() : { ...finding };
}
