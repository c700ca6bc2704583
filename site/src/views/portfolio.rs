//! Several credentials at once (several files, or a presentation): per
//! learner — stacking never adds up two people's credentials — ECTS per
//! issuer over the valid ones, and the network's combined offers they
//! complete or nearly complete (progress computed by the core's registry).

use crate::i18n::{Lang, Page};
use crate::model::{self, Item, LearnerPortfolio};
use mcx_display::format_credits;
use mcx_verifier_core::portfolio::Basis;
use mcx_verifier_core::registry::{achievements_of, Completion, Registry};
use mcx_verifier_core::Report;
use std::rc::Rc;
use yew::prelude::*;

fn completion_class(c: Completion) -> &'static str {
    match c {
        Completion::Complete => "offer offer-complete",
        Completion::NearlyComplete => "offer offer-nearly",
        Completion::Started | Completion::NotStarted => "offer",
    }
}

fn offers(p: &Page, lang: Lang, registry: &Registry, reports: &[Report]) -> Html {
    let held = achievements_of(reports);
    let progress: Vec<_> = registry
        .progress(&held)
        .into_iter()
        .filter(|o| !o.done.is_empty())
        .collect();
    if progress.is_empty() {
        return html! {};
    }
    let prefs = [lang.texts().code, "en"];
    html! {
        <div class="offers" data-offers="">
            <h4>{ p.offers_heading }</h4>
            <p class="muted small">{ p.offers_intro }</p>
            <ul class="offer-list">
                { for progress.iter().map(|o| {
                    let status = match o.completion {
                        Completion::Complete => p.offer_complete.to_string(),
                        _ => (p.offer_missing)(o.remaining()),
                    };
                    let missing: Vec<String> = o.missing_required.iter().map(|c| c.name.best(&prefs).to_string()).collect();
                    html! {
                        <li class={completion_class(o.completion)} data-offer={o.offer.id.clone()}
                            data-completion={o.completion.as_str()}>
                            <p class="offer-name">{ o.offer.name.best(&prefs).to_string() }</p>
                            <p class="offer-status">
                                <strong>{ status }</strong>{ " · " }
                                { (p.offer_progress)(&format_credits(o.ects_earned), &format_credits(o.offer.ects)) }
                            </p>
                            if !missing.is_empty() {
                                <p class="small">{ format!("{} {}", p.offer_still_needed, missing.join(", ")) }</p>
                            }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// One learner's part of the portfolio.
fn learner_part(
    p: &Page,
    lang: Lang,
    part: &LearnerPortfolio<'_>,
    registry: Option<&Registry>,
) -> Html {
    let name = part
        .learner
        .as_ref()
        .map(|l| l.name.clone().unwrap_or_else(|| l.key.clone()))
        .unwrap_or_else(|| p.portfolio_unknown_learner.to_string());
    let key = part
        .learner
        .as_ref()
        .map(|l| l.key.clone())
        .unwrap_or_default();
    let by_name = part
        .learner
        .as_ref()
        .is_some_and(|l| l.basis == Basis::Name);
    html! {
        <div class="learner" data-learner={key} data-learner-ects={format_credits(part.total)}>
            <h3>{ (p.portfolio_learner)(&name) }</h3>
            if by_name {
                <p class="muted small" data-learner-by-name="">{ p.portfolio_by_name }</p>
            }
            if !part.rows.is_empty() {
                <div class="table-scroll">
                    <table class="portfolio-table">
                        <thead><tr>
                            <th scope="col">{ p.portfolio_col_issuer }</th>
                            <th scope="col" class="num">{ p.portfolio_col_count }</th>
                            <th scope="col" class="num">{ p.portfolio_col_ects }</th>
                        </tr></thead>
                        <tbody>
                            { for part.rows.iter().map(|r| html! {
                                <tr>
                                    <th scope="row">{ r.issuer.clone() }</th>
                                    <td class="num">{ r.count.to_string() }</td>
                                    <td class="num">{ format_credits(r.credits) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                <p class="portfolio-total"><strong>{ (p.portfolio_total)(&format_credits(part.total)) }</strong></p>
            }
            if let Some(registry) = registry { { offers(p, lang, registry, &part.counted()) } }
        </div>
    }
}

/// The portfolio summary of the items on the page, one part per learner.
pub fn portfolio(p: &Page, lang: Lang, items: &[Rc<Item>], registry: Option<&Registry>) -> Html {
    let reports: Vec<&Report> = items.iter().map(|i| i.report()).collect();
    let credentials = model::credential_reports(&reports);
    let valid = credentials.iter().filter(|(_, v)| *v).count();
    let learners = model::by_learner(&credentials);
    // A total over several learners would add up different people's credits.
    let total = match learners.as_slice() {
        [one] => Some(format_credits(one.total)),
        _ => None,
    };
    html! {
        <section class="portfolio" aria-labelledby="portfolio-h" data-portfolio=""
                 data-total-ects={total} data-valid-count={valid.to_string()}
                 data-learners={learners.len().to_string()}>
            <h2 id="portfolio-h">{ p.portfolio_heading }</h2>
            <p>{ (p.portfolio_summary)(credentials.len(), valid) }</p>
            if learners.len() > 1 {
                <p class="portfolio-mixed" role="note" data-mixed="">{ (p.portfolio_mixed)(learners.len()) }</p>
            }
            { for learners.iter().map(|l| learner_part(p, lang, l, registry)) }
            <p class="muted small">{ p.portfolio_note }</p>
        </section>
    }
}
