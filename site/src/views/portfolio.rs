//! Several credentials at once (several files, or a presentation): totals
//! of ECTS per issuer over the valid ones.

use crate::i18n::Texts;
use crate::model::{self, Item};
use mcx_verifier_core::Report;
use std::rc::Rc;
use yew::prelude::*;

/// The portfolio summary of the items on the page.
pub fn portfolio(t: &Texts, items: &[Rc<Item>]) -> Html {
    let reports: Vec<&Report> = items.iter().map(|i| i.report()).collect();
    let credentials = model::credential_reports(&reports);
    let valid = credentials.iter().filter(|(_, v)| *v).count();
    let rows = model::totals(&credentials);
    let total: f64 = rows.iter().map(|r| r.credits).sum();
    html! {
        <section class="portfolio" aria-labelledby="portfolio-h" data-portfolio=""
                 data-total-ects={model::format_credits(total)} data-valid-count={valid.to_string()}>
            <h2 id="portfolio-h">{ t.portfolio_heading }</h2>
            <p>{ (t.portfolio_summary)(credentials.len(), valid) }</p>
            if !rows.is_empty() {
                <div class="table-scroll">
                    <table class="portfolio-table">
                        <thead><tr>
                            <th scope="col">{ t.portfolio_col_issuer }</th>
                            <th scope="col" class="num">{ t.portfolio_col_count }</th>
                            <th scope="col" class="num">{ t.portfolio_col_ects }</th>
                        </tr></thead>
                        <tbody>
                            { for rows.iter().map(|r| html! {
                                <tr>
                                    <th scope="row">{ r.issuer.clone() }</th>
                                    <td class="num">{ r.count.to_string() }</td>
                                    <td class="num">{ model::format_credits(r.credits) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                <p class="portfolio-total"><strong>{ (t.portfolio_total)(&model::format_credits(total)) }</strong></p>
            }
            <p class="muted small">{ t.portfolio_note }</p>
        </section>
    }
}
