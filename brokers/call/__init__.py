"""The grant call that selects one innovation-broker host organisation per district:
calls, applications, evaluation, selection, agreements, payments and the public pages."""
