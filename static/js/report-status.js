// The evaluation reports without a reload: requesting one and following the
// jobs on their way.
//
// - A request form (data-report-request) is posted with fetch, asking for
//   JSON; its button stays disabled while the request is pending and while
//   the job it started (or found already on its way) is queued or running.
//   Its live region (data-report-live, role="status") says where the job is:
//   queued, running, done with the time it took and its download, or failed.
// - Each queued or running job's badge and live region carry the URL of its
//   status (data-report-status-url), polled until the job ends.
// Without JavaScript the form posts and the page comes back with a message,
// and the panel shows a "Refresh" link instead (data-report-refresh), which
// this script hides.
(function () {
  "use strict";

  var FIRST_DELAY = 2000;
  var MAX_DELAY = 15000;
  var ACTIVE = ["queued", "running"];
  var BADGES = {
    queued: "text-bg-secondary",
    running: "text-bg-info",
    done: "text-bg-success",
    failed: "text-bg-danger",
  };
  var followed = {}; // status URL -> true while it is polled

  function isActive(status) {
    return ACTIVE.indexOf(status) !== -1;
  }

  function showBadge(badge, data) {
    if (data.status === badge.getAttribute("data-status")) {
      return;
    }
    Object.keys(BADGES).forEach(function (status) {
      badge.classList.remove(BADGES[status]);
    });
    badge.classList.add(BADGES[data.status] || BADGES.queued);
    badge.textContent = data.status_label;
    badge.setAttribute("data-status", data.status);
    var row = badge.closest("[data-report-row]");
    if (data.status === "done") {
      showFile(row, data);
    } else if (data.status === "failed" && data.error) {
      var error = document.createElement("div");
      error.className = "small text-danger";
      error.textContent = data.error.slice(0, 200);
      badge.after(error);
    }
  }

  function showFile(row, data) {
    var cell = row && row.querySelector("[data-report-file]");
    if (!cell || !data.download_url) {
      return;
    }
    var link = document.createElement("a");
    link.href = data.download_url;
    link.textContent =
      data.download_label || cell.getAttribute("data-download-label") || data.status_label;
    var parts = [link];
    [data.pages_label, data.duration].forEach(function (text) {
      if (text) {
        var note = document.createElement("div");
        note.className = "small text-body-secondary";
        note.textContent = text;
        parts.push(note);
      }
    });
    cell.replaceChildren.apply(cell, parts);
  }

  function showLive(live, data) {
    if (live.getAttribute("data-status") === data.status && live.textContent) {
      return; // unchanged: say nothing again
    }
    live.setAttribute("data-status", data.status);
    var parts = [document.createTextNode(data.summary || data.status_label)];
    if (data.status === "done" && data.download_url) {
      var link = document.createElement("a");
      link.href = data.download_url;
      link.textContent = data.download_label || data.status_label;
      parts.push(document.createTextNode(" "), link);
    }
    live.replaceChildren.apply(live, parts);
    var button = live.closest("form") && live.closest("form").querySelector("[type=submit]");
    if (button && !isActive(data.status)) {
      button.disabled = false;
    }
  }

  function watchers(url) {
    return Array.prototype.filter.call(
      document.querySelectorAll("[data-report-status-url]"),
      function (element) {
        return element.getAttribute("data-report-status-url") === url;
      }
    );
  }

  function show(url, data) {
    watchers(url).forEach(function (element) {
      if (element.hasAttribute("data-report-live")) {
        showLive(element, data);
      } else {
        showBadge(element, data);
      }
    });
  }

  function follow(url, delay) {
    if (followed[url]) {
      return;
    }
    followed[url] = true;
    poll(url, delay);
  }

  function poll(url, delay) {
    window.setTimeout(function () {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (data) {
          show(url, data);
          if (isActive(data.status)) {
            poll(url, Math.min(delay * 1.5, MAX_DELAY));
          } else {
            delete followed[url];
          }
        })
        .catch(function () {
          poll(url, MAX_DELAY);
        });
    }, delay);
  }

  function request(form, event) {
    var button = form.querySelector("[type=submit]");
    var live = form.querySelector("[data-report-live]");
    event.preventDefault();
    if (button.disabled) {
      return; // a request or its job is on its way: one render at a time
    }
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (answer) {
        var data = answer.data;
        form.removeAttribute("aria-busy");
        if (!answer.ok || !data.status_url) {
          live.removeAttribute("data-status");
          live.textContent = data.message || data.error || "";
          button.disabled = false;
          return;
        }
        live.setAttribute("data-report-status-url", data.status_url);
        live.setAttribute("data-status", data.status);
        live.textContent = data.message + " " + data.summary;
        if (isActive(data.status)) {
          follow(data.status_url, FIRST_DELAY);
        } else {
          showLive(live, data);
        }
      })
      .catch(function () {
        // No answer the script understands: post the form the plain way.
        form.removeAttribute("aria-busy");
        form.submit();
      });
  }

  function start() {
    if (!window.fetch) {
      return;
    }
    document.querySelectorAll("[data-report-refresh]").forEach(function (element) {
      element.hidden = true;
    });
    document.querySelectorAll("form[data-report-request]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        request(form, event);
      });
    });
    document.querySelectorAll("[data-report-status-url]").forEach(function (element) {
      if (isActive(element.getAttribute("data-status"))) {
        follow(element.getAttribute("data-report-status-url"), FIRST_DELAY);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
