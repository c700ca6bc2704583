//! English page texts.

use super::Page;

/// The English page texts.
pub const PAGE: Page = Page {
    language_label: "Language",
    app_name: "MicroCredX Verify",
    home_label: "MicroCredX Verify: start page",
    tagline: "Check a micro-credential of the MicroCredX university network in seconds.",
    privacy_note: "Everything happens in your browser: the credential is not sent to any server.",

    input_heading: "Check a credential",
    start_over: "Check another credential",
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
    qr_reader_loading: "Loading the QR code reader…",
    qr_reader_failed: "The QR code reader could not be loaded. Check the connection and try again.",
    camera_unavailable: "This device has no camera the browser can use. You can upload a photo of the QR code instead.",
    camera_denied: "The browser was not allowed to use the camera. Allow the camera for this site in the browser settings, or upload a photo of the QR code.",
    camera_failed,
    camera_video_label: "Camera picture",

    samples_heading: "No credential at hand?",
    samples_intro: "Try a sample of the MicroCredX demo network:",
    sample_outcome,

    results_label: "Result",

    share_heading: "Share this credential",
    share_intro: "Put this link in the “Credential URL” field on LinkedIn or in your CV. The credential travels inside the link after the # sign, which browsers never send to a server.",
    share_intro_hosted: "Put this link in the “Credential URL” field on LinkedIn or in your CV. It points to the credential where its issuer publishes it; whoever opens it has it checked in their own browser.",
    share_link_label: "Verification link",
    copy_link: "Copy link",
    copied: "Copied",
    copy_failed: "Could not copy: select the link and copy it yourself.",
    add_to_linkedin: "Add to LinkedIn profile",
    linkedin_hint: "Opens LinkedIn’s “Add license or certification” form, filled in.",
    qr_caption: "QR code of the verification link",
    qr_too_long: "This credential is too large for a QR code; share the link instead.",
    download_qr_svg: "Download QR code (SVG)",
    download_qr_png: "Download QR code (PNG)",
    qr_print_size,
    download_report: "Download the report (JSON)",
    share_collapsed: "Your own credential? Share it: link, QR code, LinkedIn",

    portfolio_heading: "Portfolio",
    portfolio_summary,
    portfolio_total,
    portfolio_col_issuer: "Issuer",
    portfolio_col_count: "Valid credentials",
    portfolio_col_ects: "ECTS",
    portfolio_note: "Only valid credentials are counted.",
    portfolio_learner,
    portfolio_unknown_learner: "A learner the credentials do not identify",
    portfolio_mixed,
    portfolio_by_name: "Recognised by name only: these credentials do not identify their learner more precisely, and two people can share a name.",
    item_details: "Checks, contents and sharing",
    item_from,
    item_in_presentation,
    offers_heading: "Combined offers of the network",
    offers_intro: "Micro-credentials of the network stack into these combined offers:",
    offer_complete: "Complete",
    offer_missing,
    offer_progress,
    offer_still_needed: "Still needed:",

    error_empty: "Paste a credential or choose a file first.",
    error_too_large,
    error_read,
    error_no_qr,
    error_qr_reader,
    error_fetch,
    source_pasted: "pasted text",
    source_link: "link",
    source_camera: "camera",

    recipient_hashed: "The learner is named only by a hashed email address. Check whether a candidate’s address is the one this badge was issued to (checked in your browser, sent nowhere):",
    recipient_label: "Email address",
    recipient_button: "Check address",
    recipient_matches: "This badge was issued to this address.",
    recipient_differs: "This badge was not issued to this address.",
    footer: "MicroCredX Verify checks signatures, keys, dates, revocation and network membership in your browser. Status lists and the network’s member list are loaded from where they are published; nothing else leaves this page.",

    country_name,
    language_name,
    achievement_type_name,
    credential_type_name,
};

fn camera_failed(reason: &str) -> String {
    format!("The camera could not be started ({reason}). You can upload a photo of the QR code instead.")
}

fn sample_outcome(verdict: &str, code: Option<&str>) -> &'static str {
    match (verdict, code) {
        ("valid", _) => "Valid",
        (_, Some("revoked")) => "Revoked",
        (_, Some("suspended")) => "Suspended",
        (_, Some("expired")) => "Expired",
        (_, Some("not_yet_valid")) => "Not valid yet",
        (_, Some("invalid_signature")) => "Tampered",
        (_, Some("wrong_key")) => "Wrong key",
        (_, Some("untrusted_issuer")) => "Untrusted issuer",
        (_, Some("status_unavailable" | "resource_unavailable")) => "Unverifiable",
        ("unverifiable", _) => "Unverifiable",
        _ => "Not valid",
    }
}

fn portfolio_summary(total: usize, valid: usize) -> String {
    format!("{total} credentials checked, {valid} valid.")
}

fn portfolio_learner(name: &str) -> String {
    format!("Issued to {name}")
}

fn portfolio_mixed(n: usize) -> String {
    format!("These credentials were issued to {n} different learners. A portfolio belongs to one person: credits and combined offers are counted for each learner separately.")
}

fn portfolio_total(ects: &str) -> String {
    format!("Total: {ects} ECTS")
}

fn item_from(source: &str) -> String {
    format!("From {source}")
}

fn item_in_presentation(n: usize) -> String {
    format!("Credential {n} inside")
}

fn offer_missing(n: usize) -> String {
    if n == 1 {
        "1 more micro-credential needed".into()
    } else {
        format!("{n} more micro-credentials needed")
    }
}

fn offer_progress(earned: &str, total: &str) -> String {
    format!("{earned} of {total} ECTS")
}

fn error_too_large(name: &str) -> String {
    format!("“{name}” is too large to be a credential.")
}

fn error_read(name: &str) -> String {
    format!("“{name}” could not be read.")
}

fn error_qr_reader(name: &str) -> String {
    format!("“{name}” is not a credential, and the QR code reader to search it for a code could not be loaded. Check the connection and try again.")
}

fn error_no_qr(name: &str) -> String {
    format!("“{name}” is not a credential, and no QR code was found in it.")
}

fn error_fetch(url: &str) -> String {
    format!(
        "The credential at {url} could not be loaded. The address may be wrong or offline, or that site does not allow other sites to read the file (CORS). Download the file and drop it here instead."
    )
}

/// The EU and EEA countries, Switzerland, the United Kingdom and the
/// countries associated to Erasmus+.
fn country_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "AT" => "Austria",
        "BE" => "Belgium",
        "BG" => "Bulgaria",
        "HR" => "Croatia",
        "CY" => "Cyprus",
        "CZ" => "Czechia",
        "DK" => "Denmark",
        "EE" => "Estonia",
        "FI" => "Finland",
        "FR" => "France",
        "DE" => "Germany",
        "GR" | "EL" => "Greece",
        "HU" => "Hungary",
        "IE" => "Ireland",
        "IT" => "Italy",
        "LV" => "Latvia",
        "LT" => "Lithuania",
        "LU" => "Luxembourg",
        "MT" => "Malta",
        "NL" => "Netherlands",
        "PL" => "Poland",
        "PT" => "Portugal",
        "RO" => "Romania",
        "SK" => "Slovakia",
        "SI" => "Slovenia",
        "ES" => "Spain",
        "SE" => "Sweden",
        "IS" => "Iceland",
        "LI" => "Liechtenstein",
        "NO" => "Norway",
        "CH" => "Switzerland",
        "GB" | "UK" => "United Kingdom",
        "MK" => "North Macedonia",
        "RS" => "Serbia",
        "TR" => "Türkiye",
        "UA" => "Ukraine",
        _ => return None,
    })
}

/// The official languages of the EU and a few more of the network's.
fn language_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "bg" => "Bulgarian",
        "ca" => "Catalan",
        "cs" => "Czech",
        "da" => "Danish",
        "de" => "German",
        "el" => "Greek",
        "en" => "English",
        "es" => "Spanish",
        "et" => "Estonian",
        "eu" => "Basque",
        "fi" => "Finnish",
        "fr" => "French",
        "ga" => "Irish",
        "gl" => "Galician",
        "hr" => "Croatian",
        "hu" => "Hungarian",
        "is" => "Icelandic",
        "it" => "Italian",
        "lt" => "Lithuanian",
        "lv" => "Latvian",
        "mt" => "Maltese",
        "nl" => "Dutch",
        "no" | "nb" | "nn" => "Norwegian",
        "pl" => "Polish",
        "pt" => "Portuguese",
        "ro" => "Romanian",
        "sk" => "Slovak",
        "sl" => "Slovenian",
        "sv" => "Swedish",
        "tr" => "Turkish",
        "uk" => "Ukrainian",
        _ => return None,
    })
}

/// The achievement types of Open Badges 3.0.
fn achievement_type_name(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "Achievement" => "Achievement",
        "ApprenticeshipCertificate" => "Apprenticeship certificate",
        "Assessment" => "Assessment",
        "Assignment" => "Assignment",
        "AssociateDegree" => "Associate degree",
        "Award" => "Award",
        "Badge" => "Badge",
        "BachelorDegree" => "Bachelor’s degree",
        "Certificate" => "Certificate",
        "CertificateOfCompletion" => "Certificate of completion",
        "Certification" => "Certification",
        "CoCurricular" => "Co-curricular activity",
        "CommunityService" => "Community service",
        "Competency" => "Competency",
        "Course" => "Course",
        "Degree" => "Degree",
        "Diploma" => "Diploma",
        "DoctoralDegree" => "Doctoral degree",
        "Fieldwork" => "Fieldwork",
        "GeneralEducationDevelopment" => "General education development (GED)",
        "JourneymanCertificate" => "Journeyman certificate",
        "LearningProgram" => "Learning programme",
        "License" => "Licence",
        "MasterCertificate" => "Master craftsperson certificate",
        "MasterDegree" => "Master’s degree",
        "Membership" => "Membership",
        "MicroCredential" => "Micro-credential",
        "ProfessionalDoctorate" => "Professional doctorate",
        "QualityAssuranceCredential" => "Quality assurance credential",
        "ResearchDoctorate" => "Research doctorate",
        "SecondarySchoolDiploma" => "Secondary school diploma",
        _ => return None,
    })
}

/// Credential and presentation types (the `type` of the document).
fn credential_type_name(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "VerifiableCredential" => "Verifiable credential (W3C)",
        "VerifiablePresentation" => "Verifiable presentation (W3C)",
        "OpenBadgeCredential" | "AchievementCredential" => "Open Badge 3.0",
        "EndorsementCredential" => "Open Badges endorsement",
        "ClrCredential" => "Comprehensive Learner Record (CLR 2.0)",
        "OpenBadges2Assertion" => "Open Badge 2.0",
        "EuropeanDigitalCredential" => "European Digital Credential (EDC)",
        "EuropassCredential" => "Europass credential",
        "MicroCredential" | "EuropeanMicroCredential" => "European micro-credential",
        _ => return None,
    })
}

fn qr_print_size(mm: usize) -> String {
    format!(
        "For a CV: print it at least {}.{} cm wide (0.5 mm a module), so that phone cameras read it.",
        mm / 10,
        mm % 10
    )
}
