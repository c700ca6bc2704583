//! Small helpers on JSON values shared by the algorithms.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use crate::encoding::json::{Object, Value};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Members in code point order of their keys (what jsonld.js iterates in,
/// which decides corner cases such as colliding keywords).
pub(super) fn sorted_entries(o: &Object) -> Vec<(&str, &Value)> {
    let mut v: Vec<(&str, &Value)> = o.iter().map(|(k, v)| (k.as_str(), v)).collect();
    crate::encoding::sort::sort_by(&mut v, |a, b| a.0.cmp(b.0));
    v
}

pub(super) fn obj1(k: &str, v: Value) -> Object {
    let mut o = Object::new();
    o.insert(k, v);
    o
}

pub(super) fn opt_string(s: Option<String>) -> Value {
    s.map_or(Value::Null, Value::String)
}

/// The value as an array (null becomes empty).
pub(super) fn as_array(v: Value) -> Value {
    match v {
        Value::Array(a) => Value::Array(a),
        Value::Null => Value::Array(Vec::new()),
        other => Value::Array(vec![other]),
    }
}

pub(super) trait IntoArray {
    fn into_array(self) -> Vec<Value>;
}

impl IntoArray for Value {
    fn into_array(self) -> Vec<Value> {
        match self {
            Value::Array(a) => a,
            Value::Null => Vec::new(),
            other => vec![other],
        }
    }
}

/// Removes and returns the object at `key` (a new one if absent).
pub(super) fn take_object(o: &mut Object, key: &str) -> Object {
    match o.remove(key) {
        Some(Value::Object(x)) => x,
        _ => Object::new(),
    }
}

/// JSON-LD "add value" with `as array`: `key` always ends up an array.
pub(super) fn add_value(o: &mut Object, key: &str, value: Value) {
    let mut arr = match o.remove(key) {
        Some(Value::Array(a)) => a,
        Some(other) => vec![other],
        None => Vec::new(),
    };
    match value {
        Value::Array(items) => arr.extend(items),
        v => arr.push(v),
    }
    o.insert(key, Value::Array(arr));
}

pub(super) fn is_value_object(v: &Value) -> bool {
    v.get("@value").is_some()
}

pub(super) fn is_list_object(v: &Value) -> bool {
    v.get("@list").is_some()
}

pub(super) fn is_node_object(v: &Value) -> bool {
    match v {
        Value::Object(o) => {
            !(o.contains_key("@value") || o.contains_key("@list") || o.contains_key("@set"))
        }
        _ => false,
    }
}

pub(super) fn is_graph_object(v: &Value) -> bool {
    match v {
        Value::Object(o) => {
            o.contains_key("@graph")
                && o.keys()
                    .all(|k| matches!(k.as_str(), "@graph" | "@id" | "@index" | "@context"))
        }
        _ => false,
    }
}

/// JSON-LD value equality: members unordered, numbers by value.
pub(super) fn ld_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| ld_equal(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| ld_equal(v, w))
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}
