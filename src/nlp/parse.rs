//! Greedy transition-based dependency parsing (arc-eager) with labelled arcs.
//!
//! A single averaged perceptron scores the joint transition-and-label classes
//! from Zhang & Nivre (2011)-style features. Training follows the dynamic
//! oracle of Goldberg & Nivre (2012), exploring the model's own mistakes after
//! the first epoch. Non-projective training trees are projectivised by lifting.
//! When parsing, the features of one word alone are scored once per word
//! (`WordScores`), and a configuration scores only the classes it can take
//! (`Lanes`); both leave the scores exactly as a full sum would.

use serde::{Deserialize, Serialize};

use super::tag::{FeatureMap, PerceptronTrainer, Rng, Weights, feature};

/// Marks a missing head, child or position.
const NONE: u32 = u32::MAX;

/// Feature value for a missing token or label.
const ABSENT: u64 = 0xABCD_0000;

/// The number of feature templates of a configuration.
const N_TEMPLATES: usize = 82;

/// The templates that read only the stack top's word (see [`WordScores`]).
const STACK_WORD_TEMPLATES: [usize; 4] = [0, 1, 2, 12];

/// The templates that read only the first buffer word and the two words after it.
const BUFFER_WORD_TEMPLATES: [usize; 12] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 22, 24];

/// The feature hashes of a configuration, indexed by template number.
type FeatureHashes = [u64; N_TEMPLATES];

/// The lexical input of one word to the parser.
#[derive(Clone, Copy, Debug, Default)]
pub struct ParseToken {
    /// A hash of the lower-cased form.
    pub word: u64,
    /// A hash of the lemma.
    pub lemma: u64,
    /// The XPOS tag id.
    pub xpos: u16,
    /// The UPOS tag id.
    pub upos: u16,
}

/// A training sentence: tokens (with predicted tags) and the gold tree.
pub struct ParseExample {
    /// The words, without the root.
    pub tokens: Vec<ParseToken>,
    /// 1-based gold heads, 0 for the root.
    pub heads: Vec<usize>,
    /// Gold relation names.
    pub deprels: Vec<String>,
}

/// The four transitions of the arc-eager system.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Move {
    Shift,
    Reduce,
    Left,
    Right,
}

/// Decodes a class id into its move and label id.
fn decode(class: usize) -> (Move, u16) {
    match class {
        0 => (Move::Shift, 0),
        1 => (Move::Reduce, 0),
        _ if class.is_multiple_of(2) => (Move::Left, ((class - 2) / 2) as u16),
        _ => (Move::Right, ((class - 3) / 2) as u16),
    }
}

/// Options for training the parser.
#[derive(Clone, Debug)]
pub struct ParserOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Probability of following the model's own prediction after epoch one.
    pub explore: f32,
    /// Averaged weights smaller than this are dropped from the model.
    pub min_weight: f32,
    /// Seed for shuffling and exploration.
    pub seed: u64,
}

impl Default for ParserOptions {
    fn default() -> Self {
        ParserOptions { epochs: 15, explore: 0.9, min_weight: 1.25, seed: 11 }
    }
}

/// A trained dependency parser.
#[derive(Serialize, Deserialize, Default)]
pub struct Parser {
    labels: Vec<String>,
    root_label: u16,
    weights: Weights,
    /// Where each class is scored; rebuilt with the weights' index, not serialised.
    #[serde(skip)]
    lanes: Lanes,
}

/// The order in which the parser's classes are scored ("lanes"), chosen so that
/// the classes a configuration can take are contiguous and the rest need not be
/// scored at all: left arcs, then shift and the right arc to the root (all that
/// is legal with the root on the stack), then reduce and the other right arcs
/// (with left arcs, all that is legal when the stack top has a head).
#[derive(Default)]
struct Lanes {
    /// The class scored in each lane.
    class_of_lane: Vec<u16>,
    /// The lane of shift, the first one scored when the stack top cannot take a head.
    shift: usize,
    /// The legal lanes of each kind of configuration (see [`Lanes::choice`]), in class order.
    legal: [Vec<u16>; 3],
}

impl Lanes {
    /// The lane order of a parser with `n_labels` labels.
    fn new(n_labels: usize, root_label: u16) -> Lanes {
        let left = |label: usize| (2 + 2 * label) as u16;
        let right = |label: usize| (3 + 2 * label) as u16;
        let root = usize::from(root_label);
        let mut class_of_lane: Vec<u16> = (0..n_labels).map(left).collect();
        class_of_lane.extend([0, right(root), 1]);
        class_of_lane.extend((0..n_labels).filter(|&label| label != root).map(right));
        let shift = n_labels;
        // Root on the stack: shift or attach to the root. Stack top with a head:
        // shift, reduce or a right arc. Stack top without a head: shift, left or right arc.
        let kinds: [&dyn Fn(usize) -> bool; 3] = [
            &|class| class == 0 || class == usize::from(right(root)),
            &|class| class < 2 || (class % 2 == 1 && (class - 3) / 2 != root),
            &|class| class == 0 || (class >= 2 && (class - 2) / 2 != root),
        ];
        let legal = kinds.map(|is_legal| {
            let mut lanes: Vec<u16> = (0..class_of_lane.len())
                .filter(|&lane| is_legal(usize::from(class_of_lane[lane])))
                .map(|lane| lane as u16)
                .collect();
            lanes.sort_by_key(|&lane| class_of_lane[usize::from(lane)]);
            lanes
        });
        Lanes { class_of_lane, shift, legal }
    }

    /// The lane of each class, for [`Weights::set_lane_order`].
    fn lane_of_class(&self) -> Vec<u16> {
        let mut lane_of_class = vec![0u16; self.class_of_lane.len()];
        for (lane, &class) in self.class_of_lane.iter().enumerate() {
            lane_of_class[usize::from(class)] = lane as u16;
        }
        lane_of_class
    }

    /// The kind of a configuration that is not final and has more than shift legal:
    /// 0 with the root on the stack, 1 when the stack top has a head, 2 when it has none.
    fn choice(state: &State) -> usize {
        match state.stack_top() {
            0 => 0,
            top if state.heads[top as usize] != NONE => 1,
            _ => 2,
        }
    }

    /// The lanes to score for a kind of configuration.
    fn scored(&self, choice: usize) -> std::ops::Range<usize> {
        match choice {
            0 => self.shift..self.shift + 2,
            1 => self.shift..self.class_of_lane.len(),
            _ => 0..self.class_of_lane.len(),
        }
    }
}

/// The templates read per configuration: all but those of [`WordScores`].
const CONFIGURATION_TEMPLATES: [usize; N_TEMPLATES - 16] = configuration_templates();

/// Lists the templates that are in neither word list, in order.
const fn configuration_templates() -> [usize; N_TEMPLATES - 16] {
    let mut templates = [0; N_TEMPLATES - 16];
    let (mut template, mut count) = (0, 0);
    while template < N_TEMPLATES {
        if !contains(&STACK_WORD_TEMPLATES, template) && !contains(&BUFFER_WORD_TEMPLATES, template) {
            templates[count] = template;
            count += 1;
        }
        template += 1;
    }
    templates
}

/// Whether `list` contains `item` (usable in constants).
const fn contains(list: &[usize], item: usize) -> bool {
    let mut at = 0;
    while at < list.len() {
        if list[at] == item {
            return true;
        }
        at += 1;
    }
    false
}

/// The scores of the features that depend on one word alone, as the stack top
/// (its word, tag and lemma) or as the first buffer word (with the two words
/// after it), summed once per word of a sentence rather than once for every
/// configuration in which the word holds that place.
struct WordScores {
    n_lanes: usize,
    /// Lanes of word 0 (the root), then of each word, as the stack top.
    as_stack_top: Vec<i32>,
    /// The same as the first buffer word.
    as_buffer_front: Vec<i32>,
}

impl WordScores {
    /// Scores every word of the sentence of `state` in both places, showing
    /// `observe` the features it looks up.
    fn new(weights: &Weights, state: &State, observe: &mut impl FnMut(&[u64])) -> WordScores {
        let n_lanes = weights.n_classes();
        let n_words = state.len() as usize + 1;
        let mut scores = WordScores {
            n_lanes,
            as_stack_top: vec![0; n_words * n_lanes],
            as_buffer_front: vec![0; n_words * n_lanes],
        };
        // All words' features are looked up together (see `Weights::add_group_scores`).
        let mut hashes = [0u64; N_TEMPLATES];
        let mut stack_features = Vec::with_capacity(n_words * STACK_WORD_TEMPLATES.len());
        let mut buffer_features = Vec::with_capacity(n_words * BUFFER_WORD_TEMPLATES.len());
        for word in 0..n_words as u32 {
            state.stack_word_features(word, &mut hashes);
            stack_features.extend(STACK_WORD_TEMPLATES.iter().map(|&template| hashes[template]));
            // The root is never in the buffer.
            if word > 0 {
                state.buffer_word_features(word, &mut hashes);
                buffer_features.extend(BUFFER_WORD_TEMPLATES.iter().map(|&template| hashes[template]));
            }
        }
        observe(&stack_features);
        observe(&buffer_features);
        weights.add_group_scores(&stack_features, STACK_WORD_TEMPLATES.len(), &mut scores.as_stack_top);
        let buffer_fronts = scores.as_buffer_front.get_mut(n_lanes..).unwrap_or_default();
        weights.add_group_scores(&buffer_features, BUFFER_WORD_TEMPLATES.len(), buffer_fronts);
        scores
    }

    /// The lanes of a word as the stack top.
    fn stack_top(&self, word: u32) -> &[i32] {
        let start = word as usize * self.n_lanes;
        &self.as_stack_top[start..start + self.n_lanes]
    }

    /// The lanes of a word as the first buffer word.
    fn buffer_front(&self, word: u32) -> &[i32] {
        let start = word as usize * self.n_lanes;
        &self.as_buffer_front[start..start + self.n_lanes]
    }
}

impl Parser {
    /// Trains a parser; `on_epoch` is called after each epoch with the parser so far.
    pub fn train(
        examples: &[ParseExample],
        options: &ParserOptions,
        mut on_epoch: impl FnMut(usize, &Parser),
    ) -> Parser {
        let labels = collect_labels(examples);
        let root_label = labels.iter().position(|l| l == "root").unwrap_or(0) as u16;
        let golds: Vec<GoldTree> = examples
            .iter()
            .enumerate()
            .filter_map(|(index, example)| GoldTree::new(index, example, &labels))
            .collect();
        let mut model = PerceptronTrainer::new(2 + 2 * labels.len());
        let mut rng = Rng::new(options.seed);
        let mut order: Vec<usize> = (0..golds.len()).collect();
        let mut parser = Parser { labels, root_label, weights: Weights::default(), lanes: Lanes::default() };
        for epoch in 0..options.epochs {
            rng.shuffle(&mut order);
            let explore = if epoch == 0 { 0.0 } else { options.explore };
            for &index in &order {
                let example = &examples[golds[index].example];
                train_sentence(&mut model, &parser, &example.tokens, &golds[index], explore, &mut rng);
            }
            parser.weights = model.finish(options.min_weight);
            parser.index_lanes();
            on_epoch(epoch + 1, &parser);
        }
        parser
    }

    /// Parses a tagged sentence, returning a 1-based head and a label id per word.
    ///
    /// The result is always a tree with exactly one word attached to the root.
    pub(crate) fn parse(&self, tokens: &[ParseToken]) -> Vec<(usize, u16)> {
        self.parse_observed(tokens, |_| {})
    }

    /// Parses a sentence as [`Parser::parse`] does, showing `observe` every batch
    /// of features it looks up.
    pub(crate) fn parse_observed(
        &self,
        tokens: &[ParseToken],
        mut observe: impl FnMut(&[u64]),
    ) -> Vec<(usize, u16)> {
        let mut state = State::new(tokens);
        let words = WordScores::new(&self.weights, &state, &mut observe);
        let mut hashes = [0u64; N_TEMPLATES];
        let mut features = Vec::with_capacity(N_TEMPLATES);
        let mut scores = vec![0i32; self.weights.n_classes()];
        while !state.is_terminal() {
            // With only shift legal (e.g. the root on top after its child is
            // chosen), there is nothing to score.
            if state.allowed_moves() == [true, false, false, false] {
                state.apply(0, self.root_label);
                continue;
            }
            // Features of the stack top's word and the buffer's first words come
            // from `words`; the rest are looked up for this configuration.
            let at = state.positions();
            state.configuration_features(&at, &mut hashes);
            features.clear();
            features.extend(CONFIGURATION_TEMPLATES.iter().map(|&template| hashes[template]));
            observe(&features);
            let choice = Lanes::choice(&state);
            let lanes = self.lanes.scored(choice);
            let scored = &mut scores[lanes.clone()];
            let stack_top = &words.stack_top(at.s0)[lanes.clone()];
            let buffer_front = &words.buffer_front(at.n0)[lanes.clone()];
            for ((score, &from_stack), &from_buffer) in scored.iter_mut().zip(stack_top).zip(buffer_front) {
                *score = from_stack + from_buffer;
            }
            self.weights.add_scores(&features, lanes.start, scored);
            let best = self.best_legal(choice, &scores);
            state.apply(best, self.root_label);
        }
        state.into_tree(self.root_label, self.punct_label())
    }

    /// The highest-scoring legal class of a kind of configuration, given the scores
    /// of its lanes. Ties go to the lowest class.
    fn best_legal(&self, choice: usize, scores: &[i32]) -> usize {
        let mut best: Option<(usize, i32)> = None;
        // Legal lanes are in class order, so the first of equal scores wins.
        for &lane in &self.lanes.legal[choice] {
            let lane = usize::from(lane);
            let score = scores[lane];
            if best.is_none_or(|(_, top)| score > top) {
                best = Some((lane, score));
            }
        }
        best.map_or(0, |(lane, _)| usize::from(self.lanes.class_of_lane[lane]))
    }

    /// Reorders the weights' lanes for [`Parser::parse`]; after training or loading.
    fn index_lanes(&mut self) {
        self.lanes = Lanes::new(self.labels.len(), self.root_label);
        self.weights.set_lane_order(self.lanes.lane_of_class());
    }

    /// Whether a class is allowed given the move legality and the root rules.
    fn class_allowed(&self, state: &State, allowed: &[bool; 4], class: usize) -> bool {
        let (mv, label) = decode(class);
        let is_root_label = label == self.root_label;
        match mv {
            Move::Shift => allowed[0],
            Move::Reduce => allowed[1],
            Move::Left => allowed[2] && !is_root_label,
            Move::Right => allowed[3] && (state.stack_top() == 0) == is_root_label,
        }
    }

    /// The name of a label id.
    pub(crate) fn label(&self, id: u16) -> &str {
        &self.labels[usize::from(id)]
    }

    /// The id of the `punct` label, used when repairing the output tree.
    fn punct_label(&self) -> u16 {
        self.labels.iter().position(|l| l == "punct").unwrap_or(usize::from(self.root_label)) as u16
    }

    /// Rebuilds lookup indexes after deserialisation and checks consistency.
    pub(crate) fn prepare(&mut self) -> Result<(), String> {
        self.weights.validate()?;
        if self.weights.n_classes() != 2 + 2 * self.labels.len()
            || usize::from(self.root_label) >= self.labels.len()
        {
            return Err("parser classes do not match its labels".to_string());
        }
        self.index_lanes();
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

    /// Puts the most used features first, for faster lookups (see `Weights::order_by_use`).
    pub(crate) fn order_by_use(&mut self, uses: &FeatureMap<u64>) {
        self.weights.order_by_use(uses);
    }

    /// Whether a feature has weights.
    pub(crate) fn has_feature(&self, key: u64) -> bool {
        self.weights.contains(key)
    }
}

/// Collects the relation names of the training data, `root` and `punct` included.
fn collect_labels(examples: &[ParseExample]) -> Vec<String> {
    let mut labels: Vec<String> = vec!["root".to_string(), "punct".to_string()];
    for deprel in examples.iter().flat_map(|example| &example.deprels) {
        if !labels.contains(deprel) {
            labels.push(deprel.clone());
        }
    }
    labels
}

/// A projectivised gold tree in the parser's index space (0 is the root).
struct GoldTree {
    example: usize,
    heads: Vec<u32>,
    labels: Vec<u16>,
}

impl GoldTree {
    /// Builds the gold tree of an example, or `None` if its heads are invalid.
    fn new(index: usize, example: &ParseExample, labels: &[String]) -> Option<GoldTree> {
        let n = example.tokens.len();
        let mut heads = vec![NONE];
        let mut label_ids = vec![0u16];
        for (head, deprel) in example.heads.iter().zip(&example.deprels) {
            if *head > n {
                return None;
            }
            heads.push(*head as u32);
            label_ids.push(labels.iter().position(|l| l == deprel)? as u16);
        }
        if heads.iter().skip(1).filter(|&&h| h == 0).count() != 1 || !is_acyclic(&heads) {
            return None;
        }
        projectivize(&mut heads);
        Some(GoldTree { example: index, heads, labels: label_ids })
    }
}

/// Whether every word reaches the root by following heads.
fn is_acyclic(heads: &[u32]) -> bool {
    (1..heads.len()).all(|start| {
        let mut node = start as u32;
        for _ in 0..heads.len() {
            if node == 0 {
                return true;
            }
            node = heads[node as usize];
        }
        node == 0
    })
}

/// Lifts non-projective arcs (shortest first) until the tree is projective.
fn projectivize(heads: &mut [u32]) {
    while let Some(dependent) = shortest_crossing_arc(heads) {
        let head = heads[dependent] as usize;
        heads[dependent] = heads[head];
    }
}

/// The dependent of the shortest non-projective arc, if any.
fn shortest_crossing_arc(heads: &[u32]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for dependent in 1..heads.len() {
        let head = heads[dependent] as usize;
        let (low, high) = (head.min(dependent), head.max(dependent));
        let span = high - low;
        if best.is_some_and(|(best_span, _)| best_span <= span) {
            continue;
        }
        if (low + 1..high).any(|inner| !dominates(heads, head, inner)) {
            best = Some((span, dependent));
        }
    }
    best.map(|(_, dependent)| dependent)
}

/// Whether `ancestor` dominates `node` in the tree.
fn dominates(heads: &[u32], ancestor: usize, mut node: usize) -> bool {
    while node != 0 {
        if node == ancestor {
            return true;
        }
        node = heads[node] as usize;
    }
    ancestor == 0
}

/// Runs one sentence through the dynamic-oracle training loop.
fn train_sentence(
    model: &mut PerceptronTrainer,
    parser: &Parser,
    tokens: &[ParseToken],
    gold: &GoldTree,
    explore: f32,
    rng: &mut Rng,
) {
    let mut state = State::new(tokens);
    let n_classes = 2 + 2 * parser.labels.len();
    let mut scores = vec![0.0f32; n_classes];
    let mut features = [0u64; N_TEMPLATES];
    while !state.is_terminal() {
        state.features(&mut features);
        model.score(&features, &mut scores);
        let allowed = state.allowed_moves();
        let move_costs = state.move_costs(&gold.heads);
        let mut predicted = usize::MAX;
        let mut best_gold = usize::MAX;
        let mut best_cost = u32::MAX;
        for class in 0..n_classes {
            if !parser.class_allowed(&state, &allowed, class) {
                continue;
            }
            if predicted == usize::MAX || scores[class] > scores[predicted] {
                predicted = class;
            }
            let cost = state.class_cost(class, &move_costs, gold);
            if cost < best_cost || (cost == best_cost && scores[class] > scores[best_gold]) {
                best_cost = cost;
                best_gold = class;
            }
        }
        let predicted_cost = state.class_cost(predicted, &move_costs, gold);
        if predicted_cost > best_cost {
            model.update(&features, best_gold, predicted);
        }
        model.tick();
        let follow = if rng.next_f32() < explore { predicted } else { best_gold };
        state.apply(follow, parser.root_label);
    }
}

/// The positions used by the features; `NONE` where there is no such word.
struct Positions {
    s0: u32,
    s1: u32,
    n0: u32,
    n1: u32,
    s0h: u32,
    s0h2: u32,
    s0l: u32,
    s0l2: u32,
    s0r: u32,
    s0r2: u32,
    n0l: u32,
    n0l2: u32,
}

/// A parser configuration: stack, buffer position and the arcs built so far.
struct State<'a> {
    tokens: &'a [ParseToken],
    stack: Vec<u32>,
    on_stack: Vec<bool>,
    next: u32,
    heads: Vec<u32>,
    labels: Vec<u16>,
    /// The two leftmost children of each word, leftmost first.
    lefts: Vec<[u32; 2]>,
    /// The two rightmost children of each word, rightmost first.
    rights: Vec<[u32; 2]>,
    left_count: Vec<u8>,
    right_count: Vec<u8>,
    left_labels: Vec<u128>,
    right_labels: Vec<u128>,
}

impl<'a> State<'a> {
    /// The initial configuration: the root on the stack, all words in the buffer.
    fn new(tokens: &'a [ParseToken]) -> State<'a> {
        let size = tokens.len() + 1;
        let mut on_stack = vec![false; size];
        on_stack[0] = true;
        State {
            tokens,
            stack: vec![0],
            on_stack,
            next: 1,
            heads: vec![NONE; size],
            labels: vec![0; size],
            lefts: vec![[NONE; 2]; size],
            rights: vec![[NONE; 2]; size],
            left_count: vec![0; size],
            right_count: vec![0; size],
            left_labels: vec![0; size],
            right_labels: vec![0; size],
        }
    }

    /// The number of words.
    fn len(&self) -> u32 {
        self.tokens.len() as u32
    }

    /// Parsing ends when the buffer is empty.
    fn is_terminal(&self) -> bool {
        self.next > self.len()
    }

    /// The word on top of the stack (the root when only it remains).
    fn stack_top(&self) -> u32 {
        *self.stack.last().unwrap_or(&0)
    }

    /// Which of shift, reduce, left-arc and right-arc are legal.
    fn allowed_moves(&self) -> [bool; 4] {
        let top = self.stack_top();
        let buffer = !self.is_terminal();
        let has_head = self.heads[top as usize] != NONE;
        let root_free = top != 0 || self.right_count[0] == 0;
        [buffer, top != 0 && has_head, buffer && top != 0 && !has_head, buffer && root_free]
    }

    /// Applies a class (move and label).
    fn apply(&mut self, class: usize, root_label: u16) {
        let (mv, label) = decode(class);
        let top = self.stack_top();
        match mv {
            Move::Shift => self.push_next(),
            Move::Reduce => self.pop(),
            Move::Left => {
                self.add_arc(self.next, top, label);
                self.pop();
            }
            Move::Right => {
                let label = if top == 0 { root_label } else { label };
                self.add_arc(top, self.next, label);
                self.push_next();
            }
        }
    }

    /// Moves the first buffer word onto the stack.
    fn push_next(&mut self) {
        self.stack.push(self.next);
        self.on_stack[self.next as usize] = true;
        self.next += 1;
    }

    /// Pops the stack top.
    fn pop(&mut self) {
        if let Some(top) = self.stack.pop() {
            self.on_stack[top as usize] = false;
        }
    }

    /// Records the arc `head → dependent` and updates the child summaries.
    fn add_arc(&mut self, head: u32, dependent: u32, label: u16) {
        let (h, d) = (head as usize, dependent as usize);
        self.heads[d] = head;
        self.labels[d] = label;
        let bit = 1u128 << (label % 128);
        if dependent < head {
            // Left children arrive from nearest to farthest.
            self.lefts[h] = [dependent, self.lefts[h][0]];
            self.left_count[h] = self.left_count[h].saturating_add(1);
            self.left_labels[h] |= bit;
        } else {
            // Right children arrive from nearest to farthest.
            self.rights[h] = [dependent, self.rights[h][0]];
            self.right_count[h] = self.right_count[h].saturating_add(1);
            self.right_labels[h] |= bit;
        }
    }

    /// Unlabelled costs of shift, reduce, left-arc and right-arc (Goldberg & Nivre).
    fn move_costs(&self, gold: &[u32]) -> [u32; 4] {
        if self.is_terminal() {
            return [0; 4];
        }
        let s = self.stack_top();
        let b = self.next;
        let n = self.len();
        let unattached_stack_children = |head: u32| {
            self.stack
                .iter()
                .filter(|&&k| k != 0 && self.heads[k as usize] == NONE && gold[k as usize] == head)
                .count() as u32
        };
        let buffer_children = |head: u32| (b..=n).filter(|&k| gold[k as usize] == head).count() as u32;
        let gold_b = gold[b as usize];
        let shift = u32::from(self.on_stack[gold_b as usize]) + unattached_stack_children(b);
        let right = u32::from(gold_b != s && (self.on_stack[gold_b as usize] || gold_b > b))
            + unattached_stack_children(b);
        let (reduce, left) = if s == 0 {
            (0, 0)
        } else {
            let children = buffer_children(s);
            let gold_s = gold[s as usize];
            (children, children + u32::from(gold_s > b))
        };
        [shift, reduce, left, right]
    }

    /// The labelled cost of a class given the unlabelled move costs.
    fn class_cost(&self, class: usize, move_costs: &[u32; 4], gold: &GoldTree) -> u32 {
        let (mv, label) = decode(class);
        let s = self.stack_top() as usize;
        let b = self.next as usize;
        match mv {
            Move::Shift => move_costs[0],
            Move::Reduce => move_costs[1],
            Move::Left => move_costs[2] + u32::from(gold.heads[s] == b as u32 && gold.labels[s] != label),
            Move::Right => {
                let wrong_label = s != 0 && gold.heads[b] == s as u32 && gold.labels[b] != label;
                move_costs[3] + u32::from(wrong_label)
            }
        }
    }

    /// Turns the final configuration into a single-rooted tree.
    fn into_tree(self, root_label: u16, punct_label: u16) -> Vec<(usize, u16)> {
        let n = self.tokens.len();
        let root = (1..=n)
            .find(|&word| self.heads[word] == 0)
            .or_else(|| (1..=n).find(|&word| self.heads[word] == NONE))
            .unwrap_or(1);
        let mut tree = Vec::with_capacity(n);
        for word in 1..=n {
            let entry = if word == root {
                (0, root_label)
            } else if self.heads[word] == NONE || self.heads[word] == 0 {
                (root, punct_label)
            } else {
                (self.heads[word] as usize, self.labels[word])
            };
            tree.push(entry);
        }
        tree
    }

    /// Fills `out` with the hashes of all features of the configuration.
    fn features(&self, out: &mut FeatureHashes) {
        let at = self.positions();
        self.stack_word_features(at.s0, out);
        self.buffer_word_features(at.n0, out);
        self.configuration_features(&at, out);
    }

    /// Fills `out` with the hashes of the features not in [`STACK_WORD_TEMPLATES`] and
    /// [`BUFFER_WORD_TEMPLATES`]; their slots keep what they had.
    fn configuration_features(&self, at: &Positions, out: &mut FeatureHashes) {
        self.pair_features(at, out);
        self.distance_features(at, out);
        self.child_features(at, out);
        self.context_features(at, out);
    }

    /// Finds the stack, buffer and child positions that features look at.
    fn positions(&self) -> Positions {
        let s0 = self.stack_top();
        let n0 = if self.is_terminal() { NONE } else { self.next };
        let s0h = self.head_of(s0);
        let (s0l, s0l2) = self.children(&self.lefts, s0);
        let (s0r, s0r2) = self.children(&self.rights, s0);
        let (n0l, n0l2) = self.children(&self.lefts, n0);
        Positions {
            s0,
            s1: match self.stack.len() {
                0 | 1 => NONE,
                len => self.stack[len - 2],
            },
            n0,
            n1: self.buffer(1),
            s0h,
            s0h2: self.head_of(s0h),
            s0l,
            s0l2,
            s0r,
            s0r2,
            n0l,
            n0l2,
        }
    }

    /// The stack top's word, tag and lemma (templates 0–2 and 12).
    fn stack_word_features(&self, s0: u32, out: &mut FeatureHashes) {
        let (s0w, s0p) = (self.word(s0), self.tag(s0));
        set(out, 0, &[s0w, s0p]);
        set(out, 1, &[s0w]);
        set(out, 2, &[s0p]);
        set(out, 12, &[self.lemma(s0)]);
    }

    /// The first buffer word and the two after it (templates 3–11, 13, 22 and 24).
    fn buffer_word_features(&self, n0: u32, out: &mut FeatureHashes) {
        let (n1, n2) = (self.after(n0, 1), self.after(n0, 2));
        let (n0w, n0p) = (self.word(n0), self.tag(n0));
        let (n1w, n1p) = (self.word(n1), self.tag(n1));
        let (n2w, n2p) = (self.word(n2), self.tag(n2));
        set(out, 3, &[n0w, n0p]);
        set(out, 4, &[n0w]);
        set(out, 5, &[n0p]);
        set(out, 6, &[n1w, n1p]);
        set(out, 7, &[n1w]);
        set(out, 8, &[n1p]);
        set(out, 9, &[n2w, n2p]);
        set(out, 10, &[n2w]);
        set(out, 11, &[n2p]);
        set(out, 13, &[self.lemma(n0)]);
        set(out, 22, &[n0p, n1p]);
        set(out, 24, &[n0p, n1p, n2p]);
    }

    /// Pairs and triples of the stack top, the buffer and their children
    /// (templates 14–21, 23 and 25–29).
    fn pair_features(&self, at: &Positions, out: &mut FeatureHashes) {
        let (s0, n0, s0h, s0l, s0r, n0l) = (at.s0, at.n0, at.s0h, at.s0l, at.s0r, at.n0l);
        let (s0w, s0p) = (self.word(s0), self.tag(s0));
        let (n0w, n0p) = (self.word(n0), self.tag(n0));
        let n1p = self.tag(at.n1);
        set(out, 14, &[self.coarse(s0), self.coarse(n0)]);
        // Word pairs.
        set(out, 15, &[s0w, s0p, n0w, n0p]);
        set(out, 16, &[s0w, s0p, n0w]);
        set(out, 17, &[s0w, n0w, n0p]);
        set(out, 18, &[s0w, s0p, n0p]);
        set(out, 19, &[s0p, n0w, n0p]);
        set(out, 20, &[s0w, n0w]);
        set(out, 21, &[s0p, n0p]);
        set(out, 23, &[self.lemma(s0), self.lemma(n0)]);
        // Three words.
        set(out, 25, &[s0p, n0p, n1p]);
        set(out, 26, &[self.tag(s0h), s0p, n0p]);
        set(out, 27, &[s0p, self.tag(s0l), n0p]);
        set(out, 28, &[s0p, self.tag(s0r), n0p]);
        set(out, 29, &[s0p, n0p, self.tag(n0l)]);
    }

    /// The distance between the stack top and the buffer, and valencies.
    fn distance_features(&self, at: &Positions, out: &mut FeatureHashes) {
        let (s0, n0) = (at.s0, at.n0);
        let (s0w, s0p) = (self.word(s0), self.tag(s0));
        let (n0w, n0p) = (self.word(n0), self.tag(n0));
        let mut template = 30;
        let mut add = |values: &[u64]| {
            set(out, template, values);
            template += 1;
        };
        // Distance.
        let distance = self.distance(s0, n0);
        add(&[s0w, distance]);
        add(&[s0p, distance]);
        add(&[n0w, distance]);
        add(&[n0p, distance]);
        add(&[s0w, n0w, distance]);
        add(&[s0p, n0p, distance]);
        // Valency.
        let (s0vl, s0vr, n0vl) = (
            self.valency(&self.left_count, s0),
            self.valency(&self.right_count, s0),
            self.valency(&self.left_count, n0),
        );
        add(&[s0w, s0vr]);
        add(&[s0p, s0vr]);
        add(&[s0w, s0vl]);
        add(&[s0p, s0vl]);
        add(&[n0w, n0vl]);
        add(&[n0p, n0vl]);
    }

    /// Heads, grandparents and outermost children of the stack top and buffer front.
    fn child_features(&self, at: &Positions, out: &mut FeatureHashes) {
        let (s0, s0h, s0h2) = (at.s0, at.s0h, at.s0h2);
        let (s0l, s0l2, s0r, s0r2, n0l, n0l2) = (at.s0l, at.s0l2, at.s0r, at.s0r2, at.n0l, at.n0l2);
        let (s0p, n0p) = (self.tag(s0), self.tag(at.n0));
        let mut template = 42;
        let mut add = |values: &[u64]| {
            set(out, template, values);
            template += 1;
        };
        // Second-order unigrams.
        add(&[self.word(s0h)]);
        add(&[self.tag(s0h)]);
        add(&[self.label(s0)]);
        add(&[self.word(s0l)]);
        add(&[self.tag(s0l)]);
        add(&[self.label(s0l)]);
        add(&[self.word(s0r)]);
        add(&[self.tag(s0r)]);
        add(&[self.label(s0r)]);
        add(&[self.word(n0l)]);
        add(&[self.tag(n0l)]);
        add(&[self.label(n0l)]);
        // Third order.
        add(&[self.word(s0h2)]);
        add(&[self.tag(s0h2)]);
        add(&[self.label(s0h)]);
        add(&[self.word(s0l2)]);
        add(&[self.tag(s0l2)]);
        add(&[self.label(s0l2)]);
        add(&[self.word(s0r2)]);
        add(&[self.tag(s0r2)]);
        add(&[self.label(s0r2)]);
        add(&[self.word(n0l2)]);
        add(&[self.tag(n0l2)]);
        add(&[self.label(n0l2)]);
        add(&[s0p, self.tag(s0l), self.tag(s0l2)]);
        add(&[s0p, self.tag(s0r), self.tag(s0r2)]);
        add(&[s0p, self.tag(s0h), self.tag(s0h2)]);
        add(&[n0p, self.tag(n0l), self.tag(n0l2)]);
    }

    /// Child label sets and the second stack word.
    fn context_features(&self, at: &Positions, out: &mut FeatureHashes) {
        let (s0, s1, n0, n1, s0h) = (at.s0, at.s1, at.n0, at.n1, at.s0h);
        let (s0w, s0p) = (self.word(s0), self.tag(s0));
        let (n0w, n0p) = (self.word(n0), self.tag(n0));
        let mut template = 70;
        let mut add = |values: &[u64]| {
            set(out, template, values);
            template += 1;
        };
        // Label sets.
        let (s0sl, s0sr, n0sl) = (
            self.label_set(&self.left_labels, s0),
            self.label_set(&self.right_labels, s0),
            self.label_set(&self.left_labels, n0),
        );
        add(&[s0w, s0sr]);
        add(&[s0p, s0sr]);
        add(&[s0w, s0sl]);
        add(&[s0p, s0sl]);
        add(&[n0w, n0sl]);
        add(&[n0p, n0sl]);
        // The second stack word and whether the top already has a head.
        add(&[self.word(s1), self.tag(s1)]);
        add(&[self.tag(s1), s0p, n0p]);
        add(&[self.tag(s1), s0p]);
        add(&[s0p, self.label(s0), n0p]);
        add(&[s0p, n0p, self.word(n1)]);
        add(&[u64::from(s0h == NONE), s0p, n0p]);
    }

    /// The `offset`-th buffer word after the first, if any.
    fn buffer(&self, offset: u32) -> u32 {
        self.after(self.next, offset)
    }

    /// The `offset`-th word after `word`, if any.
    fn after(&self, word: u32, offset: u32) -> u32 {
        match word.checked_add(offset) {
            Some(index) if index <= self.len() => index,
            _ => NONE,
        }
    }

    /// The head of a word, or `NONE`.
    fn head_of(&self, word: u32) -> u32 {
        if word == NONE || word == 0 { NONE } else { self.heads[word as usize] }
    }

    /// The first and second child from a child table, or `NONE`.
    fn children(&self, table: &[[u32; 2]], word: u32) -> (u32, u32) {
        if word == NONE { (NONE, NONE) } else { (table[word as usize][0], table[word as usize][1]) }
    }

    /// The word hash of a position (the root and missing words get constants).
    fn word(&self, word: u32) -> u64 {
        match word {
            NONE => ABSENT,
            0 => ABSENT + 1,
            _ => self.tokens[word as usize - 1].word,
        }
    }

    /// The lemma hash of a position.
    fn lemma(&self, word: u32) -> u64 {
        match word {
            NONE => ABSENT,
            0 => ABSENT + 1,
            _ => self.tokens[word as usize - 1].lemma,
        }
    }

    /// The XPOS feature value of a position.
    fn tag(&self, word: u32) -> u64 {
        match word {
            NONE => ABSENT,
            0 => ABSENT + 1,
            _ => u64::from(self.tokens[word as usize - 1].xpos),
        }
    }

    /// The UPOS feature value of a position.
    fn coarse(&self, word: u32) -> u64 {
        match word {
            NONE => ABSENT,
            0 => ABSENT + 1,
            _ => u64::from(self.tokens[word as usize - 1].upos),
        }
    }

    /// The label of the arc into a word, or a constant when it has none.
    fn label(&self, word: u32) -> u64 {
        if word == NONE || word == 0 || self.heads[word as usize] == NONE {
            ABSENT
        } else {
            u64::from(self.labels[word as usize])
        }
    }

    /// A bucketed distance between the stack top and the first buffer word.
    fn distance(&self, s0: u32, n0: u32) -> u64 {
        if n0 == NONE {
            return ABSENT;
        }
        match n0 - s0 {
            d @ 0..=4 => u64::from(d),
            5..=6 => 5,
            7..=9 => 6,
            _ => 7,
        }
    }

    /// The number of children recorded in a count table.
    fn valency(&self, table: &[u8], word: u32) -> u64 {
        if word == NONE { ABSENT } else { u64::from(table[word as usize]) }
    }

    /// The set of child labels recorded in a label-set table, as a hash value.
    fn label_set(&self, table: &[u128], word: u32) -> u64 {
        if word == NONE {
            ABSENT
        } else {
            let set = table[word as usize];
            (set as u64) ^ ((set >> 64) as u64).rotate_left(17)
        }
    }
}

/// Stores the hash of feature `template` with `values` in its slot of `out`.
fn set(out: &mut FeatureHashes, template: usize, values: &[u64]) {
    out[template] = feature(template as u64, values);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_read_once_per_configuration_or_once_per_word() {
        let mut templates: Vec<usize> = CONFIGURATION_TEMPLATES
            .iter()
            .chain(&STACK_WORD_TEMPLATES)
            .chain(&BUFFER_WORD_TEMPLATES)
            .copied()
            .collect();
        templates.sort_unstable();
        assert_eq!(templates, (0..N_TEMPLATES).collect::<Vec<_>>());
    }
}
