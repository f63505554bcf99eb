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

// On a phone a wide table scrolls inside its own box, never the whole page sideways: tables
// that a template did not wrap get the same scroll container as the wrapped ones.
function wrapWideTables() {
  document.querySelectorAll("main table").forEach((table) => {
    if (table.closest(".table-responsive, .chart-scroll")) return;
    const room = table.parentNode.clientWidth;
    if (!room || table.getBoundingClientRect().width <= room + 1) return; // it fits: leave it
    const wrap = document.createElement("div");
    wrap.className = "table-responsive";
    table.parentNode.insertBefore(wrap, table);
    wrap.appendChild(table);
  });
}
wrapWideTables();
window.addEventListener("resize", wrapWideTables);

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

// Refuse a file that is too large before anything is sent, instead of the server's 413 page
// after a long upload. The server's limit for a whole request (MAX_CONTENT_LENGTH) and its
// messages come from <body data-upload-…>; an input may have a stricter limit per file of its
// own (data-max-bytes, data-too-big). Only the input holding the file is cleared: everything
// else in the form stays as the user left it. The server checks again.
(() => {
  const body = document.body;
  const requestMax = Number(body && body.dataset.uploadMaxBytes);
  if (!requestMax) return;
  const messages = body.dataset;
  const encoder = new TextEncoder();
  const PART_OVERHEAD = 200; // multipart boundary and headers, generously

  const fileInputs = (form) => Array.from(form.querySelectorAll("input[type=file]"));
  const filesOf = (input) => Array.from(input.files || []);

  // What the form would send besides its files' contents, in bytes (roughly, from above).
  const otherBytes = (form) => {
    let total = 0;
    new FormData(form).forEach((value, name) => {
      total += PART_OVERHEAD + encoder.encode(name).length;
      const text = typeof value === "string" ? value : value.name;
      total += encoder.encode(text).length;
    });
    return total;
  };
  const fileBytes = (input) => filesOf(input).reduce((sum, file) => sum + file.size, 0);
  const requestBytes = (form) =>
    fileInputs(form).reduce((sum, input) => sum + fileBytes(input), otherBytes(form));

  // The stricter of the input's own limit per file and the limit per request.
  const limitOf = (input) => {
    const own = Number(input.dataset.maxBytes);
    if (own && own < requestMax && input.dataset.tooBig) {
      return { max: own, message: input.dataset.tooBig };
    }
    return { max: requestMax, message: messages.uploadTooBig };
  };

  let counter = 0;
  const feedbackFor = (input) => {
    if (!input.id) input.id = `upload-${++counter}`;
    const id = `${input.id}-size-error`;
    let box = document.getElementById(id);
    if (!box) {
      // Present (empty) from the start, so screen readers announce what appears in it.
      box = document.createElement("div");
      box.id = id;
      box.className = "invalid-feedback d-block mt-0";
      box.setAttribute("aria-live", "assertive");
      input.after(box);
      const described = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
      input.setAttribute("aria-describedby", [...described, id].join(" "));
    }
    return box;
  };

  const refuse = (input, text) => {
    input.value = "";
    const box = feedbackFor(input);
    box.textContent = `${text} ${messages.uploadAgain || ""}`.trim();
    box.classList.remove("mt-0");
    input.classList.add("is-invalid");
    input.setAttribute("aria-invalid", "true");
    input.dataset.sizeRefused = "1";
  };

  const accept = (input) => {
    const box = feedbackFor(input);
    box.textContent = "";
    box.classList.add("mt-0");
    if (input.dataset.sizeRefused) {
      // Only undo what this script marked; an error from the server stays until it is saved.
      delete input.dataset.sizeRefused;
      const other = ".invalid-feedback:not(:empty):not([id$='-size-error'])";
      if (!input.parentElement.querySelector(other)) {
        input.classList.remove("is-invalid");
        input.removeAttribute("aria-invalid");
      }
    }
  };

  // True when the input was refused (and cleared).
  const check = (input) => {
    const { max, message } = limitOf(input);
    const big = filesOf(input).filter((file) => file.size > max);
    if (big.length) {
      refuse(input, big.map((file) => message.replace("{name}", () => file.name)).join(" "));
      return true;
    }
    if (filesOf(input).length && requestBytes(input.form) > requestMax) {
      refuse(input, messages.uploadTooMuch);
      return true;
    }
    accept(input);
    return false;
  };

  document.querySelectorAll("form input[type=file]").forEach((input) => feedbackFor(input));

  document.addEventListener("change", (event) => {
    const input = event.target;
    if (input instanceof HTMLInputElement && input.type === "file" && input.form) check(input);
  });

  // Capture phase: runs before the form's own submit handlers, which must not think it was sent.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      const inputs = fileInputs(form);
      if (!inputs.length) return;
      // In order: once one input is cleared, the rest may fit again.
      const refused = inputs.filter((input) => check(input));
      if (refused.length) {
        event.preventDefault();
        event.stopImmediatePropagation();
        refused[0].focus();
      }
    },
    true,
  );
})();

// A form that came back with errors: the summary at the top takes the focus, so keyboard and
// screen-reader users hear what to fix; its links move to the field (issue 14).
const errorSummary = document.querySelector(".error-summary");
if (errorSummary) {
  errorSummary.focus();
  errorSummary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    const field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (field) {
      event.preventDefault();
      field.scrollIntoView({ block: "center" });
      field.focus();
    }
  });
}

// Long texts: a counter of the characters left; over the limit it says so (never cut off).
document.querySelectorAll("[data-count-for]").forEach((counter) => {
  const field = document.getElementById(counter.dataset.countFor);
  if (!field) return;
  const max = Number(field.dataset.maxlength);
  const words = counter.textContent;
  const update = () => {
    const used = field.value.length;
    const left = max - used;
    counter.classList.toggle("text-danger", left < 0);
    counter.textContent = left >= 0
      ? `${used.toLocaleString("nl-NL")} / ${max.toLocaleString("nl-NL")} · ${words}`
      : `${(-left).toLocaleString("nl-NL")} te veel · ${words}`;
  };
  field.addEventListener("input", update);
  update();
});
