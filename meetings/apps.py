from django.apps import AppConfig
from django.db.backends.signals import connection_created


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Bilateral"

    def ready(self):
        from .project.dbguard import on_connection_created

        connection_created.connect(on_connection_created, dispatch_uid="bilateral-statement-guard")
