// Report pages: the print layout's "Afdrukken" button opens the browser's print dialog.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("print-now");
  if (button) {
    button.addEventListener("click", () => window.print());
  }
});
