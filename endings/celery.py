"""The Celery app and its static beat schedule.

The schedule lives here in code (not in the database) so that one `beat`
process is the only scheduler and every change to it is reviewed.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "endings.settings")

# ResilientTask: a task enqueued on commit runs in-process if Redis cannot take it (endings/tasks_base.py).
app = Celery("endings", task_cls="endings.tasks_base:ResilientTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "accounts-clear-expired-sessions": {
        "task": "accounts.tasks.sessions_clear_expired",
        "schedule": crontab(hour=3, minute=17),
    },
    # A scheduled article's discussion opens within ten minutes of it going live.
    "articles-open-due-discussions": {
        "task": "endings.articles.tasks.discussions_open_due",
        "schedule": crontab(minute="*/10"),
    },
    # Accounts whose 7-day grace period is over are deleted within the hour.
    "accounts-carry-out-deletions": {
        "task": "accounts.tasks.account_deletions_carry_out",
        "schedule": crontab(minute=7),
    },
    "accounts-clear-expired-exports": {
        "task": "accounts.tasks.data_exports_clear_expired",
        "schedule": crontab(hour=3, minute=37),
    },
    # Members whose digest time has come, every 15 minutes (digest hours are whole hours).
    "digests-schedule": {
        "task": "endings.digests.tasks.digests_schedule",
        "schedule": crontab(minute="*/15"),
    },
    # Reply batches whose ten minutes are over, email retries that are due, and
    # anything a lost task or a killed worker left behind.
    "digests-dispatch": {
        "task": "endings.digests.tasks.deliveries_dispatch",
        "schedule": crontab(),
    },
}
