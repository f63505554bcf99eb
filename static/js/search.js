// "/" anywhere (outside a field) puts the cursor in the navigation's search box.
(function () {
  "use strict";
  function typing(target) {
    if (!target) return false;
    var tag = target.tagName;
    return target.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    var box = document.getElementById("nav-search");
    if (!box) return;
    event.preventDefault();
    if (box.offsetParent === null) {
      // The menu is folded away on a narrow screen: go to the search page instead.
      window.location.href = box.form.action;
      return;
    }
    box.focus();
    box.select();
  });
})();
