"""The base of every Celery task here: work enqueued on commit is never lost to a broker outage.

Celery's `delay_on_commit()` sends the task to Redis when the transaction commits. If
Redis is down at that moment the send fails after the write has been committed: the
request would answer with an error although the member's reply was saved, and the
task (telling followers, building an export, sending an alert) would be lost.

Here a failed send runs the task in this process instead, once, and logs it: slower
for that one request, but the member's post is answered as usual and nothing is lost.
Every task here is safe to run twice, so a send that reached Redis just before the
error and also runs here does no harm. (`make drills` stops Redis under load.)
"""

import functools
import logging

from celery.contrib.django.task import DjangoTask
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


class ResilientTask(DjangoTask):
    def delay_on_commit(self, *args, **kwargs):
        transaction.on_commit(functools.partial(self._send_or_run, args, kwargs))

    def apply_async_on_commit(self, args=None, kwargs=None, **options):
        transaction.on_commit(functools.partial(self._send_or_run, args, kwargs, **options))

    def _send_or_run(self, args, kwargs, **options):
        try:
            self.apply_async(args, kwargs, **options)
        except OperationalError as error:
            logger.warning("the task queue is unavailable (%s): running %s here instead", error, self.name)
            try:
                self.apply(args, kwargs)
            except Exception:  # the request that enqueued it has already done its own work
                logger.exception("running %s here failed", self.name)
