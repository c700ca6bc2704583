//! Every user-facing text of a verification result, one file per language
//! (`en.rs`, `de.rs`): the verdict, each check in plain language, the
//! credential's fields, the EU elements, the widget's own words, and the
//! few words of `mcx verify`'s text output ([`PlainTexts`], apart so that
//! the widget does not carry them). The site adds its page texts (input,
//! camera, sharing…) on top of these.
//!
//! Explanations are chosen from the check kind and its stable failure code,
//! never from the core's English `detail`, so that they translate; the
//! `detail` is still shown under "technical details".

mod de;
mod en;

use alloc::string::String;
use mcx_verifier_core::{CheckKind, Code};
use mcx_verifier_core::{Outcome, Verdict};

/// A supported language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// German.
    De,
}

impl Lang {
    /// Every language, in the order of a language switch.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::De];

    /// The texts of this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &en::TEXTS,
            Lang::De => &de::TEXTS,
        }
    }

    /// The words of the command line's text report in this language.
    pub fn plain(self) -> &'static PlainTexts {
        match self {
            Lang::En => &en::PLAIN,
            Lang::De => &de::PLAIN,
        }
    }

    /// The first supported language of a preference list (a `lang`
    /// attribute, `navigator.languages`), English otherwise.
    pub fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        for tag in tags {
            if let Some(lang) = Lang::from_tag(tag) {
                return lang;
            }
        }
        Lang::En
    }

    /// The language of one BCP 47 tag (`de`, `de-AT`, `en_GB`), if supported.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Parses a stored language code (`en`, `de`).
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
    /// Could not be checked (a document was unavailable): not a failure of
    /// the credential, and not shown as one.
    Unknown,
    /// Not checked.
    Skip,
}

impl Mark {
    /// The reader-facing mark of a core outcome.
    pub fn of(outcome: Outcome) -> Mark {
        match outcome {
            Outcome::Pass => Mark::Pass,
            Outcome::Warn(_) => Mark::Warn,
            Outcome::Fail(code) if code.is_unavailability() => Mark::Unknown,
            Outcome::Fail(_) => Mark::Fail,
            Outcome::Skip => Mark::Skip,
        }
    }
}

/// What an explanation may mention.
#[derive(Clone, Copy, Debug)]
pub struct About<'a> {
    /// The issuer's display name (or its identifier).
    pub issuer: &'a str,
    /// The achievement's name, if the credential gives one.
    pub achievement: Option<&'a str>,
    /// The learner's name (or identifier), if the credential gives one.
    pub learner: Option<&'a str>,
    /// End of validity as a display date, if known.
    pub valid_until: Option<&'a str>,
    /// Start of validity as a display date, if known.
    pub valid_from: Option<&'a str>,
    /// The issuer's standing in the network now (`active`, `suspended`,
    /// `withdrawn`…), when a registry was checked.
    pub standing_now: Option<&'a str>,
}

/// All result texts of one language.
pub struct Texts {
    /// BCP 47 code, for `lang` attributes and stored preferences.
    pub code: &'static str,
    /// The language's own name, for a switch.
    pub name: &'static str,

    /// While verifying.
    pub verifying: &'static str,

    /// Banner title for `valid`.
    pub verdict_valid: &'static str,
    /// Banner title for `invalid`.
    pub verdict_invalid: &'static str,
    /// Banner title for `unverifiable`.
    pub verdict_unverifiable: &'static str,
    /// Banner sentence for `valid`.
    pub verdict_valid_text: fn(&About) -> String,
    /// Banner sentence for a valid presentation of this many credentials.
    pub verdict_valid_presentation: fn(usize) -> String,
    /// Lead-in before the most important reason.
    pub main_reason: &'static str,
    /// A few words for a failure code, for compact places (the widget's
    /// badge, a list): "Revoked", "Changed after signing"…
    pub short_reason: fn(Code) -> &'static str,

    /// Stands in for an issuer without name or identifier.
    pub issuer_fallback: &'static str,
    /// Heading of the check list.
    pub checks_heading: &'static str,
    /// Name of a check.
    pub check_name: fn(CheckKind) -> &'static str,
    /// What an outcome means for the reader, in one or two sentences.
    pub explain: fn(CheckKind, Mark, Option<Code>, &About) -> String,
    /// Name of a status check by its purpose (`revocation`, `suspension`,
    /// `message`), where it says more than the generic check name.
    pub status_name: fn(&str) -> Option<&'static str>,
    /// What a status check of that purpose means, where it says more than
    /// [`Texts::explain`] (which covers every failure).
    pub explain_status: fn(&str, Mark, &About) -> Option<String>,
    /// Screen-reader word for an outcome.
    pub mark_label: fn(Mark) -> &'static str,
    /// Disclosure of the technical details.
    pub technical_details: &'static str,
    /// Label of the verifier's own message of a check.
    pub verifier_message: &'static str,
    /// Label of a technical field (`proofType`, `verificationMethod`, `format`…).
    pub detail_label: fn(&str) -> Option<&'static str>,

    /// Heading of the credential contents.
    pub credential_heading: &'static str,
    /// Shown above the contents when the signature was not confirmed (it
    /// failed, or could not be checked): the
    /// fields may have been changed by anyone.
    pub content_unverified: &'static str,
    /// Above the contents of a genuinely signed credential whose issuer no
    /// trust source knows.
    pub content_unvouched: &'static str,
    /// Heading for a presentation's holder.
    pub presentation_heading: &'static str,
    /// Heading of the credentials inside a presentation.
    pub credentials_heading: &'static str,
    /// Issuer.
    pub field_issuer: &'static str,
    /// Learner.
    pub field_learner: &'static str,
    /// Achievement.
    pub field_achievement: &'static str,
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
    /// Network membership line.
    pub field_membership: &'static str,
    /// Quality assurance.
    pub field_quality_assurance: &'static str,
    /// Membership status.
    pub field_member_status: &'static str,
    /// Membership status word.
    pub member_status: fn(&str) -> Option<&'static str>,
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

    /// Month names for dates, January first.
    pub months: [&'static str; 12],
    /// Formats day, month name, year.
    pub date: fn(u32, &str, i32) -> String,

    /// The widget's badge for a valid credential whose issuer the network
    /// vouches for starts with this (short, for narrow columns).
    pub badge_verified: &'static str,
    /// The widget's badge for an unverifiable result starts with this
    /// (shorter than [`Texts::verdict_unverifiable`]).
    pub badge_unverifiable: &'static str,
    /// The widget's button before the result is opened.
    pub verify_button: &'static str,
    /// Accessible name of the widget's badge: it opens the full result.
    pub show_result: &'static str,
    /// Title of the widget's result dialog.
    pub dialog_title: &'static str,
    /// Closes the dialog.
    pub close: &'static str,
    /// The widget was given nothing to verify.
    pub nothing_to_verify: &'static str,
    /// The widget dialog's link to the same result on the verifier site.
    pub open_on_site: &'static str,
    /// After a link that opens in a new tab, for screen readers.
    pub new_tab: &'static str,
    /// The widget's input mode: label of the paste area.
    pub input_paste: &'static str,
    /// The widget's input mode: the file chooser.
    pub input_file: &'static str,
    /// The widget's input mode: what may be dropped or chosen.
    pub input_hint: &'static str,
}

/// The words of `mcx verify`'s text output that a page does not need (its
/// sentences are the [`Texts`]'). A separate table so that the widget,
/// which never uses them, does not carry them.
pub struct PlainTexts {
    /// The verdict as the first word of a report, in capitals: `VALID`…
    pub verdict: fn(Verdict) -> &'static str,
    /// Label of the line naming the credential (its achievement).
    pub credential: &'static str,
    /// Label of the issuer's name when a trust source vouches for it.
    pub issuer: &'static str,
    /// Label of the issuer's name when only the credential states it.
    pub issuer_claimed: &'static str,
    /// Heading of the n-th credential inside a presentation (from 1).
    pub nested: fn(usize) -> String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn about(issuer: &str) -> About<'_> {
        About {
            issuer,
            achievement: Some("PLC"),
            learner: None,
            valid_until: None,
            valid_from: None,
            standing_now: None,
        }
    }

    #[test]
    fn the_issuer_stand_in_reads_as_grammar_wants() {
        for lang in [Lang::En, Lang::De] {
            let t = lang.texts();
            let unknown = about(t.issuer_fallback);
            let revoked = (t.explain)(CheckKind::Status, Mark::Fail, Some(Code::Revoked), &unknown);
            let first = revoked.chars().next().unwrap_or(' ');
            assert!(first.is_uppercase(), "{revoked}");
            // A name is never changed.
            let named = (t.explain)(
                CheckKind::Status,
                Mark::Fail,
                Some(Code::Revoked),
                &about("eLearning Uni"),
            );
            assert!(named.starts_with("eLearning Uni "), "{named}");
        }
        let de = Lang::De.texts();
        let unknown = about(de.issuer_fallback);
        let key = (de.explain)(CheckKind::Key, Mark::Pass, None, &unknown);
        assert!(key.contains("gehört dem Aussteller"), "{key}");
        let valid = (de.verdict_valid_text)(&unknown);
        assert!(valid.contains("von dem Aussteller"), "{valid}");
    }
}
