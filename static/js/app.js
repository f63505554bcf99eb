// Small progressive enhancements; every page works without them.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// A table or chart that scrolls sideways on a narrow screen must be reachable by keyboard
// (WCAG 2.1.1): while it overflows, its scroll container takes focus and is named after its table.
function regionName(region) {
  const table = region.querySelector("table");
  if (table && table.caption) return table.caption.textContent.trim();
  if (table && table.getAttribute("aria-label")) return table.getAttribute("aria-label");
  const labelled = region.closest("[aria-labelledby]");
  const heading = labelled && document.getElementById(labelled.getAttribute("aria-labelledby"));
  return heading ? heading.textContent.trim() : "";
}

function keyboardScrollable() {
  document.querySelectorAll(".table-responsive, .chart-scroll").forEach((region) => {
    const overflows = region.scrollWidth > region.clientWidth + 1;
    if (overflows && !region.hasAttribute("tabindex")) {
      region.tabIndex = 0;
      region.dataset.scrollFocus = "1";
      const name = regionName(region);
      if (name) {
        region.setAttribute("role", "region");
        region.setAttribute("aria-label", name);
      }
    } else if (!overflows && region.dataset.scrollFocus) {
      ["tabindex", "role", "aria-label", "data-scroll-focus"].forEach((a) => region.removeAttribute(a));
    }
  });
}
keyboardScrollable();
window.addEventListener("resize", keyboardScrollable);
