from tests.test_access import world  # noqa: F401 (the access matrix's objects, a fixture)
