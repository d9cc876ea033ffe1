"""Grouping sentences into CTranslate2 batches.

Sentences are sorted by length so a batch pads little, and a batch is closed
when one more sentence would exceed the padded-token budget or the sentence cap.
"""

from __future__ import annotations


def plan_batches(lengths: list[int], max_tokens: int, max_sentences: int) -> list[list[int]]:
    """Indices of ``lengths`` grouped into batches; every index appears exactly once.

    A batch's cost is ``len(batch) * longest``; a single sentence longer than
    ``max_tokens`` still gets a batch of its own.
    """
    order = sorted(range(len(lengths)), key=lambda index: lengths[index])
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        too_many = len(current) >= max(1, max_sentences)
        too_long = (len(current) + 1) * lengths[index] > max(1, max_tokens)  # sorted: it is the longest
        if current and (too_many or too_long):
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches
