//! A serde `Deserializer` that makes a sample value of any type: `T::deserialize(Sample::..)` gives a `T` whose
//! every field, element and variant is filled in, without code written for `T`. So the check follows the generated
//! module as it is, a hand edit included: narrow a field to u16 and the sample is a u16.
//!
//! Two rounds: `High` takes the widest values (u32 4000000000 and up, u64 above 2^63, i64::MAX and down, Some, two
//! elements, a one-entry map, the last variant), `Low` the narrowest (i64::MIN and up, 0, None, empty, the first
//! variant). Within a sample, each scalar differs from the one before it, so two fields swapped show.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq)]
pub enum Round {
    High,
    Low,
}

impl Round {
    pub fn name(self) -> &'static str {
        match self {
            Round::High => "high",
            Round::Low => "low",
        }
    }
}

/// Deeper than this, options are None and sequences and maps empty, so that recursive types end.
const MAX_DEPTH: usize = 4;

#[derive(Clone)]
pub struct Sample {
    round: Round,
    /// The variant to take at the top, if this is the request enum.
    variant: Option<usize>,
    depth: usize,
    /// Counts the scalars made so far, so that each differs from the last.
    counter: Rc<Cell<u64>>,
}

thread_local! {
    static PROBED: RefCell<Vec<&'static str>> = RefCell::new(Vec::new());
}

/// The variant names of an enum type, in declaration order, as serde's derive lists them.
pub fn variants<'de, T: de::Deserialize<'de>>() -> Vec<&'static str> {
    let probe = Sample { round: Round::High, variant: Some(usize::MAX), depth: 0, counter: Rc::default() };
    let _ = T::deserialize(probe);
    PROBED.with(|probed| probed.borrow().clone())
}

impl Sample {
    pub fn variant(round: Round, index: usize) -> Sample {
        Sample { round, variant: Some(index), depth: 0, counter: Rc::default() }
    }

    fn inner(&self) -> Sample {
        Sample { round: self.round, variant: None, depth: self.depth + 1, counter: self.counter.clone() }
    }

    fn next(&self) -> u64 {
        let n = self.counter.get();
        self.counter.set(n + 1);
        n
    }

    fn high(&self) -> bool {
        self.round == Round::High
    }

    fn deep(&self) -> bool {
        self.depth >= MAX_DEPTH
    }
}

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

type Result<T> = std::result::Result<T, Error>;

impl<'de> de::Deserializer<'de> for Sample {
    type Error = Error;

    /// Only `Value` (a RawMsgpack) asks for any value: the widest integers of each sign.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.next();
        if self.high() {
            visitor.visit_seq(de::value::SeqDeserializer::new(vec![18_000_000_000_000_000_000u64 + n, u64::MAX].into_iter()))
        } else {
            visitor.visit_seq(de::value::SeqDeserializer::new(vec![i64::MIN + n as i64, -1i64].into_iter()))
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.next();
        visitor.visit_bool(self.high() == (n % 2 == 0))
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = (self.next() % 8) as i8;
        visitor.visit_i8(if self.high() { i8::MAX - n } else { i8::MIN + n })
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = (self.next() % 8) as i16;
        visitor.visit_i16(if self.high() { i16::MAX - n } else { i16::MIN + n })
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = (self.next() % 8) as i32;
        visitor.visit_i32(if self.high() { i32::MAX - n } else { i32::MIN + n })
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = (self.next() % 8) as i64;
        visitor.visit_i64(if self.high() { i64::MAX - n } else { i64::MIN + n })
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = (self.next() % 8) as u8;
        visitor.visit_u8(if self.high() { u8::MAX - n } else { n })
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = (self.next() % 8) as u16;
        visitor.visit_u16(if self.high() { u16::MAX - n } else { n })
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = (self.next() % 8) as u32;
        visitor.visit_u32(if self.high() { 4_000_000_000 + n } else { n })
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.next() % 8;
        visitor.visit_u64(if self.high() { 18_000_000_000_000_000_000 + n } else { n })
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = (self.next() % 8) as f32;
        visitor.visit_f32(if self.high() { 1.5 + n } else { -0.25 - n })
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = (self.next() % 8) as f64;
        visitor.visit_f64(if self.high() { -2.25e300 - n * 1e290 } else { 0.1 + n })
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.next() as usize;
        let choices = if self.high() { ['é', 'ß', 'Ω', '€'] } else { ['a', 'b', 'c', 'd'] };
        visitor.visit_char(choices[n % 4])
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.next();
        if self.high() {
            visitor.visit_string(format!("héllo wörld {n}"))
        } else {
            visitor.visit_string(n.to_string())
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_byte_buf(vec![1, 200, self.next() as u8])
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.high() && !self.deep() {
            visitor.visit_some(self.inner())
        } else {
            visitor.visit_none()
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_newtype_struct(self.inner())
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let length = if self.high() && !self.deep() { 2 } else { 0 };
        visitor.visit_seq(Elements { sample: self.inner(), left: length })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, length: usize, visitor: V) -> Result<V::Value> {
        visitor.visit_seq(Elements { sample: self.inner(), left: length })
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _name: &'static str, length: usize, visitor: V)
        -> Result<V::Value> {
        visitor.visit_seq(Elements { sample: self.inner(), left: length })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let length = if self.high() && !self.deep() { 1 } else { 0 };
        visitor.visit_map(Entries { sample: self.inner(), left: length })
    }

    /// Every field, in declaration order, as a positional struct.
    fn deserialize_struct<V: Visitor<'de>>(self, _name: &'static str, fields: &'static [&'static str], visitor: V)
        -> Result<V::Value> {
        visitor.visit_seq(Elements { sample: self.inner(), left: fields.len() })
    }

    fn deserialize_enum<V: Visitor<'de>>(self, _name: &'static str, variants: &'static [&'static str], visitor: V)
        -> Result<V::Value> {
        if self.variant == Some(usize::MAX) {
            PROBED.with(|probed| *probed.borrow_mut() = variants.to_vec());
            return Err(de::Error::custom("probed"));
        }
        let index = match self.variant {
            Some(index) => index,
            None if self.high() => variants.len() - 1,
            None => 0,
        };
        visitor.visit_enum(Variant { sample: self.inner(), name: variants[index] })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(de::Error::custom("a sample has no identifiers of its own"))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
}

struct Elements {
    sample: Sample,
    left: usize,
}

impl<'de> de::SeqAccess<'de> for Elements {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(self.sample.clone()).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

struct Entries {
    sample: Sample,
    left: usize,
}

impl<'de> de::MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(self.sample.clone()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(self.sample.clone())
    }
}

struct Variant {
    sample: Sample,
    name: &'static str,
}

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = Error;
    type Variant = Sample;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Sample)> {
        let name: de::value::StrDeserializer<Error> = self.name.into_deserializer();
        Ok((seed.deserialize(name)?, self.sample))
    }
}

impl<'de> de::VariantAccess<'de> for Sample {
    type Error = Error;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, length: usize, visitor: V) -> Result<V::Value> {
        visitor.visit_seq(Elements { sample: self, left: length })
    }

    fn struct_variant<V: Visitor<'de>>(self, fields: &'static [&'static str], visitor: V) -> Result<V::Value> {
        visitor.visit_seq(Elements { sample: self, left: fields.len() })
    }
}
