//! English texts.

use super::{About, Mark, Texts};
use mcx_verifier_core::report::{CheckKind, Code};

/// The English texts.
pub const TEXTS: Texts = Texts {
    code: "en",
    name: "English",
    language_label: "Language",

    app_name: "MicroCredX Verify",
    tagline: "Check a micro-credential of the MicroCredX university network in seconds.",
    privacy_note: "Everything happens in your browser: the credential is not sent to any server.",

    home_label: "MicroCredX Verify: start page",
    input_heading: "Check a credential",
    paste_label: "Paste a credential, a JWT or a verification link",
    paste_hint: "JSON, a token starting with “eyJ”, or a link containing “#vc=”. Ctrl+Enter checks it.",
    verify_button: "Check",
    drop_title: "Drop files here",
    drop_hint: "Credential files (JSON, JWT), Open Badges (PNG, SVG) or a picture of a QR code. Several files at once make a portfolio.",
    choose_files: "Choose files",
    drop_now: "Release to check",
    scan_camera: "Scan a QR code",
    stop_camera: "Stop the camera",
    camera_looking: "Hold the QR code in front of the camera…",
    camera_unavailable: "This device has no camera the browser can use. You can upload a photo of the QR code instead.",
    camera_denied: "The browser was not allowed to use the camera. Allow the camera for this site in the browser settings, or upload a photo of the QR code.",
    camera_failed,
    camera_video_label: "Camera picture",

    samples_heading: "No credential at hand?",
    samples_intro: "Try a sample from the demo network:",
    sample_label,

    verifying: "Checking…",
    start_over: "Check another credential",

    verdict_valid: "Genuine and valid",
    verdict_invalid: "Not valid",
    verdict_unverifiable: "Could not be fully checked",
    verdict_valid_text,
    main_reason: "Main reason:",

    issuer_fallback: "the issuer",
    checks_heading: "What was checked",
    check_name,
    explain,
    mark_label,
    technical_details: "Technical details",
    detail_label,

    credential_heading: "What the credential says",
    presentation_heading: "Presentation",
    field_issuer: "Issued by",
    field_learner: "Learner",
    field_description: "Description",
    field_criteria: "Learning outcomes and criteria",
    field_credits: "Workload",
    field_type: "Type",
    field_alignments: "Skills and levels",
    field_valid_from: "Issued",
    field_valid_until: "Valid until",
    no_expiry: "no end date",
    field_language: "Language",
    field_id: "Identifier",
    field_country: "Country",
    field_holder: "Presented by",
    badge_image_alt,
    ects,

    eu_heading: "EU micro-credential elements",
    eu_intro: "The Council Recommendation of 16 June 2022 (Annex I) lists what a European micro-credential must state.",
    eu_col_element: "Element",
    eu_col_required: "Required",
    eu_col_value: "In this credential",
    eu_mandatory: "mandatory",
    eu_optional: "optional",
    eu_missing: "missing",
    eu_summary,
    eu_element,

    share_heading: "Share this credential",
    share_intro: "Put this link in the “Credential URL” field on LinkedIn or in your CV. The credential travels inside the link after the # sign, which browsers never send to a server.",
    share_link_label: "Verification link",
    copy_link: "Copy link",
    copied: "Copied",
    copy_failed: "Could not copy: select the link and copy it yourself.",
    add_to_linkedin: "Add to LinkedIn profile",
    linkedin_hint: "Opens LinkedIn’s “Add license or certification” form, filled in.",
    qr_caption: "QR code of the verification link",
    qr_too_long: "This credential is too large for a QR code; share the link instead.",
    download_report: "Download the report (JSON)",

    portfolio_heading: "Portfolio",
    portfolio_summary,
    portfolio_total,
    portfolio_col_issuer: "Issuer",
    portfolio_col_count: "Valid credentials",
    portfolio_col_ects: "ECTS",
    portfolio_note: "Only valid credentials are counted.",
    item_from,
    item_in_presentation,

    error_empty: "Paste a credential or choose a file first.",
    error_too_large,
    error_read,
    error_no_qr,
    source_pasted: "pasted text",
    source_link: "link",
    source_camera: "camera",

    months: [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ],
    date,

    footer: "MicroCredX Verify checks signatures, keys, dates, revocation and network membership in your browser. Status lists are loaded from the issuer; nothing else leaves this page.",
};

fn camera_failed(reason: &str) -> String {
    format!("The camera could not be started ({reason}). You can upload a photo of the QR code instead.")
}

fn sample_label(outcome: &str) -> Option<&'static str> {
    Some(match outcome {
        "valid" => "A valid micro-credential",
        "valid-jwt" => "A valid credential as JWT",
        "valid-png" => "A baked Open Badge (PNG)",
        "valid-svg" => "A baked Open Badge (SVG)",
        "presentation" => "A presentation with several credentials",
        "revoked" => "A revoked credential",
        "suspended" => "A suspended credential",
        "expired" => "An expired credential",
        "not-yet-valid" => "A credential not valid yet",
        "tampered" => "A changed (tampered) credential",
        "wrong-key" => "Signed by someone else",
        "untrusted" => "From an issuer outside the network",
        "withdrawn" => "From a withdrawn member",
        "unverifiable" => "Status list unreachable",
        _ => return None,
    })
}

fn verdict_valid_text(about: &About) -> String {
    format!(
        "Issued by {}. It has not been changed since, it is within its validity period, and it has not been revoked.",
        about.issuer
    )
}

fn check_name(kind: CheckKind) -> &'static str {
    match kind {
        CheckKind::Format => "Readable",
        CheckKind::Signature => "Signature",
        CheckKind::Key => "Signing key",
        CheckKind::Validity => "Validity period",
        CheckKind::Status => "Revocation",
        CheckKind::Issuer => "Issuer in the network",
        CheckKind::Challenge => "Made for this check",
        CheckKind::Credentials => "Credentials inside",
    }
}

fn mark_label(mark: Mark) -> &'static str {
    match mark {
        Mark::Pass => "passed",
        Mark::Warn => "note",
        Mark::Fail => "failed",
        Mark::Skip => "not checked",
    }
}

fn explain(kind: CheckKind, mark: Mark, code: Option<Code>, a: &About) -> String {
    let issuer = a.issuer;
    match (kind, mark, code) {
        (_, Mark::Skip, _) => "Not checked, because an earlier check already failed.".into(),
        (CheckKind::Format, Mark::Pass, _) => "The credential could be read.".into(),
        (CheckKind::Signature, Mark::Pass, _) => {
            format!("The signature matches: nobody has changed this credential since {issuer} signed it.")
        }
        (CheckKind::Key, Mark::Pass, _) => {
            format!("The key that signed it belongs to {issuer} and may be used to issue credentials.")
        }
        (CheckKind::Validity, Mark::Pass, _) => match a.valid_until {
            Some(until) => format!("It is valid now, until {until}."),
            None => "It is valid now and has no end date.".into(),
        },
        (CheckKind::Status, Mark::Pass, _) if a.status_checked => {
            format!("{issuer} has not revoked or suspended it (checked just now).")
        }
        (CheckKind::Status, Mark::Pass, _) => {
            "It has no revocation list, so its issuer cannot withdraw it.".into()
        }
        (CheckKind::Status, Mark::Warn, None) => {
            "It carries no revocation information, so its issuer cannot withdraw it.".into()
        }
        (CheckKind::Issuer, Mark::Pass, _) => {
            format!("{issuer} is a member of the MicroCredX network and was active when this was issued.")
        }
        (CheckKind::Issuer, Mark::Warn, _) => {
            "Network membership was not checked: no network registry was available.".into()
        }
        (CheckKind::Challenge, Mark::Pass, _) => "The presentation was made for this check.".into(),
        (CheckKind::Credentials, Mark::Pass, _) => "Every credential in the presentation is valid.".into(),
        (CheckKind::Credentials, _, Some(Code::StatusUnavailable | Code::ResourceUnavailable)) => {
            "At least one credential in the presentation could not be fully checked; see below.".into()
        }
        (CheckKind::Credentials, Mark::Fail, _) => {
            "At least one credential in the presentation is not valid; see below.".into()
        }
        (CheckKind::Signature, _, Some(Code::ResourceUnavailable)) => {
            "The issuer’s public key could not be loaded, so the signature could not be checked.".into()
        }
        (CheckKind::Signature, _, Some(Code::Malformed)) => {
            "The signature is damaged and cannot be checked.".into()
        }
        (CheckKind::Signature, _, Some(Code::Unsupported)) => {
            "The signature uses a method this verifier does not support, so it could not be checked.".into()
        }
        (CheckKind::Format, _, Some(Code::ResourceUnavailable)) => {
            "The credential could not be loaded from the address in the link. The address may be wrong or offline, or that site does not allow other sites to read the file (CORS). Download the file and drop it here instead.".into()
        }
        (CheckKind::Validity, _, Some(Code::Expired)) => match a.valid_until {
            Some(until) => format!("It expired on {until}."),
            None => "It has expired.".into(),
        },
        (CheckKind::Validity, _, Some(Code::NotYetValid)) => match a.valid_from {
            Some(from) => format!("It only becomes valid on {from}."),
            None => "It is not valid yet.".into(),
        },
        (_, _, Some(code)) => by_code(code, issuer),
        (_, Mark::Warn, None) => "Passed, with a remark (see the technical details).".into(),
        (_, Mark::Fail, None) => "Failed (see the technical details).".into(),
    }
}

fn by_code(code: Code, issuer: &str) -> String {
    match code {
        Code::Malformed => {
            "This is not a readable credential: the text or file is damaged, cut off, or not a credential at all.".into()
        }
        Code::Unsupported => {
            "It uses a format or method that this verifier does not support, so it cannot be checked.".into()
        }
        Code::InvalidSignature => {
            "The signature does not match: the credential was changed after it was signed. Do not trust its contents.".into()
        }
        Code::WrongKey => {
            "The key that signed it does not belong to the stated issuer: someone else signed it.".into()
        }
        Code::Expired => "It has expired.".into(),
        Code::NotYetValid => "It is not valid yet.".into(),
        Code::Revoked => format!("{issuer} has revoked this credential: it is no longer valid."),
        Code::Suspended => format!("{issuer} has suspended this credential for now."),
        Code::UntrustedIssuer => {
            "The signature is genuine, but the issuer was not an active member of the MicroCredX network when this was issued.".into()
        }
        Code::StatusUnavailable => {
            "Whether it has been revoked could not be checked: the issuer’s status list could not be loaded. Try again later.".into()
        }
        Code::ResourceUnavailable => {
            "A document needed for the check could not be loaded. Try again later.".into()
        }
    }
}

fn detail_label(key: &str) -> Option<&'static str> {
    Some(match key {
        "format" => "Input format",
        "proofType" => "Proof type",
        "cryptosuite" => "Cryptosuite",
        "verificationMethod" => "Verification method",
        "proofPurpose" => "Proof purpose",
        "created" => "Signed at",
        "canonicalHash" => "Canonical hash (SHA-256)",
        "issuer" => "Issuer identifier",
        "statusList" | "statusLists" => "Status lists",
        "dataModel" => "Data model",
        "proof" => "Proof",
        "algorithm" => "Algorithm",
        _ => return None,
    })
}

fn badge_image_alt(name: &str) -> String {
    format!("Badge image of “{name}”")
}

fn ects(n: &str) -> String {
    format!("{n} ECTS")
}

fn eu_summary(present: usize, total: usize) -> String {
    format!("{present} of {total} mandatory elements are stated.")
}

fn eu_element(key: &str) -> Option<&'static str> {
    Some(match key {
        "learner" => "Identification of the learner",
        "title" => "Title of the micro-credential",
        "country" => "Country or region of the issuer",
        "awardingBody" => "Awarding body",
        "dateOfIssuing" => "Date of issuing",
        "learningOutcomes" => "Learning outcomes",
        "workload" => "Notional workload (ECTS)",
        "level" => "Level (EQF)",
        "typeOfAssessment" => "Type of assessment",
        "formOfParticipation" => "Form of participation",
        "qualityAssurance" => "Type of quality assurance",
        "prerequisites" => "Prerequisites",
        "supervisionAndIdentityVerification" => "Supervision and identity verification",
        "grade" => "Grade achieved",
        "integrationStackability" => "Integration and stackability",
        "furtherInformation" => "Further information",
        _ => return None,
    })
}

fn portfolio_summary(total: usize, valid: usize) -> String {
    format!("{total} credentials checked, {valid} valid.")
}

fn portfolio_total(ects: &str) -> String {
    format!("Total: {ects} ECTS")
}

fn item_from(source: &str) -> String {
    format!("From {source}")
}

fn item_in_presentation(n: usize) -> String {
    format!("Credential {n} of the presentation")
}

fn error_too_large(name: &str) -> String {
    format!("“{name}” is too large to be a credential.")
}

fn error_read(name: &str) -> String {
    format!("“{name}” could not be read.")
}

fn error_no_qr(name: &str) -> String {
    format!("“{name}” is not a credential, and no QR code was found in it.")
}

fn date(day: u32, month: &str, year: i32) -> String {
    format!("{day} {month} {year}")
}
