"""The household's lists (shopping, to do, ...), durable in the database (tables ``lists`` and
``list_items``) so they survive a restart.

Names and items are kept lower case, as heard ("shopping", "to do"; "milk", "washing up liquid").
A list exists once something was added to it or it was created by name; removing its last item
keeps it, clearing it keeps it, deleting it drops it with its items.
"""

from __future__ import annotations

from .db import Database


def _key(text: str) -> str:
    return " ".join(text.lower().split())


class Lists:
    """The list store over one :class:`~assistant.db.Database`."""

    def __init__(self, db: Database):
        self.db = db

    def names(self) -> list[str]:
        """Every list, oldest first."""
        return [r["name"] for r in self.db.query("SELECT name FROM lists ORDER BY created_at, name")]

    def exists(self, name: str) -> bool:
        return bool(self.db.query("SELECT 1 FROM lists WHERE name = ?", (_key(name),)))

    def create(self, name: str, now: float) -> bool:
        """Make an empty list; False when it already existed."""
        with self.db.transaction() as c:
            cur = c.execute("INSERT OR IGNORE INTO lists (name, created_at) VALUES (?, ?)",
                            (_key(name), now))
            return cur.rowcount > 0

    def items(self, name: str) -> list[str]:
        """The items of ``name`` in the order they were added ([] for a missing list)."""
        return [r["item"] for r in self.db.query(
            "SELECT item FROM list_items WHERE list = ? ORDER BY added_at, id", (_key(name),))]

    def add(self, name: str, items: list[str], now: float) -> list[str]:
        """Add ``items`` (creating the list); returns those that were not on it already."""
        added = []
        with self.db.transaction() as c:
            c.execute("INSERT OR IGNORE INTO lists (name, created_at) VALUES (?, ?)",
                      (_key(name), now))
            for item in items:
                cur = c.execute("INSERT OR IGNORE INTO list_items (list, item, added_at) "
                                "VALUES (?, ?, ?)", (_key(name), _key(item), now))
                if cur.rowcount:
                    added.append(_key(item))
        return added

    def remove(self, name: str, item: str) -> bool:
        """Take ``item`` (exactly as stored) off ``name``; False when it was not there."""
        with self.db.transaction() as c:
            cur = c.execute("DELETE FROM list_items WHERE list = ? AND item = ?",
                            (_key(name), _key(item)))
            return cur.rowcount > 0

    def clear(self, name: str) -> int:
        """Remove every item of ``name`` (the list stays); returns how many there were."""
        with self.db.transaction() as c:
            return c.execute("DELETE FROM list_items WHERE list = ?", (_key(name),)).rowcount

    def delete(self, name: str) -> bool:
        """Drop the list and its items; False when there was no such list."""
        with self.db.transaction() as c:
            return c.execute("DELETE FROM lists WHERE name = ?", (_key(name),)).rowcount > 0
