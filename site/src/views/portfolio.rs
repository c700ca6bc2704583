//! Several credentials at once (several files, or a presentation): ECTS per
//! issuer over the valid ones, and the network's combined offers they
//! complete or nearly complete (progress computed by the core's registry).

use crate::i18n::{Lang, Page};
use crate::model::{self, Item};
use mcx_verifier_core::registry::{achievements_of, Completion, Registry};
use mcx_verifier_core::Report;
use mcx_web::display::format_credits;
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
            <h3>{ p.offers_heading }</h3>
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

/// The portfolio summary of the items on the page.
pub fn portfolio(p: &Page, lang: Lang, items: &[Rc<Item>], registry: Option<&Registry>) -> Html {
    let reports: Vec<&Report> = items.iter().map(|i| i.report()).collect();
    let credentials = model::credential_reports(&reports);
    let valid = credentials.iter().filter(|(_, v)| *v).count();
    let rows = model::totals(&credentials);
    let total: f64 = rows.iter().map(|r| r.credits).sum();
    let owned: Vec<Report> = reports.iter().map(|r| (*r).clone()).collect();
    html! {
        <section class="portfolio" aria-labelledby="portfolio-h" data-portfolio=""
                 data-total-ects={format_credits(total)} data-valid-count={valid.to_string()}>
            <h2 id="portfolio-h">{ p.portfolio_heading }</h2>
            <p>{ (p.portfolio_summary)(credentials.len(), valid) }</p>
            if !rows.is_empty() {
                <div class="table-scroll">
                    <table class="portfolio-table">
                        <thead><tr>
                            <th scope="col">{ p.portfolio_col_issuer }</th>
                            <th scope="col" class="num">{ p.portfolio_col_count }</th>
                            <th scope="col" class="num">{ p.portfolio_col_ects }</th>
                        </tr></thead>
                        <tbody>
                            { for rows.iter().map(|r| html! {
                                <tr>
                                    <th scope="row">{ r.issuer.clone() }</th>
                                    <td class="num">{ r.count.to_string() }</td>
                                    <td class="num">{ format_credits(r.credits) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                <p class="portfolio-total"><strong>{ (p.portfolio_total)(&format_credits(total)) }</strong></p>
            }
            <p class="muted small">{ p.portfolio_note }</p>
            if let Some(registry) = registry { { offers(p, lang, registry, &owned) } }
        </section>
    }
}
