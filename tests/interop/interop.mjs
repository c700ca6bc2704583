// Interop with the reference JavaScript libraries (@digitalbazaar/vc and its
// cryptosuites, `jose` for JWTs), offline: every context comes from the
// core's bundled set (verifier-core/contexts/README.md is the URL -> file
// map), did:key documents are built locally, and any other URL is refused.
//
//   node interop.mjs sign OUT_DIR            JS signs the fixture in every suite
//                                            and as JWTs (see `sign` below)
//   node interop.mjs verify FILE...          JS verifies files signed elsewhere
//                                            (credentials, or JWTs by `jose`)
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
import {Ed25519Signature2018} from '@digitalbazaar/ed25519-signature-2018';
import {Ed25519VerificationKey2018} from '@digitalbazaar/ed25519-verification-key-2018';
import {cryptosuite as ecdsaRdfcSuite} from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import {createSignCryptosuite as ecdsaJcsSign, createVerifyCryptosuite as ecdsaJcsVerify} from '@digitalbazaar/ecdsa-jcs-2019-cryptosuite';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as jose from 'jose';

const here = dirname(fileURLToPath(import.meta.url));
const contextsDir = join(here, '../../verifier-core/contexts');
const DID_V1 = 'https://www.w3.org/ns/did/v1';
const ED2020_CTX = 'https://w3id.org/security/suites/ed25519-2020/v1';
const MULTIKEY_CTX = 'https://w3id.org/security/multikey/v1';

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

// An Ed25519 did:key (z6Mk…) as an Ed25519VerificationKey2020, which all
// three Ed25519 suites read; a P-256 (zDn…) or P-384 (z82…) did:key as a
// Multikey, the only form the ECDSA cryptosuites read.
function didKeyDocument(did) {
  const fingerprint = did.slice('did:key:'.length);
  const vmId = `${did}#${fingerprint}`;
  const ed25519 = fingerprint.startsWith('z6Mk');
  if (!ed25519 && !fingerprint.startsWith('zDn') && !fingerprint.startsWith('z82')) {
    throw new Error(`offline: unsupported did:key ${did}`);
  }
  const [ctx, type] = ed25519 ? [ED2020_CTX, 'Ed25519VerificationKey2020'] : [MULTIKEY_CTX, 'Multikey'];
  const vm = {'@context': ctx, id: vmId, type, controller: did, publicKeyMultibase: fingerprint};
  return {
    vm,
    doc: {'@context': [DID_V1, ctx], id: did, verificationMethod: [vm], assertionMethod: [vmId], authentication: [vmId]},
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
  await signEcdsa(outDir);
  await signJwts(outDir);
  await sign2018(outDir);
}

// The 2018-era Linked Data signature with a detached JWS on a VC 1.1
// credential (whose context defines Ed25519Signature2018), issuer did:key.
async function sign2018(outDir) {
  const seed = new Uint8Array(32).fill(7);
  const multi = await Ed25519Multikey.generate({seed});
  const did = `did:key:${multi.publicKeyMultibase}`;
  const key = await Ed25519VerificationKey2018.generate({seed, controller: did});
  key.id = `${did}#${multi.publicKeyMultibase}`;
  // Open Badges 3.0 as first published: VC 1.1 with the 3.0.0 context.
  const credential = fixture(did);
  credential['@context'] = ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context.json'];
  credential.issuanceDate = credential.validFrom;
  credential.expirationDate = credential.validUntil;
  delete credential.validFrom;
  delete credential.validUntil;
  // A term the 3.0.0 context does not define yet.
  delete credential.credentialSubject.achievement.inLanguage;
  const signed = await vc.issue({credential, suite: new Ed25519Signature2018({key}), documentLoader});
  const file = join(outDir, 'js-ed25519-signature-2018.json');
  writeFileSync(file, JSON.stringify(signed, null, 2));
  console.log(JSON.stringify({file, suite: 'Ed25519Signature2018', issuer: did, signed: true}));
}

// ECDSA Data Integrity: both cryptosuites on both curves, each with a fresh
// key whose did:key is the issuer (ECDSA signatures are randomized anyway,
// so a fixed key would not make the output reproducible).
async function signEcdsa(outDir) {
  for (const curve of ['P-256', 'P-384']) {
    const kp = await EcdsaMultikey.generate({curve});
    const did = `did:key:${kp.publicKeyMultibase}`;
    kp.controller = did;
    kp.id = `${did}#${kp.publicKeyMultibase}`;
    const suites = {
      'ecdsa-rdfc-2019': () => new DataIntegrityProof({signer: kp.signer(), cryptosuite: ecdsaRdfcSuite}),
      'ecdsa-jcs-2019': () => new DataIntegrityProof({signer: kp.signer(), cryptosuite: ecdsaJcsSign()}),
    };
    for (const [name, make] of Object.entries(suites)) {
      const signed = await vc.issue({credential: fixture(did), suite: make(), documentLoader});
      const tag = `${name}-${curve.toLowerCase().replace('-', '')}`;
      const file = join(outDir, `js-${tag}.json`);
      writeFileSync(file, JSON.stringify(signed, null, 2));
      console.log(JSON.stringify({file, suite: name, curve, issuer: did, signed: true}));
    }
  }
}

// The public members of a JWK, in lexicographic order (as in an RFC 7638
// thumbprint), for did:jwk.
function publicJwk(jwk) {
  const members = jwk.kty === 'RSA' ? ['e', 'kty', 'n'] : ['crv', 'kty', 'x', 'y'];
  return Object.fromEntries(members.map((m) => [m, jwk[m]]));
}

const base64url = (text) => Buffer.from(text, 'utf8').toString('base64url');

// VC-JOSE (VC 2.0, `typ: vc+jwt`, the credential is the payload) signed by
// `jose`. Bound: the issuer is the did:jwk of the signing key, kid `#0`.
// For contrast, one whose issuer is an https URL and whose key is only in a
// `jwk` header: the signature verifies, but nothing ties the key to the
// issuer (a verifier must say so: key check `wrong_key`).
async function signJwts(outDir) {
  const algs = {
    ES256: {},
    ES384: {},
    RS256: {modulusLength: 2048},
    PS256: {modulusLength: 2048},
  };
  for (const [alg, options] of Object.entries(algs)) {
    const {publicKey, privateKey} = await jose.generateKeyPair(alg, {...options, extractable: true});
    const jwk = publicJwk(await jose.exportJWK(publicKey));
    const did = `did:jwk:${base64url(JSON.stringify(jwk))}`;
    const credential = fixture(did);
    const jwt = await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
      .setProtectedHeader({alg, typ: 'vc+jwt', cty: 'vc', kid: '#0'})
      .sign(privateKey);
    const file = join(outDir, `js-jwt-${alg.toLowerCase()}.jwt`);
    writeFileSync(file, jwt);
    console.log(JSON.stringify({file, alg, issuer: did.slice(0, 40) + '…', signed: true}));
  }
  const {publicKey, privateKey} = await jose.generateKeyPair('RS256', {modulusLength: 2048, extractable: true});
  const credential = fixture('https://th-demo.example/issuer');
  const jwt = await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
    .setProtectedHeader({alg: 'RS256', typ: 'vc+jwt', cty: 'vc', jwk: publicJwk(await jose.exportJWK(publicKey))})
    .sign(privateKey);
  const file = join(outDir, 'js-jwt-rs256-jwk-header.jwt');
  writeFileSync(file, jwt);
  console.log(JSON.stringify({file, alg: 'RS256', issuer: credential.issuer.id, key: 'jwk header only', signed: true}));
}

function verifierSuites() {
  return [
    new DataIntegrityProof({cryptosuite: rdfcSuite}),
    new DataIntegrityProof({cryptosuite: jcsVerify()}),
    new DataIntegrityProof({cryptosuite: ecdsaRdfcSuite}),
    new DataIntegrityProof({cryptosuite: ecdsaJcsVerify()}),
    new Ed25519Signature2020(),
  ];
}

async function verifyOne(credential) {
  const result = await vc.verifyCredential({credential, suite: verifierSuites(), documentLoader, checkStatus: async () => ({verified: true})});
  return result;
}

// A VC-JOSE / VC-JWT credential: `jose` checks the signature with the key
// of the kid's did:key (Ed25519, P-256 or P-384), and the key must be the
// issuer's own (the did:key is the issuer), as a verifier requires.
async function verifyJwt(text) {
  const errors = [];
  try {
    const header = jose.decodeProtectedHeader(text);
    const kid = header.kid ?? '';
    if (!kid.startsWith('did:key:')) throw new Error(`kid ${kid || '(none)'} is not a did:key method`);
    const did = kid.split('#')[0];
    const {vm} = didKeyDocument(did);
    const keyPair = vm.type === 'Multikey' ? await EcdsaMultikey.from(vm) : await Ed25519Multikey.from({...vm, type: 'Multikey', '@context': MULTIKEY_CTX});
    const jwk = vm.type === 'Multikey' ? await EcdsaMultikey.toJwk({keyPair}) : await Ed25519Multikey.toJwk({keyPair});
    const {payload} = await jose.compactVerify(text, await jose.importJWK(jwk, header.alg), {algorithms: [header.alg]});
    const claims = JSON.parse(new TextDecoder().decode(payload));
    const credential = claims.vc ?? claims;
    const issuer = claims.iss ?? credential.issuer?.id ?? credential.issuer;
    if (issuer !== did) throw new Error(`the key ${did} is not the issuer's (${issuer})`);
  } catch (e) {
    errors.push(String(e.message || e));
  }
  return {verified: errors.length === 0, errors};
}

async function verify(files) {
  let ok = true;
  for (const file of files) {
    const text = readFileSync(file, 'utf8').trim();
    if (!text.startsWith('{')) {
      const {verified, errors} = await verifyJwt(text);
      console.log(JSON.stringify({file, verified, errors}));
      ok &&= verified;
      continue;
    }
    const credential = JSON.parse(text);
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
