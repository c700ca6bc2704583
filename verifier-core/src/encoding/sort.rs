//! One sort for the whole crate.
//!
//! Every `sort`/`sort_unstable` call on a new element type instantiates
//! `core`'s sorting algorithms again (quicksort, small sorts, pivot
//! selection, heapsort fallback: about 2 KB of wasm each, eight times over).
//! Here the algorithm, a stable bottom-up merge sort of indices, exists once;
//! an element type adds only its comparison and the final permutation.

use alloc::vec::Vec;
use core::cmp::Ordering;

/// Sorts `v` by `cmp`, stably (equal elements keep their order).
pub(crate) fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let v = &*v;
        order(v.len(), &mut |a, b| cmp(&v[a], &v[b]))
    };
    permute(order, &mut |a, b| v.swap(a, b));
}

/// Sorts `v` by its elements' order, stably.
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The stable sorted order of `0..n` under `cmp`: `order[i]` is the index
/// of the element that belongs at position `i`.
#[inline(never)]
fn order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..n).collect();
    let mut to: Vec<usize> = alloc::vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut to[start..end] {
                // Take from the left run unless the right one's head is
                // strictly smaller: equal elements keep their order.
                if j >= end || (i < mid && cmp(from[i], from[j]) != Ordering::Greater) {
                    *slot = from[i];
                    i += 1;
                } else {
                    *slot = from[j];
                    j += 1;
                }
            }
            start = end;
        }
        core::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

/// Applies `order` (from [`order`]) with `swap`, one cycle at a time.
#[inline(never)]
fn permute(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        let mut state = 0x9e37_79b9u32;
        for n in [0usize, 1, 2, 3, 7, 8, 9, 31, 64, 100, 1000] {
            let v: Vec<(u32, usize)> = (0..n)
                .map(|i| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    (state % 16, i)
                })
                .collect();
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut want = v.clone();
            want.sort_by_key(|a| a.0);
            assert_eq!(ours, want, "{n}");
        }
        let mut words = vec!["b", "a", "c", "a"];
        sort(&mut words);
        assert_eq!(words, ["a", "a", "b", "c"]);
    }
}
