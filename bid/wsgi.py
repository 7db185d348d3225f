"""WSGI entry point for gunicorn; production settings unless DJANGO_ENV says."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault(
    "DJANGO_SETTINGS_MODULE",
    f"bid.settings.{os.environ.get('DJANGO_ENV', 'production')}",
)

application = get_wsgi_application()
