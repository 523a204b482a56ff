# syntax=docker/dockerfile:1
# One image for the web server, the Celery worker and Celery beat; the command
# chooses which (see docker-compose.yml). Configuration comes from the
# environment at run time, as described in cpo_portal/settings/base.py.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

# WeasyPrint's system libraries (Pango, HarfBuzz, image codecs) and a font for
# the PDFs it renders; gettext provides msgfmt for compilemessages.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        libjpeg62-turbo \
        libopenjp2-7 \
        fonts-dejavu-core \
        gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .

# Installs the dependencies declared in pyproject.toml (no dev extras).
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install . \
    && rm -rf build ./*.egg-info

# The portal runs from /app rather than from the copy just installed in
# site-packages: the settings find templates/, static/, locale/ and var/ next
# to the packages (BASE_DIR), and only /app has them.
ENV PYTHONPATH=/app

# The settings need a secret key to load; without one they would write a key
# file into the image. This throwaway key exists only for these two commands
# and is not kept in the image's environment.
RUN export DJANGO_SECRET_KEY=build-only-throwaway-key-never-used-when-the-portal-runs \
    && python manage.py compilemessages \
    && python manage.py collectstatic --noinput

# A user without privileges; it may write only to var/ (media files and the
# Celery beat schedule), and to its home for font caches.
RUN groupadd --system --gid 1000 app \
    && useradd --system --uid 1000 --gid app --create-home --home-dir /home/app \
        --shell /usr/sbin/nologin app \
    && mkdir -p /app/var/media \
    && chown -R app:app /app/var
USER app

# gunicorn reads its options from these variables, so that the web service in
# docker-compose.yml runs the same server. WEB_CONCURRENCY is the number of
# worker processes: 3 suits 2 CPU cores that also serve the Celery worker.
ENV WEB_CONCURRENCY=3 \
    GUNICORN_CMD_ARGS="--bind=0.0.0.0:8000 --access-logfile=-"
EXPOSE 8000

# /healthz answers 503 when the database or the broker is down, which makes
# urlopen raise. The request names an allowed host and says it came over HTTPS,
# so that neither ALLOWED_HOSTS nor the HTTPS redirect turns it away.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; host = os.environ.get('DJANGO_ALLOWED_HOSTS', '').split(',')[0].strip().strip('.*') or 'localhost'; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/healthz', headers={'Host': host, 'X-Forwarded-Proto': 'https'}), timeout=4)"]

CMD ["gunicorn", "cpo_portal.wsgi"]
