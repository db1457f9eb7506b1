"""The ledger's account names (``gigsim.engine.ledger``): who holds the money of a run.

Hierarchical strings; the player's accounts start with ``seller:player:``.
Imports nothing.
"""

from __future__ import annotations

BUYERS = "buyers"
ESCROW = "escrow"
COMMISSION = "platform:commission"
TAX = "platform:tax_on_fees"
BUYER_FEES = "platform:buyer_fees"
PAYOUT_FEES = "platform:payout_fees"
LAPSED = "platform:lapsed"
COMPETITORS = "competitors:balance"
P_PENDING = "seller:player:clearing"
P_BALANCE = "seller:player:balance"
P_PAYOUT = "seller:player:payout_in_transit"
P_BANK = "seller:player:bank"
P_OFF = "seller:player:off_platform_cash"
OPENING = "opening_balance"
