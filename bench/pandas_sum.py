"""pandas doing csvsum.c's aggregation: python3 pandas_sum.py orders.csv"""
import sys

import pandas as pd

df = pd.read_csv(
    sys.argv[1],
    usecols=["order_date", "product_line", "quantity", "unit_price", "discount", "status"],
    dtype={"product_line": "category", "status": "category",
           "quantity": "float64", "unit_price": "float64", "discount": "float64"},
)
df = df[df["status"].isin(["completed", "shipped"])]
days = (pd.to_datetime(df["order_date"], format="%Y-%m-%d") - pd.Timestamp("1970-01-05")).dt.days
amount = df["quantity"] * df["unit_price"] * (1 - df["discount"])
sums = amount.groupby([df["product_line"].astype(str), days // 7]).sum()
total = 0.0
for (line, week), value in sums.items():
    if value == 0:
        continue
    print(f"{line}\t{week}\t{value:.2f}")
    total += value
print(f"total\t{total:.2f}")
