"""fast lists: a bigram index for two-character customer searches, the customer's name on
each order (a sort key of its own) and indexes for every sort and filter of the orders list

Both are kept by triggers, as 0005's search index is, so that every writer (the counter,
imports, the benchmark generator) keeps them without knowing of them.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sqlite_positions(text: str) -> str:
    """json_each over this yields key 0 … length(text) - 2: one row per bigram's start.
    (No WITH clause or generate_series inside an SQLite trigger.)"""
    return (
        f"json_each('[' || rtrim(replace(hex(zeroblob(max(length({text}) - 1, 0))), "
        f"'00', '0,'), ',') || ']')"
    )


def _sqlite_bigrams(row: str) -> str:
    return (
        f"SELECT DISTINCT substr({row}.search_text, key + 1, 2) AS bigram "
        f"FROM {_sqlite_positions(row + '.search_text')}"
    )


SQLITE_BIGRAMS_INSERT = (
    "INSERT OR IGNORE INTO customer_bigrams(bigram, customer_id) "
    f"SELECT bigram, new.id FROM ({_sqlite_bigrams('new')});"
)
SQLITE_BIGRAMS_DELETE = (
    "DELETE FROM customer_bigrams WHERE customer_id = old.id "
    f"AND bigram IN ({_sqlite_bigrams('old')});"
)

SQLITE_UP = (
    "CREATE TRIGGER customers_bigrams_insert AFTER INSERT ON customers BEGIN "
    f"{SQLITE_BIGRAMS_INSERT} END",
    "CREATE TRIGGER customers_bigrams_delete AFTER DELETE ON customers BEGIN "
    f"{SQLITE_BIGRAMS_DELETE} END",
    "CREATE TRIGGER customers_bigrams_update AFTER UPDATE OF search_text ON customers BEGIN "
    f"{SQLITE_BIGRAMS_DELETE} {SQLITE_BIGRAMS_INSERT} END",
    "INSERT OR IGNORE INTO customer_bigrams(bigram, customer_id) "
    "SELECT DISTINCT substr(c.search_text, key + 1, 2), c.id "
    f"FROM customers AS c, {_sqlite_positions('c.search_text')}",
    # (a bulk load may write orders before their customers, with the name given)
    "CREATE TRIGGER orders_customer_name_insert AFTER INSERT ON orders BEGIN "
    "UPDATE orders SET customer_name = coalesce("
    "(SELECT name FROM customers WHERE customers.id = new.customer_id), customer_name) "
    "WHERE id = new.id; END",
    "CREATE TRIGGER orders_customer_name_move AFTER UPDATE OF customer_id ON orders BEGIN "
    "UPDATE orders SET customer_name = coalesce("
    "(SELECT name FROM customers WHERE customers.id = new.customer_id), customer_name) "
    "WHERE id = new.id; END",
    "CREATE TRIGGER customers_name_to_orders AFTER UPDATE OF name ON customers BEGIN "
    "UPDATE orders SET customer_name = new.name WHERE customer_id = new.id; END",
)

SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS customers_name_to_orders",
    "DROP TRIGGER IF EXISTS orders_customer_name_move",
    "DROP TRIGGER IF EXISTS orders_customer_name_insert",
    "DROP TRIGGER IF EXISTS customers_bigrams_update",
    "DROP TRIGGER IF EXISTS customers_bigrams_delete",
    "DROP TRIGGER IF EXISTS customers_bigrams_insert",
)

PG_UP = (
    """CREATE FUNCTION customer_bigrams_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM customer_bigrams WHERE customer_id = OLD.id AND bigram IN (
      SELECT substr(OLD.search_text, n, 2) FROM generate_series(1, length(OLD.search_text) - 1) AS n);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO customer_bigrams(bigram, customer_id)
    SELECT DISTINCT substr(NEW.search_text, n, 2), NEW.id
    FROM generate_series(1, length(NEW.search_text) - 1) AS n
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$""",
    "CREATE TRIGGER customers_bigrams AFTER INSERT OR DELETE OR UPDATE OF search_text "
    "ON customers FOR EACH ROW EXECUTE FUNCTION customer_bigrams_sync()",
    "INSERT INTO customer_bigrams(bigram, customer_id) "
    "SELECT DISTINCT substr(c.search_text, n, 2), c.id "
    "FROM customers AS c, generate_series(1, length(c.search_text) - 1) AS n",
    """CREATE FUNCTION orders_customer_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.customer_name := coalesce(
    (SELECT name FROM customers WHERE id = NEW.customer_id), NEW.customer_name);
  RETURN NEW;
END $$""",
    "CREATE TRIGGER orders_customer_name BEFORE INSERT OR UPDATE OF customer_id ON orders "
    "FOR EACH ROW EXECUTE FUNCTION orders_customer_name()",
    """CREATE FUNCTION customers_name_to_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name IS DISTINCT FROM OLD.name THEN
    UPDATE orders SET customer_name = NEW.name WHERE customer_id = NEW.id;
  END IF;
  RETURN NULL;
END $$""",
    "CREATE TRIGGER customers_name_to_orders AFTER UPDATE OF name ON customers "
    "FOR EACH ROW EXECUTE FUNCTION customers_name_to_orders()",
)

PG_DOWN = (
    "DROP TRIGGER IF EXISTS customers_name_to_orders ON customers",
    "DROP FUNCTION IF EXISTS customers_name_to_orders()",
    "DROP TRIGGER IF EXISTS orders_customer_name ON orders",
    "DROP FUNCTION IF EXISTS orders_customer_name()",
    "DROP TRIGGER IF EXISTS customers_bigrams ON customers",
    "DROP FUNCTION IF EXISTS customer_bigrams_sync()",
)

# (name, columns) of the orders list's indexes: every sort key with the id that breaks ties
# (keyset pagination), and each filter with the default sort
NEW_INDEXES = (
    ("ix_orders_customer_name", ["customer_name", "id"]),
    ("ix_orders_item_count", ["item_count", "id"]),
    ("ix_orders_promised_date", ["promised_date", "id"]),
    ("ix_orders_received_at_id", ["received_at", "id"]),
    ("ix_orders_status_id", ["status", "id"]),
    ("ix_orders_status_received_at", ["status", "received_at", "id"]),
    ("ix_orders_customer_received_at", ["customer_id", "received_at", "id"]),
)
OLD_INDEXES = (
    ("ix_orders_received_at", ["received_at"]),
    ("ix_orders_status", ["status"]),
    ("ix_orders_customer_id", ["customer_id"]),
)


def upgrade() -> None:
    # plain statements (no batch): a rebuilt table would lose the triggers
    op.create_table(
        "customer_bigrams",
        sa.Column("bigram", sa.String(length=2), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_customer_bigrams_customer_id_customers"),
        ),
        sa.PrimaryKeyConstraint("bigram", "customer_id", name=op.f("pk_customer_bigrams")),
        sqlite_with_rowid=False,
    )
    op.add_column(
        "orders",
        sa.Column("customer_name", sa.String(length=128), server_default="", nullable=False),
    )
    op.execute(
        "UPDATE orders SET customer_name = "
        "(SELECT name FROM customers WHERE customers.id = orders.customer_id)"
    )
    bind = op.get_bind()
    for statement in SQLITE_UP if bind.dialect.name == "sqlite" else PG_UP:
        op.execute(statement)
    for name, columns in NEW_INDEXES:
        op.create_index(name, "orders", columns)
    for name, _columns in OLD_INDEXES:
        op.drop_index(name, table_name="orders")


def downgrade() -> None:
    bind = op.get_bind()
    for name, columns in OLD_INDEXES:
        op.create_index(name, "orders", columns)
    for name, _columns in NEW_INDEXES:
        op.drop_index(name, table_name="orders")
    for statement in SQLITE_DOWN if bind.dialect.name == "sqlite" else PG_DOWN:
        op.execute(statement)
    op.drop_column("orders", "customer_name")
    op.drop_table("customer_bigrams")
