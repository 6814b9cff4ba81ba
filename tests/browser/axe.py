"""axe-core, from npm (package.json pins it; `make test` installs it with `npm ci`).

The site's Content-Security-Policy allows no injected script, so pages are
scanned in a browser context made with `bypass_csp=True`: only for scanning.
"""

from collections import Counter
from functools import cache
from pathlib import Path

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 level AA, and every level below it: what the tests hold the site to.
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe's best practices beyond WCAG (landmarks, heading order...): recorded, not required.
BEST_PRACTICE = "best-practice"
IMPACTS = ("critical", "serious", "moderate", "minor")
BLOCKING = {"critical", "serious"}


@cache
def axe_source():
    if not AXE_JS.exists():
        raise RuntimeError(
            f"{AXE_JS} is missing: run `npm ci --ignore-scripts` (make test does) to install axe-core."
        )
    return AXE_JS.read_text()


def axe_scan(page):
    """axe's violations on the page as it is now, as plain dicts: WCAG 2.2 AA ones, and
    best practices (with "wcag": False)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return page.evaluate(
        """async ([tags, extra]) => {
          const result = await axe.run(document, {
            runOnly: {type: "tag", values: tags.concat(extra)},
            resultTypes: ["violations"],
          });
          return result.violations.map(v => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            wcag: v.tags.some(tag => tags.includes(tag)),
            nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
          }));
        }""",
        [WCAG_22_AA, [BEST_PRACTICE]],
    )


def impact_counts(violations):
    """Elements affected, by impact: {"critical": 0, "serious": 0, ...}."""
    counts = Counter()
    for violation in violations:
        counts[violation["impact"]] += len(violation["nodes"])
    return {impact: counts[impact] for impact in IMPACTS}


def describe(violations):
    return "\n".join(
        f"  [{v['impact']}] {v['id']}: {v['help']}\n"
        + "\n".join(f"      {node['target']}: {node['summary']}" for node in v["nodes"][:5])
        for v in violations
    )
