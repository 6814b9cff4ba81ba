# One image for web, worker and beat (see docker-compose.yml).
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app
RUN useradd --create-home --uid 1000 endings

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# collectstatic needs settings that load; these values exist only for this step.
RUN SECRET_KEY=collectstatic-only-not-a-real-secret DEBUG=false \
    python manage.py collectstatic --noinput \
 && mkdir -p /app/var/private && chown -R endings:endings /app/var

USER endings
EXPOSE 8000
CMD ["gunicorn", "endings.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "30", "--access-logfile", "-"]
