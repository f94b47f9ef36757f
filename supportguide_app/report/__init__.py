"""Reports of a plan: plain ReportData (``report.data``), a PDF with reportlab (``report.export``,
``report.pdf``: reportlab is imported only when a PDF is made), text (``report.text``), summaries of
many plans (``report.summary``).

This package imports nothing by itself: the window imports only the small modules it needs at
start-up (errors, clauses), and the rest when a person asks for a report.
"""
