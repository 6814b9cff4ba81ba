from django.db import migrations

# As forum/migrations/0002_search_index.py: the GIN index exists only on
# PostgreSQL; the embedded SQLite default searches its plain-text column without one.
CREATE = "CREATE INDEX IF NOT EXISTS articles_article_search_gin ON articles_article USING gin (search_document)"
DROP = "DROP INDEX IF EXISTS articles_article_search_gin"


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(_on_postgres(CREATE), _on_postgres(DROP))]
