//! The documents that trust checks read — status lists and the network
//! registry — fetched through [`Resources`], verified as credentials by the
//! pipeline, and kept in the resources' work so that a batch or a
//! presentation verifies each once. The trust modules themselves
//! ([`crate::trust`]) only read documents handed to them.

use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};

use super::{verify_fetched_credential, Ctx};
use crate::encoding::json::{self, Object, Value};
use crate::options::{Options, RegistrySource};
use crate::report::{CheckKind, Code, Outcome, Report, Verdict};
use crate::resources::{Lookup, Resources};
use crate::time::Timestamp;
use crate::trust::registry::{self, Registry, RegistryError};
use crate::trust::status::{self, LoadedList, Method, Unavailable};

/// Checks the credential's status entries against their lists.
pub(super) fn check_status(reading: &Object, r: &mut Report, ctx: &Ctx<'_>) {
    status::check(reading, r, &mut |url, method| {
        status_list(url, method, ctx.options, ctx.resources)
    });
}

/// The status list at `url`, verified and inflated, remembered per time.
fn status_list(
    url: &str,
    method: Method,
    options: &Options,
    resources: &Resources,
) -> Result<Rc<LoadedList>, Unavailable> {
    let key = (url.to_string(), method, options.now.unix_seconds());
    if let Some(list) = resources.work().status_lists.get(&key) {
        return Ok(list.clone());
    }
    let bytes = match resources.get(url) {
        Lookup::Found(b) => b,
        Lookup::Failed(reason) => {
            return Err(Unavailable(format!(
                "The status list at {url} could not be fetched ({reason})."
            )))
        }
        Lookup::Missing => {
            return Err(Unavailable(format!(
                "The status list at {url} has not been fetched yet."
            )))
        }
    };
    let list = match json::parse(bytes, options.limits.json) {
        Ok(Value::Object(o)) => o,
        Ok(_) => {
            return Err(Unavailable(format!(
                "The document at {url} is not a status list credential."
            )))
        }
        Err(e) => {
            return Err(Unavailable(format!(
                "The status list at {url} is not readable JSON: {e}."
            )))
        }
    };
    // Everything below is read from what the list's issuer signed.
    let (nested, reading) = verify_fetched_credential(&list, options, resources);
    let reading = match reading {
        Some(reading) if nested.verdict() == Verdict::Valid => reading,
        _ => {
            let why = nested
                .headline()
                .map(|c| c.detail.as_str())
                .unwrap_or("it could not be verified");
            return Err(Unavailable(format!(
                "The status list at {url} cannot be trusted: {why}"
            )));
        }
    };
    let loaded = Rc::new(LoadedList::from_verified(
        &reading,
        url,
        method,
        options.limits.max_inflated,
    )?);
    resources.work().status_lists.insert(key, loaded.clone());
    Ok(loaded)
}

/// Checks the issuer against the network registry of `ctx.options`, which
/// is fetched and judged like any other document.
pub(super) fn check_issuer(reading: &Object, issuer: &str, r: &mut Report, ctx: &Ctx<'_>) {
    let Some(source) = &ctx.options.registry else {
        r.push(
            CheckKind::Issuer,
            Outcome::Warn(None),
            "The issuer was not checked against a network registry.",
        );
        return;
    };
    match network_registry(source, ctx.options, ctx.resources) {
        Ok(reg) => registry::check(reading, issuer, r, &reg, ctx.options.now),
        // Membership is unknown: the verdict is `unverifiable`, never a
        // `valid` that silently skipped the network check.
        Err(why) => r.push(
            CheckKind::Issuer,
            Outcome::Fail(Code::ResourceUnavailable),
            format!(
                "The network registry at {} could not be used: {why}.",
                source.url
            ),
        ),
    }
}

/// The registry `source` names, verified against its pinned key at
/// `options.now`, remembered per time.
fn network_registry(
    source: &RegistrySource,
    options: &Options,
    resources: &Resources,
) -> Result<Rc<Registry>, String> {
    let key = (
        source.url.clone(),
        source.governance_did.clone(),
        options.now.unix_seconds(),
    );
    if let Some(reg) = resources.work().registries.get(&key) {
        return Ok(reg.clone());
    }
    let bytes = match resources.get(&source.url) {
        Lookup::Found(b) => b,
        Lookup::Failed(reason) => return Err(reason.to_string()),
        Lookup::Missing => return Err(String::from("it has not been fetched yet")),
    };
    let reg = Rc::new(
        verify_registry(bytes, &source.governance_did, options.now).map_err(|e| e.to_string())?,
    );
    resources.work().registries.insert(key, reg.clone());
    Ok(reg)
}

/// The registry of `options` that verification with `resources` accepted,
/// if it did: for hosts that show what the registry says beyond one
/// credential (a portfolio's progress towards combined offers).
pub fn accepted_registry(options: &Options, resources: &Resources) -> Option<Rc<Registry>> {
    let source = options.registry.as_ref()?;
    let key = (
        source.url.clone(),
        source.governance_did.clone(),
        options.now.unix_seconds(),
    );
    resources.work().registries.get(&key).cloned()
}

/// Verifies a signed network registry: that it is a registry, signed with
/// `eddsa-jcs-2022` by `pinned_governance_did`, valid at `now` and
/// consistent. What the pipeline does with the registry of
/// [`Options::registry`]; also for tools that inspect one.
pub fn verify_registry(
    bytes: &[u8],
    pinned_governance_did: &str,
    now: Timestamp,
) -> Result<Registry, RegistryError> {
    let doc = match json::parse(bytes, json::Limits::default()) {
        Ok(Value::Object(o)) => o,
        Ok(_) => return Err(RegistryError::Malformed("it is not a JSON object".into())),
        Err(e) => return Err(RegistryError::Malformed(format!("{e}"))),
    };
    Registry::precheck(&doc, pinned_governance_did)?;
    let (report, _) = verify_fetched_credential(&doc, &Options::new(now), &Resources::new());
    if report.verdict() != Verdict::Valid {
        let (code, detail) = report
            .headline()
            .and_then(|h| h.outcome.code().map(|c| (c, h.detail.clone())))
            .unwrap_or((Code::Malformed, String::from("it could not be verified")));
        return Err(match code {
            Code::InvalidSignature => RegistryError::InvalidSignature(detail),
            Code::WrongKey => RegistryError::WrongKey {
                signed_by: format!("another key than the issuer's ({detail})"),
                pinned: pinned_governance_did.to_string(),
            },
            Code::Expired => RegistryError::Expired(detail),
            Code::NotYetValid => RegistryError::NotYetValid(detail),
            Code::Unsupported | Code::ResourceUnavailable => RegistryError::Unsupported(detail),
            _ => RegistryError::Malformed(detail),
        });
    }
    Registry::from_verified(&doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::json;
    use alloc::format;

    #[test]
    fn one_list_serves_a_batch_and_is_judged_per_time() {
        use crate::proof::did::{self, Purpose};
        use crate::proof::{self, ProofOptions, Suite};
        use crate::trust::status::{Bitstring, MIN_ENTRIES};
        use crate::{Kind, Outcome};
        let seed = [3u8; 32];
        let issuer = did::did_key(&proof::public_key(&seed));
        let url = "https://uni.example/status/7";
        let mut bits = Bitstring::zeroed(MIN_ENTRIES, 1);
        bits.set(5, 1, 1).unwrap();
        let list = json::parse_str(&format!(
            r#"{{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"{url}","type":["VerifiableCredential","BitstringStatusListCredential"],"issuer":"{issuer}","validFrom":"2026-01-01T00:00:00Z","validUntil":"2027-01-01T00:00:00Z","credentialSubject":{{"id":"{url}#list","type":"BitstringStatusList","statusPurpose":"revocation","encodedList":"{}"}}}}"#,
            bits.encode()
        ))
        .unwrap();
        let opts = ProofOptions {
            suite: Suite::EddsaJcs2022,
            verification_method: did::did_key_method(&proof::public_key(&seed)),
            purpose: Purpose::AssertionMethod,
            created: crate::Timestamp::from_unix_seconds(1_767_225_600),
            challenge: None,
            domain: None,
        };
        let signed = proof::sign(list.as_object().unwrap(), &opts, &seed).unwrap();
        let mut resources = Resources::new();
        resources.insert(url, json::to_string(&Value::Object(signed)).into_bytes());
        let cred = |index: u32| {
            json::parse_str(&format!(
                r#"{{"issuer":"{issuer}","credentialStatus":{{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"{index}","statusListCredential":"{url}"}}}}"#
            ))
            .unwrap()
        };
        let status_at = |index: u32, now: i64| {
            let options = Options::new(crate::Timestamp::from_unix_seconds(now));
            let mut r = Report::new(Kind::Credential);
            let ctx = Ctx {
                options: &options,
                resources: &resources,
                nested: false,
            };
            check_status(cred(index).as_object().unwrap(), &mut r, &ctx);
            r.checks[0].outcome
        };
        let during = 1_780_000_000; // 2026-05-28
        assert_eq!(status_at(4, during), Outcome::Pass);
        let key = (url.to_string(), Method::Bitstring, during);
        assert!(
            resources.work().status_lists.contains_key(&key),
            "the list is remembered"
        );
        // Same list from the memo, other entries read correctly.
        assert_eq!(status_at(5, during), Outcome::Fail(Code::Revoked));
        assert_eq!(status_at(6, during), Outcome::Pass);
        // Judged at another time the list is checked again: it has expired.
        assert_eq!(
            status_at(4, 1_800_000_000),
            Outcome::Fail(Code::StatusUnavailable)
        );
    }
}
