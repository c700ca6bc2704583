//! The widget's hand-written TypeScript declarations against the core:
//! the failure codes `index.d.ts` promises are exactly the codes reports
//! carry. (`tsc -p widget/js`, a stage of `cargo xtask test`, checks that
//! the declarations themselves compile against their usage.)

use std::path::Path;

use mcx_verifier_core::ALL_CODES;

/// The string members of `export type NAME = 'a' | 'b' …;` in `index.d.ts`.
fn union(declarations: &str, name: &str) -> Vec<String> {
    let head = format!("export type {name} =");
    let start = declarations
        .find(&head)
        .unwrap_or_else(|| panic!("index.d.ts has no `{head}`"))
        + head.len();
    let body = &declarations[start..];
    let body = &body[..body.find(';').expect("the union ends with `;`")];
    let members: Vec<String> = body
        .split('|')
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(|m| {
            m.strip_prefix('\'')
                .and_then(|m| m.strip_suffix('\''))
                .unwrap_or_else(|| panic!("`{m}` in {name} is not a 'string'"))
                .to_string()
        })
        .collect();
    assert!(!members.is_empty(), "{name} is empty");
    members
}

#[test]
fn the_declared_failure_codes_are_the_cores() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../widget/js/index.d.ts");
    let declarations = std::fs::read_to_string(&path).expect("widget/js/index.d.ts");
    let mut declared = union(&declarations, "FailureCode");
    declared.sort();
    let before = declared.len();
    declared.dedup();
    assert_eq!(before, declared.len(), "a code is declared twice");
    let mut core: Vec<String> = ALL_CODES.iter().map(|c| c.as_str().to_string()).collect();
    core.sort();
    assert_eq!(
        declared, core,
        "FailureCode in widget/js/index.d.ts (left) must list the core's codes (right, ALL_CODES)"
    );
}
