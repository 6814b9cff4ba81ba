"""The materialized path that keeps a thread's replies in depth-first order.

Each level adds one fixed-width base-36 segment: the reply's sequence number
among its siblings. The opening post has the empty path; its third reply is
"0003"; the first reply to that is "00030001". Ordering by path is therefore
depth-first order, oldest sibling first, and a subtree is a contiguous range
of paths: [prefix, successor(prefix)). Both comparisons use only the
characters 0-9 and a-z of equal width, so they sort the same under SQLite's
binary collation and PostgreSQL's locale collations.
"""

SEGMENT = 4
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
# "zzzz" is never used, so every segment can be incremented (see successor).
MAX_SIBLINGS = len(ALPHABET) ** SEGMENT - 2  # 1,679,614 replies to one post
MAX_DEPTH = 200
MAX_PATH_LENGTH = SEGMENT * MAX_DEPTH


def segment(number):
    if not 0 < number <= MAX_SIBLINGS:
        raise ValueError(f"sibling number out of range: {number}")
    digits = []
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits.append(ALPHABET[rest])
    return "".join(reversed(digits)).rjust(SEGMENT, "0")


def child_path(parent_path, number):
    return parent_path + segment(number)


def successor(path):
    """The smallest path greater than every path in `path`'s subtree."""
    if not path:
        raise ValueError("the opening post's subtree is the whole thread")
    chars = list(path)
    for i in range(len(chars) - 1, -1, -1):
        position = ALPHABET.index(chars[i])
        if position + 1 < len(ALPHABET):
            chars[i] = ALPHABET[position + 1]
            return "".join(chars[: i + 1])
    raise ValueError(f"not a path: {path!r}")


def ancestor_paths(path):
    """Paths of every ancestor, the opening post ("") first."""
    return [path[:end] for end in range(0, len(path), SEGMENT)]


def prefix_at_depth(path, depth):
    return path[: depth * SEGMENT]
