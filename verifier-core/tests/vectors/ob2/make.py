#!/usr/bin/env python3
"""Makes the Open Badges 2.0 fixtures of this folder (see README.md).

Run from this folder; needs the `openssl` command. The RSA key is a test
key made for these fixtures (`openssl genrsa 2048`); RS256 is PKCS#1 v1.5,
deterministic, so running this again gives the same files.
"""
import base64, json, subprocess

ORIGIN = "https://badges.th-nordstadt.example"
PROFILE = f"{ORIGIN}/issuer.json"
KEY = f"{ORIGIN}/keys/1.json"
BADGE = f"{ORIGIN}/badges/plc.json"
LIST = f"{ORIGIN}/revoked.json"

def b64(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def dump(name, obj): open(name, "w").write(json.dumps(obj, indent=2) + "\n")

pem = subprocess.run(["openssl", "rsa", "-in", "issuer-rsa-private.pem", "-pubout"],
                     capture_output=True, check=True).stdout.decode()
profile = {"@context": "https://w3id.org/openbadges/v2", "type": "Issuer", "id": PROFILE,
           "name": "TH Nordstadt", "url": "https://th-nordstadt.example", "email": "badges@th-nordstadt.example",
           "publicKey": KEY, "revocationList": LIST}
key = {"@context": "https://w3id.org/openbadges/v2", "type": "CryptographicKey", "id": KEY,
       "owner": PROFILE, "publicKeyPem": pem}
badge = {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": BADGE,
         "name": "PLC Programming", "description": "IEC 61131-3 programming of industrial controllers.",
         "image": f"{ORIGIN}/badges/plc.png", "criteria": {"narrative": "Passed the assessed project."},
         "issuer": PROFILE}
def assertion(n, verification, **extra):
    a = {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion",
         "id": f"{ORIGIN}/assertions/{n}.json" if verification == "hosted" else f"urn:uuid:00000000-0000-4000-8000-00000000000{n}",
         # sha256 of "alex@example.org" + salt "mcx-salt"
         "recipient": {"type": "email", "hashed": True, "salt": "mcx-salt",
                       "identity": "sha256$" + __import__("hashlib").sha256(b"alex@example.orgmcx-salt").hexdigest()},
         "badge": BADGE, "issuedOn": "2026-03-01T09:00:00Z",
         "verification": {"type": verification} if verification == "hosted" else {"type": "signed", "creator": KEY}}
    a.update(extra)
    return a
def sign(payload):
    header = b64(json.dumps({"alg": "RS256"}, separators=(",", ":")).encode())
    body = b64(json.dumps(payload, separators=(",", ":")).encode())
    sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", "issuer-rsa-private.pem"],
                         input=f"{header}.{body}".encode(), capture_output=True, check=True).stdout
    return f"{header}.{body}.{b64(sig)}"

dump("issuer.json", profile)
dump("key.json", key)
dump("badge.json", badge)
dump("revoked.json", {"@context": "https://w3id.org/openbadges/v2", "type": "RevocationList", "id": LIST,
                      "issuer": PROFILE, "revokedAssertions": [
                          {"id": "urn:uuid:00000000-0000-4000-8000-000000000002", "revocationReason": "Issued in error"}]})
dump("hosted-1.json", assertion(1, "hosted"))
dump("hosted-2-revoked.json", assertion(2, "hosted", revoked=True, revocationReason="Academic misconduct"))
dump("hosted-3-expired.json", assertion(3, "hosted", expires="2026-06-01T00:00:00Z"))
open("signed-1.jws", "w").write(sign(assertion(1, "signed")) + "\n")
open("signed-2-revoked.jws", "w").write(sign(assertion(2, "signed")) + "\n")
