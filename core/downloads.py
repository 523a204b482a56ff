import logging

from django.http import FileResponse, Http404

logger = logging.getLogger(__name__)


def protected_download(document):
    """An uploaded file, sent as an attachment by a view that has checked the
    user's right to it: media files are never served directly.

    The file is read through its storage (a local folder or an S3-compatible
    bucket) and streamed by the portal; no storage URL reaches the browser.
    """
    if not document:
        raise Http404
    try:
        stored = document.storage.open(document.name, "rb")
    except FileNotFoundError:
        logger.error("The stored file %s is missing.", document.name)
        raise Http404 from None
    response = FileResponse(stored, as_attachment=True, filename=document.name.rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    return response
