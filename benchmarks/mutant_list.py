"""The mutants of ``benchmarks/mutants.py``: small, meaningful breaks of the model's mechanisms.

Each is (id, file, exact old text, new text, what it breaks). The old text
must occur exactly once in its file; when the code moves on, the tool
reports a mutant whose text is gone as stale, and it is fixed here. A
mutant must change what the model does (no equivalent rewrites): each one
is a mechanism removed, inverted, a rule constant changed or a window off
by one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mutant:
    id: str
    file: str
    old: str
    new: str
    breaks: str


MR = "gigsim/model/market_rules.py"
RULES = "gigsim/model/rules.py"
SCHEDULE = "gigsim/model/schedule.py"
BUYERS = "gigsim/engine/buyers.py"
MARKET = "gigsim/engine/market.py"
ORDERS = "gigsim/engine/orders.py"
MONEY = "gigsim/engine/money.py"
MONTHS = "gigsim/engine/months.py"
WORK = "gigsim/engine/work.py"
WORLD = "gigsim/engine/world.py"
EFFECTS = "gigsim/engine/settle_effects.py"
SETUP = "gigsim/engine/setup.py"
FACADE = "gigsim/engine/facade.py"
ENTITIES = "gigsim/engine/entities.py"
COMPETITORS = "gigsim/engine/competitors.py"
ACTIONS = "gigsim/engine/player_actions.py"
LATENESS = "gigsim/engine/lateness.py"
RISKS = "gigsim/engine/risks.py"
RULE = "gigsim/engine/request_rule.py"

MUTANTS: list[Mutant] = [
    # -- the six of the issue that first showed the suite blind --------------------------
    Mutant(
        "storm-demand-ignored",
        BUYERS,
        "market.visit(rng, self.w.now, self.w.sc.market.risks.storm_demand_factor)",
        "market.visit(rng, self.w.now, 1.0)",
        "a storm no longer lowers demand for the seller's listings",
    ),
    Mutant(
        "monster-dispute-bonus-flipped",
        MR,
        "    p += bt.contest_win_shift\n",
        "    p -= bt.contest_win_shift\n",
        "a serial complainer's dispute helps the buyer instead of the seller",
    ),
    Mutant(
        "competitor-repricing-removed",
        EFFECTS,
        "        self.competitors.reprice(s, o)",
        "        None and self.competitors.reprice(s, o)",
        "computer sellers never change their prices",
    ),
    Mutant(
        "proposal-bonus-dropped",
        BUYERS,
        "utilities.append(sum(comps) + ch.proposal_bonus)",
        "utilities.append(sum(comps))",
        "a proposal to a public request is worth no more than a listing",
    ),
    Mutant(
        "cap-below-in-progress-allowed",
        ACTIONS,
        "        elif spec.cap < lst.in_progress:",
        "        elif False and spec.cap < lst.in_progress:",
        "a new cap below the orders in progress is accepted",
    ),
    Mutant(
        "dispute-reply-1h",
        MONEY,
        "            d.reply_hours,\n",
        "            1.0,\n",
        "the seller has 1 h instead of 48 h to answer a dispute",
    ),
    # -- demand ---------------------------------------------------------------------------
    Mutant(
        "weekday-factor-ignored",
        MR,
        "return m.weekday_factors[weekday] * m.month_factors[month] * growth_factor(m, t)",
        "return m.month_factors[month] * growth_factor(m, t)",
        "arrivals ignore the day of the week",
    ),
    Mutant(
        "growth-per-month",
        MR,
        "    return (1.0 + m.growth_per_year) ** (t / DAYS_PER_YEAR)",
        "    return (1.0 + m.growth_per_year) ** (t / 30.0)",
        "market growth compounds every month instead of every year",
    ),
    Mutant(
        "thinning-ignores-season",
        BUYERS,
        "if self.rng.random() * self.bound <= self.cat.buyers_per_day * self.buyers.arrival_factor(",
        "if self.rng.random() * self.bound <= self.cat.buyers_per_day + 0.0 * self.buyers.arrival_factor(",
        "arrivals come at the base rate: the weekday, season and growth shape is lost",
    ),
    Mutant(
        "public-requests-never",
        BUYERS,
        "if mech.public_requests and rng.random() < ch.public_request_share:",
        "if mech.public_requests and rng.random() < 0.0 * ch.public_request_share:",
        "no buyer ever posts a public request",
    ),
    Mutant(
        "inquiry-patience-100x",
        BUYERS,
        "            kind, s, patience, info, partial(self._inquiry_answered, lst, btype, quote)",
        "            kind, s, 100.0 * patience, info, partial(self._inquiry_answered, lst, btype, quote)",
        "inquiring buyers wait a hundred times longer before giving up",
    ),
    Mutant(
        "request-budget-below-floor",
        MR,
        "    return max(cat.price_floor, round(budget / 100.0) * 100)",
        "    return round(budget / 100.0) * 100",
        "a public request's budget may fall below the category's price floor",
    ),
    Mutant(
        "proposals-take-no-time",
        BUYERS,
        "                self.w.now, self.w.sc.market.choice.proposal_hours, Activity.proposal",
        "                self.w.now, 0.0, Activity.proposal",
        "writing a proposal costs the player no hours",
    ),
    # -- search and attention -------------------------------------------------------------
    Mutant(
        "search-rating-inverted",
        MR,
        "score += s.w_rating * (read - s.rating_reference)",
        "score += s.w_rating * (s.rating_reference - read)",
        "a better rating ranks lower",
    ),
    Mutant(
        "new-boost-dropped",
        MR,
        "        score += s.new_boost\n",
        "        score += 0.0\n",
        "new listings get no boost in the ranking",
    ),
    Mutant(
        "busy-penalty-dropped",
        MR,
        "        score -= s.busy_penalty\n",
        "        score -= 0.0\n",
        "busy and full listings keep their place in the ranking",
    ),
    Mutant(
        "recent-sales-ignored",
        MR,
        "s.w_recent_sales * math.log1p(recent_sales)",
        "s.w_recent_sales * math.log1p(0)",
        "recent sales no longer lift a listing in the ranking",
    ),
    Mutant(
        "completion-ignored-in-search",
        MR,
        "score = s.w_completion * completion_rate + s.w_rank * rank",
        "score = s.w_completion * 1.0 + s.w_rank * rank",
        "the completion rate no longer enters the search score",
    ),
    Mutant(
        "attention-one-deeper",
        MR,
        "    d = 1 + int(math.log(u) / log_decay)",
        "    d = 2 + int(math.log(u) / log_decay)",
        "every buyer looks one position further down the list",
    ),
    # -- choice ---------------------------------------------------------------------------
    Mutant(
        "price-effect-inverted",
        MR,
        "    return ch.price_coef * math.log(max(price, 1) / cat.median_price)",
        "    return -ch.price_coef * math.log(max(price, 1) / cat.median_price)",
        "dearer listings are chosen more",
    ),
    Mutant(
        "delivery-effect-inverted",
        MR,
        "    return ch.delivery_coef * (days / cat.delivery_days - 1.0)",
        "    return ch.delivery_coef * (cat.delivery_days / days - 1.0)",
        "a longer delivery time is preferred",
    ),
    Mutant(
        "no-review-penalty-dropped",
        MR,
        "        trust = -ch.no_review_penalty\n",
        "        trust = 0.0\n",
        "a listing without reviews suffers no cold start",
    ),
    Mutant(
        "review-count-ignored",
        MR,
        "trust = ch.reviews_coef * math.log1p(n) + ch.rating_coef",
        "trust = ch.reviews_coef * math.log1p(1) + ch.rating_coef",
        "the number of reviews adds no trust",
    ),
    Mutant(
        "review-saturation-ignored",
        MR,
        "        n = min(n_reviews, ch.reviews_saturation)\n",
        "        n = n_reviews\n",
        "reviews beyond the saturation keep adding trust",
    ),
    Mutant(
        "rating-reference-4",
        MR,
        "read_rating(stars_sum, n_reviews, ch) - ch.rating_reference",
        "read_rating(stars_sum, n_reviews, ch) - 4.0",
        "the rating that adds no utility is 4.0 instead of the scenario's",
    ),
    Mutant(
        "rating-prior-ignored",
        MR,
        "    k = ch.rating_prior_weight\n",
        "    k = 0.0\n",
        "buyers read an average of one or two reviews at face value",
    ),
    Mutant(
        "rank-adds-no-trust",
        MR,
        "trust += ch.rank_coef * rank + disclosure_utility(disclosure, ch)",
        "trust += ch.rank_coef * 0 + disclosure_utility(disclosure, ch)",
        "a seller's rank adds no utility",
    ),
    Mutant(
        "disclosure-inverted",
        MR,
        "ch.disclosure_coef * (disclosure - ch.disclosure_reference)",
        "ch.disclosure_coef * (ch.disclosure_reference - disclosure)",
        "disclosing more lowers trust",
    ),
    Mutant(
        "completion-inverted",
        MR,
        "    trust += ch.completion_coef * (completion_rate - 1.0)",
        "    trust += ch.completion_coef * (1.0 - completion_rate)",
        "cancelled orders raise trust",
    ),
    Mutant(
        "outside-option-dropped",
        MARKET,
        "self.outside = math.exp(choice.outside_utility) if choice.outside_option else 0.0",
        "self.outside = 0.0",
        "every searching buyer buys something (no outside option)",
    ),
    Mutant(
        "trust-not-refreshed-after-settlement",
        MONEY,
        "        self.publish(ev.ORDER_SETTLED, o, cancelled, forced_stars)\n        w.refresh_seller(s)\n",
        "        self.publish(ev.ORDER_SETTLED, o, cancelled, forced_stars)\n",
        "a new review or cancellation changes the seller's trust only at the next other refresh",
    ),
    Mutant(
        "full-listing-buyable",
        MARKET,
        "                if lst.in_progress < lst.cap:\n",
        "                if lst.in_progress <= lst.cap:\n",
        "a buyer may choose a listing at its cap (and is then lost)",
    ),
    Mutant(
        "full-reason-dropped",
        MARKET,
        "        if pl.full:\n            return FULL\n",
        "",
        "buyers lost to a full listing are recorded under another reason",
    ),
    Mutant(
        "quote-higher-always-accepted",
        MR,
        "    return math.exp(ch.price_coef * math.log(markup)) if price_effect else 1.0",
        "    return 1.0",
        "a quote 30% above the price is accepted as often as the price",
    ),
    # -- the order cycle --------------------------------------------------------------------
    Mutant(
        "first-reply-deadline-doubled",
        ORDERS,
        "        self.reply_limit = sc.platform.timings.first_reply_hours * HOUR\n",
        "        self.reply_limit = 2.0 * sc.platform.timings.first_reply_hours * HOUR\n",
        "the first-reply deadline is twice the platform's",
    ),
    Mutant(
        "messaging-hours-dropped",
        ORDERS,
        "messaging_hours=bt.messaging_hours if w.sc.mechanisms.messaging else 0.0,",
        "messaging_hours=0.0,",
        "settling requirements by message takes no time",
    ),
    Mutant(
        "cap-one-over",
        ENTITIES,
        "return self.in_progress < self.cap and self.published and t >= self.seller.suspended_until",
        "return self.in_progress <= self.cap and self.published and t >= self.seller.suspended_until",
        "a listing takes one order more than its cap",
    ),
    Mutant(
        "options-not-charged",
        ORDERS,
        "                amount += opt.price\n",
        "                amount += 0\n",
        "paid options the buyer takes are not charged",
    ),
    Mutant(
        "buyer-fee-not-charged",
        ORDERS,
        "            buyer_fee=rules.buyer_fee(amount, w.sc.platform.buyer_fee),\n",
        "            buyer_fee=0,\n",
        "buyers pay no fee on top of the price",
    ),
    Mutant(
        "edf-becomes-fifo",
        ENTITIES,
        "        return (self.due, self.seq)\n",
        "        return (float(self.seq), self.seq)\n",
        "the seller works in arrival order, not earliest due date first",
    ),
    Mutant(
        "overtime-never",
        WORK,
        "            if s.overtime is not None and finish > item.due:\n",
        "            if False:\n",
        "the player never works overtime on an order that would be late",
    ),
    Mutant(
        "fatigue-window-1-day",
        WORK,
        "        days = m.fatigue_days\n",
        "        days = 1.0\n",
        "only the last day's overtime tires the seller, not the week's",
    ),
    Mutant(
        "fatigue-ignored",
        MR,
        "    return max(0.0, min(1.0, skill - fatigue))",
        "    return max(0.0, min(1.0, skill))",
        "overtime no longer lowers quality",
    ),
    Mutant(
        "revision-rounds-one-more",
        ORDERS,
        "            and o.revisions < w.sc.platform.timings.revisions_included\n",
        "            and o.revisions <= w.sc.platform.timings.revisions_included\n",
        "a buyer may ask for one revision more than the platform allows",
    ),
    Mutant(
        "revision-hours-minimum-only",
        MR,
        "    return max(m.revision_min_hours, m.revision_hours_share * order_hours)",
        "    return m.revision_min_hours",
        "a revision round takes the minimum whatever the order's size",
    ),
    Mutant(
        "disappointed-revisions-not-more",
        MR,
        "bt.revision_prob * (sat.revision_factor if disappointed else 1.0)",
        "bt.revision_prob * 1.0",
        "a disappointed buyer asks for revisions no more than a satisfied one",
    ),
    Mutant(
        "satisfied-threshold-raised",
        MR,
        "    return experience >= sat.satisfied_from\n",
        "    return experience >= sat.satisfied_from + 1.0\n",
        "a buyer needs a much better experience to be satisfied",
    ),
    Mutant(
        "auto-approval-at-once",
        ORDERS,
        "        elif rng.random() < bt.silent_prob:\n            wait = tm.auto_approve_hours * HOUR\n",
        "        elif rng.random() < bt.silent_prob:\n            wait = 0.0\n",
        "a silent buyer's delivery is approved at once instead of after the platform's delay",
    ),
    Mutant(
        "late-cancel-never",
        LATENESS,
        '        if w.rng("disputes").random() >= prob:\n',
        '        if w.rng("disputes").random() >= 0.0 * prob:\n',
        "no buyer asks to cancel a badly late order",
    ),
    Mutant(
        "late-cancel-days-ignored",
        LATENESS,
        "        limit = o.due + self.grace\n",
        "        limit = o.due\n",
        "buyers may cancel as soon as an order is late, not late_cancel_days after",
    ),
    # -- disputes ---------------------------------------------------------------------------
    Mutant(
        "disappointed-disputes-not-more",
        MR,
        "bt.dispute_prob * (sat.dispute_factor if disappointed else 1.0)",
        "bt.dispute_prob * 1.0",
        "a disappointed buyer opens disputes no more often than a satisfied one",
    ),
    Mutant(
        "on-time-bonus-dropped",
        MR,
        "    p += d.on_time_bonus if on_time else -d.late_penalty\n",
        "    p += 0.0 if on_time else -d.late_penalty\n",
        "delivering on time does not help a contesting seller",
    ),
    Mutant(
        "quality-evidence-inverted",
        MR,
        "d.quality_weight * (quality - d.quality_reference)",
        "d.quality_weight * (d.quality_reference - quality)",
        "better quality weakens a contesting seller's case",
    ),
    Mutant(
        "undelivered-like-delivered",
        MR,
        "    p = d.contest_win_base if delivered else d.undelivered_win_base\n",
        "    p = d.contest_win_base\n",
        "an order never delivered is defended as well as a delivered one",
    ),
    Mutant(
        "mediation-never-full-refund",
        MR,
        "    if u < p_win + (1.0 - p_win) * d.loss_partial_share:",
        "    if u < p_win + (1.0 - p_win) * 1.0:",
        "a seller who loses a dispute never refunds in full",
    ),
    Mutant(
        "one-star-after-loss-never",
        MONEY,
        "        if refund > 0 and rng.random() < d.one_star_after_loss:\n",
        "        if refund > 0 and rng.random() < 0.0 * d.one_star_after_loss:\n",
        "a buyer who won a dispute never leaves a 1-star review",
    ),
    # -- money --------------------------------------------------------------------------------
    Mutant(
        "commission-on-refunded-part",
        MONEY,
        "        cut = rules.commission(kept, w.sc.platform.commission)\n",
        "        cut = rules.commission(o.amount, w.sc.platform.commission)\n",
        "the platform's commission is taken on money refunded to the buyer",
    ),
    Mutant(
        "buyer-fee-never-refunded",
        MONEY,
        "        fee_back = round(o.buyer_fee * refund / o.amount) if o.amount else o.buyer_fee\n",
        "        fee_back = 0\n",
        "a refunded buyer does not get their fee back",
    ),
    Mutant(
        "lapse-never",
        MONEY,
        "            w.at(lapse, partial(self._lapse, b, lot))\n",
        "            pass\n",
        "an unclaimed balance never lapses",
    ),
    Mutant(
        "minimum-payout-ignored",
        MONEY,
        "        elif amount < p.minimum:\n",
        "        elif False:\n",
        "a withdrawal below the platform's minimum is accepted",
    ),
    Mutant(
        "payout-at-once",
        MONEY,
        "        pay_t = max(w.now, float((pay_date - w.sc.start_date).days))\n",
        "        pay_t = w.now\n",
        "a withdrawal reaches the bank at once instead of on the payout date",
    ),
    Mutant(
        "clearing-ignored",
        MONEY,
        "            w.at(clearing, partial(self._cleared, b, amount))\n",
        "            w.at(0.0, partial(self._cleared, b, amount))\n",
        "earnings can be withdrawn at once, without the clearing days",
    ),
    Mutant(
        "payout-fee-waived-above-only",
        RULES,
        "    if p.fee_waived_from is not None and amount >= p.fee_waived_from:",
        "    if p.fee_waived_from is not None and amount > p.fee_waived_from:",
        "a withdrawal of exactly the fee-free threshold pays the fee",
    ),
    # -- reviews, ranks, skill ----------------------------------------------------------------
    Mutant(
        "every-buyer-reviews",
        EFFECTS,
        "rng.random() < rules.review_probability(x, r)",
        "rng.random() < 1.0 + 0.0 * rules.review_probability(x, r)",
        "every buyer leaves a review",
    ),
    Mutant(
        "rank-window-one-month-short",
        MONTHS,
        "            j = max(0, i + 1 - w.sc.platform.rank_window_months)\n",
        "            j = max(0, i + 2 - w.sc.platform.rank_window_months)\n",
        "ranks look back one month less than the platform's window",
    ),
    Mutant(
        "sticky-rank-lost",
        RULES,
        "        if rule.sticky and current >= i:\n",
        "        if False:\n",
        "a sticky rank (Coconala's Regular) can be lost",
    ),
    Mutant(
        "rank-ignores-id",
        RULES,
        "        and (w.id_verified or not rule.id_verified)\n",
        "        and True\n",
        "ranks that need a verified identity are given without one",
    ),
    Mutant(
        "skill-never-grows",
        EFFECTS,
        "        s.skills[cat] = rules.skill_after_practice(s.skill(cat))\n",
        "        s.skills[cat] = s.skill(cat)\n",
        "practice does not improve skill",
    ),
    Mutant(
        "repeat-buyers-never-return",
        EFFECTS,
        "            w.at(delay, partial(self.repeat_purchase, o))\n",
        "            pass\n",
        "satisfied buyers never come back",
    ),
    # -- listings and moderation ------------------------------------------------------------------
    Mutant(
        "price-at-floor-refused",
        RULES,
        "    if price < category.price_floor:\n",
        "    if price <= category.price_floor:\n",
        "a listing priced exactly at the floor is refused",
    ),
    Mutant(
        "licence-not-checked",
        RULES,
        "    if category.status == CategoryStatus.licence and category.licence not in licences:",
        "    if category.status == CategoryStatus.licence and category.licence in licences:",
        "licence categories take sellers without the licence and refuse those with it",
    ),
    Mutant(
        "paused-listing-shown",
        ENTITIES,
        '        return self.status in ("open", "busy") and not self.seller.left',
        '        return self.status in ("open", "busy", "paused") and not self.seller.left',
        "a paused listing is still shown and sold",
    ),
    Mutant(
        "suspended-seller-shown",
        MARKET,
        "        if not lst.published or lst.seller.suspended(t):\n",
        "        if not lst.published:\n",
        "a suspended seller's listings stay in the ranking",
    ),
    # -- risks ------------------------------------------------------------------------------------
    Mutant(
        "storm-never-starts",
        EFFECTS,
        "            self.risks.start_storm(s)\n",
        "            pass\n",
        "a furious buyer's 1-star review never starts a storm",
    ),
    Mutant(
        "harassment-ignores-disclosure",
        MR,
        "    return r.harassment_per_month * disclosure\n",
        "    return r.harassment_per_month\n",
        "harassment comes as often whatever the seller discloses",
    ),
    Mutant(
        "off-platform-never-detected",
        RISKS,
        '        if w.rng("risks").random() < w.sc.platform.rules.off_platform_detection:\n',
        '        if w.rng("risks").random() < 0.0:\n',
        "taking payment outside the platform is never detected",
    ),
    Mutant(
        "suspension-one-warning-late",
        RISKS,
        "        if s.warnings >= rules_.warnings_before_suspension:\n",
        "        if s.warnings > rules_.warnings_before_suspension:\n",
        "suspension comes one warning after the platform's rule",
    ),
    # -- competitors -------------------------------------------------------------------------------
    Mutant(
        "undercut-not-under",
        MR,
        "round(reference * c.undercut_share, -2)",
        "round(reference * 1.0, -2)",
        "undercut sellers match the leaders' price instead of going under it",
    ),
    Mutant(
        "raise-without-limit",
        MR,
        "    if completed in c.raise_after and price < c.raise_limit * base_price:",
        "    if completed in c.raise_after:",
        "raise_with_reviews sellers raise their price without limit",
    ),
    Mutant(
        "no-competitor-entries",
        COMPETITORS,
        "            for _ in range(poisson(rng, w.sc.competitors.entries_per_month)):\n",
        "            for _ in range(0 * poisson(rng, w.sc.competitors.entries_per_month)):\n",
        "no new computer seller ever enters",
    ),
    Mutant(
        "idle-days-ignored-on-exit",
        COMPETITORS,
        "max(w.now + month, s.last_sale + c.exit_idle_days)",
        "max(w.now + month, s.last_sale)",
        "computer sellers may leave without having been idle for exit_idle_days",
    ),
    Mutant(
        "competitor-below-floor",
        COMPETITORS,
        "    return max(cat.price_floor, round(x / step) * step)\n",
        "    return round(x / step) * step\n",
        "computer sellers may list under the category's price floor",
    ),
    Mutant(
        "order-room-twice-as-long",
        MONTHS,
        "w.now - o.placed > limit]",
        "w.now - o.placed > 2.0 * limit]",
        "an open order's room closes after twice the platform's days",
    ),
    # -- the week's hours ---------------------------------------------------------------------------
    Mutant(
        "saturday-is-a-weekday",
        SCHEDULE,
        "windows = tuple([(wd_start, weekday)] * 5 + [(we_start, weekend)] * 2)",
        "windows = tuple([(wd_start, weekday)] * 6 + [(we_start, weekend)] * 1)",
        "Saturday gets a weekday evening's hours instead of a weekend day's",
    ),
    Mutant(
        "evenings-start-at-18",
        SCHEDULE,
        "EVENING_START = 19.0",
        "EVENING_START = 18.0",
        "the weekday evening window starts an hour early",
    ),
    # -- the standing rule for public requests ---------------------------------------------------
    Mutant(
        "rule-ignores-its-categories",
        RULE,
        "    if rule.categories and category not in rule.categories:",
        "    if False:",
        "the rule proposes to requests outside its categories",
    ),
    Mutant(
        "rule-no-upper-budget",
        RULE,
        "    elif rule.budget_max is not None and budget > rule.budget_max:",
        "    elif False:",
        "the rule proposes to budgets above its range",
    ),
    Mutant(
        "rule-one-more-a-week",
        RULE,
        "state.sent_this_week(week) >= rule.per_week:",
        "state.sent_this_week(week) > rule.per_week:",
        "the rule sends one proposal a week more than its number",
    ),
    Mutant(
        "rule-proposes-when-full",
        RULE,
        "    elif listing.full:\n",
        "    elif False:\n",
        "the rule proposes while the listing is full",
    ),
    Mutant(
        "rule-at-the-budget-always",
        RULE,
        "    return max(floor, listing.price)",
        "    return max(floor, budget)",
        "the rule proposes at the budget when told the listing's price",
    ),
    Mutant(
        "rule-asks-what-it-should-pass",
        RULE,
        'return (PASS if rule.others == "skip" else ASK), why',
        "return ASK, why",
        "requests the rule does not take stop time even when told to pass them",
    ),
    Mutant(
        "rule-weeks-from-day-0",
        RULE,
        "return int((t + weekday0) // 7)",
        "return int(t // 7)",
        "the rule's weeks start on the run's first day, not on Mondays",
    ),
]
