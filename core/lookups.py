"""Lookups that keep out-of-range numbers from reaching the database.

Django turns `pk=<a number no column holds>` into "no rows" (IntegerFieldExact),
but not `pk__in=[...]`: SQLite then fails with OverflowError, a server error for
a tampered form (a multiple choice of 10**23). Values outside the column's range
match nothing and are dropped here, as Django does for `exact`.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
