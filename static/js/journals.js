// Journal form enhancements. The form works without them; they make a month's journals faster.
(() => {
  const form = document.querySelector("form.journal-form");
  if (!form) return;
  const changeText = { up: "▲ hoger dan vorige", down: "▼ lager dan vorige" };
  const lang = document.documentElement.lang || "nl";
  if (lang.startsWith("en")) {
    changeText.up = "▲ higher than before";
    changeText.down = "▼ lower than before";
  }

  // Show, per marker, whether the chosen level is higher or lower than the previous one.
  const showChange = (fieldset) => {
    const previous = fieldset.dataset.previous;
    const chosen = fieldset.querySelector("input[type=radio]:checked");
    const out = fieldset.querySelector(".jl-change");
    fieldset.classList.remove("jl-up", "jl-down");
    if (!out) return;
    out.textContent = "";
    if (previous === "" || !chosen || chosen.value === "") return;
    const diff = Number(chosen.value) - Number(previous);
    if (diff > 0) {
      out.textContent = changeText.up;
      fieldset.classList.add("jl-up");
    } else if (diff < 0) {
      out.textContent = changeText.down;
      fieldset.classList.add("jl-down");
    }
  };
  form.querySelectorAll("fieldset.jl-marker").forEach((fieldset) => {
    showChange(fieldset);
    fieldset.addEventListener("change", () => showChange(fieldset));
  });

  // Type to filter the list of contributing partners.
  form.querySelectorAll("input.jl-filter").forEach((input) => {
    const list = document.querySelector(input.dataset.filter);
    if (!list) return;
    input.hidden = false;
    input.addEventListener("input", () => {
      const query = input.value.trim().toLowerCase();
      list.querySelectorAll(".form-check").forEach((item) => {
        const checked = item.querySelector("input").checked;
        item.hidden = query !== "" && !checked && !item.dataset.name.includes(query);
      });
    });
    // Enter in the search box must not submit the journal.
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
  });

  // "Als begintekst gebruiken": add the month's observations to the description in place, so
  // nothing typed is lost (without JavaScript the link reloads the form with them added).
  form.querySelectorAll("a.jl-use-observations").forEach((link) => {
    link.addEventListener("click", (event) => {
      const target = document.getElementById(link.dataset.target);
      if (!target) return;
      event.preventDefault();
      const current = target.value.trim();
      target.value = current ? `${current}\n\n${link.dataset.text}` : link.dataset.text;
      target.dispatchEvent(new Event("input", { bubbles: true }));
      link.hidden = true;
      target.focus();
    });
  });

  // Warn before leaving a form with unsaved changes.
  let dirty = false;
  form.addEventListener("input", () => {
    dirty = true;
  });
  form.addEventListener("change", () => {
    dirty = true;
  });
  // Files that are too big are refused by app.js before this runs (the form then stays dirty).
  form.addEventListener("submit", () => {
    dirty = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
