#!/usr/bin/env bash
# Regenerates the MicroCredX DEMO network in this folder with `mcx`:
# the signed registry, status lists, a did:web DID document and the sample
# credentials listed in manifest.json.
#
# Everything here is DEMO data signed with the published DEMO keys in
# demo/keys/ - never trust these keys for anything real. The output is
# deterministic: the keys are committed, every signing time is fixed
# (--now) and Ed25519 signatures are deterministic, so running this again
# reproduces the committed files byte for byte.
#
# Usage: demo/generate.sh            (builds mcx with cargo)
#        MCX=/path/to/mcx demo/generate.sh
#
# URLs map to files: https://demo.microcredx.eu/<path> is demo/<path>.
set -euo pipefail

DEMO="$(cd "$(dirname "$0")" && pwd)"
if [[ -z "${MCX:-}" ]]; then
    (cd "$DEMO/.." && cargo build --quiet -p mcx-cli)
    MCX="$(cd "$DEMO/.." && cargo metadata --format-version 1 --no-deps |
        sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')/debug/mcx"
fi
mcx() { "$MCX" "$@"; }

BASE=https://demo.microcredx.eu
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$DEMO"
rm -rf registry.json members credentials
mkdir -p members/thn/status members/valfiume/status members/castelmar/status credentials

did_of() { mcx key show "keys/$1.json" | sed -n 's/.*"did":"\([^"]*\)".*/\1/p'; }
multikey_of() { mcx key show "keys/$1.json" | sed -n 's/.*"publicKeyMultibase":"\([^"]*\)".*/\1/p'; }

GOV=$(did_of governance)
THN=did:web:demo.microcredx.eu:members:thn   # served as members/thn/did.json
VALFIUME=$(did_of valfiume)
CASTELMAR=$(did_of castelmar)
ZEELAND=$(did_of zeeland)
MILLBROOK=$(did_of millbrook)
LEARNER=$(did_of learner)
LEARNER2=did:example:demo-learner-2

# --- did:web document of TH Nordstadt -------------------------------------
THN_KEY=$(multikey_of thn)
cat > members/thn/did.json <<EOF
{
  "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
  "id": "$THN",
  "verificationMethod": [
    {
      "id": "$THN#key-1",
      "type": "Multikey",
      "controller": "$THN",
      "publicKeyMultibase": "$THN_KEY"
    }
  ],
  "assertionMethod": ["$THN#key-1"],
  "authentication": ["$THN#key-1"]
}
EOF

# --- status lists ------------------------------------------------------------
LIST_NOW=2026-11-01T00:00:00Z
LIST_UNTIL=2031-12-31T00:00:00Z
THN_REV=$BASE/members/thn/status/revocation.json
THN_SUS=$BASE/members/thn/status/suspension.json
VAL_REV=$BASE/members/valfiume/status/revocation.json
CAS_REV=$BASE/members/castelmar/status/revocation.json
CAS_MSG=$BASE/members/castelmar/status/messages.json
CAS_GONE=$BASE/members/castelmar/status/offline.json   # deliberately never published

mcx status new --url "$THN_REV" --purpose revocation --out "$WORK/thn-rev.json"
mcx status new --url "$THN_SUS" --purpose suspension --out "$WORK/thn-sus.json"
mcx status new --url "$VAL_REV" --purpose revocation --out "$WORK/val-rev.json"
mcx status new --url "$CAS_REV" --purpose revocation --out "$WORK/cas-rev.json"
mcx status new --url "$CAS_MSG" --purpose message --size 2 \
    --message 0x0=issued --message 0x1=grade_under_review \
    --message 0x2=reissued_with_correction --message 0x3=undefined \
    --out "$WORK/cas-msg.json"

entry() { mcx status entry "$WORK/$1.json" --index "$2"; }

# --- issuers (Open Badges 3.0 Profiles) --------------------------------------
profile() { # name url country-name country-code
    printf '{"type":["Profile"],"name":"%s","url":"%s","address":{"type":["Address"],"addressCountry":"%s","addressCountryCode":"%s"}}' "$1" "$2" "$3" "$4"
}
P_THN=$(profile "Technische Hochschule Nordstadt (DEMO)" "$BASE/members/thn/" Germany DE)
P_VAL=$(profile "Politecnico di Valfiume (DEMO)" "$BASE/members/valfiume/" Italy IT)
P_CAS=$(profile "Universidad de Castelmar (DEMO)" "$BASE/members/castelmar/" Spain ES)
P_ZEE=$(profile "Hogeschool Zeeland-Noord (DEMO)" "$BASE/members/zeeland/" Netherlands NL)
P_MIL=$(profile "Millbrook Institute of Excellence (DEMO, not a member)" "https://millbrook.example/" "United Kingdom" GB)

# --- achievements (OB 3.0 + EU micro-credential elements) --------------------
eqf() { printf '{"type":["Alignment"],"targetName":"EQF level %s","targetCode":"%s","targetFramework":"European Qualifications Framework","targetType":"ext:EQF","targetUrl":"https://europass.europa.eu/en/description-eight-eqf-levels"}' "$1" "$1"; }
skill() { printf '{"type":["Alignment"],"targetName":"%s","targetFramework":"ESCO","targetType":"ext:ESCOSkill","targetUrl":"https://esco.ec.europa.eu/en/classification/skill_main"}' "$1"; }

achievement() { # slug name description lang ects eqf skill outcomes assessment participation qa supervision prerequisites
    cat <<EOF
{"id":"$BASE/achievements/$1","type":["Achievement"],"achievementType":"MicroCredential","name":"$2","description":"$3","criteria":{"narrative":"Pass the final assessment with at least 50% of the points."},"creditsAvailable":$5,"inLanguage":"$4","alignment":[$(eqf "$6"),$(skill "$7")],"learningOutcomes":$8,"typeOfAssessment":"$9","formOfParticipation":"${10}","qualityAssurance":"${11}","supervisionAndIdentityVerification":"${12}","prerequisites":"${13}","integrationStackability":"Stackable within the MicroCredX network: see the combined offers in the network registry."}
EOF
}
A_PLC=$(achievement plc-programming "PLC Programming with IEC 61131-3" \
    "Design, program and test control software for programmable logic controllers." de 5 6 "programming PLCs" \
    '["Write IEC 61131-3 programs in Structured Text and Ladder Diagram","Commission and debug a PLC-controlled production cell"]' \
    "Graded practical project and written exam" "Blended: online with two on-site lab days" \
    "Internal quality assurance of TH Nordstadt; institutional accreditation by the Akkreditierungsrat (DEMO entry)" \
    "Supervised on-site exam; photo ID checked" "Basics of electrical engineering")
A_TWIN=$(achievement digital-twins "Digital Twins for Production Systems" \
    "Build and validate simulation models that mirror a running production line." en 5 6 "simulation modelling" \
    '["Model a production cell as a digital twin","Validate a twin against sensor data"]' \
    "Graded project with oral defence" "Online, self-paced with weekly live sessions" \
    "Internal quality assurance of TH Nordstadt; institutional accreditation by the Akkreditierungsrat (DEMO entry)" \
    "Online proctored defence; identity verified by video" "PLC Programming or equivalent")
A_ROB=$(achievement industrial-robotics "Industrial Robotics" \
    "Program, integrate and safely operate industrial robot arms." it 5 6 "operating robots" \
    '["Program a six-axis robot for pick-and-place","Apply ISO 10218 safety requirements to a robot cell"]' \
    "Graded lab assessment" "On-site, full-time for two weeks" \
    "Quality assurance by ANVUR (DEMO entry)" "Supervised lab assessment; identity checked on site" "None")
A_PM=$(achievement predictive-maintenance "Predictive Maintenance with Machine Data" \
    "Use machine data and statistical models to schedule maintenance before failures." en 5 7 "predictive maintenance" \
    '["Prepare condition-monitoring data","Train and evaluate a failure-prediction model"]' \
    "Graded data-analysis project" "Online" "Quality assurance by ANVUR (DEMO entry)" \
    "Unsupervised project; identity verified at enrolment" "Basic statistics")
A_IOT=$(achievement iot-sensor-networks "IoT Sensor Networks for Industry 4.0" \
    "Plan and deploy wireless sensor networks on the shop floor." es 5 6 "set up sensor networks" \
    '["Select sensors and radio technologies for an industrial site","Deploy and secure an MQTT-based sensor network"]' \
    "Graded practical exam" "Blended" "Quality assurance by ANECA (DEMO entry)" \
    "Supervised on-site exam; identity checked" "Basic networking")
A_LEAN=$(achievement lean-production "Lean Production Basics" \
    "Apply lean methods to reduce waste in production." nl 3 5 "lean manufacturing" \
    '["Map a value stream","Run a kaizen workshop"]' "Ungraded assignment" "Online" \
    "Quality assurance by NVAO (DEMO entry)" "No supervision" "None")
A_MILL=$(achievement industry40-mastery "Advanced Industry 4.0 Mastery" \
    "A certificate from an institution that is not a member of the network." en 30 8 "industry 4.0" \
    '["Everything about Industry 4.0"]' "None" "Online" "None" "None" "None")

credential() { # id profile validFrom validUntil(or -) achievement status-json(or -)
    local until="" status=""
    [[ "$4" != - ]] && until=",\"validUntil\":\"$4\""
    [[ "$6" != - ]] && status=",\"credentialStatus\":$6"
    cat <<EOF
{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json","https://w3id.org/microcredx/eu-mc/v1"],"id":"urn:uuid:$1","type":["VerifiableCredential","OpenBadgeCredential"],"name":"$(printf '%s' "$5" | sed -n 's/.*"achievementType":"MicroCredential","name":"\([^"]*\)".*/\1/p')","issuer":$2,"validFrom":"$3"$until,"credentialSubject":{"type":["AchievementSubject"],"id":"$LEARNER","name":"Alex Example (DEMO learner)","achievement":$5}$status}
EOF
}

# issue NAME KEY VALIDFROM CREDENTIAL-JSON [extra mcx issue args]; FORMAT= picks the proof suite
issue() {
    local name=$1 key=$2 created=$3 json=$4
    shift 4
    printf '%s\n' "$json" > "$WORK/$name.unsigned.json"
    mcx issue --key "keys/$key.json" --format "${FORMAT:-eddsa-jcs-2022}" --now "$created" "$@" \
        --out "credentials/$name.json" "$WORK/$name.unsigned.json"
}

# --- sample credentials ------------------------------------------------------
T1=2026-09-15T09:00:00Z
UNTIL=2031-09-15T00:00:00Z
issue valid-plc-thn thn $T1 \
    "$(credential 7d1f3a52-0001-4c1e-9a51-6f0d2b3c4d01 "$P_THN" $T1 $UNTIL "$A_PLC" "[$(entry thn-rev 1201),$(entry thn-sus 1201)]")" \
    --did "$THN"
issue valid-robotics-valfiume valfiume $T1 \
    "$(credential 7d1f3a52-0002-4c1e-9a51-6f0d2b3c4d02 "$P_VAL" $T1 $UNTIL "$A_ROB" "$(entry val-rev 77)")"
FORMAT=eddsa-rdfc-2022 issue valid-iot-castelmar castelmar $T1 \
    "$(credential 7d1f3a52-0003-4c1e-9a51-6f0d2b3c4d03 "$P_CAS" $T1 $UNTIL "$A_IOT" "[$(entry cas-rev 5),$(entry cas-msg 5)]")"
issue revoked-twin-thn thn 2026-07-01T09:00:00Z \
    "$(credential 7d1f3a52-0004-4c1e-9a51-6f0d2b3c4d04 "$P_THN" 2026-07-01T09:00:00Z $UNTIL "$A_TWIN" "[$(entry thn-rev 4242),$(entry thn-sus 4242)]")" \
    --did "$THN"
issue suspended-plc-thn thn 2026-07-01T09:00:00Z \
    "$(credential 7d1f3a52-0005-4c1e-9a51-6f0d2b3c4d05 "$P_THN" 2026-07-01T09:00:00Z $UNTIL "$A_PLC" "[$(entry thn-rev 3003),$(entry thn-sus 3003)]")" \
    --did "$THN"
issue expired-pm-valfiume valfiume 2025-10-01T09:00:00Z \
    "$(credential 7d1f3a52-0006-4c1e-9a51-6f0d2b3c4d06 "$P_VAL" 2025-10-01T09:00:00Z 2026-10-01T00:00:00Z "$A_PM" "$(entry val-rev 78)")"
issue untrusted-millbrook millbrook $T1 \
    "$(credential 7d1f3a52-0007-4c1e-9a51-6f0d2b3c4d07 "$P_MIL" $T1 $UNTIL "$A_MILL" -)"
issue withdrawn-after-zeeland zeeland 2026-08-01T09:00:00Z \
    "$(credential 7d1f3a52-0008-4c1e-9a51-6f0d2b3c4d08 "$P_ZEE" 2026-08-01T09:00:00Z $UNTIL "$A_LEAN" -)"
issue withdrawn-before-zeeland zeeland 2026-03-01T09:00:00Z \
    "$(credential 7d1f3a52-0009-4c1e-9a51-6f0d2b3c4d09 "$P_ZEE" 2026-03-01T09:00:00Z $UNTIL "$A_LEAN" -)"
issue member-suspended-valfiume valfiume 2025-06-15T09:00:00Z \
    "$(credential 7d1f3a52-0010-4c1e-9a51-6f0d2b3c4d10 "$P_VAL" 2025-06-15T09:00:00Z $UNTIL "$A_PM" "$(entry val-rev 79)")"
issue status-unavailable-castelmar castelmar $T1 \
    "$(credential 7d1f3a52-0011-4c1e-9a51-6f0d2b3c4d11 "$P_CAS" $T1 $UNTIL "$A_IOT" \
        "$(entry cas-rev 6 | sed "s#$CAS_REV#$CAS_GONE#g")")"
# The same PLC credential as a VC-JOSE JWT.
printf '%s\n' "$(credential 7d1f3a52-0012-4c1e-9a51-6f0d2b3c4d12 "$P_THN" $T1 $UNTIL "$A_PLC" "[$(entry thn-rev 1202),$(entry thn-sus 1202)]")" \
    > "$WORK/jwt.unsigned.json"
mcx issue --key keys/thn.json --format jwt --now $T1 --did "$THN" \
    --out credentials/valid-plc-thn.jwt "$WORK/jwt.unsigned.json"
# Tampered: the ECTS were raised after signing.
sed 's/"creditsAvailable":5/"creditsAvailable":10/' credentials/valid-robotics-valfiume.json \
    > credentials/tampered-robotics-valfiume.json

# Presentations: the learner (holder) signs them with their own DEMO key.
mcx present --key keys/learner.json --now $T1 --format eddsa-rdfc-2022 \
    --out credentials/presentation-two-members.json \
    credentials/valid-plc-thn.json credentials/valid-robotics-valfiume.json
mcx present --key keys/learner.json --now $T1 --format eddsa-jcs-2022 \
    --out credentials/presentation-portfolio.json \
    credentials/valid-plc-thn.json credentials/valid-robotics-valfiume.json credentials/valid-iot-castelmar.json

# --- status changes, then publish the lists ---------------------------------
mcx status revoke "$WORK/thn-rev.json" --index 4242
mcx status suspend "$WORK/thn-sus.json" --index 3003
mcx status set "$WORK/cas-msg.json" --index 9 --value 1
sign_list() { # work-name key out [--did DID]
    local work=$1 key=$2 out=$3
    shift 3
    mcx status sign "$WORK/$work.json" --key "keys/$key.json" --now $LIST_NOW \
        --valid-until $LIST_UNTIL --out "$out" "$@"
}
sign_list thn-rev thn members/thn/status/revocation.json --did "$THN"
sign_list thn-sus thn members/thn/status/suspension.json --did "$THN"
sign_list val-rev valfiume members/valfiume/status/revocation.json --format eddsa-rdfc-2022
sign_list cas-rev castelmar members/castelmar/status/revocation.json --format eddsa-rdfc-2022
sign_list cas-msg castelmar members/castelmar/status/messages.json --format eddsa-rdfc-2022

# --- the network registry ----------------------------------------------------
R="$WORK/registry.json"
mcx registry new --id $BASE/registry.json --out "$R" \
    --name "en=MicroCredX Network (DEMO)" --name "de=MicroCredX-Netzwerk (DEMO)" \
    --name "it=Rete MicroCredX (DEMO)" --name "es=Red MicroCredX (DEMO)"
mcx registry add-member "$R" --did "$THN" --joined 2024-02-01 --short-name THN --country DE \
    --name "de=Technische Hochschule Nordstadt (DEMO)" --name "en=Nordstadt University of Applied Sciences (DEMO)" \
    --url $BASE/members/thn/ --also-known-as "$(did_of thn)" \
    --qa-name "Akkreditierungsrat (DEMO entry)" --qa-id https://www.akkreditierungsrat.de/ \
    --qa-accreditation "System accreditation 2023-2031 (DEMO)"
mcx registry add-member "$R" --did "$VALFIUME" --joined 2024-02-01 --short-name PoliValfiume --country IT \
    --name "it=Politecnico di Valfiume (DEMO)" --name "en=Valfiume Polytechnic (DEMO)" \
    --url $BASE/members/valfiume/ \
    --qa-name "ANVUR (DEMO entry)" --qa-id https://www.anvur.it/ \
    --qa-accreditation "Periodic accreditation, rating B (DEMO)"
mcx registry add-member "$R" --did "$CASTELMAR" --joined 2024-09-15 --short-name UCastelmar --country ES \
    --name "es=Universidad de Castelmar (DEMO)" --name "en=University of Castelmar (DEMO)" \
    --url $BASE/members/castelmar/ \
    --qa-name "ANECA (DEMO entry)" --qa-id https://www.aneca.es/ \
    --qa-accreditation "Institutional accreditation 2024-2030 (DEMO)"
mcx registry add-member "$R" --did "$ZEELAND" --joined 2024-02-01 --short-name HZN --country NL \
    --name "nl=Hogeschool Zeeland-Noord (DEMO)" --name "en=Zeeland-Noord University of Applied Sciences (DEMO)" \
    --url $BASE/members/zeeland/ \
    --qa-name "NVAO (DEMO entry)" --qa-id https://www.nvao.net/ \
    --qa-accreditation "Institutional audit 2022 (DEMO)"
mcx registry update-member "$R" --did "$VALFIUME" --suspend 2025-05-01 \
    --note "Suspended pending a quality review (DEMO)"
mcx registry update-member "$R" --did "$VALFIUME" --reinstate 2025-09-01 \
    --note "Quality review passed (DEMO)"
mcx registry withdraw "$R" --did "$ZEELAND" --date 2026-06-30 \
    --note "Left the network at the end of the 2025/26 academic year (DEMO)"
mcx registry add-recognition "$R" --recognizer "$THN" --recognized "$VALFIUME" --from 2024-03-01 \
    --scope "en=Credit transfer towards the MEng Industrial Automation" \
    --scope "de=Anrechnung im Master Industrielle Automatisierung"
mcx registry add-recognition "$R" --recognizer "$CASTELMAR" --recognized "$THN" --from 2024-10-01 \
    --achievement $BASE/achievements/plc-programming \
    --scope "en=Exemption from the module Industrial Automation I" \
    --scope "es=Convalidación de la asignatura Automatización Industrial I"
mcx registry add-recognition "$R" --recognizer "$VALFIUME" --recognized "$CASTELMAR" --from 2024-10-01 \
    --scope "en=Credit towards the Laurea Magistrale in Mechatronic Engineering" \
    --scope "it=Riconoscimento di crediti nella Laurea Magistrale in Ingegneria Meccatronica"
mcx registry add-recognition "$R" --recognizer "$THN" --recognized "$ZEELAND" --from 2024-03-01 --until 2026-06-30 \
    --scope "en=Credit transfer towards the BEng Production Engineering (ended with the withdrawal)"
mcx registry add-offer "$R" --id $BASE/offers/industry-4-automation-specialist --ects 15 --eqf 6 \
    --name "en=Industry 4.0 Automation Specialist" --name "de=Spezialist/in Automatisierung Industrie 4.0" \
    --description "en=Three micro-credentials from three member universities that together certify automation skills for Industry 4.0." \
    --offered-by "$THN" --offered-by "$VALFIUME" --offered-by "$CASTELMAR" \
    --component "5=$BASE/achievements/plc-programming=$THN=PLC Programming with IEC 61131-3" \
    --component "5=$BASE/achievements/industrial-robotics=$VALFIUME=Industrial Robotics" \
    --component "5=$BASE/achievements/iot-sensor-networks=$CASTELMAR=IoT Sensor Networks for Industry 4.0"
mcx registry add-offer "$R" --id $BASE/offers/data-driven-production --ects 10 --eqf 6 \
    --name "en=Data-Driven Production" --name "es=Producción basada en datos" \
    --description "en=IoT sensor networks plus one elective on using the data." \
    --offered-by "$CASTELMAR" --offered-by "$VALFIUME" --offered-by "$THN" \
    --component "5=$BASE/achievements/iot-sensor-networks=$CASTELMAR=IoT Sensor Networks for Industry 4.0" \
    --elective "5=$BASE/achievements/predictive-maintenance=$VALFIUME=Predictive Maintenance with Machine Data" \
    --elective "5=$BASE/achievements/digital-twins=$THN=Digital Twins for Production Systems" \
    --electives-required 1
mcx registry sign "$R" --key keys/governance.json --now 2026-11-01T00:00:00Z \
    --valid-until 2031-12-31T00:00:00Z --out registry.json

if [[ "$GOV" != "$(sed -n 's/.*DEMO_GOVERNANCE_DID: &str = "\([^"]*\)".*/\1/p' ../verifier-core/src/registry.rs)" ]]; then
    echo "generate.sh: keys/governance.json is not registry::DEMO_GOVERNANCE_DID" >&2
    exit 1
fi
# --- manifest: what each sample is and what a verifier must say --------------
sample() { # file kind verdict code title
    local code=null
    [[ "$4" != - ]] && code="\"$4\""
    printf '    {"file": "credentials/%s", "kind": "%s", "verdict": "%s", "code": %s, "title": "%s"}' "$1" "$2" "$3" "$code" "$5"
}
resource() { printf '    "%s/%s": "%s"' "$BASE" "$1" "$1"; }
{
    cat <<EOF
{
  "about": "MicroCredX DEMO network: every document here is signed with the published DEMO keys in keys/ and must never be trusted outside this demo. Regenerate with generate.sh.",
  "baseUrl": "$BASE/",
  "governanceDid": "$GOV",
  "registryUrl": "$BASE/registry.json",
  "registry": "registry.json",
  "now": "2026-11-28T12:00:00Z",
  "resources": {
EOF
    resource registry.json; echo ,
    resource members/thn/did.json; echo ,
    resource members/thn/status/revocation.json; echo ,
    resource members/thn/status/suspension.json; echo ,
    resource members/valfiume/status/revocation.json; echo ,
    resource members/castelmar/status/revocation.json; echo ,
    resource members/castelmar/status/messages.json; echo
    echo '  },'
    echo '  "samples": ['
    sample valid-plc-thn.json credential valid - "Valid: PLC Programming, TH Nordstadt (did:web, revocation + suspension lists)"; echo ,
    sample valid-robotics-valfiume.json credential valid - "Valid: Industrial Robotics, Politecnico di Valfiume"; echo ,
    sample valid-iot-castelmar.json credential valid - "Valid: IoT Sensor Networks, Universidad de Castelmar (with a status-message list)"; echo ,
    sample valid-plc-thn.jwt credential valid - "Valid: PLC Programming as a VC-JOSE JWT"; echo ,
    sample presentation-two-members.json presentation valid - "Presentation: credentials from two member universities"; echo ,
    sample presentation-portfolio.json presentation valid - "Presentation: a portfolio that completes a combined offer"; echo ,
    sample withdrawn-before-zeeland.json credential valid - "Valid: issued before its university left the network"; echo ,
    sample revoked-twin-thn.json credential invalid revoked "Revoked: Digital Twins, TH Nordstadt"; echo ,
    sample suspended-plc-thn.json credential invalid suspended "Suspended: PLC Programming, TH Nordstadt"; echo ,
    sample expired-pm-valfiume.json credential invalid expired "Expired: Predictive Maintenance, Politecnico di Valfiume"; echo ,
    sample tampered-robotics-valfiume.json credential invalid invalid_signature "Tampered: ECTS raised after signing"; echo ,
    sample untrusted-millbrook.json credential invalid untrusted_issuer "Untrusted issuer: not a member of the network"; echo ,
    sample withdrawn-after-zeeland.json credential invalid untrusted_issuer "Untrusted issuer: issued after its university left the network"; echo ,
    sample member-suspended-valfiume.json credential invalid untrusted_issuer "Untrusted issuer: issued while its university was suspended"; echo ,
    sample status-unavailable-castelmar.json credential unverifiable status_unavailable "Unverifiable: its status list cannot be fetched"; echo
    echo '  ]'
    echo '}'
} > manifest.json

echo "demo network regenerated in $DEMO (see manifest.json)"
