import pytest
from celery.result import EagerResult

from cpo_portal.tasks import ping

pytestmark = pytest.mark.integration


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_runs_a_task_through_redis(real_worker):
    result = ping.delay()
    assert not isinstance(result, EagerResult), "the task ran in-process, not in the worker"
    assert result.get(timeout=30) == "pong"
    assert result.successful()
