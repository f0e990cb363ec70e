//! The paths of an entity and of those containing it, as an award keeps them until stacks,
//! count caps and pools have used them: held inline for the usual depth, so evaluating
//! allocates nothing per award.

use std::sync::Arc;

/// Paths held inline: an enterprise, its records, theirs, and one level more.
const INLINE: usize = 4;

/// The paths of an entity and those containing it, outermost first.
#[derive(Debug, Default)]
pub(super) struct Scopes {
    inline: [Option<Arc<str>>; INLINE],
    /// Paths below the first [`INLINE`], rare.
    deeper: Vec<Arc<str>>,
    len: usize,
}

impl Scopes {
    /// The paths of `chain`'s entities, outermost first.
    pub fn new<'a>(chain: impl IntoIterator<Item = &'a Arc<str>>) -> Self {
        let mut scopes = Scopes::default();
        for path in chain {
            match scopes.inline.get_mut(scopes.len) {
                Some(slot) => *slot = Some(path.clone()),
                None => scopes.deeper.push(path.clone()),
            }
            scopes.len += 1;
        }
        scopes
    }

    /// The path `depth` levels below the top (0: the top-level entity).
    pub fn get(&self, depth: usize) -> Option<&Arc<str>> {
        match self.inline.get(depth) {
            Some(slot) => slot.as_ref(),
            None => self.deeper.get(depth.checked_sub(INLINE)?),
        }
    }

    /// How many paths: the entity's depth plus one.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The entity's own path.
    pub fn last(&self) -> Option<&Arc<str>> {
        self.get(self.len.checked_sub(1)?)
    }

    /// The entity's own path, moved out (no count to raise and drop again).
    pub fn into_last(mut self) -> Option<Arc<str>> {
        let depth = self.len.checked_sub(1)?;
        match self.inline.get_mut(depth) {
            Some(slot) => slot.take(),
            None => self.deeper.pop(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_deeper_paths_read_back_in_order() {
        let paths: Vec<Arc<str>> = (0..7).map(|i| Arc::from(format!("p{i}"))).collect();
        for n in 0..paths.len() {
            let scopes = Scopes::new(paths.iter().take(n));
            assert_eq!(scopes.len(), n);
            for (i, path) in paths.iter().enumerate() {
                assert_eq!(scopes.get(i), (i < n).then_some(path));
            }
            assert_eq!(scopes.last(), n.checked_sub(1).and_then(|i| paths.get(i)));
            assert_eq!(scopes.into_last().as_ref(), n.checked_sub(1).and_then(|i| paths.get(i)));
        }
    }
}
