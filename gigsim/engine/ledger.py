"""Double-entry ledger of every movement of money in a run.

Every transaction is a set of legs that sum to zero, so the sum of all
account balances is always zero: every yen a buyer paid is with a seller, the
platform, back with the buyer, or still in escrow. Account names are
hierarchical strings (``escrow``, ``platform:commission``,
``seller:player:balance``, ``buyers``); amounts are integers in minor units.
"""

from __future__ import annotations

from collections import defaultdict


class UnbalancedTransaction(ValueError):
    pass


class Ledger:
    def __init__(self) -> None:
        self.balances: defaultdict[str, int] = defaultdict(int)
        self.transactions = 0

    def post(self, *legs: tuple[str, int]) -> None:
        """Record one transaction; its legs must sum to zero."""
        if sum(amount for _, amount in legs) != 0:
            raise UnbalancedTransaction(repr(legs))
        b = self.balances
        for account, amount in legs:
            b[account] += amount
        self.transactions += 1

    def transfer(self, src: str, dst: str, amount: int) -> None:
        """Move ``amount`` from ``src`` to ``dst`` (a two-leg transaction)."""
        if amount:
            b = self.balances
            b[src] -= amount
            b[dst] += amount
            self.transactions += 1

    def balance(self, account: str) -> int:
        return self.balances.get(account, 0)

    def total(self) -> int:
        return sum(self.balances.values())

    def accounts(self) -> dict[str, int]:
        """All accounts that ever moved, sorted by name."""
        return {k: self.balances[k] for k in sorted(self.balances)}
