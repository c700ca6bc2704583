# Regenerates site/static/widget-demo.html (the widget's demo page) from the
# DEMO network's credentials: run `python3 widget/tools/widget-demo.py` after
# demo/ changes. The page is static (the site's CSP allows no inline script
# or style), so the inline examples are copies of demo/credentials/*; the
# widget e2e test checks that every example still shows its verdict.
import html, json, zlib, base64, os
ROOT=os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
M=json.load(open(ROOT+'/demo/manifest.json'))
def text(f): return open(ROOT+'/demo/'+f).read().strip()
def frag(t):
    c=zlib.compressobj(9, zlib.DEFLATED, -15); d=c.compress(t.encode())+c.flush()
    return base64.urlsafe_b64encode(d).decode().rstrip('=')
CDN='https://verify.microcredx.eu/widget/mcx-verify.js'
CSP="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' https:; object-src 'none'; base-uri 'none'"
valid=text('credentials/valid-robotics-valfiume.json')
jwt=text('credentials/valid-plc-thn.jwt')
tampered=text('credentials/tampered-robotics-valfiume.json')
untrusted=text('credentials/untrusted-millbrook.json')
fragment=frag(text('credentials/valid-iot-castelmar.json'))
def code(s): return '<pre class="mono snippet"><code>'+html.escape(s)+'</code></pre>'
def script_json(t): return '<script type="application/vc+ld+json">'+t.replace('</','<\\/')+'</script>'
sections=[]
def section(id, title, intro, live, snippet, expect):
    sections.append(f'''
<section class="result" id="{id}">
<div class="result-body">
<h2>{title}</h2>
<p>{intro}</p>
<div class="example" data-expect="{expect}">
{live}
</div>
<h3>The snippet</h3>
{code(snippet)}
</div>
</section>''')

section('inline', '1. A badge for a credential on the page',
 'Put the credential, exactly as issued, in a <code>&lt;script type="application/vc+ld+json"&gt;</code> inside the element. The badge says who issued it and its ECTS; a click or <kbd>Enter</kbd> opens the full result.',
 f'<mcx-verify id="ex-inline">{script_json(valid)}</mcx-verify>',
 f'''<script src="{CDN}" defer></script>

<mcx-verify>
  <script type="application/vc+ld+json">
    {{ "@context": ["https://www.w3.org/ns/credentials/v2", …],
      "type": ["VerifiableCredential", "OpenBadgeCredential"], … }}
  </script>
</mcx-verify>''', 'valid')

section('jwt', '2. A JWT as the element\'s text',
 'A VC-JWT / VC-JOSE credential can simply be the element\'s text.',
 f'<mcx-verify id="ex-jwt">{html.escape(jwt)}</mcx-verify>',
 f'''<script src="{CDN}" defer></script>

<mcx-verify>eyJhbGciOiJFZERTQSIsInR5cCI6InZjK2p3dCJ9.eyJ…</mcx-verify>''', 'valid')

section('src', '3. A credential hosted elsewhere', 
 'Point <code>src</code> at the credential\'s URL (JSON, JWT, or an Open Badges PNG/SVG). It is fetched by the visitor\'s browser, so its server must allow cross-origin reads (CORS) and your page\'s <code>connect-src</code> must allow it. This one has been revoked by its issuer:',
 '<mcx-verify id="ex-src" src="demo/credentials/revoked-twin-thn.json"></mcx-verify>',
 f'''<script src="{CDN}" defer></script>

<mcx-verify src="https://uni.example/credentials/4711.json"></mcx-verify>''', 'invalid')

section('fragment', '4. From a verification link (the page\'s URL fragment)',
 f'With the <code>fragment</code> attribute the element reads the credential from the address of the page, <code>…#vc=&lt;payload&gt;</code> (see the README for the payload). The fragment never reaches any server. <a id="fragment-link" href="widget-demo.html#vc={fragment}">Open this page with a verification link</a> and look here:',
 '<mcx-verify id="ex-fragment" fragment></mcx-verify>',
 f'''<script src="{CDN}" defer></script>

<!-- on https://uni.example/verify.html,
     opened as https://uni.example/verify.html#vc=… -->
<mcx-verify fragment></mcx-verify>''', 'fragment')

section('button', '5. A “Verify” button instead of the badge',
 'With <code>mode="button"</code> the element is a compact button; the dialog shows the full result. This credential was changed after it was signed:',
 f'<mcx-verify id="ex-button" mode="button">{script_json(tampered)}</mcx-verify>',
 f'''<script src="{CDN}" defer></script>

<mcx-verify mode="button">
  <script type="application/vc+ld+json">{{ … }}</script>
</mcx-verify>''', 'invalid')

section('lang', '6. Language and theme',
 'The element speaks English and German: its <code>lang</code> attribute, else the page\'s, else the browser\'s. Colours, font and corners follow CSS custom properties set on the element by your stylesheet; nothing else of your CSS reaches inside (Shadow DOM). This credential\'s issuer is not a member of the network:',
 f'<mcx-verify id="ex-lang" lang="de">{script_json(untrusted)}</mcx-verify>',
 f'''<mcx-verify lang="de">…</mcx-verify>

/* in your stylesheet (the defaults in brackets) */
mcx-verify {{
  --mcx-font: Georgia, serif;      /* system-ui */
  --mcx-font-size: 16px;           /* 15px */
  --mcx-fg: #1d232b;               /* text */
  --mcx-bg: #ffffff;               /* badge and dialog background */
  --mcx-border: #c5ced8;
  --mcx-muted: #57606a;
  --mcx-radius: 6px;               /* 999px: a pill */
  --mcx-valid: #1a7f37;
  --mcx-invalid: #c0262d;
  --mcx-unverifiable: #9a6700;
  --mcx-focus: #1f5fbf;
}}''', 'invalid')

# Snippet-only sections
api=f'''<script type="module">
  // or, with a bundler: import {{ verify, view }} from '@microcredx/verify';
  import {{ verify, view }} from 'https://verify.microcredx.eu/widget/index.js';

  // the credential as text, or a Uint8Array, a URL, a Blob
  const report = await verify(credentialText);
  report.verdict;         // 'valid' | 'invalid' | 'unverifiable'
  report.headline?.code;  // e.g. 'revoked' when not valid
  const v = await view(report, 'de');  // every string to show, in German
</script>

<!-- events of the element -->
<script type="module">
  document.addEventListener('mcx-verified', (e) => {{
    console.log(e.target, e.detail.verdict, e.detail.report);
  }});
</script>

<!-- and the outcome as an attribute, for your CSS or scripts: -->
<mcx-verify data-verdict="valid">…</mcx-verify>'''
sections.append(f'''
<section class="result" id="api">
<div class="result-body">
<h2>7. The JS API, for your own interface</h2>
<p>The same package exports <code>verify(input, options)</code>, which resolves to the report (the same JSON as <code>mcx verify --json</code>), and <code>view(report, lang)</code> with every text to show. The single script sets <code>window.MicroCredX</code> with the same functions. Types: <code>index.d.ts</code>.</p>
{code(api)}
<p>Options: <code>now</code> (verify as of a time), <code>registry</code> and <code>networkKey</code> (another network registry and the governance DID it must be signed by; <code>registry: false</code> for none), <code>challenge</code>/<code>domain</code> for presentations, <code>demoBase</code>.</p>
</div>
</section>''')

npm='''npm install @microcredx/verify

// in your bundle: registers <mcx-verify> and exports the API
import { verify } from '@microcredx/verify';'''
reg=f'''<mcx-verify registry="https://network.example/registry.json"
            network-key="did:key:z6Mk…(the governance key you pin)">
  …
</mcx-verify>'''
csp=f'''Content-Security-Policy:
  script-src 'self' https://verify.microcredx.eu 'wasm-unsafe-eval';
  connect-src 'self' https:;
  (style-src, img-src, font-src: nothing for the widget)'''
sections.append(f'''
<section class="result" id="setup">
<div class="result-body">
<h2>8. Installing, another network, Content-Security-Policy</h2>
<h3>With a bundler (npm)</h3>
{code(npm)}
<h3>Another network registry and pinned key</h3>
{code(reg)}
<h3>What a strict Content-Security-Policy must allow</h3>
<p>The script's origin in <code>script-src</code>, <code>'wasm-unsafe-eval'</code> to start its WebAssembly (no <code>'unsafe-eval'</code>, no <code>'unsafe-inline'</code>), and in <code>connect-src</code> the script's origin (it loads its <code>.wasm</code> from there) plus where status lists, <code>did:web</code> documents, hosted credentials and the network registry live — in general <code>https:</code>. The widget makes no other requests (no fonts, images or contexts: those are bundled).</p>
{code(csp)}
</div>
</section>''')

page=f'''<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<title>The MicroCredX widget: every way to embed it</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="style.css">
<!-- The widget, one script. This page runs under the site's strict CSP:
     no inline script or style, only 'wasm-unsafe-eval'. -->
<script src="widget/mcx-verify.js" defer></script>
</head>
<body>
<header class="site-header"><div class="wrap header-row"><a class="brand" href="./"><span class="brand-mark" aria-hidden="true">M</span>MicroCredX Verify</a></div></header>
<main class="wrap">
<div class="intro">
<h1>The verify widget: every way to embed it</h1>
<p class="privacy">One script tag adds <code>&lt;mcx-verify&gt;</code> to any page. It checks a micro-credential in the visitor's browser — signature, key, dates, revocation and membership of the MicroCredX network — and shows the answer. The examples below are live, on the DEMO network; under each is the snippet to copy.</p>
</div>
{''.join(sections)}
</main>
<footer class="site-footer"><div class="wrap">MicroCredX Verify — widget demo. Credentials here are DEMO data signed with published keys. <a href="./">Back to the verifier</a>.</div></footer>
</body>
</html>
'''
open(ROOT+'/site/static/widget-demo.html','w').write(page)
print('wrote site/static/widget-demo.html,', len(page), 'bytes')
