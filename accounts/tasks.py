from celery import shared_task

from accounts import data_export, deletion, services


# Safe to repeat: deleting expired sessions twice deletes nothing the second time.
@shared_task(acks_late=True)
def sessions_clear_expired():
    return services.sessions_clear_expired()


# Safe to repeat: the service builds only an export that is still pending.
@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def data_export_build(export_id):
    """Build a member's copy of their data and tell them it is ready."""
    data_export.data_export_build(export_id=export_id)


@shared_task(acks_late=True)
def data_exports_clear_expired():
    return data_export.data_exports_clear_expired()


# Beat runs this hourly. Safe to repeat: each deletion is carried out once,
# under a row lock, and only when its grace period is over.
@shared_task(acks_late=True)
def account_deletions_carry_out():
    return deletion.account_deletions_carry_out()
