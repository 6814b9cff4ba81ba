"""`python manage.py benchmark`: speed and memory of the site's heaviest pages, on data built for the run.

registry.py  scenarios and the sizes of a run (full, or --quick)
runner.py    the scratch database, the measuring, the table
text.py      plausible post bodies and titles
forum.py     the forum's scenarios and data (issue 3); other apps add a module beside it
"""

from endings.benchmark.registry import FULL, QUICK, Case, Profile, Scenario, Target, register, scenarios
from endings.benchmark.runner import Context, Result, format_table, measure, scratch_database

__all__ = [
    "FULL",
    "QUICK",
    "Case",
    "Context",
    "Profile",
    "Result",
    "Scenario",
    "Target",
    "format_table",
    "measure",
    "register",
    "scenarios",
    "scratch_database",
]
