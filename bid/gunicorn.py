"""gunicorn settings: `gunicorn -c bid/gunicorn.py bid.wsgi`; tuned by environment."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# The application is loaded once, in the master, and each worker is forked
# from it: a worker replaced after max_requests starts in milliseconds instead
# of importing Django, Wagtail and every app again (2–3 s of a core each, which
# the other workers' requests waited for), and the workers share the loaded
# code's memory. Nothing opens a database or cache connection while loading.
preload_app = True
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
