from cpo_portal.celery import app
from cpo_portal.tasks import ping


def test_celery_uses_json_late_acknowledgement_and_one_task_at_a_time():
    assert app.conf.task_serializer == "json"
    assert app.conf.result_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_time_limit > app.conf.task_soft_time_limit > 0
    assert app.conf.broker_transport_options["visibility_timeout"] > app.conf.task_time_limit


def test_tasks_of_the_apps_are_discovered():
    assert "cpo_portal.tasks.ping" in app.tasks


def test_without_a_broker_tasks_run_in_process(db):
    assert ping.delay().get() == "pong"
