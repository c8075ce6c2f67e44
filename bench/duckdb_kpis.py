"""DuckDB doing the work of kpireview's orders KPIs, not only csvsum.c's one sum:
python3 duckdb_kpis.py THREADS orders.csv AS_OF

For every product line and for the total, per week, month, quarter and year up to AS_OF: bookings
(sum of quantity * unit_price * (1 - discount)), orders (count), customers (exact count of distinct
customer_id) and the average discount, over completed and shipped orders: the windows kpireview's
reports draw on (which also need QTD/YTD and year-ago windows of the same kinds). The filtered
rows are loaded once into a table, then grouped once per grain (faster in DuckDB than one query
with GROUPING SETS: 6.4 s against 9.5 s at 10M rows). Prints the result rows and total bookings."""
import sys

import duckdb

threads, path, as_of = int(sys.argv[1]), sys.argv[2], sys.argv[3]
con = duckdb.connect()
con.execute(f"SET threads = {threads}")
con.execute(
    """
    CREATE TEMP TABLE o AS
    SELECT product_line, customer_id, discount,
           quantity * unit_price * (1 - discount) AS amount,
           (order_date - DATE '1970-01-05') // 7 AS week,
           date_trunc('month', order_date) AS month,
           date_trunc('quarter', order_date) AS quarter,
           year(order_date) AS year
    FROM read_csv(?, header = true, columns = {
        'order_id': 'VARCHAR', 'order_date': 'DATE', 'customer_id': 'VARCHAR',
        'product_line': 'VARCHAR', 'quantity': 'DOUBLE', 'unit_price': 'DOUBLE',
        'discount': 'DOUBLE', 'status': 'VARCHAR'})
    WHERE status IN ('completed', 'shipped') AND order_date <= CAST(? AS DATE)
    """,
    [path, as_of],
)
rows = 0
total = 0.0
for grain in ["week", "month", "quarter", "year"]:
    for keys in [f"product_line, {grain}", grain]:
        result = con.execute(
            f"""SELECT {keys}, sum(amount), count(*), count(DISTINCT customer_id), avg(discount)
                FROM o GROUP BY {keys} ORDER BY {keys}"""
        ).fetchall()
        rows += len(result)
        if keys == "year":
            total = sum(r[1] for r in result)
print(f"rows\t{rows}")
print(f"total\t{total:.2f}")
