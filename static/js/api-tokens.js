// Copy a freshly made API token to the clipboard; the field stays selectable without this.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy-target]");
  if (!button) {
    return;
  }
  const input = document.getElementById(button.getAttribute("data-copy-target"));
  if (!input) {
    return;
  }
  input.select();
  const done = () => {
    button.textContent = button.getAttribute("data-copied-text");
  };
  const fallback = () => {
    if (document.execCommand("copy")) {
      done();
    }
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(input.value).then(done, fallback);
  } else {
    fallback();
  }
});
