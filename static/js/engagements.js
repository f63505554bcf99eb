// Progressive enhancements for the engagement pages; everything works without them.
// 1. The partner select on "nieuwe uitkomstuitdaging" gets a search box that filters its options.
// 2. After moving a marker up or down, keyboard focus returns to the same button.
(function () {
  "use strict";

  function normalise(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  document.querySelectorAll("input[data-filter-for]").forEach(function (input) {
    var select = document.getElementById(input.getAttribute("data-filter-for"));
    var status = document.getElementById(input.getAttribute("data-status"));
    if (!select) {
      return;
    }
    input.hidden = false;
    input.addEventListener("input", function () {
      var words = normalise(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      var firstShown = null;
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) {
          return; // the "choose a partner" prompt stays
        }
        var text = normalise(option.text);
        var match = words.every(function (word) { return text.indexOf(word) !== -1; });
        option.hidden = !match;
        option.disabled = !match;
        if (match) {
          shown += 1;
          firstShown = firstShown || option;
        }
      });
      if (select.selectedOptions.length && select.selectedOptions[0].disabled) {
        select.value = "";
      }
      if (shown === 1 && firstShown) {
        select.value = firstShown.value;
      }
      if (status) {
        status.textContent = shown === 1
          ? input.getAttribute("data-msg-one")
          : input.getAttribute("data-msg-many").replace("{n}", String(shown));
      }
    });
  });

  var storageKey = "omtracker-moved-marker";
  document.querySelectorAll("form[action*='/markeringen/'] button.move-btn").forEach(function (button) {
    button.form.addEventListener("submit", function () {
      try {
        window.sessionStorage.setItem(storageKey, button.form.getAttribute("action"));
      } catch (e) { /* storage unavailable: focus simply is not restored */ }
    });
  });
  function restoreFocus() {
    var moved;
    try {
      moved = window.sessionStorage.getItem(storageKey);
      window.sessionStorage.removeItem(storageKey);
    } catch (e) {
      return;
    }
    var form = moved && document.querySelector("form[action='" + moved.replace(/'/g, "") + "']");
    if (!form) {
      return;
    }
    var button = form.querySelector("button:not([disabled])") ||
      form.closest("td").querySelector("button:not([disabled])");
    if (button) {
      button.focus();
    }
  }
  // Scrolling to the #marker-… fragment moves focus to the page itself; restore focus after it.
  window.addEventListener("load", function () { window.setTimeout(restoreFocus, 0); });
})();
