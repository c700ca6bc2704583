// The widget's TypeScript declarations (index.d.ts) used the way a web team
// uses the package: `tsc -p widget/js` (a stage of `cargo xtask test`) must
// accept every line of this file and refuse every line marked
// `@ts-expect-error`. Nothing runs it. That the failure codes of index.d.ts
// are the core's codes is checked by tests/tests/widget_types.rs.

import { init, MicroCredXVerify, verify, view } from './index.js';
import type {
  Check,
  CheckName,
  FailureCode,
  Outcome,
  Report,
  ReportView,
  Verdict,
  VerifiedEventDetail,
  VerifyInput,
  VerifyOptions,
} from './index.js';

// Type-level assertions: `expect<Equal<A, B>>(true)` compiles only when A and B are the same type.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expect<T extends true>(value: T): T {
  return value;
}

// The string unions are exactly what reports contain (README, "The report").
expect<Equal<Verdict, 'valid' | 'invalid' | 'unverifiable'>>(true);
expect<Equal<Outcome, 'pass' | 'fail' | 'warn' | 'skip'>>(true);
expect<
  Equal<
    CheckName,
    'format' | 'signature' | 'key' | 'validity' | 'status' | 'issuer' | 'challenge' | 'credentials' | 'holder'
  >
>(true);
const revoked: FailureCode = 'revoked';
// @ts-expect-error: not a failure code
const typo: FailureCode = 'revoke';

// A real report (`mcx verify --json` of the demo's revoked-twin-thn.json,
// long values shortened): the object literal has no property the types lack.
const sample = {
  verdict: 'invalid',
  kind: 'credential',
  headline: {
    check: 'status',
    outcome: 'fail',
    code: 'revoked',
    purpose: 'revocation',
    detail: 'Revoked by its issuer (status list https://demo.microcredx.eu/members/thn/status/revocation.json, entry 4242).',
  },
  checks: [
    { check: 'signature', outcome: 'pass', detail: 'The signature matches: nobody has changed this since it was signed.' },
    { check: 'key', outcome: 'pass', detail: 'The signing key belongs to the issuer (…) and may be used for assertionMethod.' },
    { check: 'validity', outcome: 'pass', detail: 'Valid now, until 2031-09-15T00:00:00Z.' },
    { check: 'status', outcome: 'fail', code: 'revoked', purpose: 'revocation', detail: 'Revoked by its issuer (…).' },
    { check: 'status', outcome: 'pass', purpose: 'suspension', detail: 'Not suspended (…).' },
    { check: 'issuer', outcome: 'pass', detail: 'Issued on 2026-07-01 by Nordstadt University of Applied Sciences (DEMO) (DE), …' },
  ],
  credential: {
    id: 'urn:uuid:7d1f3a52-0004-4c1e-9a51-6f0d2b3c4d04',
    name: 'Digital Twins for Production Systems',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: 'did:web:demo.microcredx.eu:members:thn',
      name: 'Technische Hochschule Nordstadt (DEMO)',
      url: 'https://demo.microcredx.eu/members/thn/',
      country: 'Germany',
      countryCode: 'DE',
      network: {
        id: 'did:web:demo.microcredx.eu:members:thn',
        name: { de: 'Technische Hochschule Nordstadt (DEMO)', en: 'Nordstadt University of Applied Sciences (DEMO)' },
        shortName: 'THN',
        statusHistory: [{ status: 'joined', date: '2024-02-01T00:00:00Z' }],
        member: true,
        standingAtIssuance: 'active',
        standingNow: 'active',
        recognizedBy: [],
      },
    },
    subject: {
      id: 'did:key:z6MktADKgZDrtHuymhifdSZ4dvKL3zRYkFnjDZHKR5cfhc5F',
      name: 'Alex Example (DEMO learner)',
      type: 'AchievementSubject',
    },
    achievement: {
      id: 'https://demo.microcredx.eu/achievements/digital-twins',
      name: 'Digital Twins for Production Systems',
      description: 'Build and validate simulation models that mirror a running production line.',
      achievementType: 'MicroCredential',
      creditsAvailable: 5,
      inLanguage: 'en',
      criteria: 'Pass the final assessment with at least 50% of the points.',
      alignments: [{ targetName: 'EQF level 6', targetCode: '6', targetFramework: 'European Qualifications Framework' }],
    },
    validFrom: '2026-07-01T09:00:00Z',
    validUntil: '2031-09-15T00:00:00Z',
    euElements: [
      { element: 'learner', mandatory: true, present: true, value: 'Alex Example (DEMO learner)' },
      { element: 'title', mandatory: true, present: true, value: 'Digital Twins for Production Systems' },
    ],
  },
  credentials: [],
  details: {
    dataModel: '2.0',
    proof: ['eddsa-jcs-2022'],
    verificationMethod: ['did:web:demo.microcredx.eu:members:thn#key-1'],
    format: 'JSON',
    checkedAt: '2026-11-28T12:00:00Z',
  },
} satisfies Report;

// What a page does with a report: branch on the verdict and the codes.
function explain(report: Report): string {
  const failed: Check[] = report.checks.filter((c) => c.outcome === 'fail');
  const codes: FailureCode[] = failed.flatMap((c) => (c.code ? [c.code] : []));
  switch (report.verdict) {
    case 'valid':
      return `valid: ${report.credential?.achievement?.name ?? ''}, ${String(report.credential?.achievement?.creditsAvailable ?? '?')} ECTS`;
    case 'invalid':
      return `invalid (${report.headline?.code ?? codes.join(', ')})`;
    case 'unverifiable':
      return `unverifiable: ${report.headline?.detail ?? ''}`;
    default: {
      const never: never = report.verdict;
      return never;
    }
  }
}

// The JS API: every kind of input and option it documents.
async function api(file: File, bytes: Uint8Array, buffer: ArrayBuffer): Promise<ReportView> {
  await init();
  await init('https://cdn.example/widget/mcx_widget_bg.wasm');
  await init(new URL('https://cdn.example/widget/mcx_widget_bg.wasm'));
  const options: VerifyOptions = {
    now: '2026-11-28T12:00:00Z',
    registry: 'https://demo.microcredx.eu/registry.json',
    networkKey: 'did:key:z6MkeXhaAAERJsc8arXG68BgKyCZuZvx9pgTsYcCi4CRtSma',
    demoBase: '/demo/',
    challenge: 'n-42',
    domain: 'hr.example',
  };
  const inputs: VerifyInput[] = [
    '{"@context":[]}',
    'eyJhbGciOiJFZERTQSJ9.e30.c2ln',
    '#vc=eJwDAAAAAAE',
    new URL('https://uni.example/credentials/42.json'),
    file,
    bytes,
    buffer,
    new DataView(buffer),
  ];
  for (const input of inputs) explain(await verify(input, options));
  await verify(bytes, { now: Date.UTC(2026, 10, 28), registry: false });
  await verify(bytes, { now: new Date() });
  await verify(bytes);
  // @ts-expect-error: a registry is a URL or false
  await verify(bytes, { registry: true });
  // @ts-expect-error: options are named as documented
  await verify(bytes, { network_key: 'did:key:z6Mk' });
  // @ts-expect-error: a number is not an input
  await verify(42);

  const report = await verify(file);
  const shown = await view(report, 'de');
  await view(JSON.stringify(report), ['de-AT', 'en']);
  await view(sample);
  const line: string = shown.badge;
  const marks: Array<Outcome | 'unknown'> = shown.checks.map((c) => c.mark);
  const nested: Verdict[] = shown.credentials.map((c) => c.verdict);
  void [line, marks, nested];
  return shown;
}

// The element: created, configured with its attributes, listened to.
function element(): void {
  const created = document.createElement('mcx-verify');
  const typed: MicroCredXVerify = created;
  for (const [name, value] of [
    ['src', 'https://uni.example/credentials/42.json'],
    ['lang', 'de'],
    ['mode', 'button'],
    ['demo-base', '/demo/'],
    ['registry', 'none'],
    ['network-key', 'did:key:z6MkeXhaAAERJsc8arXG68BgKyCZuZvx9pgTsYcCi4CRtSma'],
    ['now', '2026-11-28T12:00:00Z'],
    ['site', 'https://verify.microcredx.eu/'],
    ['mode', 'input'],
  ] as const) {
    typed.setAttribute(name, value);
  }
  typed.toggleAttribute('fragment', true);
  const link: string = typed.link;
  void link;
  typed.addEventListener('mcx-verified', (event) => {
    const detail: VerifiedEventDetail = event.detail;
    const verdict: Verdict = detail.verdict;
    const codes = detail.report.checks.map((c) => c.code);
    void [verdict, codes];
  });
  typed.addEventListener('mcx-error', (event) => {
    const error: unknown = event.detail.error;
    void error;
  });
  document.body.append(typed);

  const found = document.querySelector('mcx-verify');
  if (found) {
    const verdict: Verdict | null = found.verdict;
    const report: Report | null = found.report;
    void [verdict, report];
    void found.refresh().then(() => found.open());
    found.close();
    // @ts-expect-error: the verdict is read-only (it follows the report)
    found.verdict = 'valid';
  }
  const single = window.MicroCredX;
  if (single) {
    void single.verify('{}').then((r) => r.verdict);
    const element: MicroCredXVerify = new single.MicroCredXVerify();
    void element;
  }
  void customElements.whenDefined('mcx-verify');
}

void [revoked, typo, api, element];
