// Interop with the reference JavaScript libraries (@digitalbazaar/vc and its
// cryptosuites), offline: every context comes from the core's bundled set
// (verifier-core/contexts/README.md is the URL -> file map), did:key
// documents are built locally, and any other URL is refused.
//
//   node interop.mjs sign OUT_DIR            JS signs the fixture in every suite
//   node interop.mjs verify FILE...          JS verifies files signed elsewhere
//   node interop.mjs bench FILE N            median JS verification time of FILE
//
// Output: one JSON line per file on stdout.
import {readFileSync, writeFileSync, mkdirSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as rdfcSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {createSignCryptosuite as jcsSign, createVerifyCryptosuite as jcsVerify} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {Ed25519Signature2020} from '@digitalbazaar/ed25519-signature-2020';

const here = dirname(fileURLToPath(import.meta.url));
const contextsDir = join(here, '../../verifier-core/contexts');
const DID_V1 = 'https://www.w3.org/ns/did/v1';
const ED2020_CTX = 'https://w3id.org/security/suites/ed25519-2020/v1';

// URL -> parsed context, from the pin table of the bundled contexts.
const contexts = new Map();
for (const line of readFileSync(join(contextsDir, 'README.md'), 'utf8').split('\n')) {
  const m = line.match(/^\|\s*(https:\/\/\S+)[^|]*\|\s*`([^`]+)`/);
  if (m) contexts.set(m[1], JSON.parse(readFileSync(join(contextsDir, m[2]), 'utf8')));
}
// The DID v1 context is only used by this harness for did:key controller
// documents, which jsonld-signatures reads without JSON-LD processing when
// DID v1 is their first context; it is never expanded, so a stub suffices.
contexts.set(DID_V1, {'@context': {'@protected': true, id: '@id', type: '@type'}});

function didKeyDocument(did) {
  const fingerprint = did.slice('did:key:'.length);
  const vmId = `${did}#${fingerprint}`;
  const vm = {'@context': ED2020_CTX, id: vmId, type: 'Ed25519VerificationKey2020', controller: did, publicKeyMultibase: fingerprint};
  return {
    vm,
    doc: {'@context': [DID_V1, ED2020_CTX], id: did, verificationMethod: [vm], assertionMethod: [vmId], authentication: [vmId]},
  };
}

export async function documentLoader(url) {
  if (contexts.has(url)) return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
  if (url.startsWith('did:key:')) {
    const [did, fragment] = url.split('#');
    const {vm, doc} = didKeyDocument(did);
    return {contextUrl: null, documentUrl: url, document: fragment ? vm : doc};
  }
  throw new Error(`offline: refusing to load ${url}`);
}

async function keyPair() {
  const seed = new Uint8Array(32).fill(42);
  const kp = await Ed25519Multikey.generate({seed});
  const did = `did:key:${kp.publicKeyMultibase}`;
  kp.controller = did;
  kp.id = `${did}#${kp.publicKeyMultibase}`;
  return kp;
}

function fixture(did) {
  const c = JSON.parse(readFileSync(join(here, 'fixtures/ob3-unsigned.json'), 'utf8'));
  c.issuer.id = did;
  return c;
}

async function sign(outDir) {
  mkdirSync(outDir, {recursive: true});
  const kp = await keyPair();
  const signer = kp.signer();
  const suites = {
    'eddsa-rdfc-2022': () => new DataIntegrityProof({signer, cryptosuite: rdfcSuite}),
    'eddsa-jcs-2022': () => new DataIntegrityProof({signer, cryptosuite: jcsSign()}),
    'ed25519-signature-2020': () => new Ed25519Signature2020({key: kp}),
  };
  for (const [name, make] of Object.entries(suites)) {
    const credential = fixture(kp.controller);
    if (name === 'ed25519-signature-2020') credential['@context'].push(ED2020_CTX);
    const signed = await vc.issue({credential, suite: make(), documentLoader});
    const file = join(outDir, `js-${name}.json`);
    writeFileSync(file, JSON.stringify(signed, null, 2));
    console.log(JSON.stringify({file, suite: name, signed: true}));
  }
}

function verifierSuites() {
  return [
    new DataIntegrityProof({cryptosuite: rdfcSuite}),
    new DataIntegrityProof({cryptosuite: jcsVerify()}),
    new Ed25519Signature2020(),
  ];
}

async function verifyOne(credential) {
  const result = await vc.verifyCredential({credential, suite: verifierSuites(), documentLoader, checkStatus: async () => ({verified: true})});
  return result;
}

async function verify(files) {
  let ok = true;
  for (const file of files) {
    const credential = JSON.parse(readFileSync(file, 'utf8'));
    const result = await verifyOne(credential);
    const errors = [];
    if (result.error) errors.push(String(result.error.message || result.error));
    for (const r of result.results || []) if (r.error) errors.push(String(r.error.message || r.error));
    console.log(JSON.stringify({file, verified: result.verified, errors}));
    ok &&= result.verified;
  }
  process.exitCode = ok ? 0 : 1;
}

async function bench(file, n) {
  const credential = JSON.parse(readFileSync(file, 'utf8'));
  const first = await verifyOne(credential);
  if (!first.verified) throw new Error(`${file} does not verify in JS`);
  // Warm up the JIT and the library's caches (dozens of runs), or the
  // ratio flatters the native side.
  for (let i = 0; i < 60; i++) await verifyOne(credential);
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await verifyOne(credential);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({file, runs: n, median_ms: times[Math.floor(n / 2)], min_ms: times[0]}));
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'sign') await sign(args[0]);
else if (cmd === 'verify') await verify(args);
else if (cmd === 'bench') await bench(args[0], Number(args[1] || 50));
else {
  console.error('usage: node interop.mjs sign OUT_DIR | verify FILE... | bench FILE N');
  process.exitCode = 2;
}
