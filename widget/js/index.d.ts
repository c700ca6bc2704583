// Type definitions for @microcredx/verify: the <mcx-verify> element and the
// verify() API. The report is the one shape the README documents, the same as
// `mcx verify --json` prints.

/** The overall answer. */
export type Verdict = 'valid' | 'invalid' | 'unverifiable';

/** What one check found. */
export type Outcome = 'pass' | 'fail' | 'warn' | 'skip';

/** What was checked. */
export type CheckName =
  | 'format'
  | 'signature'
  | 'key'
  | 'validity'
  | 'status'
  | 'issuer'
  | 'challenge'
  | 'credentials'
  | 'holder';

/** Stable, machine-readable failure codes. */
export type FailureCode =
  | 'malformed'
  | 'unsupported'
  | 'invalid_signature'
  | 'wrong_key'
  | 'expired'
  | 'not_yet_valid'
  | 'revoked'
  | 'suspended'
  | 'untrusted_issuer'
  | 'status_unavailable'
  | 'resource_unavailable'
  | 'not_as_signed'
  | 'holder_mismatch';

/** One check of a report. */
export interface Check {
  check: CheckName;
  outcome: Outcome;
  /** Present when the outcome is `fail` (and on some warnings). */
  code?: FailureCode;
    /** For status checks: the status purpose (`revocation`, `suspension`, `message`…). */
  purpose?: string;
  /** One English sentence for humans (translate from `check`, `code` and `purpose`). */
  detail: string;
}

/** A party (issuer, holder) as summarised for display. Values are text. */
export interface PartySummary {
  id?: string;
  name?: string;
  url?: string;
  email?: string;
  description?: string;
  image?: string;
  country?: string;
  countryCode?: string;
  locality?: string;
  /** The issuer's MicroCredX membership, when a network registry was checked. */
  network?: {
    member: boolean;
    standingAtIssuance?: 'active' | 'suspended' | 'withdrawn' | 'not_joined';
    standingNow?: 'active' | 'suspended' | 'withdrawn' | 'not_joined';
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** One element of the EU Council Recommendation (2022), Annex I. */
export interface EuElement {
  element: string;
  mandatory: boolean;
  present: boolean;
  value?: string;
}

/** What a credential says, as text for display (never render it as HTML). */
export interface CredentialSummary {
  id?: string;
  name?: string;
  description?: string;
  type?: string[];
  issuer?: PartySummary;
  holder?: PartySummary;
  subject?: { id?: string; name?: string; type?: string; identifier?: string };
  achievement?: {
    id?: string;
    name?: string;
    description?: string;
    achievementType?: string;
    /** ECTS: a number or its text. */
    creditsAvailable?: number | string;
    criteria?: string;
    criteriaUrl?: string;
    inLanguage?: string;
    image?: string;
    alignments?: Array<Record<string, string>>;
    [key: string]: unknown;
  };
  validFrom?: string;
  validUntil?: string;
  image?: string;
  euElements?: EuElement[];
  [key: string]: unknown;
}

/** A verification report. */
export interface Report {
  verdict: Verdict;
  kind: 'credential' | 'presentation';
  /** The most important failed check, when not valid. */
  headline?: Check;
  checks: Check[];
  /** `null` when the input could not be read. */
  credential: CredentialSummary | null;
  /** For a presentation: one report per credential inside. */
  credentials: Report[];
  /** Technical details: format, proof type, verification method, `checkedAt` (the time the checks used)… */
  details: Record<string, unknown>;
}

/** Options of {@link verify} (all optional). */
export interface VerifyOptions {
  /** Verify as of this time instead of now: RFC 3339 text, milliseconds since 1970, or a Date. */
  now?: string | number | Date;
  /** URL of a signed network registry to check issuers against, or `false` for no membership check. Default: the MicroCredX network. */
  registry?: string | false;
  /** The governance DID (`did:key:…`) the `registry` must be signed by. */
  networkKey?: string;
  /** Where the demo network's files (https://demo.microcredx.eu/…) are served. Default: `../demo/` next to the widget. */
  demoBase?: string;
  /** For presentations: the challenge you issued. */
  challenge?: string;
  /** For presentations: your domain. */
  domain?: string;
}

/** A credential: JSON or JWT text, a `#vc=` verification link or fragment, the URL of a hosted credential, or bytes (e.g. an Open Badges PNG). */
export type VerifyInput = string | URL | Uint8Array | ArrayBuffer | ArrayBufferView | Blob;

/** Verifies a credential in the browser; resolves to its report. Rejects only for bad options. */
export function verify(input: VerifyInput, options?: VerifyOptions): Promise<Report>;

/** A labelled value of a {@link ReportView}. */
export interface ViewRow {
  key: string;
  label: string;
  value: string;
}

/** Everything to show for a report, in one language, as text. */
export interface ReportView {
  lang: string;
  verdict: Verdict;
  kind: 'credential' | 'presentation';
  title: string;
  sentence: string;
  /** "Verified · PLC Programming · University of X · 5 ECTS" (the verdict, for a bad one why, the achievement, the issuer, ECTS) */
  badge: string;
  badgeParts: string[];
  /** The achievement's name (on the badge only when the signature and a trust source vouch for it). */
  achievement: string | null;
  checks: Array<{
    check: CheckName;
    outcome: Outcome;
        code: FailureCode | null;
    purpose?: string;
    /** As `outcome`, but `unknown` where a document could not be had (not a failure of the credential). */
    mark: Outcome | 'unknown';
    name: string;
    markLabel: string;
    text: string;
  }>;
  fields: ViewRow[];
  eu: null | {
    summary: string;
    complete: boolean;
    rows: Array<{ key: string; name: string; required: string; mandatory: boolean; present: boolean; value: string }>;
  };
  technical: ViewRow[];
  credentials: Omit<ReportView, 'lang' | 'labels'>[];
  labels: Record<string, string>;
}

/** The display strings of a report in a language (`'de'`, `['de-AT', 'en']`; English by default). */
export function view(report: Report | string, lang?: string | readonly string[]): Promise<ReportView>;

/** Loads the WebAssembly module now (it is loaded on first use otherwise). */
export function init(wasmUrl?: string | URL): Promise<void>;

/** Detail of the `mcx-verified` event. */
export interface VerifiedEventDetail {
  verdict: Verdict;
  report: Report;
}

/** The `<mcx-verify>` element. */
export class MicroCredXVerify extends HTMLElement {
  /** The report of the last verification, or null. */
  readonly report: Report | null;
  /** The verdict of the last verification, or null. */
  readonly verdict: Verdict | null;
  /**
   * The dialog's link to the same result on the verifier site (attribute `site`, default
   * `https://verify.microcredx.eu/`): `?url=…` for a hosted credential, else `#vc=1.…`;
   * `''` before a result or when the input holds no credential.
   */
  readonly link: string;
  /** Verifies again. */
  refresh(): Promise<void>;
  /** Opens the result dialog. */
  open(): void;
  /** Closes the result dialog. */
  close(): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'mcx-verify': MicroCredXVerify;
  }
  interface HTMLElementEventMap {
    'mcx-verified': CustomEvent<VerifiedEventDetail>;
    'mcx-error': CustomEvent<{ error: unknown }>;
  }
  interface Window {
    /** Set by the single-script distribution (mcx-verify.js). */
    MicroCredX?: {
      verify: typeof verify;
      view: typeof view;
      init: typeof init;
      MicroCredXVerify: typeof MicroCredXVerify;
    };
  }
}
