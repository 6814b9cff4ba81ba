"""Muted words: a member's own list of words and phrases whose posts fold away.

Matching is case-insensitive and whole-word: "loss" matches "Loss," and
"my loss." but not "glossy". A phrase matches with any spacing between its
words. The pattern is compiled once per distinct list.
"""

import functools
import re

MAX_WORDS = 100
MAX_WORD_LENGTH = 60


class MutedWordsInvalid(ValueError):
    pass


def muted_words_parse(text):
    """The list as the member typed it: one entry a line, tidied and de-duplicated.

    Raises MutedWordsInvalid with a message fit to show the member.
    """
    words = []
    seen = set()
    for line in (text or "").replace(",", "\n").splitlines():
        word = " ".join(line.split())
        if not word:
            continue
        if len(word) > MAX_WORD_LENGTH:
            raise MutedWordsInvalid(
                f"“{word[:30]}…” is longer than {MAX_WORD_LENGTH} characters. "
                "Please use a shorter word or phrase."
            )
        if not re.search(r"\w", word):
            raise MutedWordsInvalid(f"“{word}” has no letters or digits, so it would never match anything.")
        key = word.casefold()
        if key not in seen:
            seen.add(key)
            words.append(word)
    if len(words) > MAX_WORDS:
        raise MutedWordsInvalid(f"You can mute up to {MAX_WORDS} words or phrases. Please remove a few.")
    return words


def muted_words_list(member):
    """The member's muted words as a list ([] for signed-out readers)."""
    text = getattr(member, "muted_words", "") or ""
    return [line for line in text.splitlines() if line.strip()]


@functools.lru_cache(maxsize=512)
def _pattern(text):
    words = [line for line in text.splitlines() if line.strip()]
    if not words:
        return None
    alternatives = (r"\s+".join(re.escape(part) for part in word.split()) for word in words)
    # Lookarounds rather than \b, so a word that starts or ends with a symbol still matches whole.
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def muted_pattern(member):
    """A compiled pattern for the member's muted words, or None if there are none."""
    return _pattern(getattr(member, "muted_words", "") or "")


def text_has_muted_word(member, *texts):
    pattern = muted_pattern(member)
    return pattern is not None and any(text and pattern.search(text) for text in texts)
