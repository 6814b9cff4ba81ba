// Small enhancements; every page works without this file.
(function () {
  "use strict";
  // Close the account menu when focus or a click moves elsewhere.
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.account-menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) {
        menu.removeAttribute("open");
      }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    document.querySelectorAll("details.account-menu[open]").forEach(function (menu) {
      menu.removeAttribute("open");
      menu.querySelector("summary").focus();
    });
  });
})();

// "Quote": with some text of the post selected, quote just that passage.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.js-quote");
    if (!link) {
      return;
    }
    var body = document.getElementById("post-" + link.dataset.post + "-body");
    var selection = window.getSelection ? window.getSelection() : null;
    if (!body || !selection || selection.isCollapsed || !body.contains(selection.anchorNode)) {
      return;
    }
    var passage = selection.toString().trim().slice(0, 2000);
    if (passage) {
      event.preventDefault();
      window.location.href = link.href + "&passage=" + encodeURIComponent(passage);
    }
  });
})();
