from celery import shared_task

from forum.services import notifications_record_for_post


# Safe to repeat (the service skips a reply it already counted), so a worker
# lost mid-task may hand it to another.
@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def post_notify(post_id):
    """Notify the people a new story or reply concerns."""
    notifications_record_for_post(post_id=post_id)
