from django.http import FileResponse, Http404


def protected_download(document):
    """An uploaded file, sent as an attachment by a view that has checked the
    user's right to it: media files are never served directly."""
    if not document:
        raise Http404
    response = FileResponse(
        document.open("rb"), as_attachment=True, filename=document.name.rsplit("/", 1)[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
