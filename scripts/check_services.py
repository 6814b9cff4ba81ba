"""Stop `make test` early, with instructions, when PostgreSQL or Redis is down.

The suite never falls back to SQLite or a fake cache: a green run means the
real services were used.
"""

import sys
from urllib.parse import urlsplit

import psycopg
import redis

PG_START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
REDIS_START = (
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" '
    "--appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log"
)


def main(database_url, redis_url):
    problems = []
    db = urlsplit(database_url)
    try:
        psycopg.connect(
            host=db.hostname,
            port=db.port or 5432,
            user=db.username or "postgres",
            password=db.password,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.Error as error:
        problems.append(
            f"PostgreSQL is not reachable at {db.hostname}:{db.port or 5432} ({error}).\n"
            f"  Start it with: {PG_START}"
        )
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        problems.append(f"Redis is not reachable at {redis_url} ({error}).\n  Start it with: {REDIS_START}")
    if problems:
        print("make test needs real PostgreSQL and Redis:\n" + "\n".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
