"""A listing's bounds are the listing spec's: creating and editing a listing refuse the same
values with the same reason, and no platform may allow more than the listing itself."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gigsim.engine.actions import CreateListing, EditListing
from gigsim.engine.facade import Engine
from gigsim.engine.policies import cap_from_hours
from gigsim.model.scenario import Competitors, Rules
from gigsim.model.scenario_base import LISTING_CAP_MAX, LISTING_DELIVERY_DAYS_MAX
from gigsim.scenarios import load_scenario


def _engine() -> Engine:
    return Engine(load_scenario("default"), 3, policy=None)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("cap", LISTING_CAP_MAX + 1),
        ("cap", 0),
        ("delivery_days", LISTING_DELIVERY_DAYS_MAX + 1),
        ("delivery_days", 0.0),
        ("hours_per_order", 0.0),
        ("title", ""),
    ],
)
def test_create_and_edit_refuse_the_same_values_with_the_same_reason(
    field: str, value: object
) -> None:
    e = _engine()
    lst = e.snapshot().listings[0]
    created = e.apply(CreateListing(category=lst.category, price=lst.price, **{field: value}))
    edited = e.apply(EditListing(listing=lst.id, **{field: value}))
    assert not created.ok and not edited.ok
    assert edited.message == created.message
    assert edited.message.startswith(field)
    after = e.snapshot().listings[0]
    assert (after.cap, after.delivery_days, after.hours_per_order, after.title) == (
        lst.cap,
        lst.delivery_days,
        lst.hours_per_order,
        lst.title,
    )


def test_an_edit_within_the_bounds_is_applied() -> None:
    e = _engine()
    lst = e.snapshot().listings[0]
    done = e.apply(
        EditListing(listing=lst.id, cap=LISTING_CAP_MAX, delivery_days=LISTING_DELIVERY_DAYS_MAX)
    )
    assert done.ok
    after = e.snapshot().listings[0]
    assert (after.cap, after.delivery_days) == (LISTING_CAP_MAX, LISTING_DELIVERY_DAYS_MAX)


def test_no_platform_or_computer_seller_may_allow_more_than_the_listing_bound() -> None:
    assert Rules(max_cap=LISTING_CAP_MAX).max_cap == LISTING_CAP_MAX
    with pytest.raises(ValidationError):
        Rules(max_cap=LISTING_CAP_MAX + 1)
    with pytest.raises(ValidationError):
        Competitors(cap_max=LISTING_CAP_MAX + 1)
    assert cap_from_hours(10_000.0, 0.5, 30.0) == LISTING_CAP_MAX
