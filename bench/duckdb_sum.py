"""DuckDB doing csvsum.c's aggregation: python3 duckdb_sum.py THREADS orders.csv"""
import sys

import duckdb

threads, path = int(sys.argv[1]), sys.argv[2]
con = duckdb.connect()
con.execute(f"SET threads = {threads}")
rows = con.execute(
    """
    SELECT product_line,
           (order_date - DATE '1970-01-05') // 7 AS week,
           sum(quantity * unit_price * (1 - discount)) AS amount
    FROM read_csv(?, header = true, columns = {
        'order_id': 'VARCHAR', 'order_date': 'DATE', 'customer_id': 'VARCHAR',
        'product_line': 'VARCHAR', 'quantity': 'DOUBLE', 'unit_price': 'DOUBLE',
        'discount': 'DOUBLE', 'status': 'VARCHAR'})
    WHERE status IN ('completed', 'shipped')
    GROUP BY ALL
    ORDER BY ALL
    """,
    [path],
).fetchall()
total = 0.0
for line, week, amount in rows:
    print(f"{line}\t{week}\t{amount:.2f}")
    total += amount
print(f"total\t{total:.2f}")
