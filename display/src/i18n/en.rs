//! English texts.

use alloc::format;
use alloc::string::String;

use super::{About, Mark, PlainTexts, Texts};
use mcx_verifier_core::{CheckKind, Code, Verdict};

/// The English texts.
pub const TEXTS: Texts = Texts {
    code: "en",
    name: "English",

    verifying: "Checking…",

    verdict_valid: "Genuine and valid",
    verdict_invalid: "Not valid",
    verdict_unverifiable: "Could not be fully checked",
    verdict_valid_text,
    verdict_valid_presentation,
    main_reason: "Main reason:",
    short_reason,

    issuer_fallback: FALLBACK_ISSUER,
    checks_heading: "What was checked",    check_name,
    explain,
    status_name,
    explain_status,
    mark_label,
    technical_details: "Technical details",
    verifier_message: "Verifier message",
    detail_label,

    credential_heading: "What the credential says",
    content_unverified: "Its signature was not confirmed, so anyone may have written what follows. Do not rely on it.",
    content_unvouched: "The signature is genuine, but no trust source known to this verifier vouches for whoever signed it: the names and contents below are only what the credential claims. Do not rely on them.",
    presentation_heading: "Presentation",
    credentials_heading: "Credentials inside",
    field_issuer: "Issued by",
    field_learner: "Learner",
    field_achievement: "Achievement",
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
    field_membership: "MicroCredX membership",
    field_quality_assurance: "Quality assurance",
    field_member_status: "Status",
    member_status,
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

    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    date,

    badge_verified: "Verified",
    badge_unverifiable: "Not fully checked",
    verify_button: "Verify",
    show_result: "Show the verification result",
    dialog_title: "MicroCredX verification",
    close: "Close",
    nothing_to_verify: "No credential to verify was found here.",
    open_on_site: "Open the full result on the MicroCredX verifier site",
    new_tab: "opens in a new tab",
    input_paste: "Paste a credential, a JWT or a verification link",
    input_file: "Choose a file",
    input_hint: "or drop a file here: JSON, JWT, or a PNG or SVG badge",
};

/// The English words of `mcx verify`'s text output.
pub const PLAIN: PlainTexts = PlainTexts {
    verdict: |verdict| match verdict {
        Verdict::Valid => "VALID",
        Verdict::Invalid => "NOT VALID",
        Verdict::Unverifiable => "COULD NOT BE FULLY CHECKED",
    },
    credential: "credential",
    issuer: "issuer",
    issuer_claimed: "issuer (as the credential states; no registry vouches for it)",
    nested: |n| format!("credential {n}"),
};

fn verdict_valid_text(about: &About) -> String {
    let issuer = about.issuer;
    let what = match (about.achievement, about.learner) {
        (Some(a), Some(l)) => format!("{a}, awarded to {l} by {issuer}."),
        (Some(a), None) => format!("{a}, awarded by {issuer}."),
        (None, _) => format!("Issued by {issuer}."),
    };
    format!("{what} It has not been changed since, it is within its validity period, and it has not been revoked.")
}

fn verdict_valid_presentation(count: usize) -> String {
    match count {
        1 => "The holder presented one credential; it is genuine and valid.".into(),
        n => format!("The holder presented {n} credentials; all of them are genuine and valid."),
    }
}

fn short_reason(code: Code) -> &'static str {
    match code {
        Code::Malformed => "Unreadable",
        Code::Unsupported => "Not supported",
        Code::InvalidSignature => "Changed after signing",
        Code::WrongKey => "Signed by someone else",
        Code::Expired => "Expired",
        Code::NotYetValid => "Not valid yet",
        Code::Revoked => "Revoked",
        Code::Suspended => "Suspended",
        Code::UntrustedIssuer => "Issuer not in the network",
        Code::StatusUnavailable => "Revocation status unavailable",
        Code::ResourceUnavailable => "A document could not be loaded",
        Code::NotAsSigned => "Not as it was signed",
        Code::HolderMismatch => "Not the presenter's",
    }
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
        CheckKind::Holder => "Presented by its learner",
    }
}

fn status_name(purpose: &str) -> Option<&'static str> {
    Some(match purpose {
        "revocation" => "Revocation",
        "suspension" => "Suspension",
        "message" => "Status message",
        _ => return None,
    })
}

fn explain_status(purpose: &str, mark: Mark, a: &About) -> Option<String> {
    let issuer = a.issuer;
    let issuer_cap = lead(issuer);
    Some(match (purpose, mark) {
        ("revocation", Mark::Pass) => {
            format!("{issuer_cap} has not revoked it (checked just now).")
        }
        ("suspension", Mark::Pass) => {
            format!("{issuer_cap} has not suspended it (checked just now).")
        }
        ("message", Mark::Pass | Mark::Warn) => {
            format!(
                "{issuer_cap} has published a status message for it (see the technical details)."
            )
        }
        _ => return None,
    })
}

fn mark_label(mark: Mark) -> &'static str {
    match mark {
        Mark::Pass => "passed",
        Mark::Warn => "note",
        Mark::Fail => "failed",
        Mark::Unknown => "could not be checked",
        Mark::Skip => "not checked",
    }
}

fn explain(kind: CheckKind, mark: Mark, code: Option<Code>, a: &About) -> String {
    let issuer = a.issuer;
    let issuer_cap = lead(issuer);
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
            // Only the period: a revoked credential's row must not read as
            // "valid" beside a banner that says it is not.
            Some(until) => format!("Today is within its validity period, which ends on {until}."),
            None => "Today is within its validity period, which has no end date.".into(),
        },
        // A status check without a purpose: the credential has no status list.
        (CheckKind::Status, Mark::Pass, _) => {
            format!("It has no revocation list: {issuer} cannot withdraw it, so there was nothing to look up.")
        }
        (CheckKind::Status, Mark::Warn, None) => {
            "It carries no revocation information, so its issuer cannot withdraw it.".into()
        }
        (CheckKind::Issuer, Mark::Pass, _) => {
            format!("{issuer_cap} is a member of the MicroCredX network and was active when this was issued.")
        }
        (CheckKind::Issuer, Mark::Warn, _) => match a.standing_now.and_then(member_status) {
            Some(now) => format!(
                "{issuer_cap} was an active member of the MicroCredX network when this was issued; today it is: {now}."
            ),
            None => "Network membership was not checked: no network registry was available.".into(),
        },
        (CheckKind::Issuer, _, Some(Code::ResourceUnavailable)) => {
            "The network’s list of members could not be loaded, so membership could not be checked. Try again later."
                .into()
        }
        (CheckKind::Challenge, Mark::Pass, _) => "The presentation was made for this check.".into(),
        (CheckKind::Holder, Mark::Pass, _) => {
            "The person who presented it is the learner it was issued to.".into()
        }
        (CheckKind::Holder, Mark::Warn, _) => {
            "The credential does not identify its learner, so nothing shows that the person who presented it is that learner.".into()
        }
        (CheckKind::Credentials, Mark::Pass, _) => "Every credential inside is valid.".into(),
        (CheckKind::Credentials, _, Some(Code::StatusUnavailable | Code::ResourceUnavailable)) => {
            "At least one credential inside could not be fully checked; see below.".into()
        }
        (CheckKind::Credentials, Mark::Fail, _) => {
            "At least one credential inside is not valid; see below.".into()
        }
        (CheckKind::Key, _, Some(Code::ResourceUnavailable)) => {
            "The issuer’s public key could not be loaded from where the issuer publishes it, so the signature could not be checked. Try again later."
                .into()
        }
        (CheckKind::Signature, _, Some(Code::ResourceUnavailable)) => {
            "The issuer’s public key could not be loaded, so the signature could not be checked.".into()
        }
        (CheckKind::Signature, _, Some(Code::Malformed)) => "The signature is damaged and cannot be checked.".into(),
        (CheckKind::Signature, _, Some(Code::Unsupported)) => {
            "The signature uses a method this verifier does not support, so it could not be checked.".into()
        }
        (CheckKind::Format, _, Some(Code::ResourceUnavailable)) => {
            "The credential could not be loaded from its address.".into()
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
        (_, Mark::Fail | Mark::Unknown, None) => "Failed (see the technical details).".into(),
    }
}

fn by_code(code: Code, issuer: &str) -> String {
    let issuer_cap = lead(issuer);
    match code {
        Code::Malformed => {
            "This is not a readable credential: the text or file is damaged, cut off, or not a credential at all."
                .into()
        }
        Code::Unsupported => {
            "It uses a format or method that this verifier does not support, so it cannot be checked.".into()
        }
        Code::InvalidSignature => {
            "The signature does not match: the credential was changed after it was signed. Do not trust its contents."
                .into()
        }
        Code::WrongKey => "The key that signed it does not belong to the stated issuer: someone else signed it.".into(),
        Code::Expired => "It has expired.".into(),
        Code::NotYetValid => "It is not valid yet.".into(),
        Code::Revoked => format!("{issuer_cap} has revoked this credential: it is no longer valid."),
        Code::Suspended => format!("{issuer_cap} has suspended this credential for now."),
        Code::UntrustedIssuer => {
            "The signature is genuine, but the issuer was not an active member of the MicroCredX network when this was issued.".into()
        }
        Code::StatusUnavailable => {
            "Whether it has been revoked could not be checked: the issuer’s status list could not be loaded. Try again later.".into()
        }
        Code::ResourceUnavailable => "A document needed for the check could not be loaded. Try again later.".into(),
        Code::NotAsSigned => {
            "This is not the form in which it was signed: its text says something its signature does not cover. Do not trust its contents; ask the issuer or the learner for the original.".into()
        }
        Code::HolderMismatch => {
            "The person who presented it is not the learner it was issued to: it may have been copied from someone else’s profile.".into()
        }
    }
}

fn detail_label(key: &str) -> Option<&'static str> {
    Some(match key {
        "checkedAt" => "Checked at",
        "format" => "Input format",
        "proofType" => "Proof type",
        "cryptosuite" => "Cryptosuite",
        "verificationMethod" => "Verification method",
        "proofPurpose" => "Proof purpose",
        "created" => "Signed at",
        "canonicalHash" => "Canonical hash (SHA-256)",
        "issuer" => "Issuer identifier",
        "statusList" => "Status list",
        "dataModel" => "Data model",
        "proof" => "Proof",
        "algorithm" => "Algorithm",
        _ => return None,
    })
}

fn member_status(status: &str) -> Option<&'static str> {
    Some(match status {
        "active" => "active member",
        "suspended" => "suspended",
        "withdrawn" => "withdrawn",
        "not_joined" => "not a member yet",
        "unknown" | "not_member" => "not a member",
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

fn date(day: u32, month: &str, year: i32) -> String {
    format!("{day} {month} {year}")
}

/// The stand-in when no trust source vouches for the issuer's name.
const FALLBACK_ISSUER: &str = "the issuer";

/// The issuer as the first words of a sentence: names stay as written,
/// the stand-in is capitalised.
fn lead(issuer: &str) -> &str {
    if issuer == FALLBACK_ISSUER {
        "The issuer"
    } else {
        issuer
    }
}
