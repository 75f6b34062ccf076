"""Small helpers for writing English the way a rulebook does: "1 drone", "3 drones",
never "drone(s)". Shared by the engine's events, the cards and the log."""

from __future__ import annotations

_IRREGULAR = {"casualty": "casualties", "fighter": "fighters", "salvo": "salvoes", "sortie": "sorties"}


def plural(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def count(n: int, word: str, many: str | None = None) -> str:
    """`count(1, "drone")` -> "1 drone"; `count(3, "drone")` -> "3 drones"."""
    return f"{n} {word if n == 1 else (many or plural(word))}"


def listing(items: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
