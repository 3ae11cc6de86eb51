"""Job-family knowledge shared by checks, export and report: titles, seniority ladders, families, reporting lines."""
