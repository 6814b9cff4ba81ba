from django.db import migrations

# The GIN index exists only on PostgreSQL; the embedded SQLite default searches
# its plain-text column without one (see forum/selectors/search.py).
CREATE = "CREATE INDEX IF NOT EXISTS forum_post_search_gin ON forum_post USING gin (search_document)"
DROP = "DROP INDEX IF EXISTS forum_post_search_gin"


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]

    operations = [migrations.RunPython(_on_postgres(CREATE), _on_postgres(DROP))]
