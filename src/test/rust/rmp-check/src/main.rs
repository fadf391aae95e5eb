//! rmp-check: a reference peer for the Java frame codec (RmpSerdeCompatibilityTest).
//!
//! It mirrors the node's `HttpServerAction::WebSocketExtPushData` frame type and runs it through the real
//! `rmp_serde` 1.x, the MessagePack serializer the Hyperware node uses, so the Java test can check that both
//! sides write and read the same bytes. Written from the project's wire-protocol notes (frames, section 2), not
//! copied from the node's source.
//!
//! Protocol: one command per line on stdin, one answer line per command on stdout (flushed).
//! Byte strings are lowercase hex; an empty byte string is written `-`.
//!
//!   parse <hex>                           -> ok <id> <Request|Response> <blob-hex> | err <message>
//!   parse-kinode <hex>                    -> the same, for the Kinode (<= 1.0.0) field name
//!   named <id> <Request|Response> <blob>  -> <hex of rmp_serde::to_vec_named>      | err <message>
//!   named-kinode <id> <type> <blob>       -> the same, Kinode field name
//!   positional <id> <type> <blob>         -> <hex of rmp_serde::to_vec>            | err <message>

use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, Write};

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
enum MessageType {
    Request,
    Response,
}

/// The frame as Hyperdrive 1.1.0 and later declare it.
#[derive(Serialize, Deserialize, Debug)]
enum HttpServerAction {
    WebSocketExtPushData {
        id: u64,
        hyperware_message_type: MessageType,
        blob: Vec<u8>,
    },
}

/// The frame as Kinode nodes up to 1.0.0 declare it: same variant, older field name.
mod kinode {
    use super::MessageType;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug)]
    pub enum HttpServerAction {
        WebSocketExtPushData {
            id: u64,
            kinode_message_type: MessageType,
            blob: Vec<u8>,
        },
    }
}

/// The three fields every frame carries, whichever field name it uses.
struct Fields {
    id: u64,
    message_type: MessageType,
    blob: Vec<u8>,
}

fn main() {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for line in stdin.lock().lines() {
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                eprintln!("rmp-check: cannot read stdin: {}", e);
                return;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let answer = match answer(&line) {
            Ok(text) => text,
            Err(message) => format!("err {}", message.replace(['\r', '\n'], " ")),
        };
        if writeln!(out, "{}", answer).and_then(|_| out.flush()).is_err() {
            return; // the test went away
        }
    }
}

fn answer(line: &str) -> Result<String, String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        ["parse", hex] => {
            let frame: HttpServerAction = rmp_serde::from_slice(&from_hex(hex)?).map_err(|e| e.to_string())?;
            let HttpServerAction::WebSocketExtPushData { id, hyperware_message_type, blob } = frame;
            Ok(parsed(Fields { id, message_type: hyperware_message_type, blob }))
        }
        ["parse-kinode", hex] => {
            let frame: kinode::HttpServerAction =
                rmp_serde::from_slice(&from_hex(hex)?).map_err(|e| e.to_string())?;
            let kinode::HttpServerAction::WebSocketExtPushData { id, kinode_message_type, blob } = frame;
            Ok(parsed(Fields { id, message_type: kinode_message_type, blob }))
        }
        [command, id, message_type, blob] => {
            let f = fields(id, message_type, blob)?;
            let bytes = match *command {
                "named" => rmp_serde::to_vec_named(&hyperware(f)),
                "positional" => rmp_serde::to_vec(&hyperware(f)),
                "named-kinode" => rmp_serde::to_vec_named(&kinode::HttpServerAction::WebSocketExtPushData {
                    id: f.id,
                    kinode_message_type: f.message_type,
                    blob: f.blob,
                }),
                other => return Err(format!("unknown command {}", other)),
            };
            bytes.map(|b| to_hex(&b)).map_err(|e| e.to_string())
        }
        _ => Err(format!("cannot understand command: {}", line)),
    }
}

fn hyperware(f: Fields) -> HttpServerAction {
    HttpServerAction::WebSocketExtPushData { id: f.id, hyperware_message_type: f.message_type, blob: f.blob }
}

fn parsed(f: Fields) -> String {
    format!("ok {} {:?} {}", f.id, f.message_type, to_hex(&f.blob))
}

fn fields(id: &str, message_type: &str, blob: &str) -> Result<Fields, String> {
    let id = id.parse::<u64>().map_err(|e| format!("bad id {}: {}", id, e))?;
    let message_type = match message_type {
        "Request" => MessageType::Request,
        "Response" => MessageType::Response,
        other => return Err(format!("bad message type {}", other)),
    };
    Ok(Fields { id, message_type, blob: from_hex(blob)? })
}

fn to_hex(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "-".to_string();
    }
    bytes.iter().map(|b| format!("{:02x}", b)).collect()
}

fn from_hex(text: &str) -> Result<Vec<u8>, String> {
    if text == "-" {
        return Ok(Vec::new());
    }
    if text.len() % 2 != 0 || !text.is_ascii() {
        return Err(format!("bad hex: {}", text));
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).map_err(|_| format!("bad hex: {}", text)))
        .collect()
}
