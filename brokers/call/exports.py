"""Columns of the CSV/XLSX downloads of the grant call pages."""

from django.utils.translation import gettext_lazy as _

AGREEMENTS = {
    "filename": "grant-agreements",
    "columns": [
        (_("District"), lambda a: a.district.name),
        (_("Organisation"), lambda a: a.organisation.legal_name),
        (_("Innovation broker"), lambda a: a.broker.get_full_name() if a.broker else ""),
        (_("Monthly grant (EUR)"), lambda a: a.monthly_amount),
        (_("Start"), lambda a: a.start_date),
        (_("End"), lambda a: a.end_date),
        (_("Total (EUR)"), lambda a: a.total),
        (_("Paid so far (EUR)"), lambda a: a.paid),
        (_("Remaining (EUR)"), lambda a: a.remaining),
    ],
}
