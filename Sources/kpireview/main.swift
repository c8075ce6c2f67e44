import KPIEngine
print("kpireview: not built yet")
