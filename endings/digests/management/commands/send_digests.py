"""Send the digests that are due now, or show who would receive what (--dry-run).

For operators without a beat process; with beat running, digests go out on
their own every 15 minutes and this command finds nothing left to send.
"""

from datetime import UTC

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from endings.digests import services


class ProgressBar:
    """A one-line text bar on stderr: [#######-------------]  35%  350/1,000."""

    WIDTH = 30

    def __init__(self, stream, label):
        self.stream = stream
        self.label = label
        self.drawn = False

    def __call__(self, done, total):
        filled = self.WIDTH * done // total if total else self.WIDTH
        percent = 100 * done // total if total else 100
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self._write(f"\r{self.label} [{bar}] {percent:3d}%  {done:,}/{total:,}")
        self.drawn = True

    def finish(self):
        if self.drawn:
            self._write("\n")

    def _write(self, text):
        # A command's stderr wrapper would colour every write as an error.
        self.stream.write(text, style_func=lambda plain: plain, ending="")
        self.stream.flush()


def _describe(summary):
    parts = []
    if summary["replies"]:
        stories = summary["stories_with_replies"]
        parts.append(
            f"{summary['replies']} new repl{'y' if summary['replies'] == 1 else 'ies'} "
            f"in {stories} stor{'y' if stories == 1 else 'ies'}"
        )
    if summary["new_stories"]:
        parts.append(f"{summary['new_stories']} new stor{'y' if summary['new_stories'] == 1 else 'ies'}")
    if summary["articles"]:
        parts.append(f"{summary['articles']} new article{'' if summary['articles'] == 1 else 's'}")
    if summary["support"]:
        parts.append(f"support {summary['support']} time{'' if summary['support'] == 1 else 's'}")
    return ", ".join(parts)


class Command(BaseCommand):
    help = "Send the email digests that are due (or, with --dry-run, show who would receive what)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show who would receive a digest and what it would hold; send and change nothing.",
        )
        parser.add_argument(
            "--at",
            metavar="DATETIME",
            help='Pretend it is this moment, e.g. "2026-11-21 08:00" (UTC unless an offset is given).',
        )

    def _moment(self, text):
        if not text:
            return timezone.now()
        moment = parse_datetime(text.strip())
        if moment is None:
            raise CommandError(
                f'"{text}" is not a date and time. Try "2026-11-21 08:00" or "2026-11-21T08:00+01:00".'
            )
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=UTC)
        return moment

    def handle(self, *args, dry_run=False, at=None, **options):
        now = self._moment(at)
        # The bar goes to stderr, the report to stdout (which may be piped to a file).
        bar = ProgressBar(self.stderr, "Composing" if dry_run else "Sending")
        if dry_run:
            found = services.digests_preview(now=now, progress=bar)
            bar.finish()
            self.stdout.write(f"Digests due at {now:%Y-%m-%d %H:%M %Z}: {len(found):,} would be sent.")
            for member, summary in found:
                self.stdout.write(f"  member {member.pk} ({member.display_name}): {_describe(summary)}")
            if not found:
                self.stdout.write("  Nobody has a digest due with anything new in it.")
            self.stdout.write("Dry run: nothing was sent or changed.")
            return
        counts = services.digests_send_now(now=now, progress=bar)
        bar.finish()
        self.stdout.write(
            f"Digests due at {now:%Y-%m-%d %H:%M %Z}: {counts.get('sent', 0):,} sent, "
            f"{counts.get('skipped', 0):,} with nothing new (not sent), "
            f"{counts.get('retrying', 0):,} to try again, {counts.get('failed', 0):,} failed."
        )
