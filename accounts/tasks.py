from celery import shared_task

from accounts import services


# Safe to repeat: deleting expired sessions twice deletes nothing the second time.
@shared_task(acks_late=True)
def sessions_clear_expired():
    return services.sessions_clear_expired()
