//! Part-of-speech tagging with a greedy averaged perceptron.
//!
//! The tagger predicts a joint (UPOS, XPOS) class left to right, using word,
//! affix, shape and context features plus the two previous predicted tags.
//! This file also holds the averaged perceptron and the feature hashing that
//! the dependency parser shares.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::conllu::ConlluSentence;
use super::past_forms;

// ---------------------------------------------------------------------------
// Feature hashing.
// ---------------------------------------------------------------------------

/// A hasher for keys that are already well-mixed 64-bit feature hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is expected; fold other input in for safety.
        for &byte in bytes {
            self.0 = mix(self.0, u64::from(byte));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A hash map keyed by feature hashes.
pub(crate) type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// Combines a running hash with one more value (a MurmurHash3-style step).
#[inline]
pub(crate) fn mix(hash: u64, value: u64) -> u64 {
    let combined = (hash ^ value).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    combined ^ (combined >> 29)
}

/// Finalises a hash so that its low and high bits are both well distributed.
#[inline]
fn finalize(mut hash: u64) -> u64 {
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    hash ^ (hash >> 33)
}

/// Hashes a feature made of a template number and up to a few values.
#[inline]
pub(crate) fn feature(template: u64, values: &[u64]) -> u64 {
    let mut hash = mix(0x243F_6A88_85A3_08D3, template);
    for &value in values {
        hash = mix(hash, value);
    }
    finalize(hash)
}

/// Hashes a string (FNV-1a), used for word forms, affixes and lemmas.
pub(crate) fn hash_str(text: &str) -> u64 {
    let mut hash: u64 = 0xCBF2_9CE4_8422_2325;
    for &byte in text.as_bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01B3);
    }
    hash
}

// ---------------------------------------------------------------------------
// Averaged perceptron.
// ---------------------------------------------------------------------------

/// One trainable (feature, class) weight with its averaging bookkeeping.
#[derive(Clone, Copy)]
struct TrainEntry {
    class: u16,
    weight: f32,
    total: f32,
    stamp: u32,
}

/// A multiclass perceptron under training, with lazily averaged weights.
pub(crate) struct PerceptronTrainer {
    n_classes: usize,
    rows: FeatureMap<Vec<TrainEntry>>,
    step: u32,
}

impl PerceptronTrainer {
    /// Creates an empty model over `n_classes` classes.
    pub(crate) fn new(n_classes: usize) -> Self {
        PerceptronTrainer { n_classes, rows: FeatureMap::default(), step: 1 }
    }

    /// Adds the current (non-averaged) weights of `features` into `scores`.
    pub(crate) fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|score| *score = 0.0);
        for key in features {
            if let Some(row) = self.rows.get(key) {
                for entry in row {
                    scores[usize::from(entry.class)] += entry.weight;
                }
            }
        }
    }

    /// Moves weight from the `wrong` class towards the `right` class.
    pub(crate) fn update(&mut self, features: &[u64], right: usize, wrong: usize) {
        for &key in features {
            let row = self.rows.entry(key).or_default();
            adjust(row, right, 1.0, self.step);
            adjust(row, wrong, -1.0, self.step);
        }
    }

    /// Advances the averaging clock by one training example.
    pub(crate) fn tick(&mut self) {
        self.step += 1;
    }

    /// Returns the averaged, pruned and quantised model.
    pub(crate) fn finish(&self, min_weight: f32) -> Weights {
        let mut averaged: Vec<(u64, Vec<(u16, f32)>)> = Vec::with_capacity(self.rows.len());
        let mut max_abs = 0.0f32;
        for (&key, row) in &self.rows {
            let kept: Vec<(u16, f32)> = row
                .iter()
                .map(|entry| (entry.class, self.average(entry)))
                .filter(|(_, weight)| weight.abs() >= min_weight)
                .collect();
            for (_, weight) in &kept {
                max_abs = max_abs.max(weight.abs());
            }
            if !kept.is_empty() {
                averaged.push((key, kept));
            }
        }
        averaged.sort_unstable_by_key(|(key, _)| *key);
        Weights::quantize(self.n_classes, &averaged, max_abs)
    }

    /// The average of one weight over all training steps so far.
    fn average(&self, entry: &TrainEntry) -> f32 {
        let total = entry.total + (self.step - entry.stamp) as f32 * entry.weight;
        total / self.step as f32
    }
}

/// Adds `delta` to the weight of `class` in `row`, settling its running total.
fn adjust(row: &mut Vec<TrainEntry>, class: usize, delta: f32, step: u32) {
    let class = class as u16;
    let position = match row.iter().position(|entry| entry.class == class) {
        Some(position) => position,
        None => {
            row.push(TrainEntry { class, weight: 0.0, total: 0.0, stamp: step });
            row.len() - 1
        }
    };
    let entry = &mut row[position];
    entry.total += (step - entry.stamp) as f32 * entry.weight;
    entry.stamp = step;
    entry.weight += delta;
}

/// Trained perceptron weights stored compactly as 16-bit integers.
///
/// Rows are in order of use (most used first, see [`Weights::order_by_use`]) or, before
/// that, of feature hash; `offsets[r]..offsets[r + 1]` indexes the
/// `(class, weight)` entries of row `r`. All weights share one scale, so scores
/// can be summed as integers without changing the arg-max.
///
/// Scores are summed into *lanes*, one per class. By default lane = class; a
/// user may reorder them ([`Weights::set_lane_order`]) so that the classes it
/// needs at one time are contiguous, and then score only that range of lanes.
#[derive(Serialize, Deserialize, Default, Clone)]
#[serde(into = "PackedWeights", from = "PackedWeights")]
pub(crate) struct Weights {
    n_classes: u32,
    /// Quantised units per unit of averaged weight.
    scale: f32,
    keys: Vec<u64>,
    offsets: Vec<u32>,
    entries: Vec<(u16, i16)>,
    /// Open-addressing table of the first [`HOT_KEYS`] keys (the most used ones
    /// when the keys are in order of use, see [`Weights::order_by_use`]).
    hot: Vec<Slot>,
    /// The same for the other keys, looked up when a key is not in `hot`.
    cold: Vec<Slot>,
    /// The entries of rows with few classes, packed as `lane | weight << 16`.
    sparse: Vec<u32>,
    /// The bits of a sparse [`Row`] that hold its length.
    len_bits: u32,
    /// Rows with many classes, stored as one weight per lane.
    dense: Vec<i16>,
    /// The lane of each class in `sparse` and `dense`; empty when lane = class.
    /// Not serialised: the file always stores classes.
    lane_of_class: Vec<u16>,
}

/// The serialised form of [`Weights`]: keys as raw little-endian bytes (varints
/// would take ten bytes for most hashes) and row lengths instead of offsets.
#[derive(Serialize, Deserialize)]
struct PackedWeights {
    n_classes: u32,
    scale: f32,
    #[serde(with = "raw_bytes")]
    keys: Vec<u8>,
    lengths: Vec<u32>,
    entries: Vec<(u16, i16)>,
}

/// Reads and writes a byte vector as one block of bytes. postcard stores a block
/// exactly as it stores a sequence of `u8` (a varint length, then the raw bytes), so
/// model files are the same either way; the block is only read much faster.
mod raw_bytes {
    use serde::Serializer;
    use serde::de::{Deserializer, Error, SeqAccess, Visitor};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(bytes)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        deserializer.deserialize_byte_buf(BytesVisitor)
    }

    struct BytesVisitor;

    impl<'de> Visitor<'de> for BytesVisitor {
        type Value = Vec<u8>;

        fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
            formatter.write_str("a byte array")
        }

        fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<Vec<u8>, E> {
            Ok(bytes.to_vec())
        }

        fn visit_byte_buf<E: Error>(self, bytes: Vec<u8>) -> Result<Vec<u8>, E> {
            Ok(bytes)
        }

        /// Formats that write bytes as a list of numbers (JSON) read back the same way.
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
            let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0));
            while let Some(byte) = seq.next_element()? {
                bytes.push(byte);
            }
            Ok(bytes)
        }
    }
}

impl From<Weights> for PackedWeights {
    fn from(weights: Weights) -> Self {
        PackedWeights {
            n_classes: weights.n_classes,
            scale: weights.scale,
            keys: weights.keys.iter().flat_map(|key| key.to_le_bytes()).collect(),
            lengths: weights.offsets.windows(2).map(|pair| pair[1] - pair[0]).collect(),
            entries: weights.entries,
        }
    }
}

impl From<PackedWeights> for Weights {
    /// Unpacks the weights; the lookup table is built later by `build_index`.
    fn from(packed: PackedWeights) -> Self {
        let keys = packed
            .keys
            .chunks_exact(8)
            .map(|chunk| {
                let mut bytes = [0u8; 8];
                bytes.copy_from_slice(chunk);
                u64::from_le_bytes(bytes)
            })
            .collect();
        let mut offsets = vec![0u32];
        for length in packed.lengths {
            let last = offsets.last().copied().unwrap_or(0);
            offsets.push(last.saturating_add(length));
        }
        Weights {
            n_classes: packed.n_classes,
            scale: packed.scale,
            keys,
            offsets,
            entries: packed.entries,
            hot: Vec::new(),
            cold: Vec::new(),
            sparse: Vec::new(),
            len_bits: 0,
            dense: Vec::new(),
            lane_of_class: Vec::new(),
        }
    }
}

/// One slot of a lookup table: the key's high 32 bits (its low bits choose the
/// home slot) and its row, packed in 32 bits (see [`Row`]), so that a lookup
/// knows where the row's weights are after loading one slot.
#[derive(Clone, Copy)]
struct Slot {
    fingerprint: u32,
    row: Row,
}

/// A free slot.
const FREE: Slot = Slot { fingerprint: 0, row: Row(EMPTY) };

/// Where a row's weights are and how many there are, in one word:
/// - `DENSE | number << 16 | largest` for the dense row `number` (its weights are
///   `dense[number * n_classes..][..n_classes]`), with `largest` the largest
///   weight magnitude;
/// - `start << len_bits | length` for a sparse row with `length` entries from
///   `sparse[start]` (`len_bits` is per table, see [`Weights::build_index`]);
/// - 0, an empty row, for a key without weights, and `EMPTY` for a free slot.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Row(u32);

impl Row {
    /// What a lookup of a key without weights gives.
    const ABSENT: Row = Row(0);

    /// Whether the row is stored densely.
    fn is_dense(self) -> bool {
        self.0 & DENSE != 0
    }
}

/// Marks a free slot of the lookup table.
const EMPTY: u32 = u32::MAX;

/// Marks a dense row.
const DENSE: u32 = 1 << 31;

/// Dense rows are numbered in 15 bits; further rows with many classes are stored sparsely.
const MAX_DENSE_ROWS: usize = 1 << 15;

/// Scores with at most this many lanes sum dense rows in 16 bits first (see `add_scores`).
const NARROW_LANES: usize = 128;

/// Rows with at least 1/`DENSE_FRACTION` of all classes are stored densely.
const DENSE_FRACTION: usize = 4;

/// Features scored per batch; lookups in a batch overlap their memory accesses.
/// At most 256, so that a position in a batch fits in a `u8`.
const BATCH: usize = 128;
const _: () = assert!(BATCH <= 256);

/// The number of leading keys whose slots go to the small `hot` table; with keys
/// in order of use, these few cover almost all lookups, so their slots and rows
/// (stored first, in the same order) stay in the processor's caches.
const HOT_KEYS: usize = 1 << 14;

impl Weights {
    /// Builds quantised weights from averaged rows sorted by key.
    fn quantize(n_classes: usize, rows: &[(u64, Vec<(u16, f32)>)], max_abs: f32) -> Weights {
        let scale = if max_abs > 0.0 { 32767.0 / max_abs } else { 1.0 };
        let mut weights =
            Weights { n_classes: n_classes as u32, scale, offsets: vec![0], ..Weights::default() };
        for (key, row) in rows {
            let before = weights.entries.len();
            for &(class, weight) in row {
                let value = (weight * scale).round() as i16;
                if value != 0 {
                    weights.entries.push((class, value));
                }
            }
            if weights.entries.len() > before {
                weights.keys.push(*key);
                weights.offsets.push(weights.entries.len() as u32);
            }
        }
        weights.build_index();
        weights
    }

    /// Drops weights whose magnitude is below `min_weight` (in averaged units).
    pub(crate) fn prune(&mut self, min_weight: f32) {
        let threshold = (min_weight * self.scale).round() as i32;
        let (mut keys, mut offsets, mut entries) = (Vec::new(), vec![0u32], Vec::new());
        for (row, &key) in self.keys.iter().enumerate() {
            let range = self.offsets[row] as usize..self.offsets[row + 1] as usize;
            let before = entries.len();
            entries
                .extend(self.entries[range].iter().filter(|(_, value)| i32::from(*value).abs() >= threshold));
            if entries.len() > before {
                keys.push(key);
                offsets.push(entries.len() as u32);
            }
        }
        (self.keys, self.offsets, self.entries) = (keys, offsets, entries);
        self.build_index();
    }

    /// Scores class `c` in lane `lane_of_class[c]` from now on (a permutation of
    /// the classes), and rebuilds the lookup table accordingly.
    pub(crate) fn set_lane_order(&mut self, lane_of_class: Vec<u16>) {
        self.lane_of_class = lane_of_class;
        self.build_index();
    }

    /// The lane in which a class is scored.
    fn lane(&self, class: u16) -> u16 {
        self.lane_of_class.get(usize::from(class)).copied().unwrap_or(class)
    }

    /// Rebuilds the lookup tables from the keys (after loading).
    ///
    /// The tables use linear probing at a load factor of at most one half. A
    /// slot holds only the key's high bits (the low bits choose the slot) and
    /// the row's kind, size and position, so a lookup touches one slot line and
    /// then the row's own lines. Rows are stored in the order of the keys, so
    /// the rows of the hot keys are packed together at the start.
    ///
    /// Panics if the sparse entries do not fit the packed [`Row`] (over 2^26 of
    /// them with a hundred classes); [`Weights::validate`] refuses such weights.
    pub(crate) fn build_index(&mut self) {
        let n_hot = self.keys.len().min(HOT_KEYS);
        let mut hot = empty_table(n_hot);
        let mut cold = empty_table(self.keys.len() - n_hot);
        let n_classes = self.n_classes as usize;
        let is_dense = |length: usize| length * DENSE_FRACTION >= n_classes;
        let len_bits = self.sparse_len_bits();
        let mut dense = Vec::new();
        let mut sparse = Vec::with_capacity(self.entries.len());
        for (row, &key) in self.keys.iter().enumerate() {
            let table = if row < n_hot { &mut hot } else { &mut cold };
            let mask = table.len() - 1;
            let mut at = key as usize & mask;
            while table[at].row.0 != EMPTY {
                at = (at + 1) & mask;
            }
            let entries = &self.entries[self.offsets[row] as usize..self.offsets[row + 1] as usize];
            let packed = if is_dense(entries.len()) && dense.len() < MAX_DENSE_ROWS * n_classes {
                let largest = entries.iter().map(|&(_, value)| value.unsigned_abs()).max().unwrap_or(0);
                let base = dense.len();
                dense.resize(base + n_classes, 0);
                for &(class, value) in entries {
                    dense[base + usize::from(self.lane(class))] = value;
                }
                DENSE | ((base / n_classes.max(1)) as u32) << 16 | u32::from(largest)
            } else {
                let start = sparse.len() as u32;
                assert!(start < 1 << (31 - len_bits), "too many weights for the lookup table");
                sparse.extend(
                    entries
                        .iter()
                        .map(|&(class, value)| u32::from(self.lane(class)) | u32::from(value as u16) << 16),
                );
                start << len_bits | entries.len() as u32
            };
            table[at] = Slot { fingerprint: (key >> 32) as u32, row: Row(packed) };
        }
        (self.hot, self.cold) = (hot, cold);
        (self.sparse, self.len_bits) = (sparse, len_bits);
        self.dense = dense;
    }

    /// The bits that hold the length of a sparse [`Row`]: enough for the longest
    /// row that [`Weights::build_index`] may store sparsely.
    fn sparse_len_bits(&self) -> u32 {
        let longest = self.offsets.windows(2).map(|pair| pair[1] - pair[0]).max().unwrap_or(0);
        (u32::BITS - longest.leading_zeros()).max(1)
    }

    /// Puts the keys in order of use, most used first (ties by key), so that
    /// [`Weights::build_index`] gives the most used ones the hot table.
    /// `uses` counts the lookups of each key; the weights do not change.
    pub(crate) fn order_by_use(&mut self, uses: &FeatureMap<u64>) {
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        let key_uses = |row: usize| uses.get(&self.keys[row]).copied().unwrap_or(0);
        order.sort_by(|&a, &b| key_uses(b).cmp(&key_uses(a)).then(self.keys[a].cmp(&self.keys[b])));
        let (mut keys, mut offsets, mut entries) = (Vec::new(), vec![0u32], Vec::new());
        for row in order {
            keys.push(self.keys[row]);
            entries
                .extend_from_slice(&self.entries[self.offsets[row] as usize..self.offsets[row + 1] as usize]);
            offsets.push(entries.len() as u32);
        }
        (self.keys, self.offsets, self.entries) = (keys, offsets, entries);
        self.build_index();
    }

    /// Whether a feature has weights.
    pub(crate) fn contains(&self, key: u64) -> bool {
        self.find(key) != Row::ABSENT
    }

    /// Checks the internal consistency of loaded weights.
    pub(crate) fn validate(&self) -> Result<(), String> {
        let consistent = self.offsets.len() == self.keys.len() + 1
            && self.offsets.first() == Some(&0)
            && self.offsets.windows(2).all(|pair| pair[0] < pair[1])
            && self.offsets.last().map(|&end| end as usize) == Some(self.entries.len())
            && self.entries.iter().all(|&(class, _)| u32::from(class) < self.n_classes)
            && self.sparse_len_bits() < 31
            && self.entries.len() < 1 << (31 - self.sparse_len_bits());
        if consistent { Ok(()) } else { Err("inconsistent weight table".to_string()) }
    }

    /// The number of classes.
    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes as usize
    }

    /// The number of stored (feature, class) weights.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Sums the weights of `features` into `scores`, one per lane, which is zeroed first.
    #[cfg(test)]
    pub(crate) fn score(&self, features: &[u64], scores: &mut [i32]) {
        scores.iter_mut().for_each(|score| *score = 0);
        self.add_scores(features, 0, scores);
    }

    /// Adds the weights of `features` for lanes `first_lane..first_lane + scores.len()`
    /// to `scores`; other lanes are skipped.
    ///
    /// The lookups of a batch run in passes whose loads do not feed branches, so
    /// the processor fetches the cache lines of all features in parallel instead
    /// of one miss after another: home slots in `hot`; then home slots in `cold`
    /// for the keys `hot` lacks while the rows found in `hot` are touched (a slot
    /// tells where its row is); then the rows found in `cold` are touched. The
    /// probes list the batch positions of dense and sparse rows without
    /// branching, and all dense rows are added before all sparse ones, so the
    /// kind of a row is not a branch taken one way or the other at random.
    ///
    /// Dense rows, half of all lookups, are added 16 bits a lane into `narrow`
    /// (twice the lanes per vector instruction of 32 bits) for as long as the sum
    /// of their largest magnitudes fits in an `i16`, so no lane can overflow; then
    /// `narrow` is widened into `scores` and starts again from zero. The order of
    /// the additions does not matter: the sums are exact integers.
    pub(crate) fn add_scores(&self, features: &[u64], first_lane: usize, scores: &mut [i32]) {
        if self.hot.is_empty() {
            return;
        }
        let mut narrow_buffer = [0i16; NARROW_LANES];
        let narrow = &mut narrow_buffer[..scores.len().min(NARROW_LANES)];
        let use_narrow = scores.len() <= NARROW_LANES;
        // With narrow sums, sparse rows are summed into `sparse_sums`, whose last
        // lane takes the weights of lanes outside the range.
        let n_lanes = narrow.len();
        let mut sparse_sums = [0i32; NARROW_LANES + 1];
        let mut headroom = i16::MAX as u32;
        let mut found = Batch::new();
        for batch in features.chunks(BATCH) {
            self.find_batch(batch, first_lane, &mut found);
            for &at in found.dense() {
                let (row, largest) = self.dense_row(found.rows[usize::from(at)], first_lane, scores.len());
                if !use_narrow {
                    add_widened(scores, row);
                    continue;
                }
                if largest > headroom {
                    move_widened(scores, narrow);
                    headroom = i16::MAX as u32;
                }
                headroom -= largest;
                for (sum, &value) in narrow.iter_mut().zip(row) {
                    *sum += value;
                }
            }
            for &at in found.sparse() {
                let row = self.sparse_row(found.rows[usize::from(at)]);
                if !use_narrow {
                    add_sparse_checked(scores, row, first_lane);
                    continue;
                }
                // Lanes outside the range go to the spare last sum, without a branch.
                for &packed in row {
                    let lane = ((packed & 0xFFFF) as usize).wrapping_sub(first_lane).min(n_lanes);
                    let sum = &mut sparse_sums[lane];
                    *sum = sum.wrapping_add(i32::from((packed >> 16) as u16 as i16));
                }
            }
        }
        if use_narrow {
            move_widened(scores, narrow);
            add_assign(scores, &sparse_sums[..n_lanes]);
        }
    }

    /// Adds the weights of many small groups of features at once, all lanes:
    /// feature `i` goes to the scores `group * n_classes..(group + 1) * n_classes`
    /// of `scores`, where `group = i / group_len`. Looking the groups up together
    /// gives the processor whole batches of lookups to overlap, where scoring
    /// each group alone would wait for its few lookups one group after another.
    pub(crate) fn add_group_scores(&self, features: &[u64], group_len: usize, scores: &mut [i32]) {
        let n_classes = self.n_classes as usize;
        if self.hot.is_empty() || group_len == 0 || n_classes == 0 {
            return;
        }
        let mut found = Batch::new();
        for (batch_index, batch) in features.chunks(BATCH).enumerate() {
            self.find_batch(batch, 0, &mut found);
            let group = |at: u8| (batch_index * BATCH + usize::from(at)) / group_len;
            for &at in found.dense() {
                let (row, _) = self.dense_row(found.rows[usize::from(at)], 0, n_classes);
                add_widened(lanes_of(scores, group(at), n_classes), row);
            }
            for &at in found.sparse() {
                let row = self.sparse_row(found.rows[usize::from(at)]);
                add_sparse_checked(lanes_of(scores, group(at), n_classes), row, 0);
            }
        }
    }

    /// Finds the rows of a batch of features, listing dense and sparse ones, and
    /// touches them (see [`Weights::add_scores`]).
    fn find_batch(&self, batch: &[u64], first_lane: usize, found: &mut Batch) {
        let (hot_mask, cold_mask) = (self.hot.len() - 1, self.cold.len() - 1);
        for (slot, &key) in found.slots.iter_mut().zip(batch) {
            *slot = self.hot[key as usize & hot_mask];
        }
        let (mut n_missed, mut n_dense, mut n_sparse) = (0, 0, 0);
        for (at, ((row, slot), &key)) in found.rows.iter_mut().zip(&found.slots).zip(batch).enumerate() {
            *row = probe(&self.hot, key, *slot, hot_mask);
            list_if(&mut found.missed, &mut n_missed, at, *row == Row::ABSENT);
            list_if(&mut found.dense, &mut n_dense, at, row.is_dense());
            list_if(&mut found.sparse, &mut n_sparse, at, !row.is_dense() && *row != Row::ABSENT);
        }
        // Keys not in the hot table: the same two passes in the cold one,
        // while the rows of the others are fetched.
        for &at in &found.missed[..n_missed] {
            let at = usize::from(at);
            found.slots[at] = self.cold[batch[at] as usize & cold_mask];
        }
        let mut touched =
            self.touch(&found.rows, &found.dense[..n_dense], &found.sparse[..n_sparse], first_lane);
        let (hot_dense, hot_sparse) = (n_dense, n_sparse);
        for &at in &found.missed[..n_missed] {
            let at = usize::from(at);
            let row = probe(&self.cold, batch[at], found.slots[at], cold_mask);
            found.rows[at] = row;
            list_if(&mut found.dense, &mut n_dense, at, row.is_dense());
            list_if(&mut found.sparse, &mut n_sparse, at, !row.is_dense() && row != Row::ABSENT);
        }
        touched ^= self.touch(
            &found.rows,
            &found.dense[hot_dense..n_dense],
            &found.sparse[hot_sparse..n_sparse],
            first_lane,
        );
        std::hint::black_box(touched);
        (found.n_dense, found.n_sparse) = (n_dense, n_sparse);
    }

    /// Reads the first weight of each listed row, so that the processor
    /// fetches all their cache lines at once, before they are added up; returns
    /// a value made from them, to be kept with `black_box`.
    fn touch(&self, rows: &[Row; BATCH], dense_rows: &[u8], sparse_rows: &[u8], first_lane: usize) -> u32 {
        let mut touched = 0;
        for &at in dense_rows {
            let (row, _) = self.dense_row(rows[usize::from(at)], first_lane, 1);
            touched ^= row.first().map_or(0, |&value| value as u32);
        }
        for &at in sparse_rows {
            touched ^= self.sparse_row(rows[usize::from(at)]).first().copied().unwrap_or(0);
        }
        touched
    }

    /// The lanes `first_lane..first_lane + n_lanes` of a dense row, and its
    /// largest magnitude.
    fn dense_row(&self, Row(packed): Row, first_lane: usize, n_lanes: usize) -> (&[i16], u32) {
        let base = ((packed & !DENSE) >> 16) as usize * self.n_classes as usize + first_lane;
        (self.dense.get(base..base + n_lanes).unwrap_or(&[]), packed & 0xFFFF)
    }

    /// The packed entries of a sparse row.
    fn sparse_row(&self, Row(packed): Row) -> &[u32] {
        let start = (packed >> self.len_bits) as usize;
        let length = (packed & ((1 << self.len_bits) - 1)) as usize;
        self.sparse.get(start..start + length).unwrap_or(&[])
    }

    /// The row of `key` ([`Row::ABSENT`] when the key has no weights).
    fn find(&self, key: u64) -> Row {
        if self.hot.is_empty() {
            return Row::ABSENT;
        }
        let (hot_mask, cold_mask) = (self.hot.len() - 1, self.cold.len() - 1);
        match probe(&self.hot, key, self.hot[key as usize & hot_mask], hot_mask) {
            Row::ABSENT => probe(&self.cold, key, self.cold[key as usize & cold_mask], cold_mask),
            row => row,
        }
    }
}

/// The rows of one batch of features, as [`Weights::find_batch`] finds them.
struct Batch {
    /// Home slots, then the slots where probing in `cold` starts.
    slots: [Slot; BATCH],
    /// The row of each feature ([`Row::ABSENT`] for features without weights).
    rows: [Row; BATCH],
    /// Batch positions of the features not in the hot table.
    missed: [u8; BATCH],
    /// Batch positions of the features with dense rows (the first `n_dense`).
    dense: [u8; BATCH],
    /// Batch positions of the features with sparse rows (the first `n_sparse`).
    sparse: [u8; BATCH],
    n_dense: usize,
    n_sparse: usize,
}

impl Batch {
    /// Space for one batch.
    fn new() -> Batch {
        Batch {
            slots: [FREE; BATCH],
            rows: [Row::ABSENT; BATCH],
            missed: [0; BATCH],
            dense: [0; BATCH],
            sparse: [0; BATCH],
            n_dense: 0,
            n_sparse: 0,
        }
    }

    /// Batch positions of the features with dense rows.
    fn dense(&self) -> &[u8] {
        &self.dense[..self.n_dense]
    }

    /// Batch positions of the features with sparse rows.
    fn sparse(&self) -> &[u8] {
        &self.sparse[..self.n_sparse]
    }
}

/// Appends the batch position `at` to `list[..*len]` when `condition` holds,
/// without branching on it.
#[inline]
fn list_if(list: &mut [u8; BATCH], len: &mut usize, at: usize, condition: bool) {
    list[*len] = at as u8;
    *len += usize::from(condition);
}

/// An empty lookup table for `n_keys` keys: a power of two, at least twice as many slots.
fn empty_table(n_keys: usize) -> Vec<Slot> {
    vec![FREE; (n_keys * 2).next_power_of_two().max(16)]
}

/// Finds the row of `key` in `table` given its home slot ([`Row::ABSENT`] when absent).
#[inline]
fn probe(table: &[Slot], key: u64, home: Slot, mask: usize) -> Row {
    let fingerprint = (key >> 32) as u32;
    let mut slot = home;
    let mut at = key as usize & mask;
    loop {
        if slot.row.0 == EMPTY {
            return Row::ABSENT;
        }
        if slot.fingerprint == fingerprint {
            return slot.row;
        }
        at = (at + 1) & mask;
        slot = table[at];
    }
}

/// Adds the packed `lane | weight << 16` entries of a sparse row to the lanes of
/// `scores`, which start at `first_lane`; other lanes are skipped.
fn add_sparse_checked(scores: &mut [i32], row: &[u32], first_lane: usize) {
    for &packed in row {
        let lane = (packed & 0xFFFF) as usize;
        if let Some(score) = scores.get_mut(lane.wrapping_sub(first_lane)) {
            *score += i32::from((packed >> 16) as u16 as i16);
        }
    }
}

/// The scores of group `group` among groups of `n_lanes` lanes (empty if there is none).
fn lanes_of(scores: &mut [i32], group: usize, n_lanes: usize) -> &mut [i32] {
    scores.get_mut(group * n_lanes..(group + 1) * n_lanes).unwrap_or_default()
}

/// Adds `values` to `scores`, lane by lane.
fn add_assign(scores: &mut [i32], values: &[i32]) {
    for (score, &value) in scores.iter_mut().zip(values) {
        *score += value;
    }
}

/// Adds 16-bit values to 32-bit scores, lane by lane.
fn add_widened(scores: &mut [i32], values: &[i16]) {
    for (score, &value) in scores.iter_mut().zip(values) {
        *score += i32::from(value);
    }
}

/// Adds 16-bit sums to 32-bit scores, lane by lane, and sets the sums to zero.
fn move_widened(scores: &mut [i32], sums: &mut [i16]) {
    for (score, sum) in scores.iter_mut().zip(sums) {
        *score += i32::from(std::mem::take(sum));
    }
}

// ---------------------------------------------------------------------------
// Tag sets.
// ---------------------------------------------------------------------------

/// The joint (UPOS, XPOS) classes seen in training, with their names.
#[derive(Serialize, Deserialize, Default, Clone)]
pub(crate) struct TagSet {
    upos: Vec<String>,
    xpos: Vec<String>,
    /// Each class as a pair of indexes into `upos` and `xpos`.
    classes: Vec<(u16, u16)>,
}

impl TagSet {
    /// Collects every (UPOS, XPOS) pair of the training sentences.
    pub(crate) fn from_sentences(sentences: &[ConlluSentence]) -> TagSet {
        let mut tags = TagSet::default();
        for word in sentences.iter().flat_map(|sentence| &sentence.words) {
            tags.class_of(&word.upos, &word.xpos, true);
        }
        tags
    }

    /// Returns the class of a tag pair, adding it when `grow` is set.
    fn class_of(&mut self, upos: &str, xpos: &str, grow: bool) -> Option<u16> {
        let upos_id = position_or_push(&mut self.upos, upos, grow)?;
        let xpos_id = position_or_push(&mut self.xpos, xpos, grow)?;
        let pair = (upos_id, xpos_id);
        if let Some(class) = self.classes.iter().position(|&known| known == pair) {
            return Some(class as u16);
        }
        if !grow {
            return None;
        }
        self.classes.push(pair);
        Some((self.classes.len() - 1) as u16)
    }

    /// Checks that every class refers to existing tag names.
    fn validate(&self) -> Result<(), String> {
        let valid = self
            .classes
            .iter()
            .all(|&(upos, xpos)| usize::from(upos) < self.upos.len() && usize::from(xpos) < self.xpos.len());
        if valid { Ok(()) } else { Err("tag set refers to unknown tags".to_string()) }
    }

    /// The class of a known tag pair.
    pub(crate) fn find(&self, upos: &str, xpos: &str) -> Option<u16> {
        let upos_id = self.upos.iter().position(|known| known == upos)? as u16;
        let xpos_id = self.xpos.iter().position(|known| known == xpos)? as u16;
        let class = self.classes.iter().position(|&pair| pair == (upos_id, xpos_id))?;
        Some(class as u16)
    }

    /// The number of joint classes.
    fn len(&self) -> usize {
        self.classes.len()
    }

    /// The UPOS name of a class.
    pub(crate) fn upos(&self, class: u16) -> &str {
        &self.upos[usize::from(self.classes[usize::from(class)].0)]
    }

    /// The XPOS name of a class.
    pub(crate) fn xpos(&self, class: u16) -> &str {
        &self.xpos[usize::from(self.classes[usize::from(class)].1)]
    }

    /// The XPOS index of a class, a compact tag id for the parser.
    pub(crate) fn xpos_id(&self, class: u16) -> u16 {
        self.classes[usize::from(class)].1
    }

    /// The UPOS index of a class.
    pub(crate) fn upos_id(&self, class: u16) -> u16 {
        self.classes[usize::from(class)].0
    }
}

/// Finds `name` in `names`, appending it when allowed.
fn position_or_push(names: &mut Vec<String>, name: &str, grow: bool) -> Option<u16> {
    if let Some(index) = names.iter().position(|known| known == name) {
        return Some(index as u16);
    }
    if !grow {
        return None;
    }
    names.push(name.to_string());
    Some((names.len() - 1) as u16)
}

// ---------------------------------------------------------------------------
// Token features.
// ---------------------------------------------------------------------------

/// Hashes of one token's lexical properties, computed once per token.
#[derive(Clone, Copy, Default)]
struct TokenInfo {
    lower: u64,
    prefixes: [u64; 4],
    suffixes: [u64; 4],
    shape: u64,
    /// Bit 0: has a digit, bit 1: has a hyphen, bit 2: has an upper-case letter,
    /// bit 3: is all upper case.
    flags: u64,
}

/// A stand-in for positions before the start or after the end of a sentence.
const PADDING: u64 = 0x5EED;

impl TokenInfo {
    /// Computes the lexical hashes of a word.
    fn new(word: &str) -> TokenInfo {
        let lower = word.to_lowercase();
        let mut info = TokenInfo { lower: hash_str(&lower), shape: shape_hash(word), ..TokenInfo::default() };
        // Prefixes and suffixes of 1 to 4 characters (the whole word when shorter).
        let mut prefix_ends =
            lower.char_indices().map(|(at, _)| at).skip(1).chain(std::iter::repeat(lower.len()));
        let mut suffix_starts = lower.char_indices().rev().map(|(at, _)| at).chain(std::iter::repeat(0));
        for length in 1..=4 {
            let prefix_end = prefix_ends.next().unwrap_or(lower.len());
            let suffix_start = suffix_starts.next().unwrap_or(0);
            info.prefixes[length - 1] = hash_str(&lower[..prefix_end]);
            info.suffixes[length - 1] = hash_str(&lower[suffix_start..]);
        }
        let has_upper = word.chars().any(char::is_uppercase);
        let all_upper = has_upper && !word.chars().any(char::is_lowercase);
        info.flags = u64::from(word.chars().any(|c| c.is_ascii_digit()))
            | (u64::from(word.contains('-')) << 1)
            | (u64::from(has_upper) << 2)
            | (u64::from(all_upper) << 3);
        info
    }
}

/// Hashes the word shape: `Xx`, `d` and punctuation classes with repeats collapsed.
fn shape_hash(word: &str) -> u64 {
    let mut hash: u64 = 0x1234_5678;
    let mut last = '\0';
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if class != last {
            hash = mix(hash, u64::from(class));
            last = class;
        }
    }
    hash
}

// ---------------------------------------------------------------------------
// The tagger.
// ---------------------------------------------------------------------------

/// A trained part-of-speech tagger.
#[derive(Serialize, Deserialize, Default)]
pub struct Tagger {
    pub(crate) tags: TagSet,
    weights: Weights,
    /// Words read only as past verbs; not stored in the model file.
    #[serde(skip)]
    past_only: PastOnly,
}

/// The words that may only be tagged as past tenses or participles (see
/// [`super::past_forms`]), and the classes they may get.
#[derive(Default)]
struct PastOnly {
    /// Hashes of the lower-cased forms, sorted.
    forms: Vec<u64>,
    /// The VERB and AUX classes with XPOS VBD or VBN.
    classes: Vec<u16>,
    /// The VERB class with XPOS VBD.
    past_tense: u16,
}

impl PastOnly {
    /// The shipped list, with the classes of `tags`.
    fn new(tags: &TagSet) -> PastOnly {
        let classes = (0..tags.len() as u16)
            .filter(|&class| matches!(tags.upos(class), "VERB" | "AUX"))
            .filter(|&class| matches!(tags.xpos(class), "VBD" | "VBN"))
            .collect();
        let past_tense = (0..tags.len() as u16)
            .find(|&class| tags.upos(class) == "VERB" && tags.xpos(class) == "VBD")
            .unwrap_or_default();
        PastOnly { forms: past_forms::shipped(), classes, past_tense }
    }

    /// A sentence needs a finite verb: in one that ends with a full stop and has none, a
    /// participle (or adjective in -ed) right after a noun or number and before the start
    /// of a noun phrase is the main verb in the past tense ("Police used tear gas", "Young
    /// Algerians blocked roads"), which a left-to-right tagger often reads as a reduced
    /// relative clause.
    fn main_verb_read_as_participle(
        &self,
        tags: &TagSet,
        words: &[&str],
        predicted: &[u16],
    ) -> Option<usize> {
        if self.classes.is_empty() || words.last() != Some(&".") {
            return None;
        }
        let xpos = |k: usize| tags.xpos(predicted[k]);
        if (0..predicted.len()).any(|k| matches!(xpos(k), "VBD" | "VBZ" | "VBP" | "MD")) {
            return None;
        }
        // "The army on April 11 ousted Sudan's leader": the word may also have been read as
        // an adjective in -ed, and the subject may end in a date's number.
        // An adjective is taken only before a determiner or a name, not before the common
        // noun it may qualify ("One middle-aged man").
        (1..predicted.len().saturating_sub(1)).find(|&k| {
            let participle = xpos(k) == "VBN"
                && matches!(xpos(k + 1), "DT" | "CD" | "PRP$" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS");
            let adjective = xpos(k) == "JJ"
                && words[k].ends_with("ed")
                && !words[k].contains('-')
                && matches!(xpos(k + 1), "DT" | "PRP$" | "NNP" | "NNPS");
            (participle || adjective) && matches!(xpos(k - 1), "NN" | "NNS" | "NNP" | "NNPS" | "CD")
        })
    }

    /// Whether the word at `position` may only be a past verb. A listed word
    /// capitalised inside the sentence, or written in capitals, may be a name
    /// ("the Met") or part of a heading, and is left to the model.
    fn applies(&self, word: &TokenInfo, position: usize) -> bool {
        let has_upper = word.flags & 4 != 0;
        let all_upper = word.flags & 8 != 0;
        let plain_case = !has_upper || position == 0 && !all_upper;
        plain_case && !self.classes.is_empty() && self.forms.binary_search(&word.lower).is_ok()
    }

    /// The best scoring of the allowed classes (the first on ties).
    fn best(&self, scores: &[i32]) -> u16 {
        let mut best = self.classes[0];
        for &class in &self.classes {
            if scores[usize::from(class)] > scores[usize::from(best)] {
                best = class;
            }
        }
        best
    }
}

/// Options for training the tagger.
#[derive(Clone, Debug)]
pub struct TaggerOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Averaged weights smaller than this are dropped from the model.
    pub min_weight: f32,
    /// Seed for shuffling the training sentences.
    pub seed: u64,
}

impl Default for TaggerOptions {
    fn default() -> Self {
        TaggerOptions { epochs: 8, min_weight: 0.4, seed: 7 }
    }
}

/// The number of features produced for each token.
const TAG_FEATURES: usize = 30;

/// The positions in the output of [`tag_features`] of the features that read
/// earlier predictions (templates 19–21, 26, 27 and 29).
const CONTEXT_FEATURES: [usize; 6] = [19, 20, 21, 26, 27, 29];

impl Tagger {
    /// Trains a tagger on gold-tagged sentences.
    pub fn train(sentences: &[ConlluSentence], options: &TaggerOptions) -> Tagger {
        Tagger::train_with_tags(sentences, TagSet::from_sentences(sentences), options)
    }

    /// Trains a tagger whose classes are those of `tags` (a superset of the data's).
    pub(crate) fn train_with_tags(
        sentences: &[ConlluSentence],
        tags: TagSet,
        options: &TaggerOptions,
    ) -> Tagger {
        let gold: Vec<Vec<u16>> = sentences
            .iter()
            .map(|sentence| {
                sentence.words.iter().map(|word| tags.find(&word.upos, &word.xpos).unwrap_or(0)).collect()
            })
            .collect();
        let infos: Vec<Vec<TokenInfo>> = sentences
            .iter()
            .map(|sentence| sentence.words.iter().map(|w| TokenInfo::new(&w.form)).collect())
            .collect();
        let mut model = PerceptronTrainer::new(tags.len());
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        let mut rng = Rng::new(options.seed);
        let mut scores = vec![0.0f32; tags.len()];
        let mut features = Vec::with_capacity(TAG_FEATURES);
        for _ in 0..options.epochs {
            rng.shuffle(&mut order);
            for &index in &order {
                let mut predicted: Vec<u16> = Vec::with_capacity(gold[index].len());
                for (position, &gold_tag) in gold[index].iter().enumerate() {
                    tag_features(&infos[index], position, &predicted, &mut features);
                    model.score(&features, &mut scores);
                    let guess = arg_max_f32(&scores) as u16;
                    if guess != gold_tag {
                        model.update(&features, usize::from(gold_tag), usize::from(guess));
                    }
                    model.tick();
                    predicted.push(guess);
                }
            }
        }
        let past_only = PastOnly::new(&tags);
        Tagger { tags, weights: model.finish(options.min_weight), past_only }
    }

    /// Tags a sentence, returning one joint class per word.
    ///
    /// The words of `models/past_forms.tsv` get the best of the past verb classes
    /// (see [`super::past_forms`]); the model is trained without this rule.
    pub(crate) fn tag(&self, words: &[&str]) -> Vec<u16> {
        self.tag_observed(words, |_| {})
    }

    /// Tags a sentence as [`Tagger::tag`] does, showing `observe` every batch of
    /// features it looks up.
    ///
    /// The features that do not read earlier predictions are scored first, for
    /// all words together (see [`Weights::add_group_scores`]); then, word by
    /// word, the [`CONTEXT_FEATURES`] are added to them.
    pub(crate) fn tag_observed(&self, words: &[&str], mut observe: impl FnMut(&[u64])) -> Vec<u16> {
        let infos: Vec<TokenInfo> = words.iter().map(|word| TokenInfo::new(word)).collect();
        let n_classes = self.weights.n_classes();
        let mut features = Vec::with_capacity(TAG_FEATURES);
        let n_word_features = TAG_FEATURES - CONTEXT_FEATURES.len();
        let mut word_features = Vec::with_capacity(words.len() * n_word_features);
        let no_predictions = vec![0; words.len()];
        for position in 0..words.len() {
            tag_features(&infos, position, &no_predictions, &mut features);
            let is_word_feature = |at: &usize| !CONTEXT_FEATURES.contains(at);
            word_features.extend((0..features.len()).filter(is_word_feature).map(|at| features[at]));
        }
        observe(&word_features);
        let mut word_scores = vec![0i32; words.len() * n_classes];
        self.weights.add_group_scores(&word_features, n_word_features, &mut word_scores);
        let mut predicted = Vec::with_capacity(words.len());
        for position in 0..words.len() {
            let scores = lanes_of(&mut word_scores, position, n_classes);
            context_tag_features(&infos, position, &predicted, &mut features);
            observe(&features);
            self.weights.add_scores(&features, 0, scores);
            let class = if self.past_only.applies(&infos[position], position) {
                self.past_only.best(scores)
            } else {
                arg_max_i32(scores) as u16
            };
            predicted.push(class);
        }
        if let Some(position) = self.past_only.main_verb_read_as_participle(&self.tags, words, &predicted) {
            predicted[position] = self.past_only.past_tense;
        }
        predicted
    }

    /// Puts the most used features first, for faster lookups (see [`Weights::order_by_use`]).
    pub(crate) fn order_by_use(&mut self, uses: &FeatureMap<u64>) {
        self.weights.order_by_use(uses);
    }

    /// Whether a feature has weights.
    pub(crate) fn has_feature(&self, key: u64) -> bool {
        self.weights.contains(key)
    }

    /// Rebuilds lookup indexes after deserialisation and checks consistency.
    pub(crate) fn prepare(&mut self) -> Result<(), String> {
        self.weights.validate()?;
        self.tags.validate()?;
        if self.weights.n_classes() != self.tags.len() {
            return Err("tagger class count does not match its tag set".to_string());
        }
        self.weights.build_index();
        self.past_only = PastOnly::new(&self.tags);
        Ok(())
    }

    /// The number of stored weights.
    pub fn weight_count(&self) -> usize {
        self.weights.len()
    }

    /// Drops weights smaller than `min_weight` to shrink the model.
    pub fn prune(&mut self, min_weight: f32) {
        self.weights.prune(min_weight);
    }
}

/// Fills `out` with the features of the token at `i` given earlier predictions.
fn tag_features(infos: &[TokenInfo], i: usize, previous: &[u16], out: &mut Vec<u64>) {
    out.clear();
    let word = &infos[i];
    let lower_at = |offset: isize| -> u64 {
        let at = i as isize + offset;
        if at < 0 || at as usize >= infos.len() {
            PADDING.wrapping_add(offset as u64)
        } else {
            infos[at as usize].lower
        }
    };
    let suffix_at = |offset: isize| -> u64 {
        let at = i as isize + offset;
        if at < 0 || at as usize >= infos.len() { PADDING } else { infos[at as usize].suffixes[2] }
    };
    let tag_back = |back: usize| -> u64 { if back > i { PADDING } else { u64::from(previous[i - back]) } };
    let (t1, t2) = (tag_back(1), tag_back(2));
    out.push(feature(0, &[]));
    out.push(feature(1, &[word.lower]));
    for k in 0..4 {
        out.push(feature(2 + k as u64, &[word.prefixes[k]]));
        out.push(feature(6 + k as u64, &[word.suffixes[k]]));
    }
    out.push(feature(10, &[word.shape]));
    out.push(feature(11, &[word.flags & 1]));
    out.push(feature(12, &[(word.flags >> 1) & 1]));
    out.push(feature(13, &[(word.flags >> 2) & 1, u64::from(i == 0)]));
    out.push(feature(14, &[(word.flags >> 3) & 1]));
    out.push(feature(15, &[lower_at(-1)]));
    out.push(feature(16, &[lower_at(-2)]));
    out.push(feature(17, &[lower_at(1)]));
    out.push(feature(18, &[lower_at(2)]));
    out.push(feature(19, &[t1]));
    out.push(feature(20, &[t1, t2]));
    out.push(feature(21, &[t1, word.lower]));
    out.push(feature(22, &[lower_at(-1), word.lower]));
    out.push(feature(23, &[word.lower, lower_at(1)]));
    out.push(feature(24, &[suffix_at(-1)]));
    out.push(feature(25, &[suffix_at(1)]));
    out.push(feature(26, &[t1, word.suffixes[2]]));
    out.push(feature(27, &[t2]));
    out.push(feature(28, &[word.shape, lower_at(1)]));
    out.push(feature(29, &[t1, lower_at(1)]));
}

/// Fills `out` with the features of [`tag_features`] at [`CONTEXT_FEATURES`], in order.
fn context_tag_features(infos: &[TokenInfo], i: usize, previous: &[u16], out: &mut Vec<u64>) {
    out.clear();
    let word = &infos[i];
    let lower_next = infos.get(i + 1).map_or(PADDING.wrapping_add(1), |next| next.lower);
    let tag_back = |back: usize| -> u64 { if back > i { PADDING } else { u64::from(previous[i - back]) } };
    let (t1, t2) = (tag_back(1), tag_back(2));
    out.push(feature(19, &[t1]));
    out.push(feature(20, &[t1, t2]));
    out.push(feature(21, &[t1, word.lower]));
    out.push(feature(26, &[t1, word.suffixes[2]]));
    out.push(feature(27, &[t2]));
    out.push(feature(29, &[t1, lower_next]));
}

/// The index of the largest score (the first on ties).
pub(crate) fn arg_max_f32(scores: &[f32]) -> usize {
    let mut best = 0;
    for (index, &score) in scores.iter().enumerate() {
        if score > scores[best] {
            best = index;
        }
    }
    best
}

/// The index of the largest integer score (the first on ties).
pub(crate) fn arg_max_i32(scores: &[i32]) -> usize {
    let mut best = 0;
    for (index, &score) in scores.iter().enumerate() {
        if score > scores[best] {
            best = index;
        }
    }
    best
}

/// A small xorshift random number generator for shuffling and exploration.
pub(crate) struct Rng(u64);

impl Rng {
    /// Creates a generator; a zero seed is replaced by a fixed constant.
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(if seed == 0 { 0x9E37_79B9 } else { seed })
    }

    /// Returns the next pseudo-random number.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Returns a number uniformly drawn from `[0, 1)`.
    pub(crate) fn next_f32(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }

    /// Shuffles a slice in place (Fisher–Yates).
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_bytes_are_stored_as_a_byte_sequence() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Plain(Vec<u8>);
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Block(#[serde(with = "raw_bytes")] Vec<u8>);
        let bytes: Vec<u8> = (0..=255).chain(0..100).collect();
        let plain = postcard::to_stdvec(&Plain(bytes.clone())).unwrap();
        assert_eq!(postcard::to_stdvec(&Block(bytes.clone())).unwrap(), plain);
        assert_eq!(postcard::from_bytes::<Block>(&plain).unwrap(), Block(bytes));
    }

    /// Weights over 5 classes for more keys than the hot table takes.
    fn sample_weights() -> Weights {
        let mut rng = Rng::new(3);
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = (0..HOT_KEYS as u64 + 5000)
            .map(|row| {
                let key = feature(row % 7, &[row]);
                let n_classes = 1 + (rng.next_u64() % 5) as u16;
                (key, (0..n_classes).map(|class| (class, rng.next_f32() * 4.0 - 2.0)).collect())
            })
            .collect();
        rows.sort_unstable_by_key(|(key, _)| *key);
        Weights::quantize(5, &rows, 2.0)
    }

    #[test]
    fn context_features_are_those_that_read_earlier_tags() {
        let words = ["The", "minister", "resigned", "."];
        let infos: Vec<TokenInfo> = words.iter().map(|word| TokenInfo::new(word)).collect();
        let (mut all, mut other_tags, mut context) = (Vec::new(), Vec::new(), Vec::new());
        for position in 0..words.len() {
            tag_features(&infos, position, &[3, 5, 7], &mut all);
            tag_features(&infos, position, &[4, 6, 8], &mut other_tags);
            context_tag_features(&infos, position, &[3, 5, 7], &mut context);
            assert_eq!(all.len(), TAG_FEATURES);
            let picked: Vec<u64> = CONTEXT_FEATURES.iter().map(|&at| all[at]).collect();
            assert_eq!(context, picked);
            for at in 0..TAG_FEATURES {
                // From the third word on, every context feature reads a tag that differs.
                let reads_tags = all[at] != other_tags[at];
                assert!(!reads_tags || CONTEXT_FEATURES.contains(&at), "feature {at}");
                assert!(reads_tags || position < 2 || !CONTEXT_FEATURES.contains(&at), "feature {at}");
            }
        }
    }

    #[test]
    fn grouped_scores_equal_scores_one_group_at_a_time() {
        let weights = sample_weights();
        let features: Vec<u64> = (0..3000u64).map(|row| feature(row % 7, &[row * 3])).collect();
        let mut grouped = vec![0; 5 * features.len() / 6];
        weights.add_group_scores(&features, 6, &mut grouped);
        for (group, expected) in features.chunks(6).zip(grouped.chunks(5)) {
            let mut scores = [0; 5];
            weights.score(group, &mut scores);
            assert_eq!(scores, expected);
        }
    }

    #[test]
    fn ordering_keys_by_use_leaves_every_score_unchanged() {
        let mut weights = sample_weights();
        let features: Vec<u64> = (0..HOT_KEYS as u64 + 6000).map(|row| feature(row % 7, &[row])).collect();
        let score_all = |weights: &Weights| -> Vec<[i32; 5]> {
            features
                .chunks(9)
                .map(|batch| {
                    let mut scores = [0; 5];
                    weights.score(batch, &mut scores);
                    scores
                })
                .collect()
        };
        let before = score_all(&weights);
        // The last keys are used most, so they move from the cold table to the hot one.
        let uses: FeatureMap<u64> = features.iter().enumerate().map(|(at, &key)| (key, at as u64)).collect();
        weights.order_by_use(&uses);
        assert_eq!(score_all(&weights), before);
        assert!(weights.contains(features[HOT_KEYS + 4999]) && !weights.contains(features[HOT_KEYS + 5000]));
    }

    /// A tag set with a noun, a preposition and the past verb classes.
    fn sample_tags() -> TagSet {
        let mut tags = TagSet::default();
        for (upos, xpos) in [("NOUN", "NN"), ("VERB", "VBD"), ("ADP", "IN"), ("VERB", "VBN"), ("AUX", "VBD")]
        {
            tags.class_of(upos, xpos, true);
        }
        tags
    }

    #[test]
    fn listed_past_forms_get_the_best_past_verb_class() {
        let past_only = PastOnly::new(&sample_tags());
        assert_eq!(past_only.classes, [1, 3, 4]);
        // The preposition scores highest, the participle best of the verb classes.
        assert_eq!(past_only.best(&[5, 2, 9, 3, 1]), 3);
        let applies = |word: &str, position: usize| past_only.applies(&TokenInfo::new(word), position);
        assert!(applies("withdrew", 1) && applies("overthrew", 4) && applies("struck", 2));
        assert!(applies("Withdrew", 0), "a capital at the start of a sentence");
        assert!(!applies("shot", 1) && !applies("with", 1), "not listed");
        assert!(!applies("Met", 1) && !applies("STRUCK", 0), "names and headings");
    }

    /// The UPOS/XPOS of each word of a sentence (words split at spaces), by the shipped model.
    fn shipped_tags(sentence: &str) -> Vec<String> {
        let model = crate::nlp::model::shipped().expect("the shipped model loads");
        let words: Vec<&str> = sentence.split(' ').collect();
        model.annotate(&words).iter().map(|analysis| format!("{}/{}", analysis.upos, analysis.xpos)).collect()
    }

    /// A past tense or a past participle: the tagger does not always choose right
    /// between them ("missile struck" also reads as "a missile [that was] struck").
    const PAST_VERB: &[&str] = &["VERB/VBD", "VERB/VBN"];

    #[track_caller]
    fn check_tag(sentence: &str, word: &str, expected: &[&str]) {
        let position =
            sentence.split(' ').position(|known| known == word).expect("the word is in the sentence");
        let tag = &shipped_tags(sentence)[position];
        assert!(expected.contains(&tag.as_str()), "{word} in {sentence:?} is {tag}, not {expected:?}");
    }

    #[test]
    fn irregular_past_tenses_in_short_news_sentences_are_verbs() {
        check_tag("Iraq withdrew its troops from Kuwait on Friday .", "withdrew", &["VERB/VBD"]);
        check_tag("Syria withdrew its ambassador .", "withdrew", &["VERB/VBD"]);
        check_tag("Rebels overthrew the president .", "overthrew", &["VERB/VBD"]);
        check_tag("The army overthrew him in 1999 .", "overthrew", &["VERB/VBD"]);
        check_tag("An Israeli missile struck a house in Gaza .", "struck", PAST_VERB);
        check_tag("A drone struck the convoy near Kherson .", "struck", PAST_VERB);
        check_tag("The town was struck by a rocket .", "struck", &["VERB/VBN"]);
        check_tag("Police said the king was overthrown .", "overthrown", &["VERB/VBN"]);
    }

    #[test]
    fn a_sentence_without_a_finite_verb_gets_its_participle_as_main_verb() {
        check_tag("Police used tear gas on Monday .", "used", &["VERB/VBD"]);
        check_tag("Young Algerians blocked roads on Sunday .", "blocked", &["VERB/VBD"]);
        check_tag("The army on May 3 ousted Chad 's president .", "ousted", &["VERB/VBD"]);
        check_tag("One middle-aged man , draped in a flag , rushed up .", "middle-aged", &["ADJ/JJ"]);
        // A finite verb elsewhere leaves the participle a participle.
        check_tag("Weapons used in the attack were found .", "used", &["VERB/VBN"]);
        // So does a heading without a full stop.
        let tags = shipped_tags("Weapons seized by police");
        assert_ne!(tags[1], "VERB/VBD", "{tags:?}");
    }

    #[test]
    fn capitalised_listed_words_inside_a_sentence_are_left_to_the_model() {
        check_tag("He works at the Met in London .", "Met", &["PROPN/NNP"]);
    }
}
