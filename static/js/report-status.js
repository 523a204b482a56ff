// Follows the evaluation reports being generated and updates their status
// without a reload: each queued or running job's badge carries the URL of
// its status (data-report-status-url). Without JavaScript the panel shows a
// "Refresh" link instead, which this script hides.
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

  function showBadge(badge, data) {
    Object.keys(BADGES).forEach(function (status) {
      badge.classList.remove(BADGES[status]);
    });
    badge.classList.add(BADGES[data.status] || BADGES.queued);
    badge.textContent = data.status_label;
    badge.setAttribute("data-status", data.status);
  }

  function showFile(badge, data) {
    var row = badge.closest("[data-report-row]");
    var cell = row && row.querySelector("[data-report-file]");
    if (!cell || !data.download_url) {
      return;
    }
    var link = document.createElement("a");
    link.href = data.download_url;
    link.textContent = cell.getAttribute("data-download-label") || data.status_label;
    cell.replaceChildren(link);
  }

  function follow(badge, delay) {
    window.setTimeout(function () {
      fetch(badge.getAttribute("data-report-status-url"), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (data) {
          if (data.status !== badge.getAttribute("data-status")) {
            showBadge(badge, data);
          }
          if (ACTIVE.indexOf(data.status) !== -1) {
            follow(badge, Math.min(delay * 1.5, MAX_DELAY));
          } else if (data.status === "done") {
            showFile(badge, data);
          } else {
            // Failed: the page shows the error and the button to try again.
            window.location.reload();
          }
        })
        .catch(function () {
          follow(badge, MAX_DELAY);
        });
    }, delay);
  }

  function start() {
    var badges = document.querySelectorAll("[data-report-status-url]");
    if (!badges.length || !window.fetch) {
      return;
    }
    document.querySelectorAll("[data-report-refresh]").forEach(function (element) {
      element.hidden = true;
    });
    badges.forEach(function (badge) {
      if (ACTIVE.indexOf(badge.getAttribute("data-status")) !== -1) {
        follow(badge, FIRST_DELAY);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
