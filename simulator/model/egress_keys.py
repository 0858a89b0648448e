"""The optional ``egress:`` section: how people leave the hall, with documented defaults.

Every key has a default, so a scenario needs no ``egress:`` section at all. The defaults are
assumptions a safety officer should replace with what their own drills measured:

- ``premovement_s`` — time from the alarm until a person starts to move (PD 7974-6 / SFPE
  "pre-movement"). Customers: lognormal, mean 60 s, sd 30 s (awake, unfamiliar with the
  building, in a hall with a voice alarm and trained staff; PD 7974-6 gives 0.5–1 min for the
  first occupants and a tail of a minute or two after). Staff: lognormal, mean 30 s, sd 10 s
  (awake, familiar, trained).
- ``guided_factor: 0.5`` — customers' pre-movement is multiplied by this when guides are on the
  floor to tell them to go: the plans' 引导员 "引导、护送客户有程序地疏散".
- ``people_per_guide: 50`` — how many customers one guide can direct; beyond that the rest
  behave as unguided.
- ``speed_mps`` — free walking speed: normal, mean 1.34 m/s, sd 0.26 m/s (clipped at two sd),
  as the issue and the SFPE handbook's 1.19–1.34 m/s range suggest.
- ``familiar_share: 0.5`` — unguided customers who head for the main door (the first exit in
  ``site.exits``), the way they came in, rather than the nearest exit (Sime's familiarity
  effect); guided customers and staff go where the queue is shortest.
- ``position_spread: 0.5`` — people stand all over the floor: a person's distance to an exit
  is its ``distance_m`` times a uniform factor in [1 − spread, 1 + spread].
- ``secure_cash_s`` — clerks lock cash and vouchers away before leaving (the plans' 转移现金、
  凭证、账簿): uniform 30–90 s on top of their pre-movement.
"""

from simulator.model.distributions import Distribution
from simulator.model.reader import Section, given
from simulator.model.scenario import Egress

KEYS = (
    "premovement_s",
    "guided_factor",
    "people_per_guide",
    "speed_mps",
    "familiar_share",
    "position_spread",
    "secure_cash_s",
)
DEFAULT_EGRESS = Egress(
    premovement_customers_s=Distribution("lognormal", mean=60.0, sd=30.0),
    premovement_staff_s=Distribution("lognormal", mean=30.0, sd=10.0),
    speed_mps=Distribution("normal", mean=1.34, sd=0.26),
    guided_factor=0.5,
    people_per_guide=50,
    familiar_share=0.5,
    position_spread=0.5,
    secure_cash_s=Distribution("uniform", low=30.0, high=90.0),
)


def read_egress(root: Section) -> Egress:
    """Validate ``egress:`` and return it, with the defaults for whatever it leaves out."""
    section = root.section("egress")
    if section is None:
        return DEFAULT_EGRESS
    section.allow(KEYS, what="egress key")
    customers, staff = DEFAULT_EGRESS.premovement_customers_s, DEFAULT_EGRESS.premovement_staff_s
    premovement = section.section("premovement_s")
    if premovement is not None:
        premovement.allow(("customers", "staff"), what="group")
        customers = premovement.distribution("customers") or customers
        staff = premovement.distribution("staff") or staff
    speed = section.distribution("speed_mps") or DEFAULT_EGRESS.speed_mps
    if speed.expected() <= 0:
        section.report("speed_mps", "must have a mean above 0 m/s")
    return Egress(
        premovement_customers_s=customers,
        premovement_staff_s=staff,
        speed_mps=speed,
        guided_factor=given(
            section.number("guided_factor", default=DEFAULT_EGRESS.guided_factor, within="(0, 1]")
        ),
        people_per_guide=given(
            section.integer(
                "people_per_guide", default=DEFAULT_EGRESS.people_per_guide, within=">= 1"
            )
        ),
        familiar_share=given(
            section.number("familiar_share", default=DEFAULT_EGRESS.familiar_share, within="[0, 1]")
        ),
        position_spread=given(
            section.number(
                "position_spread", default=DEFAULT_EGRESS.position_spread, within="[0, 1)"
            )
        ),
        secure_cash_s=section.distribution("secure_cash_s") or DEFAULT_EGRESS.secure_cash_s,
    )
