//! Deutsche Seitentexte.

use super::Page;

/// The German page texts.
pub const PAGE: Page = Page {
    language_label: "Sprache",
    app_name: "MicroCredX Verify",
    home_label: "MicroCredX Verify: Startseite",
    tagline: "Prüfen Sie einen Micro-Credential des Hochschulnetzwerks MicroCredX in Sekunden.",
    privacy_note: "Alles geschieht in Ihrem Browser: Der Nachweis wird an keinen Server geschickt.",

    input_heading: "Nachweis prüfen",
    start_over: "Weiteren Nachweis prüfen",
    paste_label: "Nachweis, JWT oder Prüflink einfügen",
    paste_hint: "JSON, ein Token, das mit „eyJ“ beginnt, oder ein Link mit „#vc=“. Strg+Enter prüft.",
    verify_button: "Prüfen",
    drop_title: "Dateien hier ablegen",
    drop_hint: "Nachweisdateien (JSON, JWT), Open Badges (PNG, SVG) oder ein Foto eines QR-Codes. Mehrere Dateien zusammen ergeben ein Portfolio.",
    choose_files: "Dateien auswählen",
    drop_now: "Loslassen zum Prüfen",
    scan_camera: "QR-Code scannen",
    stop_camera: "Kamera beenden",
    camera_looking: "Halten Sie den QR-Code vor die Kamera …",
    qr_reader_loading: "Der QR-Code-Leser wird geladen …",
    qr_reader_failed: "Der QR-Code-Leser ließ sich nicht laden. Prüfen Sie die Verbindung und versuchen Sie es erneut.",
    camera_unavailable: "Dieses Gerät hat keine Kamera, die der Browser nutzen kann. Sie können stattdessen ein Foto des QR-Codes hochladen.",
    camera_denied: "Der Browser durfte die Kamera nicht verwenden. Erlauben Sie die Kamera für diese Seite in den Browser-Einstellungen oder laden Sie ein Foto des QR-Codes hoch.",
    camera_failed,
    camera_video_label: "Kamerabild",

    samples_heading: "Kein Nachweis zur Hand?",
    samples_intro: "Probieren Sie ein Beispiel aus dem MicroCredX-Demo-Netzwerk:",
    sample_outcome,

    results_label: "Ergebnis",

    share_heading: "Diesen Nachweis teilen",
    share_intro: "Tragen Sie diesen Link bei LinkedIn im Feld „Nachweis-URL“ oder in Ihren Lebenslauf ein. Der Nachweis steckt im Link hinter dem Zeichen #, das Browser nie an einen Server schicken.",
    share_intro_hosted: "Tragen Sie diesen Link bei LinkedIn im Feld „Nachweis-URL“ oder in Ihren Lebenslauf ein. Er zeigt auf den Nachweis dort, wo sein Aussteller ihn veröffentlicht; wer ihn öffnet, lässt ihn im eigenen Browser prüfen.",
    share_link_label: "Prüflink",
    copy_link: "Link kopieren",
    copied: "Kopiert",
    copy_failed: "Kopieren nicht möglich: Markieren und kopieren Sie den Link selbst.",
    add_to_linkedin: "Zum LinkedIn-Profil hinzufügen",
    linkedin_hint: "Öffnet das LinkedIn-Formular „Bescheinigung hinzufügen“, bereits ausgefüllt.",
    qr_caption: "QR-Code des Prüflinks",
    qr_too_long: "Dieser Nachweis ist zu groß für einen QR-Code; teilen Sie stattdessen den Link.",
    download_qr_svg: "QR-Code herunterladen (SVG)",
    download_qr_png: "QR-Code herunterladen (PNG)",
    qr_print_size,
    download_report: "Prüfbericht herunterladen (JSON)",
    share_collapsed: "Ihr eigener Nachweis? Teilen: Link, QR-Code, LinkedIn",

    portfolio_heading: "Portfolio",
    portfolio_summary,
    portfolio_total,
    portfolio_col_issuer: "Aussteller",
    portfolio_col_count: "Gültige Nachweise",
    portfolio_col_ects: "ECTS",
    portfolio_note: "Gezählt werden nur gültige Nachweise.",
    portfolio_learner,
    portfolio_unknown_learner: "Eine lernende Person, die die Nachweise nicht angeben",
    portfolio_mixed,
    portfolio_by_name: "Nur am Namen erkannt: Diese Nachweise nennen ihre lernende Person nicht genauer, und zwei Menschen können gleich heißen.",
    item_details: "Prüfungen, Inhalt und Teilen",
    item_from,
    item_in_presentation,
    offers_heading: "Kombinierte Angebote des Netzwerks",
    offers_intro: "Micro-Credentials des Netzwerks lassen sich zu diesen Angeboten kombinieren:",
    offer_complete: "Vollständig",
    offer_missing,
    offer_progress,
    offer_still_needed: "Es fehlt noch:",

    error_empty: "Fügen Sie zuerst einen Nachweis ein oder wählen Sie eine Datei.",
    error_too_large,
    error_read,
    error_no_qr,
    error_qr_reader,
    error_fetch,
    source_pasted: "eingefügter Text",
    source_link: "Link",
    source_camera: "Kamera",

    recipient_hashed: "Die lernende Person ist nur durch eine gehashte E-Mail-Adresse bezeichnet. Prüfen Sie, ob die Adresse einer Bewerberin oder eines Bewerbers die ist, für die dieses Badge ausgestellt wurde (im Browser geprüft, nirgendwohin gesendet):",
    recipient_label: "E-Mail-Adresse",
    recipient_button: "Adresse prüfen",
    recipient_matches: "Dieses Badge wurde für diese Adresse ausgestellt.",
    recipient_differs: "Dieses Badge wurde nicht für diese Adresse ausgestellt.",
    footer: "MicroCredX Verify prüft Signaturen, Schlüssel, Fristen, Widerruf und Netzwerk-Mitgliedschaft in Ihrem Browser. Statuslisten und die Mitgliederliste des Netzwerks werden dort geladen, wo sie veröffentlicht sind; sonst verlässt nichts diese Seite.",

    country_name,
    language_name,
    achievement_type_name,
    credential_type_name,
};

fn camera_failed(reason: &str) -> String {
    format!("Die Kamera ließ sich nicht starten ({reason}). Sie können stattdessen ein Foto des QR-Codes hochladen.")
}

fn sample_outcome(verdict: &str, code: Option<&str>) -> &'static str {
    match (verdict, code) {
        ("valid", _) => "Gültig",
        (_, Some("revoked")) => "Widerrufen",
        (_, Some("suspended")) => "Ausgesetzt",
        (_, Some("expired")) => "Abgelaufen",
        (_, Some("not_yet_valid")) => "Noch nicht gültig",
        (_, Some("invalid_signature")) => "Verändert",
        (_, Some("wrong_key")) => "Falscher Schlüssel",
        (_, Some("untrusted_issuer")) => "Aussteller nicht im Netzwerk",
        (_, Some("status_unavailable" | "resource_unavailable")) => "Nicht prüfbar",
        ("unverifiable", _) => "Nicht prüfbar",
        _ => "Nicht gültig",
    }
}

fn portfolio_summary(total: usize, valid: usize) -> String {
    format!("{total} Nachweise geprüft, {valid} gültig.")
}

fn portfolio_learner(name: &str) -> String {
    format!("Ausgestellt für {name}")
}

fn portfolio_mixed(n: usize) -> String {
    format!("Diese Nachweise wurden für {n} verschiedene lernende Personen ausgestellt. Ein Portfolio gehört einer Person: Leistungspunkte und kombinierte Angebote werden für jede Person getrennt gezählt.")
}

fn portfolio_total(ects: &str) -> String {
    format!("Insgesamt: {ects} ECTS")
}

fn item_from(source: &str) -> String {
    format!("Aus {source}")
}

fn item_in_presentation(n: usize) -> String {
    format!("Enthaltener Nachweis {n}")
}

fn offer_missing(n: usize) -> String {
    if n == 1 {
        "noch 1 Micro-Credential nötig".into()
    } else {
        format!("noch {n} Micro-Credentials nötig")
    }
}

fn offer_progress(earned: &str, total: &str) -> String {
    format!("{earned} von {total} ECTS")
}

fn error_too_large(name: &str) -> String {
    format!("„{name}“ ist zu groß für einen Nachweis.")
}

fn error_read(name: &str) -> String {
    format!("„{name}“ ließ sich nicht lesen.")
}

fn error_qr_reader(name: &str) -> String {
    format!("„{name}“ ist kein Nachweis, und der QR-Code-Leser, der darin nach einem Code suchen soll, ließ sich nicht laden. Prüfen Sie die Verbindung und versuchen Sie es erneut.")
}

fn error_no_qr(name: &str) -> String {
    format!("„{name}“ ist kein Nachweis, und es wurde kein QR-Code darin gefunden.")
}

fn error_fetch(url: &str) -> String {
    format!(
        "Der Nachweis unter {url} ließ sich nicht laden. Die Adresse ist vielleicht falsch oder nicht erreichbar, oder die Seite erlaubt anderen Seiten nicht, die Datei zu lesen (CORS). Laden Sie die Datei herunter und legen Sie sie hier ab."
    )
}

/// Die Länder der EU und des EWR, die Schweiz, das Vereinigte Königreich
/// und die mit Erasmus+ assoziierten Länder.
fn country_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "AT" => "Österreich",
        "BE" => "Belgien",
        "BG" => "Bulgarien",
        "HR" => "Kroatien",
        "CY" => "Zypern",
        "CZ" => "Tschechien",
        "DK" => "Dänemark",
        "EE" => "Estland",
        "FI" => "Finnland",
        "FR" => "Frankreich",
        "DE" => "Deutschland",
        "GR" | "EL" => "Griechenland",
        "HU" => "Ungarn",
        "IE" => "Irland",
        "IT" => "Italien",
        "LV" => "Lettland",
        "LT" => "Litauen",
        "LU" => "Luxemburg",
        "MT" => "Malta",
        "NL" => "Niederlande",
        "PL" => "Polen",
        "PT" => "Portugal",
        "RO" => "Rumänien",
        "SK" => "Slowakei",
        "SI" => "Slowenien",
        "ES" => "Spanien",
        "SE" => "Schweden",
        "IS" => "Island",
        "LI" => "Liechtenstein",
        "NO" => "Norwegen",
        "CH" => "Schweiz",
        "GB" | "UK" => "Vereinigtes Königreich",
        "MK" => "Nordmazedonien",
        "RS" => "Serbien",
        "TR" => "Türkei",
        "UA" => "Ukraine",
        _ => return None,
    })
}

/// Die Amtssprachen der EU und einige weitere des Netzwerks.
fn language_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "bg" => "Bulgarisch",
        "ca" => "Katalanisch",
        "cs" => "Tschechisch",
        "da" => "Dänisch",
        "de" => "Deutsch",
        "el" => "Griechisch",
        "en" => "Englisch",
        "es" => "Spanisch",
        "et" => "Estnisch",
        "eu" => "Baskisch",
        "fi" => "Finnisch",
        "fr" => "Französisch",
        "ga" => "Irisch",
        "gl" => "Galicisch",
        "hr" => "Kroatisch",
        "hu" => "Ungarisch",
        "is" => "Isländisch",
        "it" => "Italienisch",
        "lt" => "Litauisch",
        "lv" => "Lettisch",
        "mt" => "Maltesisch",
        "nl" => "Niederländisch",
        "no" | "nb" | "nn" => "Norwegisch",
        "pl" => "Polnisch",
        "pt" => "Portugiesisch",
        "ro" => "Rumänisch",
        "sk" => "Slowakisch",
        "sl" => "Slowenisch",
        "sv" => "Schwedisch",
        "tr" => "Türkisch",
        "uk" => "Ukrainisch",
        _ => return None,
    })
}

/// Die Leistungsarten von Open Badges 3.0.
fn achievement_type_name(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "Achievement" => "Leistung",
        "ApprenticeshipCertificate" => "Ausbildungszeugnis",
        "Assessment" => "Prüfung",
        "Assignment" => "Aufgabe",
        "AssociateDegree" => "Associate Degree",
        "Award" => "Auszeichnung",
        "Badge" => "Badge",
        "BachelorDegree" => "Bachelorabschluss",
        "Certificate" => "Zertifikat",
        "CertificateOfCompletion" => "Abschlussbescheinigung",
        "Certification" => "Zertifizierung",
        "CoCurricular" => "Außercurriculare Aktivität",
        "CommunityService" => "Gemeinnütziges Engagement",
        "Competency" => "Kompetenz",
        "Course" => "Kurs",
        "Degree" => "Akademischer Abschluss",
        "Diploma" => "Diplom",
        "DoctoralDegree" => "Doktorgrad",
        "Fieldwork" => "Feldarbeit",
        "GeneralEducationDevelopment" => "Allgemeiner Schulabschluss (GED)",
        "JourneymanCertificate" => "Gesellenbrief",
        "LearningProgram" => "Lernprogramm",
        "License" => "Lizenz",
        "MasterCertificate" => "Meisterbrief",
        "MasterDegree" => "Masterabschluss",
        "Membership" => "Mitgliedschaft",
        "MicroCredential" => "Micro-Credential",
        "ProfessionalDoctorate" => "Berufspraktische Promotion",
        "QualityAssuranceCredential" => "Qualitätssicherungsnachweis",
        "ResearchDoctorate" => "Forschungspromotion",
        "SecondarySchoolDiploma" => "Sekundarschulabschluss",
        _ => return None,
    })
}

/// Nachweis- und Präsentationstypen (der `type` des Dokuments).
fn credential_type_name(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "VerifiableCredential" => "Verifizierbarer Nachweis (W3C)",
        "VerifiablePresentation" => "Verifizierbare Präsentation (W3C)",
        "OpenBadgeCredential" | "AchievementCredential" => "Open Badge 3.0",
        "OpenBadges2Assertion" => "Open Badge 2.0",
        "EndorsementCredential" => "Open-Badges-Empfehlung",
        "ClrCredential" => "Comprehensive Learner Record (CLR 2.0)",
        "EuropeanDigitalCredential" => "Europäischer digitaler Nachweis (EDC)",
        "EuropassCredential" => "Europass-Nachweis",
        "MicroCredential" | "EuropeanMicroCredential" => "Europäisches Micro-Credential",
        _ => return None,
    })
}

fn qr_print_size(mm: usize) -> String {
    format!(
        "Für den Lebenslauf: mindestens {},{} cm breit drucken (0,5 mm je Modul), damit Handykameras ihn lesen.",
        mm / 10,
        mm % 10
    )
}
