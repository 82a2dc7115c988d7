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

import numpy as np
from rapidfuzz import fuzz, process, utils

WORD = re.compile(r"[a-z0-9]+")
PREFIX_SCORE = 92.0  # "admin" for "administration": good, below an exact word
RESCORED = 300


def words(text: str) -> list[str]:
    return WORD.findall(utils.default_process(text))


class TokenIndex:
    """The titles' words, once: a sorted vocabulary and, for each word, the titles that hold it (postings)."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.processed = [utils.default_process(t) for t in texts]
        rows = [set(WORD.findall(t)) for t in self.processed]
        self.vocab = sorted(set().union(*rows)) if rows else []
        at = {w: k for k, w in enumerate(self.vocab)}
        postings: list[list[int]] = [[] for _ in self.vocab]
        for i, r in enumerate(rows):
            for w in r:
                postings[at[w]].append(i)
        self.postings = [np.array(p, dtype=np.int32) for p in postings]
        self.vocab_array = np.array(self.vocab, dtype=object)
        self.lengths = np.array([len(t) for t in self.processed])

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
                lists = [self.postings[h] for h in hits]
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
        order = np.lexsort((self.lengths[top], -final))
        return [(int(top[i]), float(final[i])) for i in order[:limit]]
