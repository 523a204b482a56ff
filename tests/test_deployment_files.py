"""The container set-up in docker-compose.yml and the Dockerfile.

The files are read, not run, so these tests need neither Docker nor a database.
"""

import re
import shlex
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


@pytest.fixture(scope="module")
def dockerfile():
    return dockerfile_instructions(ROOT / "Dockerfile")


def dockerfile_instructions(path):
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments left out."""
    instructions, current = [], ""
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        keyword, _, arguments = (current + line).partition(" ")
        instructions.append((keyword.upper(), " ".join(arguments.split())))
        current = ""
    return instructions


def runs(dockerfile):
    return [arguments for keyword, arguments in dockerfile if keyword == "RUN"]


def command_words(service):
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else list(command)


def celery_invocation(service):
    """The app and the sub-command of a service's `celery -A app sub-command ...`."""
    words = command_words(service)
    assert words[0] == "celery", f"{words} does not run celery"
    app, rest = None, iter(words[1:])
    for word in rest:
        if word in ("-A", "--app"):
            app = next(rest)
        elif word.startswith("--app="):
            app = word.removeprefix("--app=")
        elif not word.startswith("-"):
            return app, word
    pytest.fail(f"{words} names no celery sub-command")


def environment(service):
    variables = service.get("environment") or {}
    if isinstance(variables, list):
        variables = dict(item.partition("=")[::2] for item in variables)
    return variables


def mounts(service):
    """{path in the container: volume or host path} for a service's volumes."""
    result = {}
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            source, target = volume.split(":")[:2]
        else:
            source, target = volume.get("source"), volume["target"]
        result[target] = source
    return result


def build_of(service):
    build = service.get("build")
    assert build, "the service does not build the project's image"
    if isinstance(build, str):
        build = {"context": build}
    return Path(build.get("context", ".")), build.get("dockerfile", "Dockerfile")


# docker-compose.yml


def test_compose_has_no_obsolete_version_key(compose):
    assert "version" not in compose


def test_compose_defines_every_service(services):
    assert {"web", "worker", "beat", "postgres", "redis"} <= services.keys()


def test_web_worker_and_beat_build_the_one_dockerfile(services):
    builds = {build_of(services[name]) for name in APP_SERVICES}
    assert len(builds) == 1, builds
    ((context, dockerfile),) = builds
    assert (ROOT / context / dockerfile).is_file()


def test_worker_runs_a_celery_worker_for_the_portal(services):
    assert celery_invocation(services["worker"]) == ("cpo_portal", "worker")


def test_beat_runs_celery_beat_for_the_portal(services):
    assert celery_invocation(services["beat"]) == ("cpo_portal", "beat")


def test_web_migrates_before_starting_gunicorn(services):
    command = " ".join(command_words(services["web"]))
    assert "manage.py migrate --noinput" in command
    assert "gunicorn cpo_portal.wsgi" in command
    assert command.index("migrate") < command.index("gunicorn")
    assert any(str(port).endswith(":8000") for port in services["web"]["ports"])


def test_web_and_worker_share_the_media_volume(compose, services):
    named_volumes = compose.get("volumes") or {}
    sources = set()
    for name in ("web", "worker"):
        media_root = environment(services[name])["DJANGO_MEDIA_ROOT"]
        source = mounts(services[name]).get(media_root)
        assert source in named_volumes, f"{name} keeps {media_root} on no named volume"
        sources.add(source)
    assert len(sources) == 1, f"web and worker keep media on different volumes: {sources}"


def test_web_worker_and_beat_get_the_same_object_storage_settings(services):
    """Set in .env, they put files in a bucket that every machine shares."""
    storage = {
        name: {
            key: value
            for key, value in environment(services[name]).items()
            if key.startswith("AWS_") or key == "DJANGO_STORAGE_BACKEND"
        }
        for name in APP_SERVICES
    }
    assert {"AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL"} <= storage["web"].keys()
    assert storage["web"] == storage["worker"] == storage["beat"]
    for key, value in storage["web"].items():
        assert value == f"${{{key}:-}}", f"{key} is not passed through from the host: {value}"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_portal_services_use_postgres_and_redis(services, name):
    variables = environment(services[name])
    database = urlsplit(variables["DATABASE_URL"])
    broker = urlsplit(variables["CELERY_BROKER_URL"])
    assert (database.scheme, database.hostname) == ("postgres", "postgres")
    assert (broker.scheme, broker.hostname) == ("redis", "redis")


@pytest.mark.parametrize("name", APP_SERVICES)
def test_portal_services_require_a_secret_key_from_the_host(services, name):
    secret_key = environment(services[name])["DJANGO_SECRET_KEY"]
    assert re.fullmatch(r"\$\{DJANGO_SECRET_KEY:\?[^}]+\}", secret_key), secret_key


@pytest.mark.parametrize("name", APP_SERVICES)
def test_portal_services_wait_for_healthy_postgres_and_redis(services, name):
    depends_on = services[name]["depends_on"]
    for backing in ("postgres", "redis"):
        assert depends_on[backing]["condition"] == "service_healthy"
    assert "pg_isready" in services["postgres"]["healthcheck"]["test"]
    assert services["redis"]["healthcheck"]["test"][-2:] == ["redis-cli", "ping"]


# Dockerfile


def test_image_python_matches_pyproject(dockerfile):
    requires_python = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "requires-python"
    ]
    base_image = next(arguments for keyword, arguments in dockerfile if keyword == "FROM")
    version = re.fullmatch(r"python:(\d+\.\d+)-slim-\w+", base_image).group(1)
    assert f">={version}" in requires_python


def test_image_installs_weasyprint_libraries(dockerfile):
    installs = [run.split() for run in runs(dockerfile) if "apt-get install" in run]
    packages = {word for words in installs for word in words}
    assert {"libpango-1.0-0", "libpangoft2-1.0-0", "gettext"} <= packages


def test_image_installs_the_project_without_dev_extras(dockerfile):
    pip_installs = [run for run in runs(dockerfile) if "pip install" in run]
    assert any("pip install ." in run for run in pip_installs)
    assert not any("[dev]" in run for run in pip_installs)


def test_image_collects_static_files_with_a_build_only_secret_key(dockerfile):
    collectstatic = [run for run in runs(dockerfile) if "manage.py collectstatic" in run]
    assert collectstatic and "--noinput" in collectstatic[0]
    assert "DJANGO_SECRET_KEY=" in collectstatic[0]
    environment_keys = " ".join(arguments for keyword, arguments in dockerfile if keyword == "ENV")
    assert "DJANGO_SECRET_KEY" not in environment_keys


def test_image_runs_as_an_unprivileged_user(dockerfile):
    users = [arguments for keyword, arguments in dockerfile if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")


def test_image_checks_health_at_healthz_and_serves_gunicorn(dockerfile):
    healthchecks = [arguments for keyword, arguments in dockerfile if keyword == "HEALTHCHECK"]
    assert healthchecks and "/healthz" in healthchecks[-1]
    command = [arguments for keyword, arguments in dockerfile if keyword == "CMD"][-1]
    assert "gunicorn" in command and "cpo_portal.wsgi" in command
