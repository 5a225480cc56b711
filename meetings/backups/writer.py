"""
Batches written while the next are read. On PostgreSQL a thread sends each batch by COPY,
on the restore's own connection and in its transaction, while the main thread parses and
prepares the next: the database and Python each keep a core busy instead of taking turns
(at 100,000 meetings the database spent some 28 s of a restore's load taking COPYs). The
main thread waits for the writes before any statement of its own. Elsewhere each batch is
inserted at once.
"""

import io
import queue
import threading

from .rows import COPY_CHUNK, copy_statement, insert_rows


class RowWriter:
    """insert() a batch; wait() until every batch is written; close() when done, or failing."""

    def __init__(self, connection):
        self.connection, self.error = connection, None
        self.threaded = connection.vendor == "postgresql"
        if self.threaded:
            connection.ensure_connection()
            self.batches = queue.Queue(maxsize=4)  # a few batches ahead, no more in memory
            self.thread = threading.Thread(target=self.run, name="restore-copy", daemon=True)
            self.thread.start()

    def insert(self, table, columns, rows):
        if not rows:
            return
        if not self.threaded:
            insert_rows(self.connection, table, columns, rows)
            return
        self.raise_error()
        self.batches.put(copy_statement(self.connection, table, columns, rows))

    def run(self):
        raw = self.connection.connection  # psycopg2's own: Django's wrapper is per thread
        while (batch := self.batches.get()) is not None:
            try:
                if self.error is None:  # after an error, batches are only drained
                    sql, text = batch
                    with raw.cursor() as cursor:
                        cursor.copy_expert(sql, io.StringIO(text), size=COPY_CHUNK)
            except Exception as error:  # noqa: BLE001 — raised in the main thread
                self.error = error
            finally:
                self.batches.task_done()
        self.batches.task_done()

    def wait(self):
        """Every batch given is written (or its error raised, as Django's error)."""
        if self.threaded:
            self.batches.join()
        self.raise_error()

    def raise_error(self):
        if self.error is not None:
            with self.connection.wrap_database_errors:
                raise self.error

    def close(self):
        """The thread stopped once the batches given are written or drained."""
        if self.threaded and self.thread.is_alive():
            self.batches.put(None)
            self.thread.join()
