from celery import shared_task

from endings.articles.services import article_discussions_open_due


# Safe to repeat: an article whose discussion is open is skipped.
@shared_task(acks_late=True)
def discussions_open_due():
    """Open the discussions of scheduled articles that have gone live (run by beat)."""
    return article_discussions_open_due()
