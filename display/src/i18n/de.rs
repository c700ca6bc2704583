//! Deutsche Texte.

use alloc::format;
use alloc::string::String;

use super::{About, Mark, PlainTexts, Texts};
use mcx_verifier_core::{CheckKind, Code, Verdict};

/// The German texts.
pub const TEXTS: Texts = Texts {
    code: "de",
    name: "Deutsch",

    verifying: "Wird geprüft …",

    verdict_valid: "Echt und gültig",
    verdict_invalid: "Nicht gültig",
    verdict_unverifiable: "Nicht vollständig prüfbar",
    verdict_valid_text,
    verdict_valid_presentation,
    main_reason: "Hauptgrund:",
    short_reason,

    issuer_fallback: FALLBACK_ISSUER,
    checks_heading: "Was geprüft wurde",    check_name,
    explain,
    status_name,
    explain_status,
    mark_label,
    technical_details: "Technische Details",
    verifier_message: "Meldung des Prüfprogramms",
    detail_label,

    credential_heading: "Was der Nachweis aussagt",
    content_unverified: "Die Signatur wurde nicht bestätigt: Was folgt, kann jeder geschrieben haben. Verlassen Sie sich nicht darauf.",
    content_unvouched: "Die Signatur ist echt, aber keine diesem Prüfdienst bekannte Vertrauensquelle bürgt für den Unterzeichner: Namen und Inhalte unten sind nur, was der Nachweis über sich behauptet. Verlassen Sie sich nicht darauf.",
    presentation_heading: "Präsentation",
    credentials_heading: "Enthaltene Nachweise",
    field_issuer: "Ausgestellt von",
    field_learner: "Lernende Person",
    field_achievement: "Leistung",
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
    field_membership: "Mitgliedschaft bei MicroCredX",
    field_quality_assurance: "Qualitätssicherung",
    field_member_status: "Status",
    member_status,
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

    months: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    date,

    badge_verified: "Verifiziert",
    badge_unverifiable: "Teilweise geprüft",
    verify_button: "Prüfen",
    show_result: "Prüfergebnis anzeigen",
    dialog_title: "Prüfung durch MicroCredX",
    close: "Schließen",
    nothing_to_verify: "Hier wurde kein Nachweis zum Prüfen gefunden.",
    open_on_site: "Vollständiges Ergebnis auf der Prüfseite von MicroCredX öffnen",
    new_tab: "öffnet in einem neuen Tab",
    input_paste: "Nachweis, JWT oder Prüflink einfügen",
    input_file: "Datei auswählen",
    input_hint: "oder eine Datei hier ablegen: JSON, JWT oder ein Badge als PNG oder SVG",
};

/// Die deutschen Wörter der Textausgabe von `mcx verify`.
pub const PLAIN: PlainTexts = PlainTexts {
    verdict: |verdict| match verdict {
        Verdict::Valid => "GÜLTIG",
        Verdict::Invalid => "NICHT GÜLTIG",
        Verdict::Unverifiable => "NICHT VOLLSTÄNDIG PRÜFBAR",
    },
    credential: "Nachweis",
    issuer: "Aussteller",
    issuer_claimed: "Aussteller (laut Nachweis; kein Register bürgt dafür)",
    nested: |n| format!("Nachweis {n}"),
};

fn verdict_valid_text(about: &About) -> String {
    let issuer = about.issuer;
    let what = match (about.achievement, about.learner) {
        (Some(a), Some(l)) => format!("{a}, verliehen an {l} von {}.", dative(issuer)),
        (Some(a), None) => format!("{a}, verliehen von {}.", dative(issuer)),
        (None, _) => format!("Ausgestellt von {}.", dative(issuer)),
    };
    format!("{what} Seitdem unverändert, innerhalb der Gültigkeit und nicht widerrufen.")
}

fn verdict_valid_presentation(count: usize) -> String {
    match count {
        1 => "Die Inhaberin oder der Inhaber hat einen Nachweis vorgelegt; er ist echt und gültig.".into(),
        n => format!("Die Inhaberin oder der Inhaber hat {n} Nachweise vorgelegt; alle sind echt und gültig."),
    }
}

fn short_reason(code: Code) -> &'static str {
    match code {
        Code::Malformed => "Nicht lesbar",
        Code::Unsupported => "Nicht unterstützt",
        Code::InvalidSignature => "Nach dem Signieren verändert",
        Code::WrongKey => "Von jemand anderem signiert",
        Code::Expired => "Abgelaufen",
        Code::NotYetValid => "Noch nicht gültig",
        Code::Revoked => "Widerrufen",
        Code::Suspended => "Ausgesetzt",
        Code::UntrustedIssuer => "Aussteller nicht im Netzwerk",
        Code::StatusUnavailable => "Widerrufsstatus nicht erreichbar",
        Code::ResourceUnavailable => "Ein Dokument ließ sich nicht laden",
        Code::NotAsSigned => "Nicht wie signiert",
        Code::HolderMismatch => "Nicht der eigene",
    }
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
        CheckKind::Holder => "Von der lernenden Person vorgelegt",
    }
}

fn status_name(purpose: &str) -> Option<&'static str> {
    Some(match purpose {
        "revocation" => "Widerruf",
        "suspension" => "Aussetzung",
        "message" => "Statusmeldung",
        _ => return None,
    })
}

fn explain_status(purpose: &str, mark: Mark, a: &About) -> Option<String> {
    let issuer = a.issuer;
    let issuer_cap = lead(issuer);
    Some(match (purpose, mark) {
        ("revocation", Mark::Pass) => {
            format!("{issuer_cap} hat ihn nicht widerrufen (soeben geprüft).")
        }
        ("suspension", Mark::Pass) => {
            format!("{issuer_cap} hat ihn nicht ausgesetzt (soeben geprüft).")
        }
        ("message", Mark::Pass | Mark::Warn) => {
            format!(
                "{issuer_cap} hat eine Statusmeldung dazu veröffentlicht (siehe technische Details)."
            )
        }
        _ => return None,
    })
}

fn mark_label(mark: Mark) -> &'static str {
    match mark {
        Mark::Pass => "bestanden",
        Mark::Warn => "Hinweis",
        Mark::Fail => "nicht bestanden",
        Mark::Unknown => "nicht prüfbar",
        Mark::Skip => "nicht geprüft",
    }
}

fn explain(kind: CheckKind, mark: Mark, code: Option<Code>, a: &About) -> String {
    let issuer = a.issuer;
    let issuer_cap = lead(issuer);
    match (kind, mark, code) {
        (_, Mark::Skip, _) => "Nicht geprüft, weil eine vorherige Prüfung bereits fehlschlug.".into(),
        (CheckKind::Format, Mark::Pass, _) => "Der Nachweis ließ sich lesen.".into(),
        (CheckKind::Signature, Mark::Pass, _) => {
            format!("Die Signatur stimmt: Niemand hat diesen Nachweis verändert, seit {issuer} ihn signiert hat.")
        }
        (CheckKind::Key, Mark::Pass, _) => format!(
            "Der Signaturschlüssel gehört {} und darf Nachweise ausstellen.",
            dative(issuer)
        ),
        (CheckKind::Validity, Mark::Pass, _) => match a.valid_until {
            Some(until) => format!("Heute liegt in seinem Gültigkeitszeitraum, der am {until} endet."),
            None => "Heute liegt in seinem Gültigkeitszeitraum, der kein Ende hat.".into(),
        },
        // Eine Statusprüfung ohne Zweck: der Nachweis hat keine Statusliste.
        (CheckKind::Status, Mark::Pass, _) => {
            format!("Er hat keine Widerrufsliste: {issuer} kann ihn nicht zurückziehen, es gab also nichts nachzusehen.")
        }
        (CheckKind::Status, Mark::Warn, None) => {
            "Er enthält keine Widerrufsangabe; der Aussteller kann ihn also nicht zurückziehen.".into()
        }
        (CheckKind::Issuer, Mark::Pass, _) => {
            format!("{issuer_cap} ist Mitglied des MicroCredX-Netzwerks und war bei der Ausstellung aktiv.")
        }
        (CheckKind::Issuer, Mark::Warn, _) => match a.standing_now.and_then(member_status) {
            Some(now) => format!(
                "{issuer_cap} war bei der Ausstellung aktives Mitglied des MicroCredX-Netzwerks; heute: {now}."
            ),
            None => "Die Mitgliedschaft im Netzwerk wurde nicht geprüft: Es lag kein Netzwerkverzeichnis vor.".into(),
        },
        (CheckKind::Issuer, _, Some(Code::ResourceUnavailable)) => {
            "Das Mitgliederverzeichnis des Netzwerks ließ sich nicht laden; die Mitgliedschaft blieb ungeprüft. Versuchen Sie es später erneut."
                .into()
        }
        (CheckKind::Challenge, Mark::Pass, _) => "Die Präsentation wurde für diese Prüfung erstellt.".into(),
        (CheckKind::Holder, Mark::Pass, _) => {
            "Die Person, die ihn vorgelegt hat, ist die lernende Person, für die er ausgestellt wurde.".into()
        }
        (CheckKind::Holder, Mark::Warn, _) => {
            "Der Nachweis nennt seine lernende Person nicht eindeutig; nichts zeigt, dass die vorlegende Person diese ist.".into()
        }
        (CheckKind::Credentials, Mark::Pass, _) => "Alle enthaltenen Nachweise sind gültig.".into(),
        (CheckKind::Credentials, _, Some(Code::StatusUnavailable | Code::ResourceUnavailable)) => {
            "Mindestens ein enthaltener Nachweis ließ sich nicht vollständig prüfen; siehe unten.".into()
        }
        (CheckKind::Credentials, Mark::Fail, _) => {
            "Mindestens ein enthaltener Nachweis ist nicht gültig; siehe unten.".into()
        }
        (CheckKind::Key, _, Some(Code::ResourceUnavailable)) => {
            "Der öffentliche Schlüssel des Ausstellers ließ sich nicht von der Stelle laden, an der er ihn veröffentlicht; die Signatur blieb ungeprüft. Versuchen Sie es später erneut."
                .into()
        }
        (CheckKind::Signature, _, Some(Code::ResourceUnavailable)) => {
            "Der öffentliche Schlüssel des Ausstellers ließ sich nicht laden; die Signatur blieb ungeprüft.".into()
        }
        (CheckKind::Signature, _, Some(Code::Malformed)) => "Die Signatur ist beschädigt und lässt sich nicht prüfen.".into(),
        (CheckKind::Signature, _, Some(Code::Unsupported)) => {
            "Die Signatur nutzt ein Verfahren, das dieses Prüfprogramm nicht unterstützt.".into()
        }
        (CheckKind::Format, _, Some(Code::ResourceUnavailable)) => {
            "Der Nachweis ließ sich von seiner Adresse nicht laden.".into()
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
        (_, Mark::Fail | Mark::Unknown, None) => "Nicht bestanden (siehe technische Details).".into(),
    }
}

fn by_code(code: Code, issuer: &str) -> String {
    let issuer_cap = lead(issuer);
    match code {
        Code::Malformed => {
            "Das ist kein lesbarer Nachweis: Text oder Datei sind beschädigt, abgeschnitten oder gar kein Nachweis.".into()
        }
        Code::Unsupported => {
            "Er nutzt ein Format oder Verfahren, das dieses Prüfprogramm nicht unterstützt; er lässt sich nicht prüfen."
                .into()
        }
        Code::InvalidSignature => {
            "Die Signatur stimmt nicht: Der Nachweis wurde nach dem Signieren verändert. Vertrauen Sie seinem Inhalt nicht."
                .into()
        }
        Code::WrongKey => {
            "Der Signaturschlüssel gehört nicht dem angegebenen Aussteller: Jemand anderes hat signiert.".into()
        }
        Code::Expired => "Er ist abgelaufen.".into(),
        Code::NotYetValid => "Er ist noch nicht gültig.".into(),
        Code::Revoked => format!("{issuer_cap} hat diesen Nachweis widerrufen: Er ist nicht mehr gültig."),
        Code::Suspended => format!("{issuer_cap} hat diesen Nachweis vorübergehend ausgesetzt."),
        Code::UntrustedIssuer => {
            "Die Signatur ist echt, aber der Aussteller war bei der Ausstellung kein aktives Mitglied des MicroCredX-Netzwerks.".into()
        }
        Code::StatusUnavailable => {
            "Ob er widerrufen wurde, ließ sich nicht prüfen: Die Statusliste des Ausstellers war nicht erreichbar. Versuchen Sie es später erneut.".into()
        }
        Code::ResourceUnavailable => {
            "Ein für die Prüfung nötiges Dokument ließ sich nicht laden. Versuchen Sie es später erneut.".into()
        }
        Code::NotAsSigned => {
            "Dies ist nicht die Form, in der er signiert wurde: Sein Text sagt etwas, das die Signatur nicht abdeckt. Vertrauen Sie dem Inhalt nicht; fragen Sie den Aussteller oder die lernende Person nach dem Original.".into()
        }
        Code::HolderMismatch => {
            "Die Person, die ihn vorgelegt hat, ist nicht die lernende Person, für die er ausgestellt wurde: Er könnte aus dem Profil einer anderen Person kopiert sein.".into()
        }
    }
}

fn detail_label(key: &str) -> Option<&'static str> {
    Some(match key {
        "checkedAt" => "Geprüft am",
        "format" => "Eingabeformat",
        "proofType" => "Art des Beweises",
        "cryptosuite" => "Kryptosuite",
        "verificationMethod" => "Prüfmethode (Schlüssel)",
        "proofPurpose" => "Zweck des Beweises",
        "created" => "Signiert am",
        "canonicalHash" => "Kanonischer Hash (SHA-256)",
        "issuer" => "Kennung des Ausstellers",
        "statusList" => "Statusliste",
        "dataModel" => "Datenmodell",
        "proof" => "Beweis (Signatur)",
        "algorithm" => "Algorithmus",
        _ => return None,
    })
}

fn member_status(status: &str) -> Option<&'static str> {
    Some(match status {
        "active" => "aktives Mitglied",
        "suspended" => "ausgesetzt",
        "withdrawn" => "ausgetreten",
        "not_joined" => "noch kein Mitglied",
        "unknown" | "not_member" => "kein Mitglied",
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

fn date(day: u32, month: &str, year: i32) -> String {
    format!("{day}. {month} {year}")
}

/// The stand-in when no trust source vouches for the issuer's name.
const FALLBACK_ISSUER: &str = "der Aussteller";

/// The issuer after a preposition or verb that takes the dative ("von",
/// "gehört"): names stay as they are, the stand-in declines.
fn dative(issuer: &str) -> &str {
    if issuer == FALLBACK_ISSUER {
        "dem Aussteller"
    } else {
        issuer
    }
}

/// The issuer as the first words of a sentence: names stay as written,
/// the stand-in is capitalised.
fn lead(issuer: &str) -> &str {
    if issuer == FALLBACK_ISSUER {
        "Der Aussteller"
    } else {
        issuer
    }
}
