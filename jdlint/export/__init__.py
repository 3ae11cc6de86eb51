"""Roles as records: JSON/CSV export, the HTML report and its grade-ladder chart."""
