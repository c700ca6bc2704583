//! Deutsche Texte.

use super::{About, Mark, Texts};
use mcx_verifier_core::report::{CheckKind, Code};

/// The German texts.
pub const TEXTS: Texts = Texts {
    code: "de",
    name: "Deutsch",
    language_label: "Sprache",

    app_name: "MicroCredX Verify",
    tagline: "Prüfen Sie einen Micro-Credential des Hochschulnetzwerks MicroCredX in Sekunden.",
    privacy_note: "Alles geschieht in Ihrem Browser: Der Nachweis wird an keinen Server geschickt.",

    home_label: "MicroCredX Verify: Startseite",
    input_heading: "Nachweis prüfen",
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
    camera_unavailable: "Dieses Gerät hat keine Kamera, die der Browser nutzen kann. Sie können stattdessen ein Foto des QR-Codes hochladen.",
    camera_denied: "Der Browser durfte die Kamera nicht verwenden. Erlauben Sie die Kamera für diese Seite in den Browser-Einstellungen oder laden Sie ein Foto des QR-Codes hoch.",
    camera_failed,
    camera_video_label: "Kamerabild",

    samples_heading: "Kein Nachweis zur Hand?",
    samples_intro: "Probieren Sie ein Beispiel aus dem Demo-Netzwerk:",
    sample_label,

    verifying: "Wird geprüft …",
    start_over: "Weiteren Nachweis prüfen",

    verdict_valid: "Echt und gültig",
    verdict_invalid: "Nicht gültig",
    verdict_unverifiable: "Nicht vollständig prüfbar",
    verdict_valid_text,
    main_reason: "Hauptgrund:",

    issuer_fallback: "der Aussteller",
    checks_heading: "Was geprüft wurde",
    check_name,
    explain,
    mark_label,
    technical_details: "Technische Details",
    detail_label,

    credential_heading: "Was der Nachweis aussagt",
    presentation_heading: "Präsentation",
    field_issuer: "Ausgestellt von",
    field_learner: "Lernende Person",
    field_description: "Beschreibung",
    field_criteria: "Lernergebnisse und Kriterien",
    field_credits: "Arbeitsaufwand",
    field_type: "Art",
    field_alignments: "Kompetenzen und Niveaus",
    field_valid_from: "Ausgestellt am",
    field_valid_until: "Gültig bis",
    no_expiry: "unbefristet",
    field_language: "Sprache",
    field_id: "Kennung",
    field_country: "Land",
    field_holder: "Vorgelegt von",
    badge_image_alt,
    ects,

    eu_heading: "Elemente eines EU-Micro-Credentials",
    eu_intro: "Die Empfehlung des Rates vom 16. Juni 2022 (Anhang I) legt fest, was ein europäischer Micro-Credential angeben muss.",
    eu_col_element: "Element",
    eu_col_required: "Pflicht",
    eu_col_value: "In diesem Nachweis",
    eu_mandatory: "verpflichtend",
    eu_optional: "optional",
    eu_missing: "fehlt",
    eu_summary,
    eu_element,

    share_heading: "Diesen Nachweis teilen",
    share_intro: "Tragen Sie diesen Link bei LinkedIn im Feld „Nachweis-URL“ oder in Ihren Lebenslauf ein. Der Nachweis steckt im Link hinter dem Zeichen #, das Browser nie an einen Server schicken.",
    share_link_label: "Prüflink",
    copy_link: "Link kopieren",
    copied: "Kopiert",
    copy_failed: "Kopieren nicht möglich: Markieren und kopieren Sie den Link selbst.",
    add_to_linkedin: "Zum LinkedIn-Profil hinzufügen",
    linkedin_hint: "Öffnet das LinkedIn-Formular „Bescheinigung hinzufügen“, bereits ausgefüllt.",
    qr_caption: "QR-Code des Prüflinks",
    qr_too_long: "Dieser Nachweis ist zu groß für einen QR-Code; teilen Sie stattdessen den Link.",
    download_report: "Prüfbericht herunterladen (JSON)",

    portfolio_heading: "Portfolio",
    portfolio_summary,
    portfolio_total,
    portfolio_col_issuer: "Aussteller",
    portfolio_col_count: "Gültige Nachweise",
    portfolio_col_ects: "ECTS",
    portfolio_note: "Gezählt werden nur gültige Nachweise.",
    item_from,
    item_in_presentation,

    error_empty: "Fügen Sie zuerst einen Nachweis ein oder wählen Sie eine Datei.",
    error_too_large,
    error_read,
    error_no_qr,
    source_pasted: "eingefügter Text",
    source_link: "Link",
    source_camera: "Kamera",

    months: [
        "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
        "Dezember",
    ],
    date,

    footer: "MicroCredX Verify prüft Signaturen, Schlüssel, Fristen, Widerruf und Netzwerk-Mitgliedschaft in Ihrem Browser. Statuslisten werden beim Aussteller geladen; sonst verlässt nichts diese Seite.",
};

fn camera_failed(reason: &str) -> String {
    format!("Die Kamera ließ sich nicht starten ({reason}). Sie können stattdessen ein Foto des QR-Codes hochladen.")
}

fn sample_label(outcome: &str) -> Option<&'static str> {
    Some(match outcome {
        "valid" => "Ein gültiger Micro-Credential",
        "valid-jwt" => "Ein gültiger Nachweis als JWT",
        "valid-png" => "Ein Open Badge als Bild (PNG)",
        "valid-svg" => "Ein Open Badge als Grafik (SVG)",
        "presentation" => "Eine Präsentation mit mehreren Nachweisen",
        "revoked" => "Ein widerrufener Nachweis",
        "suspended" => "Ein ausgesetzter Nachweis",
        "expired" => "Ein abgelaufener Nachweis",
        "not-yet-valid" => "Ein noch nicht gültiger Nachweis",
        "tampered" => "Ein veränderter Nachweis",
        "wrong-key" => "Von jemand anderem signiert",
        "untrusted" => "Von einem Aussteller außerhalb des Netzwerks",
        "withdrawn" => "Von einem ausgetretenen Mitglied",
        "unverifiable" => "Statusliste nicht erreichbar",
        _ => return None,
    })
}

fn verdict_valid_text(about: &About) -> String {
    format!(
        "Ausgestellt von {}. Seitdem unverändert, innerhalb der Gültigkeit und nicht widerrufen.",
        about.issuer
    )
}

fn check_name(kind: CheckKind) -> &'static str {
    match kind {
        CheckKind::Format => "Lesbar",
        CheckKind::Signature => "Signatur",
        CheckKind::Key => "Signaturschlüssel",
        CheckKind::Validity => "Gültigkeitszeitraum",
        CheckKind::Status => "Widerruf",
        CheckKind::Issuer => "Aussteller im Netzwerk",
        CheckKind::Challenge => "Für diese Prüfung erstellt",
        CheckKind::Credentials => "Enthaltene Nachweise",
    }
}

fn mark_label(mark: Mark) -> &'static str {
    match mark {
        Mark::Pass => "bestanden",
        Mark::Warn => "Hinweis",
        Mark::Fail => "nicht bestanden",
        Mark::Skip => "nicht geprüft",
    }
}

fn explain(kind: CheckKind, mark: Mark, code: Option<Code>, a: &About) -> String {
    let issuer = a.issuer;
    match (kind, mark, code) {
        (_, Mark::Skip, _) => "Nicht geprüft, weil eine vorherige Prüfung bereits fehlschlug.".into(),
        (CheckKind::Format, Mark::Pass, _) => "Der Nachweis ließ sich lesen.".into(),
        (CheckKind::Signature, Mark::Pass, _) => {
            format!("Die Signatur stimmt: Niemand hat diesen Nachweis verändert, seit {issuer} ihn signiert hat.")
        }
        (CheckKind::Key, Mark::Pass, _) => {
            format!("Der Signaturschlüssel gehört {issuer} und darf Nachweise ausstellen.")
        }
        (CheckKind::Validity, Mark::Pass, _) => match a.valid_until {
            Some(until) => format!("Er ist jetzt gültig, bis zum {until}."),
            None => "Er ist jetzt gültig und unbefristet.".into(),
        },
        (CheckKind::Status, Mark::Pass, _) if a.status_checked => {
            format!("{issuer} hat ihn weder widerrufen noch ausgesetzt (soeben geprüft).")
        }
        (CheckKind::Status, Mark::Pass, _) => {
            "Er hat keine Widerrufsliste; der Aussteller kann ihn also nicht zurückziehen.".into()
        }
        (CheckKind::Status, Mark::Warn, None) => {
            "Er enthält keine Widerrufsangabe; der Aussteller kann ihn also nicht zurückziehen.".into()
        }
        (CheckKind::Issuer, Mark::Pass, _) => {
            format!("{issuer} ist Mitglied des MicroCredX-Netzwerks und war bei der Ausstellung aktiv.")
        }
        (CheckKind::Issuer, Mark::Warn, _) => {
            "Die Mitgliedschaft im Netzwerk wurde nicht geprüft: Es lag kein Netzwerkverzeichnis vor.".into()
        }
        (CheckKind::Challenge, Mark::Pass, _) => "Die Präsentation wurde für diese Prüfung erstellt.".into(),
        (CheckKind::Credentials, Mark::Pass, _) => "Alle Nachweise in der Präsentation sind gültig.".into(),
        (CheckKind::Credentials, _, Some(Code::StatusUnavailable | Code::ResourceUnavailable)) => {
            "Mindestens ein Nachweis der Präsentation ließ sich nicht vollständig prüfen; siehe unten.".into()
        }
        (CheckKind::Credentials, Mark::Fail, _) => {
            "Mindestens ein Nachweis der Präsentation ist nicht gültig; siehe unten.".into()
        }
        (CheckKind::Signature, _, Some(Code::ResourceUnavailable)) => {
            "Der öffentliche Schlüssel des Ausstellers ließ sich nicht laden; die Signatur blieb ungeprüft.".into()
        }
        (CheckKind::Signature, _, Some(Code::Malformed)) => {
            "Die Signatur ist beschädigt und lässt sich nicht prüfen.".into()
        }
        (CheckKind::Signature, _, Some(Code::Unsupported)) => {
            "Die Signatur nutzt ein Verfahren, das dieses Prüfprogramm nicht unterstützt.".into()
        }
        (CheckKind::Format, _, Some(Code::ResourceUnavailable)) => {
            "Der Nachweis ließ sich von der Adresse im Link nicht laden. Die Adresse ist vielleicht falsch oder nicht erreichbar, oder die Seite erlaubt anderen Seiten nicht, die Datei zu lesen (CORS). Laden Sie die Datei herunter und legen Sie sie hier ab.".into()
        }
        (CheckKind::Validity, _, Some(Code::Expired)) => match a.valid_until {
            Some(until) => format!("Er ist am {until} abgelaufen."),
            None => "Er ist abgelaufen.".into(),
        },
        (CheckKind::Validity, _, Some(Code::NotYetValid)) => match a.valid_from {
            Some(from) => format!("Er wird erst am {from} gültig."),
            None => "Er ist noch nicht gültig.".into(),
        },
        (_, _, Some(code)) => by_code(code, issuer),
        (_, Mark::Warn, None) => "Bestanden, mit einem Hinweis (siehe technische Details).".into(),
        (_, Mark::Fail, None) => "Nicht bestanden (siehe technische Details).".into(),
    }
}

fn by_code(code: Code, issuer: &str) -> String {
    match code {
        Code::Malformed => {
            "Das ist kein lesbarer Nachweis: Text oder Datei sind beschädigt, abgeschnitten oder gar kein Nachweis.".into()
        }
        Code::Unsupported => {
            "Er nutzt ein Format oder Verfahren, das dieses Prüfprogramm nicht unterstützt; er lässt sich nicht prüfen.".into()
        }
        Code::InvalidSignature => {
            "Die Signatur stimmt nicht: Der Nachweis wurde nach dem Signieren verändert. Vertrauen Sie seinem Inhalt nicht.".into()
        }
        Code::WrongKey => {
            "Der Signaturschlüssel gehört nicht dem angegebenen Aussteller: Jemand anderes hat signiert.".into()
        }
        Code::Expired => "Er ist abgelaufen.".into(),
        Code::NotYetValid => "Er ist noch nicht gültig.".into(),
        Code::Revoked => format!("{issuer} hat diesen Nachweis widerrufen: Er ist nicht mehr gültig."),
        Code::Suspended => format!("{issuer} hat diesen Nachweis vorübergehend ausgesetzt."),
        Code::UntrustedIssuer => {
            "Die Signatur ist echt, aber der Aussteller war bei der Ausstellung kein aktives Mitglied des MicroCredX-Netzwerks.".into()
        }
        Code::StatusUnavailable => {
            "Ob er widerrufen wurde, ließ sich nicht prüfen: Die Statusliste des Ausstellers war nicht erreichbar. Versuchen Sie es später erneut.".into()
        }
        Code::ResourceUnavailable => {
            "Ein für die Prüfung nötiges Dokument ließ sich nicht laden. Versuchen Sie es später erneut.".into()
        }
    }
}

fn detail_label(key: &str) -> Option<&'static str> {
    Some(match key {
        "format" => "Eingabeformat",
        "proofType" => "Art des Beweises",
        "cryptosuite" => "Kryptosuite",
        "verificationMethod" => "Prüfmethode (Schlüssel)",
        "proofPurpose" => "Zweck des Beweises",
        "created" => "Signiert am",
        "canonicalHash" => "Kanonischer Hash (SHA-256)",
        "issuer" => "Kennung des Ausstellers",
        "statusList" | "statusLists" => "Statuslisten",
        "dataModel" => "Datenmodell",
        "proof" => "Beweis (Signatur)",
        "algorithm" => "Algorithmus",
        _ => return None,
    })
}

fn badge_image_alt(name: &str) -> String {
    format!("Abzeichen „{name}“")
}

fn ects(n: &str) -> String {
    format!("{n} ECTS")
}

fn eu_summary(present: usize, total: usize) -> String {
    format!("{present} von {total} Pflichtelementen sind angegeben.")
}

fn eu_element(key: &str) -> Option<&'static str> {
    Some(match key {
        "learner" => "Identifizierung der lernenden Person",
        "title" => "Titel des Micro-Credentials",
        "country" => "Land oder Region des Ausstellers",
        "awardingBody" => "Ausstellende Stelle",
        "dateOfIssuing" => "Ausstellungsdatum",
        "learningOutcomes" => "Lernergebnisse",
        "workload" => "Fiktiver Arbeitsaufwand (ECTS)",
        "level" => "Niveau (EQR)",
        "typeOfAssessment" => "Art der Bewertung",
        "formOfParticipation" => "Form der Teilnahme",
        "qualityAssurance" => "Art der Qualitätssicherung",
        "prerequisites" => "Zugangsvoraussetzungen",
        "supervisionAndIdentityVerification" => "Aufsicht und Identitätsprüfung",
        "grade" => "Erreichte Note",
        "integrationStackability" => "Integration und Kombinierbarkeit",
        "furtherInformation" => "Weitere Informationen",
        _ => return None,
    })
}

fn portfolio_summary(total: usize, valid: usize) -> String {
    format!("{total} Nachweise geprüft, {valid} gültig.")
}

fn portfolio_total(ects: &str) -> String {
    format!("Insgesamt: {ects} ECTS")
}

fn item_from(source: &str) -> String {
    format!("Aus {source}")
}

fn item_in_presentation(n: usize) -> String {
    format!("Nachweis {n} der Präsentation")
}

fn error_too_large(name: &str) -> String {
    format!("„{name}“ ist zu groß für einen Nachweis.")
}

fn error_read(name: &str) -> String {
    format!("„{name}“ ließ sich nicht lesen.")
}

fn error_no_qr(name: &str) -> String {
    format!("„{name}“ ist kein Nachweis, und es wurde kein QR-Code darin gefunden.")
}

fn date(day: u32, month: &str, year: i32) -> String {
    format!("{day}. {month} {year}")
}
