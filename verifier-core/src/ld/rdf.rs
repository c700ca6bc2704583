//! RDF terms and quads, the meeting point of JSON-LD (`jsonld`) and
//! canonicalization (`rdfc`).
use crate::report::Code;

use alloc::string::String;
use alloc::vec::Vec;

/// The datatype IRI of plain string literals.
pub const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
/// The datatype IRI of language-tagged strings.
pub const RDF_LANG_STRING: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

/// An RDF term.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Term {
    /// An absolute IRI.
    Iri(String),
    /// A blank node, by label without the `_:` prefix.
    Blank(String),
    /// A literal with its datatype IRI and, for `rdf:langString`, its language tag.
    Literal {
        /// Lexical form.
        value: String,
        /// Datatype IRI.
        datatype: String,
        /// Language tag, present only for language-tagged strings.
        language: Option<String>,
    },
}

/// An RDF quad; `graph` is `None` for the default graph.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quad {
    /// Subject: an IRI or a blank node.
    pub subject: Term,
    /// Predicate: an IRI.
    pub predicate: Term,
    /// Object: any term.
    pub object: Term,
    /// Graph name: an IRI or a blank node, `None` for the default graph.
    pub graph: Option<Term>,
}

impl Term {
    /// Builds an IRI term.
    pub fn iri(iri: impl Into<String>) -> Self {
        Term::Iri(iri.into())
    }

    /// Builds a blank node term from a label without `_:`.
    pub fn blank(label: impl Into<String>) -> Self {
        Term::Blank(label.into())
    }

    /// Builds a plain (`xsd:string`) literal.
    pub fn string(value: impl Into<String>) -> Self {
        Term::Literal {
            value: value.into(),
            datatype: String::from(XSD_STRING),
            language: None,
        }
    }

    /// Builds a typed literal.
    pub fn typed(value: impl Into<String>, datatype: impl Into<String>) -> Self {
        Term::Literal {
            value: value.into(),
            datatype: datatype.into(),
            language: None,
        }
    }

    /// Builds a language-tagged string.
    pub fn lang_string(value: impl Into<String>, language: impl Into<String>) -> Self {
        Term::Literal {
            value: value.into(),
            datatype: String::from(RDF_LANG_STRING),
            language: Some(language.into()),
        }
    }

    /// The label of a blank node, without `_:`.
    pub fn as_blank(&self) -> Option<&str> {
        match self {
            Term::Blank(b) => Some(b),
            _ => None,
        }
    }
}

/// Appends `term` in canonical N-Quads form; `relabel` writes the label of a
/// blank node (canonicalization hashes quads under substitute labels without
/// copying them).
pub(crate) fn write_term(out: &mut String, term: &Term, relabel: &dyn Fn(&str, &mut String)) {
    match term {
        Term::Iri(iri) => {
            // IRIs are written as they are: the de facto signers (rdf-canonize)
            // do not escape them, and a valid IRI has nothing to escape.
            out.push('<');
            out.push_str(iri);
            out.push('>');
        }
        Term::Blank(label) => {
            out.push_str("_:");
            relabel(label, out);
        }
        Term::Literal {
            value,
            datatype,
            language,
        } => {
            out.push('"');
            escape_literal(out, value);
            out.push('"');
            if let Some(lang) = language {
                out.push('@');
                out.push_str(lang);
            } else if datatype != XSD_STRING {
                out.push_str("^^<");
                out.push_str(datatype);
                out.push('>');
            }
        }
    }
}

/// Escapes a literal's lexical form as canonical N-Quads requires
/// (RDFC-1.0 appendix A): ECHAR for BS, HT, LF, FF, CR, `"` and `\`;
/// lowercase-`\u` UCHAR with uppercase hex for the other C0 controls, DEL and
/// the non-characters outside XML 1.1 `Char`; everything else verbatim.
fn escape_literal(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{0}'..='\u{1f}' | '\u{7f}' | '\u{fffe}' | '\u{ffff}' => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                let n = c as u32;
                out.push_str("\\u");
                for shift in [12u32, 8, 4, 0] {
                    out.push(char::from(HEX[((n >> shift) & 0xF) as usize]));
                }
            }
            _ => out.push(c),
        }
    }
}

/// Appends one quad in canonical N-Quads form (with its trailing LF), blank
/// nodes relabelled by `relabel`.
pub(crate) fn write_quad(out: &mut String, q: &Quad, relabel: &dyn Fn(&str, &mut String)) {
    write_term(out, &q.subject, relabel);
    out.push(' ');
    write_term(out, &q.predicate, relabel);
    out.push(' ');
    write_term(out, &q.object, relabel);
    out.push(' ');
    if let Some(g) = &q.graph {
        write_term(out, g, relabel);
        out.push(' ');
    }
    out.push_str(".\n");
}

/// Serializes one quad as a line of canonical N-Quads (RDFC-1.0 appendix A),
/// trailing `\n` included; blank nodes keep their labels.
pub fn quad_to_nquad(q: &Quad) -> String {
    let mut out = String::new();
    write_quad(&mut out, q, &|l, out| out.push_str(l));
    out
}

/// Why an N-Quads document could not be parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NQuadsErrorKind {
    /// A term or token is malformed, or something unexpected appears.
    Syntax,
    /// A `\u`/`\U` or `\x` escape is malformed or names no Unicode scalar value.
    InvalidEscape,
    /// An IRI is not absolute (has no scheme).
    RelativeIri,
    /// A term of the wrong kind for its position (e.g. a literal subject).
    InvalidPosition,
    /// The line ended before the statement was complete.
    UnexpectedEnd,
}

/// An N-Quads parse failure, with its 1-based line number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NQuadsError {
    /// What went wrong.
    pub kind: NQuadsErrorKind,
    /// 1-based line number.
    pub line: usize,
}

impl NQuadsError {
    /// The report code for this failure.
    pub fn code(&self) -> Code {
        Code::Malformed
    }
}

impl core::fmt::Display for NQuadsError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let what = match self.kind {
            NQuadsErrorKind::Syntax => "N-Quads syntax error",
            NQuadsErrorKind::InvalidEscape => "invalid escape sequence",
            NQuadsErrorKind::RelativeIri => "relative IRI (N-Quads needs absolute IRIs)",
            NQuadsErrorKind::InvalidPosition => "term not allowed in this position",
            NQuadsErrorKind::UnexpectedEnd => "statement ends unexpectedly",
        };
        write!(f, "{what} on line {}", self.line)
    }
}

/// Parses an N-Quads document (RDF 1.1 grammar: comments, `\u`/`\U` and
/// string escapes, CR/LF line ends). Never panics; work is linear in the input.
pub fn parse_nquads(s: &str) -> Result<Vec<Quad>, NQuadsError> {
    let mut quads = Vec::new();
    for (i, line) in s.split('\n').enumerate() {
        // EOL is [#xD#xA]+, so a CR alone also ends a statement.
        for part in line.split('\r') {
            let mut p = LineParser { s: part, i: 0 };
            match p.statement() {
                Ok(Some(q)) => quads.push(q),
                Ok(None) => {}
                Err(kind) => return Err(NQuadsError { kind, line: i + 1 }),
            }
        }
    }
    Ok(quads)
}

/// A cursor over one line of N-Quads.
struct LineParser<'a> {
    s: &'a str,
    i: usize,
}

impl LineParser<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i..).and_then(|r| r.chars().next())
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += c.len_utf8();
        Some(c)
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.i += 1;
        }
    }

    fn expect(&mut self, want: char) -> Result<(), NQuadsErrorKind> {
        match self.bump() {
            Some(c) if c == want => Ok(()),
            Some(_) => Err(NQuadsErrorKind::Syntax),
            None => Err(NQuadsErrorKind::UnexpectedEnd),
        }
    }

    /// One statement, or `None` for a blank or comment-only line.
    fn statement(&mut self) -> Result<Option<Quad>, NQuadsErrorKind> {
        self.ws();
        match self.peek() {
            None | Some('#') => return Ok(None),
            _ => {}
        }
        let subject = self.term()?;
        if !matches!(subject, Term::Iri(_) | Term::Blank(_)) {
            return Err(NQuadsErrorKind::InvalidPosition);
        }
        self.ws();
        let predicate = self.term()?;
        if !matches!(predicate, Term::Iri(_)) {
            return Err(NQuadsErrorKind::InvalidPosition);
        }
        self.ws();
        let object = self.term()?;
        self.ws();
        let graph = if self.peek() == Some('.') {
            None
        } else {
            let g = self.term()?;
            if !matches!(g, Term::Iri(_) | Term::Blank(_)) {
                return Err(NQuadsErrorKind::InvalidPosition);
            }
            self.ws();
            Some(g)
        };
        self.expect('.')?;
        self.ws();
        match self.peek() {
            None | Some('#') => Ok(Some(Quad {
                subject,
                predicate,
                object,
                graph,
            })),
            Some(_) => Err(NQuadsErrorKind::Syntax),
        }
    }

    fn term(&mut self) -> Result<Term, NQuadsErrorKind> {
        match self.peek() {
            Some('<') => Ok(Term::Iri(self.iri()?)),
            Some('_') => self.blank(),
            Some('"') => self.literal(),
            Some(_) => Err(NQuadsErrorKind::Syntax),
            None => Err(NQuadsErrorKind::UnexpectedEnd),
        }
    }

    /// IRIREF, unescaped and checked to be absolute.
    fn iri(&mut self) -> Result<String, NQuadsErrorKind> {
        self.expect('<')?;
        let mut out = String::new();
        loop {
            match self.bump() {
                None => return Err(NQuadsErrorKind::UnexpectedEnd),
                Some('>') => break,
                Some('\\') => {
                    let c = match self.bump() {
                        Some('u') => self.hex(4)?,
                        Some('U') => self.hex(8)?,
                        _ => return Err(NQuadsErrorKind::InvalidEscape),
                    };
                    // An escape cannot bring in what IRIREF forbids: such an
                    // IRI could not be written back as N-Quads (an escaped
                    // `>` would even end it early).
                    if !is_iriref_char(c) {
                        return Err(NQuadsErrorKind::InvalidEscape);
                    }
                    out.push(c);
                }
                Some(c) if !is_iriref_char(c) => return Err(NQuadsErrorKind::Syntax),
                Some(c) => out.push(c),
            }
        }
        if !has_scheme(&out) {
            return Err(NQuadsErrorKind::RelativeIri);
        }
        Ok(out)
    }

    /// `n` hex digits after `\u`/`\U`, as a Unicode scalar value.
    fn hex(&mut self, n: usize) -> Result<char, NQuadsErrorKind> {
        let mut v: u32 = 0;
        for _ in 0..n {
            let d = self
                .bump()
                .and_then(|c| c.to_digit(16))
                .ok_or(NQuadsErrorKind::InvalidEscape)?;
            v = (v << 4) | d;
        }
        char::from_u32(v).ok_or(NQuadsErrorKind::InvalidEscape)
    }

    /// BLANK_NODE_LABEL.
    fn blank(&mut self) -> Result<Term, NQuadsErrorKind> {
        self.expect('_')?;
        self.expect(':')?;
        let start = self.i;
        match self.bump() {
            Some(c) if is_pn_chars_u(c) || c.is_ascii_digit() => {}
            Some(_) => return Err(NQuadsErrorKind::Syntax),
            None => return Err(NQuadsErrorKind::UnexpectedEnd),
        }
        while let Some(c) = self.peek() {
            if is_pn_chars(c) || c == '.' {
                self.i += c.len_utf8();
            } else {
                break;
            }
        }
        // A label cannot end with '.', which then belongs to the statement.
        let mut label = self.s.get(start..self.i).ok_or(NQuadsErrorKind::Syntax)?;
        while let Some(stripped) = label.strip_suffix('.') {
            label = stripped;
            self.i -= 1;
        }
        Ok(Term::Blank(String::from(label)))
    }

    /// STRING_LITERAL_QUOTE with an optional language tag or datatype.
    fn literal(&mut self) -> Result<Term, NQuadsErrorKind> {
        self.expect('"')?;
        let mut value = String::new();
        loop {
            match self.bump() {
                None => return Err(NQuadsErrorKind::UnexpectedEnd),
                Some('"') => break,
                Some('\\') => {
                    let c = match self.bump() {
                        Some('t') => '\t',
                        Some('b') => '\u{8}',
                        Some('n') => '\n',
                        Some('r') => '\r',
                        Some('f') => '\u{c}',
                        Some('"') => '"',
                        Some('\'') => '\'',
                        Some('\\') => '\\',
                        Some('u') => self.hex(4)?,
                        Some('U') => self.hex(8)?,
                        _ => return Err(NQuadsErrorKind::InvalidEscape),
                    };
                    value.push(c);
                }
                Some(c) => value.push(c),
            }
        }
        match self.peek() {
            Some('@') => {
                self.i += 1;
                let start = self.i;
                let mut first = true;
                loop {
                    let part = self.i;
                    while matches!(self.peek(), Some(c) if c.is_ascii_alphabetic() || (!first && c.is_ascii_digit()))
                    {
                        self.i += 1;
                    }
                    if self.i == part {
                        return Err(NQuadsErrorKind::Syntax);
                    }
                    first = false;
                    if self.peek() == Some('-') {
                        self.i += 1;
                    } else {
                        break;
                    }
                }
                let lang = self.s.get(start..self.i).ok_or(NQuadsErrorKind::Syntax)?;
                Ok(Term::lang_string(value, lang))
            }
            Some('^') => {
                self.i += 1;
                self.expect('^')?;
                let datatype = self.iri()?;
                Ok(Term::typed(value, datatype))
            }
            _ => Ok(Term::string(value)),
        }
    }
}

/// A character IRIREF allows unescaped (escapes may not produce the others).
fn is_iriref_char(c: char) -> bool {
    !matches!(
        c,
        '\u{0}'..='\u{20}' | '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\'
    )
}

/// Whether `iri` starts with a URI scheme and a colon.
fn has_scheme(iri: &str) -> bool {
    let mut chars = iri.chars();
    if !matches!(chars.next(), Some(c) if c.is_ascii_alphabetic()) {
        return false;
    }
    for c in chars {
        match c {
            ':' => return true,
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {}
            _ => return false,
        }
    }
    false
}

/// PN_CHARS_BASE of the Turtle/N-Quads grammar.
fn is_pn_chars_base(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// PN_CHARS_U (N-Quads also allows `:` here).
fn is_pn_chars_u(c: char) -> bool {
    is_pn_chars_base(c) || c == '_' || c == ':'
}

/// PN_CHARS.
fn is_pn_chars(c: char) -> bool {
    is_pn_chars_u(c)
        || c.is_ascii_digit()
        || matches!(c, '-' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn serializes_canonical_escapes() {
        let q = Quad {
            subject: Term::blank("b0"),
            predicate: Term::iri("urn:ex:p"),
            object: Term::string("\u{0}\u{8}\t\n\u{b}\u{c}\r\"\\\u{7f}\u{80}\u{ffff}é"),
            graph: None,
        };
        assert_eq!(
            quad_to_nquad(&q),
            "_:b0 <urn:ex:p> \"\\u0000\\b\\t\\n\\u000B\\f\\r\\\"\\\\\\u007F\u{80}\\uFFFFé\" .\n"
        );
        let q = Quad {
            subject: Term::iri("urn:ex:s"),
            predicate: Term::iri("urn:ex:p"),
            object: Term::lang_string("hi", "en-GB"),
            graph: Some(Term::blank("g")),
        };
        assert_eq!(
            quad_to_nquad(&q),
            "<urn:ex:s> <urn:ex:p> \"hi\"@en-GB _:g .\n"
        );
        let q = Quad {
            object: Term::typed("1", "urn:ex:int"),
            graph: None,
            ..q
        };
        assert_eq!(
            quad_to_nquad(&q),
            "<urn:ex:s> <urn:ex:p> \"1\"^^<urn:ex:int> .\n"
        );
    }

    #[test]
    fn parses_and_round_trips() {
        let doc = "# comment\r\n_:a <urn:ex:p> \"x\\u0041\\U0001F303\"@en _:g. # trailing\n\n\
                   <urn:ex:s>\t<urn:ex:p> \"1\"^^<urn:ex:\\u0069nt> .";
        let quads = parse_nquads(doc).unwrap();
        assert_eq!(
            quads,
            vec![
                Quad {
                    subject: Term::blank("a"),
                    predicate: Term::iri("urn:ex:p"),
                    object: Term::lang_string("xA\u{1F303}", "en"),
                    graph: Some(Term::blank("g")),
                },
                Quad {
                    subject: Term::iri("urn:ex:s"),
                    predicate: Term::iri("urn:ex:p"),
                    object: Term::typed("1", "urn:ex:int"),
                    graph: None,
                },
            ]
        );
        for q in &quads {
            assert_eq!(parse_nquads(&quad_to_nquad(q)).unwrap(), vec![q.clone()]);
        }
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "<urn:ex:s> <urn:ex:p> <urn:ex:o>",
            "<s> <urn:ex:p> <urn:ex:o> .",
            "\"lit\" <urn:ex:p> <urn:ex:o> .",
            "<urn:ex:s> _:p <urn:ex:o> .",
            "<urn:ex:s> <urn:ex:p> \"\\uD800\" .",
            "<urn:ex:s> <urn:ex:p> \"x\"@ .",
            "<urn:ex:s> <urn:ex:p> \"x\"@en- .",
            "<urn:ex:s> <urn:ex:p> <urn:ex:o> \"g\" .",
            "<urn:ex:s> <urn:ex:p> <urn:ex:o> . x",
            "<urn:ex:s> <urn:ex:p> _:. .",
            "<urn:ex:s> <urn:ex:p> <urn:ex:a b> .",
            "<urn:ex:s> <urn:ex:p> \"\\u12",
        ] {
            assert!(parse_nquads(bad).is_err(), "{bad}");
        }
    }

    /// Found by fuzz/rdf: `\u007c` made an IRI holding `|`, which the
    /// serializer wrote raw and the parser then refused.
    #[test]
    fn rejects_escaped_iri_delimiters() {
        use alloc::format;
        let fuzz_case = "_:e1 <http:u0073\\u0074\\u007cab#next> _:voc.";
        assert_eq!(
            parse_nquads(fuzz_case).unwrap_err().kind,
            NQuadsErrorKind::InvalidEscape
        );
        for escape in ["\\u003E", "\\u0020", "\\u005C", "\\u0022", "\\U0000007B"] {
            let doc = format!("<urn:ex:s> <urn:ex:p> <urn:ex:a{escape}b> .");
            assert!(parse_nquads(&doc).is_err(), "{doc}");
        }
        // Escapes of allowed characters still read, and round-trip.
        let quads = parse_nquads("<urn:ex:s> <urn:ex:\\u0070> <urn:ex:\\u00E9> .").unwrap();
        assert_eq!(quads[0].object, Term::iri("urn:ex:é"));
        assert_eq!(parse_nquads(&quad_to_nquad(&quads[0])).unwrap(), quads);
    }
}
