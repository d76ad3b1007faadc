//! Conformance types (issue 10): Rust types of our own design that together use every
//! serde attribute and data-model type the public Python layer mirrors. Their Python
//! twins live in tests/conformance/types.py; the protocol names them `conf::<Name>`.
//!
//! Requests: `decode` and `random` (with a `type`) for any `conf::` name; `default` for
//! the types with a `Default`. Everything else in the protocol is main.rs's.
//!
//! `HashMap` here uses a fixed hasher so that serde's output for a given value does not
//! change between runs (the checked-in vectors stay stable); its order is still the
//! hash order, not insertion order, which the tests allow for.
#![allow(clippy::all)]

use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeMap;
use std::hash::{BuildHasherDefault, Hash};

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::{decode_as, encode_all, Rng, Validate};

pub type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<DefaultHasher>>;

// ───────────────────────────────────────────────────────────── scalars and std types

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Scalars {
    pub flag: bool,
    pub tiny: i8,
    pub small: i16,
    pub medium: i32,
    pub large: i64,
    pub byte: u8,
    pub word: u16,
    pub dword: u32,
    pub qword: u64,
    pub single: f32,
    pub double: f64,
    pub letter: char,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Wide {
    pub signed: i128,
    pub unsigned: u128,
    pub index: usize,
    pub offset: isize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Floats {
    pub half: f32,
    pub full: f64,
    pub halves: Vec<f32>,
    pub maybe_half: Option<f32>,
    pub by_name: BTreeMap<String, f32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Optional {
    pub maybe_int: Option<u8>,
    pub maybe_text: Option<String>,
    pub maybe_list: Option<Vec<u16>>,
    pub maybe_point: Option<Box<Point>>,
    pub list_of_maybe: Vec<Option<char>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sequences {
    pub numbers: Vec<i32>,
    pub words: Vec<String>,
    pub grid: Vec<Vec<u8>>,
    pub flags: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StringMaps {
    pub counts: HashMap<String, u32>,
    pub sorted: BTreeMap<String, f64>,
    pub nested: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntKeyMaps {
    pub by_id: BTreeMap<u32, String>,
    pub signed: BTreeMap<i64, bool>,
    pub small: HashMap<u8, i16>,
    pub narrow: BTreeMap<i8, u64>,
    pub wide: BTreeMap<u64, Option<u8>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tuples {
    pub pair: (i32, String),
    pub triple: (u8, bool, f64),
    pub nested: (char, (u16, Option<String>)),
    pub list: Vec<(String, u32)>,
    pub single: (i64,),
}

// ───────────────────────────────────────────────────────────── unit / newtype / tuple structs

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Nothing;

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Meters(pub f64);

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Label(pub String);

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Point(pub i32, pub i32);

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shapes {
    pub unit: (),
    pub nothing: Nothing,
    pub meters: Meters,
    pub origin: Point,
    pub colour: Rgb,
    pub label: Option<Label>,
    pub maybe_nothing: Option<Nothing>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Boxed {
    pub boxed: Box<u32>,
    pub boxed_point: Box<Point>,
    pub boxed_label: Option<Box<Label>>,
    pub boxed_list: Box<Vec<Box<i8>>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tree {
    pub value: i32,
    pub children: Vec<Tree>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chain {
    pub id: u16,
    pub next: Option<Box<Chain>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Polyline(pub Vec<Point>);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pinned(pub Geometry);

// ───────────────────────────────────────────────────────────── struct rename_all, per rule

macro_rules! renamed_struct {
    ($name:ident, $rule:literal) => {
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = $rule)]
        pub struct $name {
            pub first_field: u8,
            pub http2_port: u16,
            pub x: bool,
        }
    };
}
renamed_struct!(RenameLower, "lowercase");
renamed_struct!(RenameUpper, "UPPERCASE");
renamed_struct!(RenamePascal, "PascalCase");
renamed_struct!(RenameCamel, "camelCase");
renamed_struct!(RenameSnake, "snake_case");
renamed_struct!(RenameScreaming, "SCREAMING_SNAKE_CASE");
renamed_struct!(RenameKebab, "kebab-case");
renamed_struct!(RenameScreamingKebab, "SCREAMING-KEBAB-CASE");

// ───────────────────────────────────────────────────────────── field attributes

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Renamed {
    #[serde(rename = "ID")]
    pub user_id: u64,
    #[serde(alias = "colour", alias = "hue")]
    pub color_name: String,
    #[serde(rename = "type", alias = "kind")]
    pub type_name: String,
    pub plain_field: bool,
}

fn default_ratio() -> f64 {
    0.25
}
fn default_name() -> String {
    "anonymous".to_string()
}
fn default_limits() -> Vec<u16> {
    vec![10, 20]
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Defaults {
    pub required: i16,
    pub maybe: Option<bool>,
    #[serde(default)]
    pub count: u32,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default = "default_ratio")]
    pub ratio: f64,
    #[serde(default = "default_name")]
    pub name: String,
    #[serde(default = "default_limits")]
    pub limits: Vec<u16>,
    #[serde(default)]
    pub origin: Point,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub geometry: Geometry,
}

fn default_extra() -> u16 {
    7
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContainerDefault {
    pub retries: u8,
    pub label: String,
    pub ratio: f32,
    #[serde(default = "default_extra")]
    pub extra: u16,
    pub maybe: Option<i32>,
}

impl Default for ContainerDefault {
    fn default() -> Self {
        ContainerDefault { retries: 3, label: "main".into(), ratio: 0.5, extra: 1, maybe: Some(-1) }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strict {
    pub a: u8,
    pub b: Option<String>,
    #[serde(default)]
    pub c: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StrictRenamed {
    pub max_len: u32,
    #[serde(alias = "minLen")]
    pub min_len: u32,
    #[serde(skip)]
    pub scratch: u8,
}

fn is_zero(v: &i32) -> bool {
    *v == 0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Skips {
    pub kept: u8,
    #[serde(skip)]
    pub cache: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub items: Vec<u8>,
    #[serde(skip_serializing_if = "is_zero", default)]
    pub offset: i32,
}

fn even<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = u32::deserialize(d)?;
    if v % 2 != 0 {
        return Err(D::Error::custom(format!("expected an even number, got {v}")));
    }
    Ok(v)
}

fn percent<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let v = f64::deserialize(d)?;
    if !(0.0..=100.0).contains(&v) {
        return Err(D::Error::custom("percentage must be within 0..=100"));
    }
    Ok(v)
}

fn nonempty<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let v = Vec::<String>::deserialize(d)?;
    if v.is_empty() {
        return Err(D::Error::custom("at least one name is required"));
    }
    Ok(v)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checked {
    #[serde(deserialize_with = "even")]
    pub even: u32,
    #[serde(deserialize_with = "percent")]
    pub percent: f64,
    #[serde(deserialize_with = "nonempty")]
    pub names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId {
    pub id: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Tags {
    pub items: Vec<String>,
    #[serde(skip)]
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Registry {
    pub entries: BTreeMap<u16, Label>,
}

// ───────────────────────────────────────────────────────────── enums

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Level {
    #[default]
    Low,
    MediumHigh,
    Max,
}

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub enum Mode {
    #[default]
    Fast,
    Slow,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Direction {
    North,
    #[serde(rename = "s")]
    South,
    #[serde(alias = "W", alias = "left")]
    West,
    #[serde(rename = "EAST", alias = "e")]
    East,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Geometry {
    #[default]
    Empty,
    Circle(f64),
    Segment(Point, Point),
    Rect { width: f32, height: f32 },
    PolyLine(Vec<Point>),
    Nested(Box<Geometry>),
    Labelled(Label, Option<Box<Geometry>>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", rename_all_fields = "camelCase")]
pub enum Event {
    #[serde(rename = "start!")]
    Started { at_time: u64 },
    #[serde(alias = "halt", alias = "quit")]
    Stopped { exit_code: i32, reason_text: Option<String> },
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    Paused { resume_after: u32, by_user: bool },
    KeepAlive,
    TimedOut(u32),
    Moved(i32, i32),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum Optimizer {
    AdamW { beta_one: f64, beta_two: f64 },
    Sgd { momentum: f32, #[serde(default)] nesterov: bool },
    Constant,
    Named(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Movement {
    pub dx: i32,
    pub dy: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Message {
    Ping,
    #[serde(rename = "txt", alias = "text")]
    Text { body: String, #[serde(default)] urgent: bool },
    Moved(Movement),
    Headers(BTreeMap<String, String>),
    Empty(Nothing),
    Batch { items: Vec<Message> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", deny_unknown_fields)]
pub enum Command {
    Reset,
    Add { value: i64 },
    Scale { factor: f32, #[serde(default)] clamp: Option<f32> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", content = "c", rename_all = "lowercase")]
pub enum Block {
    Break,
    Para(String),
    Span(u32, u32),
    Image { src: String, alt: Option<String> },
    Quote(Box<Block>),
    // Missing content reads as None here (serde's missing_field); not generated at random.
    Note(Option<String>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", deny_unknown_fields)]
pub enum Signal {
    On,
    Level(u8),
    Window { from: u16, to: u16 },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Flag(bool),
    Int(i64),
    Big(u64),
    Float(f64),
    Text(String),
    List(Vec<Scalar>),
    Pair { key: String, value: Box<Scalar> },
    Nothing,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum Contact {
    Email { email: String },
    Phone { phone: String, #[serde(default)] ext: Option<u16> },
    Both(String, String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Glyph {
    pub width: f32,
    pub ch: char,
}

/// serde_yaml's singleton_map writes struct and tuple variants through its `Value`
/// (an f32 gets f64 digits, a char loses its quotes); newtype variants directly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Widened {
    Struct { ch: char, width: f32, glyph: Glyph },
    Tuple(char, f32),
    Newtype(Glyph),
    Letter(char),
}

// ───────────────────────────────────────────────────────────── nesting of all of these

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    pub id: UserId,
    pub title: Label,
    pub level: Level,
    pub shape: Geometry,
    pub blocks: Vec<Block>,
    pub messages: BTreeMap<u16, Message>,
    pub meta: HashMap<String, Scalar>,
    pub events: Option<Vec<Event>>,
    pub tree: Option<Tree>,
    pub extra: (Direction, Optimizer),
    pub contact: Contact,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signal: Option<Signal>,
    pub tags: Tags,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outer {
    pub checked: Vec<Checked>,
    pub strict: Option<Strict>,
    pub defaults: BTreeMap<String, Defaults>,
    pub commands: Vec<Command>,
    pub renamed: Box<Renamed>,
    pub skips: Skips,
}

// ───────────────────────────────────────────────────────────── random values

/// Random values for live tests, from the harness's seeded generator.
pub trait Arb: Sized {
    fn arb(r: &mut Rng, depth: u32) -> Self;
}

fn pick<T: Copy>(r: &mut Rng, items: &[T]) -> T {
    items[r.below(items.len() as u64) as usize]
}

macro_rules! arb_int {
    ($($t:ty),*) => {$(
        impl Arb for $t {
            fn arb(r: &mut Rng, _: u32) -> Self {
                match r.below(5) {
                    0 => <$t>::MIN,
                    1 => <$t>::MAX,
                    2 => 0 as $t,
                    3 => r.below(10) as $t,
                    _ => r.next() as $t,
                }
            }
        }
    )*};
}
arb_int!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);

impl Arb for i128 {
    fn arb(r: &mut Rng, _: u32) -> Self {
        match r.below(4) {
            0 => i128::MIN,
            1 => i128::MAX,
            2 => r.next() as i64 as i128,
            _ => ((r.next() as i128) << 64) | r.next() as i128,
        }
    }
}
impl Arb for u128 {
    fn arb(r: &mut Rng, _: u32) -> Self {
        match r.below(4) {
            0 => u128::MAX,
            1 => 0,
            2 => r.next() as u128,
            _ => ((r.next() as u128) << 64) | r.next() as u128,
        }
    }
}
impl Arb for bool {
    fn arb(r: &mut Rng, _: u32) -> Self {
        r.chance(50)
    }
}
impl Arb for f64 {
    fn arb(r: &mut Rng, _: u32) -> Self {
        r.f64()
    }
}
impl Arb for f32 {
    fn arb(r: &mut Rng, _: u32) -> Self {
        const SPECIAL: &[f32] =
            &[0.0, -0.0, 1.0, 0.1, 0.5, 1e-7, 3.4028235e38, 1.1754944e-38, 1e-45, 16777217.0, 0.3];
        loop {
            let v = match r.below(4) {
                0 => pick(r, SPECIAL),
                1 => f32::from_bits(r.next() as u32),
                2 => r.f64() as f32,
                _ => r.below(100_000) as f32 / 100.0,
            };
            if v.is_finite() {
                return v;
            }
        }
    }
}
impl Arb for char {
    fn arb(r: &mut Rng, _: u32) -> Self {
        const ODD: &[char] = &['a', 'Z', '0', ' ', '\n', '"', '\\', '\'', ':', '#', '-', '~', '\u{0}', '\u{7f}', '\u{85}', 'é', '日', '🦀', '\u{10ffff}', '\u{2028}', '\u{feff}'];
        match r.below(3) {
            0 => pick(r, ODD),
            1 => char::from_u32(0x20 + r.below(0x5f) as u32).unwrap(),
            _ => char::from_u32(r.below(0x11_0000) as u32).unwrap_or('\u{fffd}'),
        }
    }
}
impl Arb for String {
    fn arb(r: &mut Rng, _: u32) -> Self {
        r.string()
    }
}
impl Arb for () {
    fn arb(_: &mut Rng, _: u32) -> Self {}
}
impl<T: Arb> Arb for Option<T> {
    fn arb(r: &mut Rng, depth: u32) -> Self {
        if depth > 3 || r.chance(35) {
            None
        } else {
            Some(T::arb(r, depth + 1))
        }
    }
}
impl<T: Arb> Arb for Box<T> {
    fn arb(r: &mut Rng, depth: u32) -> Self {
        Box::new(T::arb(r, depth))
    }
}
impl<T: Arb> Arb for Vec<T> {
    fn arb(r: &mut Rng, depth: u32) -> Self {
        let max = if depth > 2 { 0 } else { 4 };
        let n = r.below(max + 1);
        (0..n).map(|_| T::arb(r, depth + 1)).collect()
    }
}
impl<K: Arb + Ord, V: Arb> Arb for BTreeMap<K, V> {
    fn arb(r: &mut Rng, depth: u32) -> Self {
        let max = if depth > 2 { 0 } else { 4 };
        let n = r.below(max + 1);
        (0..n).map(|_| (K::arb(r, depth + 1), V::arb(r, depth + 1))).collect()
    }
}
impl<K: Arb + Eq + Hash, V: Arb> Arb for HashMap<K, V> {
    fn arb(r: &mut Rng, depth: u32) -> Self {
        // Mostly at most one key: more make serde's (hash) order differ from the text's.
        let n = if depth > 2 { 0 } else if r.chance(80) { r.below(2) } else { 2 + r.below(2) };
        (0..n).map(|_| (K::arb(r, depth + 1), V::arb(r, depth + 1))).collect()
    }
}
macro_rules! arb_tuple {
    ($($t:ident),*) => {
        impl<$($t: Arb),*> Arb for ($($t,)*) {
            fn arb(r: &mut Rng, depth: u32) -> Self {
                ($($t::arb(r, depth),)*)
            }
        }
    };
}
arb_tuple!(A);
arb_tuple!(A, B);
arb_tuple!(A, B, C);

/// `Arb` for a struct with named fields: each field drawn from its type.
macro_rules! arb_struct {
    ($($name:ident { $($field:ident),* $(,)? })*) => {$(
        impl Arb for $name {
            fn arb(r: &mut Rng, depth: u32) -> Self {
                $name { $($field: Arb::arb(r, depth + 1)),* }
            }
        }
    )*};
}
arb_struct! {
    Scalars { flag, tiny, small, medium, large, byte, word, dword, qword, single, double, letter, text }
    Wide { signed, unsigned, index, offset }
    Floats { half, full, halves, maybe_half, by_name }
    Optional { maybe_int, maybe_text, maybe_list, maybe_point, list_of_maybe }
    Sequences { numbers, words, grid, flags }
    StringMaps { counts, sorted, nested }
    IntKeyMaps { by_id, signed, small, narrow, wide }
    Tuples { pair, triple, nested, list, single }
    Shapes { unit, nothing, meters, origin, colour, label, maybe_nothing }
    Boxed { boxed, boxed_point, boxed_label, boxed_list }
    Tree { value, children }
    Chain { id, next }
    RenameLower { first_field, http2_port, x }
    RenameUpper { first_field, http2_port, x }
    RenamePascal { first_field, http2_port, x }
    RenameCamel { first_field, http2_port, x }
    RenameSnake { first_field, http2_port, x }
    RenameScreaming { first_field, http2_port, x }
    RenameKebab { first_field, http2_port, x }
    RenameScreamingKebab { first_field, http2_port, x }
    Renamed { user_id, color_name, type_name, plain_field }
    Defaults { required, maybe, count, tags, ratio, name, limits, origin, mode, geometry }
    ContainerDefault { retries, label, ratio, extra, maybe }
    Strict { a, b, c }
    StrictRenamed { max_len, min_len, scratch }
    Skips { kept, cache, note, items, offset }
    UserId { id }
    Tags { items, count }
    Registry { entries }
    Movement { dx, dy }
    Glyph { width, ch }
    Document { id, title, level, shape, blocks, messages, meta, events, tree, extra, contact, signal, tags }
    Outer { checked, strict, defaults, commands, renamed, skips }
}

impl Arb for Checked {
    fn arb(r: &mut Rng, _: u32) -> Self {
        // Values the checks accept, with a few that they refuse.
        let even = if r.chance(90) { (r.next() as u32) & !1 } else { r.next() as u32 | 1 };
        let percent = if r.chance(90) { r.below(10_001) as f64 / 100.0 } else { r.f64() };
        let mut names: Vec<String> = Arb::arb(r, 2);
        if names.is_empty() && r.chance(90) {
            names.push(r.string());
        }
        Checked { even, percent, names }
    }
}
impl Arb for Nothing {
    fn arb(_: &mut Rng, _: u32) -> Self {
        Nothing
    }
}
impl Arb for Meters {
    fn arb(r: &mut Rng, d: u32) -> Self {
        Meters(Arb::arb(r, d))
    }
}
impl Arb for Label {
    fn arb(r: &mut Rng, d: u32) -> Self {
        Label(Arb::arb(r, d))
    }
}
impl Arb for Point {
    fn arb(r: &mut Rng, d: u32) -> Self {
        Point(Arb::arb(r, d), Arb::arb(r, d))
    }
}
impl Arb for Rgb {
    fn arb(r: &mut Rng, d: u32) -> Self {
        Rgb(Arb::arb(r, d), Arb::arb(r, d), Arb::arb(r, d))
    }
}
impl Arb for Polyline {
    fn arb(r: &mut Rng, d: u32) -> Self {
        Polyline(Arb::arb(r, d))
    }
}
impl Arb for Pinned {
    fn arb(r: &mut Rng, d: u32) -> Self {
        Pinned(Arb::arb(r, d))
    }
}
impl Arb for Level {
    fn arb(r: &mut Rng, _: u32) -> Self {
        pick(r, &[Level::Low, Level::MediumHigh, Level::Max])
    }
}
impl Arb for Mode {
    fn arb(r: &mut Rng, _: u32) -> Self {
        pick(r, &[Mode::Fast, Mode::Slow])
    }
}
impl Arb for Direction {
    fn arb(r: &mut Rng, _: u32) -> Self {
        pick(r, &[Direction::North, Direction::South, Direction::West, Direction::East])
    }
}
impl Arb for Geometry {
    fn arb(r: &mut Rng, d: u32) -> Self {
        let leaf = d > 3;
        match if leaf { r.below(5) } else { r.below(7) } {
            0 => Geometry::Empty,
            1 => Geometry::Circle(Arb::arb(r, d + 1)),
            2 => Geometry::Segment(Arb::arb(r, d + 1), Arb::arb(r, d + 1)),
            3 => Geometry::Rect { width: Arb::arb(r, d + 1), height: Arb::arb(r, d + 1) },
            4 => Geometry::PolyLine(Arb::arb(r, d + 1)),
            5 => Geometry::Nested(Arb::arb(r, d + 1)),
            _ => Geometry::Labelled(Arb::arb(r, d + 1), Arb::arb(r, d + 1)),
        }
    }
}
impl Arb for Event {
    fn arb(r: &mut Rng, d: u32) -> Self {
        match r.below(6) {
            0 => Event::Started { at_time: Arb::arb(r, d) },
            1 => Event::Stopped { exit_code: Arb::arb(r, d), reason_text: Arb::arb(r, d) },
            2 => Event::Paused { resume_after: Arb::arb(r, d), by_user: Arb::arb(r, d) },
            3 => Event::KeepAlive,
            4 => Event::TimedOut(Arb::arb(r, d)),
            _ => Event::Moved(Arb::arb(r, d), Arb::arb(r, d)),
        }
    }
}
impl Arb for Optimizer {
    fn arb(r: &mut Rng, d: u32) -> Self {
        match r.below(4) {
            0 => Optimizer::AdamW { beta_one: Arb::arb(r, d), beta_two: Arb::arb(r, d) },
            1 => Optimizer::Sgd { momentum: Arb::arb(r, d), nesterov: Arb::arb(r, d) },
            2 => Optimizer::Constant,
            _ => Optimizer::Named(Arb::arb(r, d)),
        }
    }
}
impl Arb for Message {
    fn arb(r: &mut Rng, d: u32) -> Self {
        match if d > 3 { r.below(5) } else { r.below(6) } {
            0 => Message::Ping,
            1 => Message::Text { body: Arb::arb(r, d + 1), urgent: Arb::arb(r, d + 1) },
            2 => Message::Moved(Arb::arb(r, d + 1)),
            3 => Message::Headers(Arb::arb(r, d + 1)),
            4 => Message::Empty(Nothing),
            _ => Message::Batch { items: Arb::arb(r, d + 1) },
        }
    }
}
impl Arb for Command {
    fn arb(r: &mut Rng, d: u32) -> Self {
        match r.below(3) {
            0 => Command::Reset,
            1 => Command::Add { value: Arb::arb(r, d) },
            _ => Command::Scale { factor: Arb::arb(r, d), clamp: Arb::arb(r, d) },
        }
    }
}
impl Arb for Block {
    fn arb(r: &mut Rng, d: u32) -> Self {
        match if d > 3 { r.below(4) } else { r.below(5) } {
            0 => Block::Break,
            1 => Block::Para(Arb::arb(r, d + 1)),
            2 => Block::Span(Arb::arb(r, d + 1), Arb::arb(r, d + 1)),
            3 => Block::Image { src: Arb::arb(r, d + 1), alt: Arb::arb(r, d + 1) },
            _ => Block::Quote(Arb::arb(r, d + 1)),
        }
    }
}
impl Arb for Signal {
    fn arb(r: &mut Rng, d: u32) -> Self {
        match r.below(3) {
            0 => Signal::On,
            1 => Signal::Level(Arb::arb(r, d)),
            _ => Signal::Window { from: Arb::arb(r, d), to: Arb::arb(r, d) },
        }
    }
}
impl Arb for Scalar {
    fn arb(r: &mut Rng, d: u32) -> Self {
        match if d > 3 { r.below(5) } else { r.below(8) } {
            0 => Scalar::Flag(Arb::arb(r, d + 1)),
            1 => Scalar::Int(Arb::arb(r, d + 1)),
            2 => Scalar::Big(Arb::arb(r, d + 1)),
            3 => Scalar::Float(Arb::arb(r, d + 1)),
            4 => Scalar::Text(Arb::arb(r, d + 1)),
            5 => Scalar::List(Arb::arb(r, d + 1)),
            6 => Scalar::Pair { key: Arb::arb(r, d + 1), value: Arb::arb(r, d + 1) },
            _ => Scalar::Nothing,
        }
    }
}
impl Arb for Widened {
    fn arb(r: &mut Rng, d: u32) -> Self {
        match r.below(4) {
            0 => Widened::Struct { ch: Arb::arb(r, d), width: Arb::arb(r, d), glyph: Arb::arb(r, d) },
            1 => Widened::Tuple(Arb::arb(r, d), Arb::arb(r, d)),
            2 => Widened::Newtype(Arb::arb(r, d)),
            _ => Widened::Letter(Arb::arb(r, d)),
        }
    }
}
impl Arb for Contact {
    fn arb(r: &mut Rng, d: u32) -> Self {
        match r.below(3) {
            0 => Contact::Email { email: Arb::arb(r, d) },
            1 => Contact::Phone { phone: Arb::arb(r, d), ext: Arb::arb(r, d) },
            _ => Contact::Both(Arb::arb(r, d), Arb::arb(r, d)),
        }
    }
}

// ───────────────────────────────────────────────────────────── protocol

macro_rules! conformance_types {
    ($($name:ident),* $(,)?) => {
        $(impl Validate for $name {})*

        /// Every `conf::` name, for the tests to check they mirror each one.
        pub const NAMES: &[&str] = &[$(concat!("conf::", stringify!($name))),*];

        fn decode_conf(name: &str, format: &str, input: &str, out: &mut Map<String, Value>) -> bool {
            match name {
                $(stringify!($name) => put_decoded(decode_as::<$name>(format, input), out),)*
                _ => return false,
            }
            true
        }

        fn random_conf(name: &str, r: &mut Rng, out: &mut Map<String, Value>) -> bool {
            match name {
                $(stringify!($name) => encode_all(&<$name as Arb>::arb(r, 0), out),)*
                _ => return false,
            }
            true
        }
    };
}

conformance_types!(
    Scalars, Wide, Floats, Optional, Sequences, StringMaps, IntKeyMaps, Tuples, Nothing, Meters,
    Label, Point, Rgb, Shapes, Boxed, Tree, Chain, Polyline, Pinned, RenameLower, RenameUpper,
    RenamePascal, RenameCamel, RenameSnake, RenameScreaming, RenameKebab, RenameScreamingKebab,
    Renamed, Defaults, ContainerDefault, Strict, StrictRenamed, Skips, Checked, UserId, Tags,
    Registry, Level, Mode, Direction, Geometry, Event, Optimizer, Movement, Message, Command,
    Block, Signal, Scalar, Contact, Document, Outer, Glyph, Widened,
);

fn put_decoded<T: Serialize + Validate>(r: Result<T, String>, out: &mut Map<String, Value>) {
    match r {
        Ok(v) => {
            out.insert("ok".into(), Value::Bool(true));
            encode_all(&v, out);
        }
        Err(e) => {
            out.insert("ok".into(), Value::Bool(false));
            out.insert("error".into(), Value::String(e));
        }
    }
}

fn default_conf(name: &str, out: &mut Map<String, Value>) -> bool {
    match name {
        "Scalars" => encode_all(&Scalars::default(), out),
        "ContainerDefault" => encode_all(&ContainerDefault::default(), out),
        "Level" => encode_all(&Level::default(), out),
        "Mode" => encode_all(&Mode::default(), out),
        "Geometry" => encode_all(&Geometry::default(), out),
        "Point" => encode_all(&Point::default(), out),
        "Nothing" => encode_all(&Nothing, out),
        _ => return false,
    }
    out.insert("ok".into(), Value::Bool(true));
    true
}

/// The request, if it names a `conf::` type (or asks for the list); `None` leaves it to main.rs.
pub fn handle(req: &Value, out: &mut Map<String, Value>) -> Option<Result<(), String>> {
    let op = req.get("op").and_then(Value::as_str)?;
    if op == "conf_names" {
        out.insert("ok".into(), Value::Bool(true));
        out.insert("names".into(), NAMES.iter().map(|n| Value::String(n.to_string())).collect());
        return Some(Ok(()));
    }
    let full = req.get("type").and_then(Value::as_str)?;
    let name = full.strip_prefix("conf::")?;
    let unknown = || Err(format!("harness: unknown type {full:?}"));
    Some(match op {
        "decode" => {
            let format = req.get("format").and_then(Value::as_str).unwrap_or("");
            let input = req.get("input").and_then(Value::as_str).unwrap_or("");
            if decode_conf(name, format, input, out) { Ok(()) } else { unknown() }
        }
        "random" => {
            let seed = req.get("seed").and_then(Value::as_u64).unwrap_or(0);
            let count = req.get("count").and_then(Value::as_u64).unwrap_or(1);
            let mut rng = Rng(seed);
            let mut values = Vec::new();
            for _ in 0..count {
                let mut m = Map::new();
                if !random_conf(name, &mut rng, &mut m) {
                    return Some(unknown());
                }
                values.push(Value::Object(m));
            }
            out.insert("ok".into(), Value::Bool(true));
            out.insert("values".into(), Value::Array(values));
            Ok(())
        }
        "default" => {
            if default_conf(name, out) {
                Ok(())
            } else {
                Err(format!("harness: {full} has no Default"))
            }
        }
        _ => return None,
    })
}
