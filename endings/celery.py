"""The Celery app and its static beat schedule.

The schedule lives here in code (not in the database) so that one `beat`
process is the only scheduler and every change to it is reviewed.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "endings.settings")

app = Celery("endings")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "accounts-clear-expired-sessions": {
        "task": "accounts.tasks.sessions_clear_expired",
        "schedule": crontab(hour=3, minute=17),
    },
}
