"""The Textual game: screens and widgets over immutable snapshots.

The only package that imports Textual. The app (``gigsim.tui.app``) holds the
game (``gigsim.tui.session.Game``); screens receive ``GameView`` objects and
post typed messages (``gigsim.tui.messages``) back up.
"""
