//! contract-check: plays an interface process against the real extension, through the Java test that plays the
//! node (ContractRoundTripTest). For every variant of the generated `Request` enum, in two rounds of sample values
//! (the widest: u32 4000000000, u64 above 2^63, i64::MAX, Some, two elements; and the narrowest: i64::MIN, 0, None,
//! empty), it encodes the request with `rmp_serde::to_vec_named` and with `rmp_serde::to_vec`, has the extension
//! answer it, decodes the reply with the generated `Reply::decode`, and compares what came back with what was sent.
//!
//! Protocol, one line each way (hex is lowercase; `-` for no bytes):
//!   out: request <variant> <named|positional> <high|low> <blob-hex>
//!   in:  reply <blob-hex>                        the reply's blob, or
//!   in:  none <reason>                           no reply came
//!   out: result <variant> <encoding> <round> ok same                  decoded; the echo equals the request
//!   out: result <variant> <encoding> <round> ok differs <sent> <got>  decoded; it does not
//!   out: result <variant> <encoding> <round> ok value                 decoded; nothing to compare (a unit variant)
//!   out: result <variant> <encoding> <round> err <message>            decoded: the extension answered an error
//!   out: result <variant> <encoding> <round> undecodable <why>        the reply is not the generated type
//!   out: result <variant> <encoding> <round> unanswered <reason>
//!   out: done <results>

mod contract;
mod sample;

use contract::{Reply, Request};
use sample::{Round, Sample};
use serde::Deserialize;
use std::io::{self, BufRead, Write};

fn main() {
    let variants = sample::variants::<Request>();
    let stdin = io::stdin();
    let mut input = stdin.lock().lines();
    let mut results = 0;
    for (index, variant) in variants.iter().enumerate() {
        for round in [Round::High, Round::Low] {
            let request = Request::deserialize(Sample::variant(round, index))
                .unwrap_or_else(|e| panic!("cannot make a sample of {variant}: {e}"));
            for (encoding, blob) in [
                ("named", rmp_serde::to_vec_named(&request).expect("to_vec_named")),
                ("positional", rmp_serde::to_vec(&request).expect("to_vec")),
            ] {
                let prefix = format!("{variant} {encoding} {}", round.name());
                say(&format!("request {prefix} {}", hex(&blob)));
                let answer = input.next().expect("the test closed stdin").expect("stdin");
                let outcome = match answer.split_once(' ') {
                    Some(("reply", reply)) => check(&request, &unhex(reply)),
                    _ => format!("unanswered {answer}"),
                };
                say(&format!("result {prefix} {outcome}"));
                results += 1;
            }
        }
    }
    say(&format!("done {results}"));
}

/// Decodes the reply as the generated type of the request's variant and compares it with the request.
fn check(request: &Request, reply: &[u8]) -> String {
    let decoded = match Reply::decode(request, &mut rmp_serde::Deserializer::new(reply)) {
        Ok(decoded) => decoded,
        Err(e) => return format!("undecodable {e}; the reply was {}", hex(reply)),
    };
    if let Some(error) = decoded.error() {
        return format!("err {}", error.replace(['\r', '\n'], " "));
    }
    // Both sides re-encoded positionally by Rust, so the comparison is of Rust values, field by field.
    let sent = payload(&rmp_serde::to_vec(request).expect("to_vec"));
    let got = ok_value(&payload(&rmp_serde::to_vec(&decoded).expect("to_vec")).expect("a Reply has a value"));
    match sent {
        None => "ok value".to_string(),
        Some(sent) if sent == got => "ok same".to_string(),
        Some(sent) => format!("ok differs {} {}", hex(&sent), hex(&got)),
    }
}

/// The value inside a one-entry map `{"Variant": value}`; None for a unit variant (a bare string).
fn payload(encoded: &[u8]) -> Option<Vec<u8>> {
    if encoded[0] != 0x81 {
        return None;
    }
    let name_length = string_length(&encoded[1..]);
    Some(encoded[1 + name_length..].to_vec())
}

/// A `Result`'s `{"Ok": value}` is its value; an unwrapped handler's value is as it is.
fn ok_value(reply: &[u8]) -> Vec<u8> {
    if reply.len() > 4 && reply[0] == 0x81 && reply[1..4] == [0xa2, b'O', b'k'] {
        return reply[4..].to_vec();
    }
    reply.to_vec()
}

/// The encoded length (marker included) of the MessagePack string at the start of `bytes`.
fn string_length(bytes: &[u8]) -> usize {
    match bytes[0] {
        marker @ 0xa0..=0xbf => 1 + (marker & 0x1f) as usize,
        0xd9 => 2 + bytes[1] as usize,
        0xda => 3 + u16::from_be_bytes([bytes[1], bytes[2]]) as usize,
        marker => panic!("a variant name must be a string, not marker {marker:#x}"),
    }
}

fn say(line: &str) {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    writeln!(out, "{line}").and_then(|_| out.flush()).expect("stdout");
}

fn hex(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "-".to_string();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    if text == "-" {
        return Vec::new();
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex")).collect()
}
