"""Typo-tolerant search over tens of thousands of titles, word by word (rapidfuzz and numpy; no Streamlit).

Whole-string scorers rank "Greenhouse Operations and Management" with "Operations Management and
Supervision" for "operations managment", and take ~100 ms over 60,000 titles. Here each word of the
query is matched to the nearest word of each title (typos forgiven, a prefix of 3+ letters counts:
"admin" → "administration"), the title's score is the mean over the query's words, and the best few
hundred are ranked again by the whole string (the query's words together, in its order, score higher).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process, utils

WORD = re.compile(r"[a-z0-9]+")
PREFIX_SCORE = 92.0  # "admin" for "administration": good, below an exact word
RESCORED = 300
MARGIN = 10.0  # an answer this far below the first is not relevant enough to list ("Reading" for "welding": 72)


def words(text: str) -> list[str]:
    return WORD.findall(utils.default_process(text))


class Texts(Sequence[str]):
    """Many short strings held as one string and their offsets: a list of 68,000 titles is 68,000 Python
    objects scattered over the allocator's pages (about 10 MB, and the pages they pin stay resident); this is
    two objects. Reads as a list of strings."""

    def __init__(self, texts: Iterable[str]):
        items = list(texts)
        self._joined = "".join(items)
        self._ends = np.cumsum([len(t) for t in items], dtype=np.int64)

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        start = int(self._ends[i - 1]) if i else 0
        return self._joined[start : int(self._ends[i])]


class _Processed(Sequence[str]):
    """Each text as rapidfuzz compares it (lower case, punctuation gone), made when asked: search reads a few
    hundred of them, so keeping all of them would cost memory for nothing."""

    def __init__(self, texts: Texts):
        self._texts = texts

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [utils.default_process(t) for t in self._texts[i]]
        return utils.default_process(self._texts[i])


class TokenIndex:
    """The titles' words, once: a sorted vocabulary and, for each word, the titles that hold it (postings,
    one array of title numbers cut at each word's offset)."""

    def __init__(self, texts: Iterable[str]):
        self.texts = Texts(texts)
        self.processed = _Processed(self.texts)
        processed = [utils.default_process(t) for t in self.texts]
        rows = [set(WORD.findall(t)) for t in processed]
        self.lengths = np.array([len(t) for t in processed], dtype=np.int32)
        del processed
        self.vocab = sorted(set().union(*rows)) if rows else []
        at = {w: k for k, w in enumerate(self.vocab)}
        word_of = np.fromiter((at[w] for r in rows for w in r), dtype=np.int32)
        title_of = np.repeat(np.arange(len(rows), dtype=np.int32), [len(r) for r in rows])
        order = np.argsort(word_of, kind="stable")  # by word, each word's titles in order
        self._postings = title_of[order]
        self._starts = np.searchsorted(word_of[order], np.arange(len(self.vocab) + 1)).astype(np.int64)
        # the words as new strings, made once the 68,000 processed titles and their sets are gone: the first
        # copies sit one or two to a page among those temporaries and would keep ~30 MB of pages resident
        del rows, at
        self.vocab = "\n".join(self.vocab).split("\n") if self.vocab else []

    def postings(self, word: int) -> np.ndarray:
        """The titles (numbers into texts) that hold vocabulary word number `word`."""
        return self._postings[self._starts[word] : self._starts[word + 1]]

    def _word_scores(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        """The vocabulary words like `word` (typo-tolerant ratio ≥ 60, or a prefix of 3+ letters) and their scores."""
        sim = process.cdist([word], self.vocab, scorer=fuzz.ratio, dtype=np.float32, score_cutoff=60)[0]
        if len(word) >= 3:  # the words that start with it sit together in the sorted vocabulary
            lo = bisect_left(self.vocab, word)
            hi = bisect_left(self.vocab, word + "\uffff")
            sim[lo:hi] = np.maximum(sim[lo:hi], PREFIX_SCORE)
        hits = np.flatnonzero(sim)
        return hits, sim[hits]

    def search(self, query: str, limit: int = 10, cutoff: float = 70.0) -> list[tuple[int, float]]:
        """(index into texts, score 0–100), best first; ties go to the shorter title."""
        qw = words(query)
        if not qw or not self.vocab:
            return []
        score = np.zeros(len(self.texts), dtype=np.float32)
        for w in qw:
            best = np.zeros(len(self.texts), dtype=np.float32)
            hits, sims = self._word_scores(w)
            if len(hits):
                lists = [self.postings(h) for h in hits]
                idx = np.concatenate(lists)
                np.maximum.at(best, idx, np.repeat(sims, [len(x) for x in lists]))
            score += best
        score /= len(qw)
        n = min(RESCORED, len(score))
        # among equal scores the shorter titles go forward (a common word matches thousands of titles)
        top = np.argpartition(-(score - 1e-3 * np.minimum(self.lengths, 500)), n - 1)[:n]
        top = top[score[top] >= cutoff]
        if not len(top):
            return []
        q = utils.default_process(query)
        whole = np.array([fuzz.partial_ratio(q, self.processed[i]) for i in top], dtype=np.float32)
        final = 0.8 * score[top] + 0.2 * whole
        # a tie of score and length goes to the title listed first (its source ranks higher: search.SOURCES);
        # argpartition leaves `top` in no set order, which differed between numpy releases
        order = np.lexsort((top, self.lengths[top], -final))
        return [(int(top[i]), float(final[i])) for i in order[:limit]]
