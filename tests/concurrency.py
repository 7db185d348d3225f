"""Real concurrency for tests: calls released together in threads, each on its
own database connection, as production requests run."""

import threading

from django.db import connection


def run_together(*calls):
    """Run the calls in threads released at the same moment; return their
    results (or exceptions) in order."""
    start = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            start.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - returned to the test
            results[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, call))
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
