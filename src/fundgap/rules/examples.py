"""The draft that the rules' examples start from: an agreement between Pirkanmaa and Tampere
for 2027, after the signed regional agreement ``pirha-tampere-seutu-2025`` of the example
dataset, with the split of the signed crisis-centre agreement ``pirha-kriisikeskus-2024`` for
crisis centres, that breaks no rule. Each rule's example and its fix change this draft in one
place, so the documentation shows the mistake and nothing else."""

TAMPERE_2027 = """\
id = "tampere-2027"
title = "Järjestöpalvelujen rahoitusvastuut Tampereella 2027"
status = "draft"
county = "Pirkanmaa"
municipalities = ["Tampere"]
valid_from = 2027-01-01
valid_until = 2027-12-31
notice_months = 6

[[clauses]]
id = "K1"
categories = ["clubhouse", "meeting_place", "peer_support"]
county_share = 50
municipality_share = 50
instrument = "grant"

[[clauses]]
id = "K2"
categories = ["self_care_support", "advice", "low_threshold_substance"]
county_share = 40
municipality_share = 60
instrument = "grant"

[[clauses]]
id = "K3"
categories = ["crisis_centre"]
county_share = 70
municipality_share = 30
instrument = "purchase"
"""


def changed(draft: str, old: str, new: str) -> str:
    """``draft`` with ``old`` written as ``new``; a ValueError when ``old`` is not in it, so
    that an example cannot silently stop showing its mistake."""
    if draft.count(old) != 1:
        raise ValueError(f"{old!r} is not once in the example draft")
    return draft.replace(old, new)
