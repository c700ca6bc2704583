//! Every user-facing text of the site, one file per language (`en.rs`,
//! `de.rs`). Components never hold literal text: they take a [`Texts`].
//!
//! Check explanations are chosen from the check kind and its stable failure
//! code, not from the core's English `detail`, so they translate; the
//! `detail` is still shown under "technical details".

mod de;
mod en;

use mcx_verifier_core::report::{CheckKind, Code};

/// A supported language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// German.
    De,
}

impl Lang {
    /// Every language, in the order of the language switch.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::De];

    /// The texts of this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &en::TEXTS,
            Lang::De => &de::TEXTS,
        }
    }

    /// Picks the first supported language of a browser preference list
    /// (`navigator.languages`), English otherwise.
    pub fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        for tag in tags {
            let primary = tag
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            match primary.as_str() {
                "de" => return Lang::De,
                "en" => return Lang::En,
                _ => {}
            }
        }
        Lang::En
    }

    /// Parses a stored language code.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.texts().code == code)
    }
}

/// Outcome of a check as the reader sees it (the core's outcome, flattened).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Checked and fine.
    Pass,
    /// Fine, with a remark.
    Warn,
    /// Checked and not fine.
    Fail,
    /// Not checked.
    Skip,
}

/// What an explanation may mention.
#[derive(Clone, Copy, Debug)]
pub struct About<'a> {
    /// The issuer's display name (or its identifier).
    pub issuer: &'a str,
    /// End of validity as a display date, if known.
    pub valid_until: Option<&'a str>,
    /// Start of validity as a display date, if known.
    pub valid_from: Option<&'a str>,
    /// Whether a status list was consulted (a credential without one
    /// cannot be revoked, which is said differently).
    pub status_checked: bool,
}

/// All texts of one language.
pub struct Texts {
    /// BCP 47 code, for `<html lang>` and the stored preference.
    pub code: &'static str,
    /// The language's own name, for the switch.
    pub name: &'static str,
    /// Label of the language switch.
    pub language_label: &'static str,

    /// Product name in the header.
    pub app_name: &'static str,
    /// One sentence under it.
    pub tagline: &'static str,
    /// Shown in the header.
    pub privacy_note: &'static str,

    /// Label of the header link back to the start.
    pub home_label: &'static str,
    /// Heading of the input area.
    pub input_heading: &'static str,
    /// Label of the paste box.
    pub paste_label: &'static str,
    /// Hint under the paste box.
    pub paste_hint: &'static str,
    /// The check button.
    pub verify_button: &'static str,
    /// Drop zone title.
    pub drop_title: &'static str,
    /// Drop zone hint.
    pub drop_hint: &'static str,
    /// The file picker button.
    pub choose_files: &'static str,
    /// Shown while a drag is over the drop zone.
    pub drop_now: &'static str,
    /// Camera button.
    pub scan_camera: &'static str,
    /// Stop the camera.
    pub stop_camera: &'static str,
    /// While the camera looks for a code.
    pub camera_looking: &'static str,
    /// No camera at all.
    pub camera_unavailable: &'static str,
    /// Permission denied.
    pub camera_denied: &'static str,
    /// Any other camera failure.
    pub camera_failed: fn(&str) -> String,
    /// Label of the live camera picture.
    pub camera_video_label: &'static str,

    /// Heading of the sample list.
    pub samples_heading: &'static str,
    /// Sentence before the sample list.
    pub samples_intro: &'static str,
    /// Label of a sample by its expected outcome key (`valid`, `revoked`…).
    pub sample_label: fn(&str) -> Option<&'static str>,

    /// While verifying.
    pub verifying: &'static str,
    /// Return to the start.
    pub start_over: &'static str,

    /// Banner title for `valid`.
    pub verdict_valid: &'static str,
    /// Banner title for `invalid`.
    pub verdict_invalid: &'static str,
    /// Banner title for `unverifiable`.
    pub verdict_unverifiable: &'static str,
    /// Banner sentence for `valid`.
    pub verdict_valid_text: fn(&About) -> String,
    /// Lead-in before the most important reason.
    pub main_reason: &'static str,

    /// Stands in for an issuer without name or identifier.
    pub issuer_fallback: &'static str,
    /// Heading of the check list.
    pub checks_heading: &'static str,
    /// Name of a check.
    pub check_name: fn(CheckKind) -> &'static str,
    /// What an outcome means for the reader, in one or two sentences.
    pub explain: fn(CheckKind, Mark, Option<Code>, &About) -> String,
    /// Screen-reader word for an outcome.
    pub mark_label: fn(Mark) -> &'static str,
    /// Disclosure of the technical details.
    pub technical_details: &'static str,
    /// Label of a technical field (`proofType`, `verificationMethod`, `format`…).
    pub detail_label: fn(&str) -> Option<&'static str>,

    /// Heading of the credential contents.
    pub credential_heading: &'static str,
    /// Heading for a presentation's holder.
    pub presentation_heading: &'static str,
    /// Field labels.
    pub field_issuer: &'static str,
    /// Learner.
    pub field_learner: &'static str,
    /// Description.
    pub field_description: &'static str,
    /// Criteria / learning outcomes.
    pub field_criteria: &'static str,
    /// ECTS.
    pub field_credits: &'static str,
    /// Achievement type.
    pub field_type: &'static str,
    /// Skills and frameworks.
    pub field_alignments: &'static str,
    /// Issued / valid from.
    pub field_valid_from: &'static str,
    /// Valid until.
    pub field_valid_until: &'static str,
    /// No end date.
    pub no_expiry: &'static str,
    /// Language of instruction.
    pub field_language: &'static str,
    /// Identifier.
    pub field_id: &'static str,
    /// Country.
    pub field_country: &'static str,
    /// Holder of a presentation.
    pub field_holder: &'static str,
    /// Alt text of the badge image.
    pub badge_image_alt: fn(&str) -> String,
    /// Number of ECTS, formatted.
    pub ects: fn(&str) -> String,

    /// Heading of the EU elements table.
    pub eu_heading: &'static str,
    /// Sentence before the table.
    pub eu_intro: &'static str,
    /// Column: element.
    pub eu_col_element: &'static str,
    /// Column: required?
    pub eu_col_required: &'static str,
    /// Column: value.
    pub eu_col_value: &'static str,
    /// Mandatory.
    pub eu_mandatory: &'static str,
    /// Optional.
    pub eu_optional: &'static str,
    /// Marker of a missing element.
    pub eu_missing: &'static str,
    /// Summary line: how many mandatory elements are there.
    pub eu_summary: fn(usize, usize) -> String,
    /// Name of an Annex I element by the core's key.
    pub eu_element: fn(&str) -> Option<&'static str>,

    /// Heading of the share panel.
    pub share_heading: &'static str,
    /// How the link works.
    pub share_intro: &'static str,
    /// Label of the link field.
    pub share_link_label: &'static str,
    /// Copy button.
    pub copy_link: &'static str,
    /// After copying.
    pub copied: &'static str,
    /// Copying failed.
    pub copy_failed: &'static str,
    /// LinkedIn button.
    pub add_to_linkedin: &'static str,
    /// Hint under the LinkedIn button.
    pub linkedin_hint: &'static str,
    /// Caption of the QR code.
    pub qr_caption: &'static str,
    /// Link too long for a QR code.
    pub qr_too_long: &'static str,
    /// Report download button.
    pub download_report: &'static str,

    /// Portfolio heading.
    pub portfolio_heading: &'static str,
    /// Number of items and how many are valid.
    pub portfolio_summary: fn(usize, usize) -> String,
    /// Total ECTS of valid credentials.
    pub portfolio_total: fn(&str) -> String,
    /// Column: issuer.
    pub portfolio_col_issuer: &'static str,
    /// Column: credentials.
    pub portfolio_col_count: &'static str,
    /// Column: ECTS.
    pub portfolio_col_ects: &'static str,
    /// Only valid credentials count.
    pub portfolio_note: &'static str,
    /// Label of one item: source name.
    pub item_from: fn(&str) -> String,
    /// Item label for the n-th credential of a presentation.
    pub item_in_presentation: fn(usize) -> String,

    /// Nothing entered.
    pub error_empty: &'static str,
    /// A file is too large.
    pub error_too_large: fn(&str) -> String,
    /// A file could not be read.
    pub error_read: fn(&str) -> String,
    /// No QR code in a picture.
    pub error_no_qr: fn(&str) -> String,
    /// Source label of pasted text.
    pub source_pasted: &'static str,
    /// Source label of a link in the address bar.
    pub source_link: &'static str,
    /// Source label of a camera scan.
    pub source_camera: &'static str,

    /// Month names for dates, January first.
    pub months: [&'static str; 12],
    /// Formats day, month name, year.
    pub date: fn(u32, &str, i32) -> String,

    /// Footer text.
    pub footer: &'static str,
}
