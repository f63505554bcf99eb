// Copy a freshly made API token to the clipboard; the field stays selectable without this.
// When the browser refuses both ways of copying, the button says so and the token stays
// selected for Ctrl+C.
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
  const show = (attribute) => {
    button.textContent = button.getAttribute(attribute);
  };
  const fallback = () => {
    input.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    show(copied ? "data-copied-text" : "data-copy-failed-text");
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(input.value).then(() => show("data-copied-text"), fallback);
  } else {
    fallback();
  }
});
