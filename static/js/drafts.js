// Drafts: what is typed into a long-text form is kept in this browser as it is typed and on the
// server every so often and on leaving a field, and comes back ("Concept van 14:32 hersteld")
// when the form is opened again, e.g. after logging in once more. A successful save discards it.
// Also: a warning before the session ends for inactivity, with "Ingelogd blijven".
(() => {
  const config = document.getElementById("drafts-config");
  if (!config) return;
  const data = config.dataset;
  const PREFIX = `omtracker-draft:${data.user}:`;
  const ACTIVITY = `omtracker-activity:${data.user}`;
  let lastActivity = Date.now(); // of this page's requests to the server
  let loggingOut = false; // then nothing is written to this browser's storage any more

  function storageGet(name) {
    try {
      return window.localStorage.getItem(name);
    } catch (error) {
      return null; // storage switched off: the server copy still works
    }
  }
  function storageSet(name, value) {
    try {
      window.localStorage.setItem(name, value);
    } catch (error) {
      /* full or switched off */
    }
  }
  function storageRemove(name) {
    try {
      window.localStorage.removeItem(name);
    } catch (error) {
      /* switched off */
    }
  }

  // The forms saved since the last page: their drafts are done with.
  JSON.parse(data.done || "[]").forEach((key) => storageRemove(PREFIX + key));

  // Logging out on purpose leaves no typed text behind in this browser (a shared computer);
  // the server's copies stay for the next login. An idle logout keeps them here too.
  document.addEventListener("submit", (event) => {
    const action = event.target.getAttribute("action") || window.location.href;
    if (new URL(action, window.location.href).pathname !== data.logoutUrl) return;
    loggingOut = true;
    try {
      Object.keys(window.localStorage)
        .filter((name) => name.startsWith(PREFIX))
        .forEach(storageRemove);
    } catch (error) {
      /* storage switched off */
    }
  });

  function noteActivity() {
    lastActivity = Date.now();
    storageSet(ACTIVITY, String(lastActivity));
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual", // an ended session answers with a redirect to the login page
      headers: { "Content-Type": "application/json", "X-CSRFToken": data.csrf },
      body: JSON.stringify(body || {}),
    }).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status || response.type}`);
      noteActivity();
      return response.json();
    });
  }

  // --- the form's fields ---------------------------------------------------------------------

  function draftable(element) {
    if (!element.name || element.disabled || element.name === "csrf_token") return false;
    const type = (element.type || "").toLowerCase();
    if (element.tagName === "TEXTAREA" || element.tagName === "SELECT") return true;
    if (type === "hidden") return element.name === "version"; // a conflict stays a conflict
    return !["password", "file", "submit", "button", "reset", "image"].includes(type);
  }

  function collect(form) {
    const fields = {};
    Array.from(form.elements).forEach((element) => {
      if (!draftable(element)) return;
      const type = (element.type || "").toLowerCase();
      if (type === "checkbox" || element.multiple) {
        const chosen =
          type === "checkbox"
            ? element.checked
              ? [element.value]
              : []
            : Array.from(element.selectedOptions).map((option) => option.value);
        fields[element.name] = (fields[element.name] || []).concat(chosen);
      } else if (type === "radio") {
        if (element.checked) fields[element.name] = element.value;
        else if (!(element.name in fields)) fields[element.name] = "";
      } else {
        fields[element.name] = element.value;
      }
    });
    return fields;
  }

  function apply(form, fields) {
    Array.from(form.elements).forEach((element) => {
      if (!draftable(element) || !(element.name in fields)) return;
      const value = fields[element.name];
      const type = (element.type || "").toLowerCase();
      const values = Array.isArray(value) ? value : [value];
      if (type === "checkbox" || type === "radio") {
        element.checked = values.includes(element.value);
      } else if (element.multiple) {
        Array.from(element.options).forEach((option) => {
          option.selected = values.includes(option.value);
        });
      } else {
        element.value = values[0] || "";
      }
      element.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function same(a, b) {
    // The version alone does not make a draft: the text is what was saved.
    const strip = (fields) => Object.assign({}, fields, { version: null });
    return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
  }

  function clock(milliseconds) {
    return new Intl.DateTimeFormat("nl-NL", {
      hour: "2-digit",
      minute: "2-digit",
      timeZone: data.timezone || "Europe/Amsterdam",
    }).format(new Date(milliseconds));
  }

  // --- one form -----------------------------------------------------------------------------

  function watch(form) {
    // The address the form posts to, with its query: one status form serves every month
    // (?maand=2026-10), and each month's text is a draft of its own.
    const target = new URL(form.getAttribute("action") || window.location.href, window.location.href);
    const key = target.pathname + target.search;
    const storageKey = PREFIX + key;
    const original = collect(form);
    let dirty = false;
    let typingTimer = null;

    function keepLocally() {
      if (loggingOut) return;
      storageSet(storageKey, JSON.stringify({ fields: collect(form), at: Date.now() }));
    }

    function keepOnServer() {
      if (!dirty) return;
      dirty = false;
      post(data.keepUrl, { key, fields: collect(form) }).catch(() => {
        dirty = true; // try again later; the browser's copy is there meanwhile
      });
    }

    function showNotice(time) {
      const notice = document.createElement("div");
      notice.className = "alert alert-info d-flex flex-wrap gap-2 align-items-center draft-notice";
      notice.setAttribute("role", "status");
      const text = document.createElement("span");
      text.textContent = `${data.restored.replace("{time}", time)} ${data.restoredHelp}`;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-secondary ms-auto";
      button.textContent = data.discard;
      button.addEventListener("click", () => {
        apply(form, original);
        storageRemove(storageKey);
        post(data.discardUrl, { key }).catch(() => {});
        dirty = false;
        text.textContent = data.discarded;
        button.remove();
      });
      notice.append(text, button);
      form.parentNode.insertBefore(notice, form);
    }

    // Typing before a copy arrives from the server makes that copy older than the form: the
    // typed text is kept (and replaces the server's copy at the next save), nothing comes back.
    let typed = false;

    function restore(fields, time) {
      if (!fields || typed) return;
      if (same(fields, original)) {
        storageRemove(storageKey);
        return;
      }
      apply(form, fields);
      showNotice(time);
    }

    if (data.posted === "1") {
      // The form came back from the server (a mistake, a conflict, busy): what it shows is
      // what was just typed. Keep that, and restore nothing over it.
      keepLocally();
    } else {
      const local = JSON.parse(storageGet(storageKey) || "null");
      if (local && local.fields) {
        restore(local.fields, clock(local.at));
      } else {
        fetch(`${data.keepUrl}?key=${encodeURIComponent(key)}`, {
          credentials: "same-origin",
          redirect: "manual",
        })
          .then((response) => (response.ok ? response.json() : { draft: null }))
          .then((answer) => {
            if (answer.draft) restore(answer.draft.fields, answer.draft.time);
          })
          .catch(() => {});
      }
    }

    function changed() {
      typed = true;
      dirty = true;
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(keepLocally, 300);
    }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("focusout", (event) => {
      keepLocally();
      const next = event.relatedTarget;
      if (next && next.form === form && next.type === "submit") return; // it saves for real
      keepOnServer();
    });
    form.addEventListener("submit", keepLocally); // discarded once the save succeeded
    window.setInterval(keepOnServer, Math.max(5, Number(data.saveSeconds) || 30) * 1000);
    window.addEventListener("pagehide", keepLocally);
  }

  document.querySelectorAll("form").forEach((form) => {
    const posts = (form.getAttribute("method") || "").toLowerCase() === "post";
    if (posts && !form.hasAttribute("data-no-draft") && form.querySelector("textarea")) {
      watch(form);
    }
  });

  // --- the session's idle limit -------------------------------------------------------------

  const idleSeconds = Number(data.idleSeconds) || 0;
  const warnSeconds = Number(data.warnSeconds) || 0;

  storageSet(ACTIVITY, String(lastActivity)); // this page was a request too

  let bar = null;
  function warningBar() {
    if (bar) return bar;
    bar = document.createElement("div");
    bar.className = "alert alert-warning session-warning d-flex flex-wrap gap-2 align-items-center";
    bar.setAttribute("role", "alert");
    const text = document.createElement("span");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm btn-primary ms-auto";
    button.textContent = data.stay;
    button.addEventListener("click", () => {
      post(data.keepAliveUrl)
        .then(() => {
          bar.classList.add("d-none");
        })
        .catch(() => {
          text.textContent = data.ended;
          button.remove();
        });
    });
    bar.append(text, button);
    const main = document.getElementById("main") || document.body;
    main.insertBefore(bar, main.firstChild);
    return bar;
  }

  function minutesText(seconds) {
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return minutes === 1 ? data.minute : data.minutes.replace("{n}", String(minutes));
  }

  function checkIdle() {
    if (!idleSeconds) return;
    const shared = Number(storageGet(ACTIVITY)) || 0; // another tab's requests count too
    const last = Math.max(lastActivity, shared);
    const left = idleSeconds - (Date.now() - last) / 1000;
    if (left > warnSeconds) {
      if (bar) bar.classList.add("d-none"); // (d-flex would outrank the hidden attribute)
      return;
    }
    const current = warningBar();
    current.classList.remove("d-none");
    const text = current.querySelector("span");
    const button = current.querySelector("button");
    if (left <= 0) {
      text.textContent = data.ended;
      if (button) button.hidden = true;
    } else {
      text.textContent = data.warning.replace("{minutes}", minutesText(left));
      if (button) button.hidden = false;
    }
  }
  if (idleSeconds) window.setInterval(checkIdle, 1000);
})();
