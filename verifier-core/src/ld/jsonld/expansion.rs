//! Expansion (the JSON-LD 1.1 expansion algorithm and value expansion): a
//! document under its active context becomes expanded node objects.

use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::cache::INITIAL;
use super::context::{
    Context, Direction, TermDef, C_GRAPH, C_ID, C_INDEX, C_LANGUAGE, C_LIST, C_TYPE,
};
use super::helpers::{
    add_value, as_array, is_graph_object, is_list_object, is_node_object, is_value_object, obj1,
    opt_string, sorted_entries, take_object, IntoArray,
};
use super::iri::{is_absolute_iri, is_absolute_or_blank, is_keyword, wellformed_language};
use super::processor::{excerpt, excerpt_value, Processor};
use super::{JsonLdError, LimitKind, SafeModeEvent};
use crate::encoding::json::{Object, Value};
use crate::encoding::sort::sort;

impl Processor<'_> {
    pub(super) fn expand_document(&mut self, doc: &Value) -> Result<Value, JsonLdError> {
        let base = self.opts.base.clone();
        let mut active = Rc::new(Context {
            base: base.clone(),
            original_base: base.clone(),
            // The same in every call: processed contexts built on it are shared.
            shared: (self.shared.is_some() && base.is_none()).then_some(INITIAL),
            ..Context::default()
        });
        if let Some(ec) = &self.opts.expand_context {
            let local = match ec {
                Value::Object(o) if o.contains_key("@context") => o.get("@context").unwrap_or(ec),
                other => other,
            };
            active =
                self.process_context(&active, local, base.as_deref(), &[], false, true, true)?;
        }
        let expanded = self.expand_element(&active, None, doc, base.as_deref(), false)?;
        Ok(match expanded {
            Value::Object(mut o) if o.len() == 1 && o.contains_key("@graph") => {
                as_array(o.remove("@graph").unwrap_or(Value::Null))
            }
            Value::Null => Value::Array(Vec::new()),
            Value::Array(a) => Value::Array(a),
            other => Value::Array(vec![other]),
        })
    }
    // -- expansion ------------------------------------------------------------

    fn expand_element(
        &mut self,
        ctx: &Rc<Context>,
        ap: Option<&str>,
        element: &Value,
        base_url: Option<&str>,
        from_map: bool,
    ) -> Result<Value, JsonLdError> {
        self.enter()?;
        let r = self.expand_element_inner(ctx, ap, element, base_url, from_map);
        self.leave();
        r
    }

    fn expand_element_inner(
        &mut self,
        ctx: &Rc<Context>,
        ap: Option<&str>,
        element: &Value,
        base_url: Option<&str>,
        from_map: bool,
    ) -> Result<Value, JsonLdError> {
        self.nodes += 1;
        if self.nodes > self.opts.limits.max_nodes {
            return Err(JsonLdError::LimitExceeded(LimitKind::Nodes));
        }
        let ap_def: Option<Rc<TermDef>> = ap.and_then(|p| ctx.terms.get(p).cloned());
        match element {
            Value::Null => Ok(Value::Null),
            Value::Array(items) => {
                let list = ap_def.as_ref().is_some_and(|d| d.container & C_LIST != 0);
                let mut out = Vec::new();
                for item in items {
                    let mut e = self.expand_element(ctx, ap, item, base_url, from_map)?;
                    if list && matches!(e, Value::Array(_)) {
                        e = Value::Object(obj1("@list", e));
                    }
                    match e {
                        Value::Array(v) => out.extend(v),
                        Value::Null => {}
                        other => out.push(other),
                    }
                }
                Ok(Value::Array(out))
            }
            Value::Object(elem) => self.expand_map(ctx, ap, ap_def, elem, base_url, from_map),
            scalar => {
                if ap.is_none() || ap == Some("@graph") {
                    self.lose(|| SafeModeEvent::FreeFloatingScalar(excerpt_value(scalar)))?;
                    return Ok(Value::Null);
                }
                let ctx = match ap_def
                    .as_ref()
                    .and_then(|d| d.context.as_ref().map(|c| (c, d)))
                {
                    Some((c, d)) => {
                        self.process_scoped(ctx, c, d.base_url.as_deref(), true, true)?
                    }
                    None => ctx.clone(),
                };
                let v = value_expand(&ctx, ap, scalar);
                if let (Some(Value::Null), Value::String(s)) = (v.get("@id"), scalar) {
                    // An @id-typed string of keyword form (`@foo`).
                    self.lose(|| SafeModeEvent::ReservedId(excerpt(s)))?;
                }
                Ok(v)
            }
        }
    }

    fn expand_map(
        &mut self,
        ctx_in: &Rc<Context>,
        ap: Option<&str>,
        ap_def: Option<Rc<TermDef>>,
        elem: &Object,
        base_url: Option<&str>,
        from_map: bool,
    ) -> Result<Value, JsonLdError> {
        let mut ctx = ctx_in.clone();
        // A non-propagated (type-scoped) context ends at the next node object.
        if let Some(prev) = ctx.previous.clone() {
            if !from_map {
                let mut keys = elem.keys().map(|k| ctx.expand_iri(k, false, true));
                let has_value = elem
                    .keys()
                    .any(|k| ctx.expand_iri(k, false, true).as_deref() == Some("@value"));
                let only_id = elem.len() == 1 && keys.next().flatten().as_deref() == Some("@id");
                if !has_value && !only_id {
                    ctx = prev;
                }
            }
        }
        if let Some(d) = &ap_def {
            if let Some(c) = &d.context {
                ctx = self.process_scoped(&ctx, c, d.base_url.as_deref(), true, true)?;
            }
        }
        if let Some(lc) = elem.get("@context") {
            ctx = self.process_context(&ctx, lc, base_url, &[], false, true, true)?;
        }
        let type_scoped = ctx.clone();
        let mut type_keys: Vec<&str> = elem
            .keys()
            .map(String::as_str)
            .filter(|k| ctx.expand_iri(k, false, true).as_deref() == Some("@type"))
            .collect();
        sort(&mut type_keys);
        for k in &type_keys {
            let mut terms: Vec<&str> = elem
                .get(k)
                .map(|v| v.one_or_many().iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            sort(&mut terms);
            for t in terms {
                if let Some(d) = type_scoped.terms.get(t).cloned() {
                    if let Some(c) = &d.context {
                        ctx = self.process_scoped(&ctx, c, d.base_url.as_deref(), false, false)?;
                    }
                }
            }
        }
        let input_type: Option<String> = type_keys.first().and_then(|k| {
            let v = elem.get(k)?;
            let last = match v {
                Value::Array(a) => a.last()?,
                other => other,
            };
            last.as_str().and_then(|s| ctx.expand_iri(s, false, true))
        });
        let mut result = Object::new();
        self.expand_object(
            &ctx,
            &type_scoped,
            ap,
            elem,
            base_url,
            input_type.as_deref(),
            &mut result,
        )?;

        // Post-processing of the expanded map.
        if result.contains_key("@value") {
            const ALLOWED: &[&str] = &["@direction", "@index", "@language", "@type", "@value"];
            if result.keys().any(|k| !ALLOWED.contains(&k.as_str()))
                || (result.contains_key("@type")
                    && (result.contains_key("@language") || result.contains_key("@direction")))
            {
                return Err(JsonLdError::InvalidValueObject);
            }
            let ty = result.get("@type");
            if ty.and_then(Value::as_str) != Some("@json") {
                match result.get("@value") {
                    None | Some(Value::Null) => {
                        self.lose(|| SafeModeEvent::NullValue)?;
                        return Ok(Value::Null);
                    }
                    Some(Value::Array(a)) if a.is_empty() => {
                        self.lose(|| SafeModeEvent::NullValue)?;
                        return Ok(Value::Null);
                    }
                    Some(v) => {
                        if v.as_str().is_none() && result.contains_key("@language") {
                            return Err(JsonLdError::InvalidLanguageTaggedValue);
                        }
                    }
                }
                if let Some(t) = ty {
                    match t {
                        Value::String(s) if is_absolute_iri(s) => {}
                        _ => return Err(JsonLdError::InvalidTypedValue),
                    }
                }
            }
        } else if matches!(result.get("@type"), Some(t) if t.as_array().is_none()) {
            if let Some(t) = result.remove("@type") {
                result.insert("@type", Value::Array(vec![t]));
            }
        } else if result.contains_key("@set") || result.contains_key("@list") {
            if result.len() > 2 || (result.len() == 2 && !result.contains_key("@index")) {
                return Err(JsonLdError::InvalidSetOrListObject);
            }
            if let Some(set) = result.remove("@set") {
                return Ok(set);
            }
        }
        if result.len() == 1 && result.contains_key("@language") {
            self.lose(|| SafeModeEvent::OnlyLanguage)?;
            return Ok(Value::Null);
        }
        let top = ap.is_none() || ap == Some("@graph");
        // jsonld.js also drops these objects as the value of a property
        // with an `@graph` container (safe mode rejects them there too).
        let graph_container = ap_def.as_ref().is_some_and(|d| d.container & C_GRAPH != 0);
        if top || (self.opts.safe && graph_container) {
            let only_id = result.len() == 1 && result.contains_key("@id");
            if result.is_empty() {
                self.lose(|| SafeModeEvent::EmptyObject)?;
            } else if result.contains_key("@value") {
                self.lose(|| SafeModeEvent::TopLevelValue)?;
            } else if result.contains_key("@list") {
                self.lose(|| SafeModeEvent::TopLevelList)?;
            } else if only_id {
                self.lose(|| {
                    let id = result.get("@id").and_then(Value::as_str).unwrap_or("");
                    SafeModeEvent::OnlyId(excerpt(id))
                })?;
            }
            if top
                && (result.is_empty()
                    || result.contains_key("@value")
                    || result.contains_key("@list")
                    || only_id)
            {
                return Ok(Value::Null);
            }
        }
        Ok(Value::Object(result))
    }

    /// Expansion step 13/14: the entries of `elem` into `result`, then its
    /// `@nest`ed objects, recursively.
    #[allow(clippy::too_many_arguments)]
    fn expand_object(
        &mut self,
        ctx: &Rc<Context>,
        type_scoped: &Rc<Context>,
        ap: Option<&str>,
        elem: &Object,
        base_url: Option<&str>,
        input_type: Option<&str>,
        result: &mut Object,
    ) -> Result<(), JsonLdError> {
        use JsonLdError as E;
        let mut nests: Vec<&str> = Vec::new();
        for (key, value) in sorted_entries(elem) {
            if key == "@context" {
                continue;
            }
            let ep = match ctx.expand_iri(key, false, true) {
                Some(e)
                    if is_keyword(&e)
                        || (e.contains(':') && (!self.opts.safe || is_absolute_or_blank(&e))) =>
                {
                    e
                }
                _ => {
                    self.lose(|| match ctx.term(key) {
                        Some(d) if d.iri.is_none() => SafeModeEvent::NullTerm(excerpt(key)),
                        _ => SafeModeEvent::UndefinedTerm(excerpt(key)),
                    })?;
                    continue;
                }
            };
            if is_keyword(&ep) {
                if self.expand_keyword(
                    ctx,
                    type_scoped,
                    ap,
                    &ep,
                    value,
                    base_url,
                    input_type,
                    result,
                )? {
                    nests.push(key);
                }
            } else {
                self.expand_property(ctx, key, &ep, value, base_url, result)?;
            }
        }

        let mut nest_keys = nests;
        sort(&mut nest_keys);
        for nk in nest_keys {
            let Some(nv) = elem.get(nk) else { continue };
            for nested in nv.one_or_many() {
                let Value::Object(no) = nested else {
                    return Err(E::InvalidNestValue);
                };
                if no
                    .keys()
                    .any(|k| ctx.expand_iri(k, false, true).as_deref() == Some("@value"))
                {
                    return Err(E::InvalidNestValue);
                }
                let nctx = match ctx.terms.get(nk).cloned() {
                    Some(d) => match &d.context {
                        Some(c) => {
                            self.process_scoped(ctx, c, d.base_url.as_deref(), true, true)?
                        }
                        None => ctx.clone(),
                    },
                    None => ctx.clone(),
                };
                self.enter()?;
                let r = self.expand_object(
                    &nctx,
                    type_scoped,
                    Some(nk),
                    no,
                    base_url,
                    input_type,
                    result,
                );
                self.leave();
                r?;
            }
        }
        Ok(())
    }

    /// One keyword entry of a map being expanded; `Ok(true)` for `@nest`,
    /// whose objects are expanded after the other entries. Separate from
    /// [`Self::expand_object`] to keep the recursive frames small.
    #[allow(clippy::too_many_arguments)]
    fn expand_keyword(
        &mut self,
        ctx: &Rc<Context>,
        type_scoped: &Rc<Context>,
        ap: Option<&str>,
        ep: &str,
        value: &Value,
        base_url: Option<&str>,
        input_type: Option<&str>,
        result: &mut Object,
    ) -> Result<bool, JsonLdError> {
        use JsonLdError as E;
        let ep = String::from(ep);
        if ap == Some("@reverse") {
            return Err(E::InvalidReversePropertyMap);
        }
        if result.contains_key(&ep) && ep != "@included" && ep != "@type" {
            return Err(E::CollidingKeywords);
        }
        let ev: Value = match ep.as_str() {
            "@id" => match value {
                // An @id of keyword form is ignored, leaving a node
                // with a null @id (no triples), as in expand#t0122.
                Value::String(s) => {
                    let id = ctx.expand_iri(s, true, false);
                    match &id {
                        None => self.lose(|| SafeModeEvent::ReservedId(excerpt(s)))?,
                        Some(i) if !is_absolute_or_blank(i) => {
                            self.lose(|| SafeModeEvent::RelativeId(excerpt(s)))?
                        }
                        Some(_) => {}
                    }
                    result.insert("@id", opt_string(id));
                    return Ok(false);
                }
                _ => return Err(E::InvalidIdValue),
            },
            "@type" => {
                let strs: Vec<&str> = match value {
                    Value::String(s) => vec![s.as_str()],
                    Value::Array(a) => {
                        let mut v = Vec::new();
                        for x in a {
                            v.push(x.as_str().ok_or(E::InvalidTypeValue)?);
                        }
                        v
                    }
                    _ => return Err(E::InvalidTypeValue),
                };
                let mut exp: Vec<Value> = Vec::with_capacity(strs.len());
                for s in strs {
                    let t = type_scoped.expand_iri(s, true, true);
                    if !t
                        .as_deref()
                        .is_some_and(|t| t == "@json" || is_absolute_or_blank(t))
                    {
                        self.lose(|| SafeModeEvent::RelativeType(excerpt(s)))?;
                    }
                    exp.extend(t.map(Value::String));
                }
                match result.remove("@type") {
                    Some(existing) => {
                        let mut all = as_array(existing).into_array();
                        all.append(&mut exp);
                        Value::Array(all)
                    }
                    None if matches!(value, Value::String(_)) && exp.len() == 1 => {
                        exp.pop().unwrap_or(Value::Null)
                    }
                    None => Value::Array(exp),
                }
            }
            "@graph" => {
                as_array(self.expand_element(ctx, Some("@graph"), value, base_url, false)?)
            }
            "@included" => {
                if self.mode10() {
                    return Ok(false);
                }
                // Expanded under a non-null property so that scalars
                // and value objects survive to be rejected (in07-in09).
                let ex = as_array(self.expand_element(
                    ctx,
                    Some("@included"),
                    value,
                    base_url,
                    false,
                )?)
                .into_array();
                if !ex.iter().all(is_node_object) {
                    return Err(E::InvalidIncludedValue);
                }
                let mut all = result
                    .remove("@included")
                    .map(|v| as_array(v).into_array())
                    .unwrap_or_default();
                all.extend(ex);
                Value::Array(all)
            }
            "@value" => {
                if input_type == Some("@json") {
                    if self.mode10() {
                        return Err(E::InvalidValueObjectValue);
                    }
                } else if matches!(value, Value::Object(_) | Value::Array(_)) {
                    return Err(E::InvalidValueObjectValue);
                }
                result.insert("@value", value.clone());
                return Ok(false);
            }
            "@language" => match value {
                Value::String(s) => {
                    if !wellformed_language(s) {
                        self.lose(|| SafeModeEvent::InvalidLanguage(excerpt(s)))?;
                    }
                    value.clone()
                }
                _ => return Err(E::InvalidLanguageTaggedString),
            },
            "@direction" => {
                if self.mode10() {
                    return Ok(false);
                }
                match value.as_str().and_then(Direction::parse) {
                    Some(_) => value.clone(),
                    None => return Err(E::InvalidBaseDirection),
                }
            }
            "@index" => match value {
                Value::String(_) => value.clone(),
                _ => return Err(E::InvalidIndexValue),
            },
            "@list" => {
                if ap.is_none() || ap == Some("@graph") {
                    self.lose(|| SafeModeEvent::TopLevelList)?;
                    return Ok(false);
                }
                as_array(self.expand_element(ctx, ap, value, base_url, false)?)
            }
            "@set" => self.expand_element(ctx, ap, value, base_url, false)?,
            "@reverse" => {
                if !matches!(value, Value::Object(_)) {
                    return Err(E::InvalidReverseValue);
                }
                let ev = self.expand_element(ctx, Some("@reverse"), value, base_url, false)?;
                if let Value::Object(mut evo) = ev {
                    if let Some(Value::Object(rr)) = evo.remove("@reverse") {
                        for (p, items) in rr.iter() {
                            add_value(result, p, items.clone());
                        }
                    }
                    if !evo.is_empty() {
                        let mut rmap = take_object(result, "@reverse");
                        for (p, items) in evo.iter() {
                            for item in items.one_or_many() {
                                if is_value_object(item) || is_list_object(item) {
                                    return Err(E::InvalidReversePropertyValue);
                                }
                                add_value(&mut rmap, p, Value::Array(vec![item.clone()]));
                            }
                        }
                        result.insert("@reverse", Value::Object(rmap));
                    }
                }
                return Ok(false);
            }
            "@nest" => return Ok(true),
            _ => {
                self.lose(|| SafeModeEvent::IgnoredKeyword(ep.clone()))?;
                return Ok(false);
            }
        };
        if !matches!(ev, Value::Null) {
            result.insert(ep, ev);
        }
        Ok(false)
    }

    /// One property entry (a term, compact IRI or IRI) of a map being expanded.
    fn expand_property(
        &mut self,
        ctx: &Rc<Context>,
        key: &str,
        ep: &str,
        value: &Value,
        base_url: Option<&str>,
        result: &mut Object,
    ) -> Result<(), JsonLdError> {
        use JsonLdError as E;
        // A property.
        let def: Option<Rc<TermDef>> = ctx.terms.get(key).cloned();
        let container = def.as_ref().map_or(0, |d| d.container);
        let mut ev: Value = if def.as_ref().and_then(|d| d.type_mapping.as_deref()) == Some("@json")
        {
            let mut o = obj1("@value", value.clone());
            o.insert("@type", Value::from("@json"));
            Value::Object(o)
        } else if let (true, Value::Object(lm)) = (container & C_LANGUAGE != 0, value) {
            let dir = match def.as_ref().and_then(|d| d.direction) {
                Some(d) => d,
                None => ctx.direction,
            };
            let mut out = Vec::new();
            for (lang, lv) in sorted_entries(lm) {
                for item in lv.one_or_many() {
                    match item {
                        Value::Null => continue,
                        Value::String(_) => {}
                        _ => return Err(E::InvalidLanguageMapValue),
                    }
                    let mut v = obj1("@value", item.clone());
                    if lang != "@none"
                        && ctx.expand_iri(lang, false, true).as_deref() != Some("@none")
                    {
                        if !wellformed_language(lang) {
                            self.lose(|| SafeModeEvent::InvalidLanguage(excerpt(lang)))?;
                        }
                        v.insert("@language", Value::from(lang));
                    }
                    if let Some(d) = dir {
                        v.insert("@direction", Value::from(d.as_str()));
                    }
                    out.push(Value::Object(v));
                }
            }
            Value::Array(out)
        } else if let (true, Value::Object(im), Some(d)) = (
            container & (C_INDEX | C_TYPE | C_ID) != 0,
            value,
            def.as_ref(),
        ) {
            self.expand_index_map(ctx, key, d, im, base_url)?
        } else {
            self.expand_element(ctx, Some(key), value, base_url, false)?
        };
        if matches!(ev, Value::Null) {
            return Ok(());
        }
        if container & C_LIST != 0 && !is_list_object(&ev) {
            ev = Value::Object(obj1("@list", as_array(ev)));
        }
        if container & C_GRAPH != 0 && container & (C_ID | C_INDEX) == 0 {
            let items = as_array(ev).into_array();
            ev = Value::Array(
                items
                    .into_iter()
                    .map(|e| Value::Object(obj1("@graph", as_array(e))))
                    .collect(),
            );
        }
        if def.as_ref().is_some_and(|d| d.reverse) {
            let mut rmap = take_object(result, "@reverse");
            for item in as_array(ev).into_array() {
                if is_value_object(&item) || is_list_object(&item) {
                    return Err(E::InvalidReversePropertyValue);
                }
                add_value(&mut rmap, ep, Value::Array(vec![item]));
            }
            result.insert("@reverse", Value::Object(rmap));
        } else {
            add_value(result, ep, ev);
        }
        Ok(())
    }

    fn expand_index_map(
        &mut self,
        ctx: &Rc<Context>,
        key: &str,
        def: &TermDef,
        map: &Object,
        base_url: Option<&str>,
    ) -> Result<Value, JsonLdError> {
        let container = def.container;
        let index_key = def.index.as_deref().unwrap_or("@index");
        let mut out = Vec::new();
        for (index, iv) in sorted_entries(map) {
            let mut map_ctx = if container & (C_ID | C_TYPE) != 0 {
                ctx.previous.clone().unwrap_or_else(|| ctx.clone())
            } else {
                ctx.clone()
            };
            if container & C_TYPE != 0 {
                if let Some(d) = map_ctx.terms.get(index).cloned() {
                    if let Some(c) = &d.context {
                        map_ctx =
                            self.process_scoped(&map_ctx, c, d.base_url.as_deref(), false, false)?;
                    }
                }
            }
            let expanded_index = ctx.expand_iri(index, true, true);
            let is_none = expanded_index.as_deref() == Some("@none");
            let items = as_array(self.expand_element(&map_ctx, Some(key), iv, base_url, true)?)
                .into_array();
            for mut item in items {
                if container & C_GRAPH != 0 && !is_graph_object(&item) {
                    item = Value::Object(obj1("@graph", as_array(item)));
                }
                if let Value::Object(o) = &mut item {
                    if container & C_INDEX != 0 && index_key != "@index" && !is_none {
                        if o.contains_key("@value") {
                            return Err(JsonLdError::InvalidValueObject);
                        }
                        let re = value_expand(ctx, Some(index_key), &Value::from(index));
                        if let Some(eik) = ctx.expand_iri(index_key, false, true) {
                            let mut vals = vec![re];
                            if let Some(existing) = o.remove(&eik) {
                                vals.extend(as_array(existing).into_array());
                            }
                            o.insert(eik, Value::Array(vals));
                        }
                    } else if container & C_INDEX != 0 && !o.contains_key("@index") && !is_none {
                        o.insert("@index", Value::from(index));
                    } else if container & C_ID != 0 && !o.contains_key("@id") && !is_none {
                        match ctx.expand_iri(index, true, false) {
                            Some(id) => o.insert("@id", Value::String(id)),
                            None => self.lose(|| SafeModeEvent::ReservedId(excerpt(index)))?,
                        }
                    } else if container & C_TYPE != 0 && !is_none {
                        if let Some(t) = &expanded_index {
                            let mut types = vec![Value::String(t.clone())];
                            if let Some(existing) = o.remove("@type") {
                                types.extend(as_array(existing).into_array());
                            }
                            o.insert("@type", Value::Array(types));
                        }
                    }
                }
                out.push(item);
            }
        }
        Ok(Value::Array(out))
    }
}

/// Value expansion of a scalar under `ap`'s term definition.
fn value_expand(ctx: &Context, ap: Option<&str>, value: &Value) -> Value {
    let def = ap.and_then(|p| ctx.term(p));
    let tm = def.and_then(|d| d.type_mapping.as_deref());
    if let Value::String(s) = value {
        match tm {
            Some("@id") => {
                return Value::Object(obj1("@id", opt_string(ctx.expand_iri(s, true, false))))
            }
            Some("@vocab") => {
                return Value::Object(obj1("@id", opt_string(ctx.expand_iri(s, true, true))))
            }
            _ => {}
        }
    }
    let mut r = obj1("@value", value.clone());
    match tm {
        Some(t) if t != "@id" && t != "@vocab" && t != "@none" => {
            r.insert("@type", Value::from(t));
        }
        _ => {
            if let Value::String(_) = value {
                let lang = match def.and_then(|d| d.language.as_ref()) {
                    Some(l) => l.clone(),
                    None => ctx.language.clone(),
                };
                let dir = match def.and_then(|d| d.direction) {
                    Some(d) => d,
                    None => ctx.direction,
                };
                if let Some(l) = lang {
                    r.insert("@language", Value::String(l));
                }
                if let Some(d) = dir {
                    r.insert("@direction", Value::from(d.as_str()));
                }
            }
        }
    }
    Value::Object(r)
}
