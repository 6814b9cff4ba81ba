"""Thin tasks over endings.digests.services; every one is safe to run twice.

SMTP errors are not Celery retries: the service puts each failed email back on
its delivery row with exponential backoff and jitter, and the every-minute
dispatch hands it out again when it is due (beat, not long countdowns, which
the Redis visibility timeout would re-deliver). A database error, on the other
hand, retries the whole task; rows it had claimed are handed out again when
their lease runs out.
"""

from celery import shared_task
from django.db import DatabaseError

from endings.digests import services


@shared_task(acks_late=True)
def digests_schedule():
    """Record the digests that have come due and hand them to workers (beat, every 15 minutes)."""
    return services.digests_schedule()


@shared_task(acks_late=True)
def deliveries_dispatch():
    """Hand out reply batches whose ten minutes are over, retries that are due, and anything
    a lost task or a killed worker left behind (beat, every minute)."""
    return services.deliveries_dispatch()


@shared_task(
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def deliveries_send(delivery_ids):
    """Claim, compose and send a chunk of emails (one member's email per delivery row)."""
    return services.deliveries_send(delivery_ids=delivery_ids)
